import { Button, StatusTag } from '@/components/ui';
import { formatDateTime } from '@/lib/common/dates';
import type { CompletionRequestView } from '@/lib/completions/queries';
import { formatDueDay } from '@/lib/completions/inputs';
import { formatSize, type Reader } from './follow-up';

// Requests for documents or a correction, with what was sent back: the same list for the citizen
// ("Ma demande") and the agent (back office). Server component.

/** The agent's "Retirer la demande" button: a plain form post, so it works without JavaScript. */
export type WithdrawForm = { action: (formData: FormData) => Promise<void>; dossierId: string };

function RequestTag({ request }: { request: CompletionRequestView }) {
  if (request.answeredAt) return <StatusTag tone="success" label="Complément envoyé" />;
  if (request.withdrawnAt) return <StatusTag tone="neutral" label="Demande retirée" />;
  return <StatusTag tone="warning" label="À compléter" />;
}

export function CompletionRequestList({ requests, reader, hrefOf, withdraw }: { requests: CompletionRequestView[]; reader: Reader; hrefOf: (attachmentId: string) => string; withdraw?: WithdrawForm }) {
  const ordered = [...requests].reverse();
  return (
    <ol className="mb-6 space-y-4">
      {ordered.map((request) => (
        <li key={request.id} className="border-l-4 border-line bg-surface p-4">
          <p className="flex flex-wrap items-center gap-2">
            <RequestTag request={request} />
            <span className="text-sm text-ink-muted">
              Demandé le <time dateTime={request.askedAt.toISOString()}>{formatDateTime(request.askedAt)}</time>, à envoyer avant le{' '}
              <time dateTime={request.dueOn}>{formatDueDay(request.dueOn)}</time>
            </span>
          </p>
          <RequestDetails request={request} reader={reader} hrefOf={hrefOf} />
          {request.answeredAt ? (
            <p className="mt-2 text-sm text-ink-muted">
              {reader === 'citizen' ? 'Envoyé' : 'Reçu'} le <time dateTime={request.answeredAt.toISOString()}>{formatDateTime(request.answeredAt)}</time>
            </p>
          ) : null}
          {request.withdrawnAt ? (
            <p className="mt-2 text-sm text-ink-muted">
              Retirée par l’administration le <time dateTime={request.withdrawnAt.toISOString()}>{formatDateTime(request.withdrawnAt)}</time>
            </p>
          ) : null}
          {withdraw && !request.answeredAt && !request.withdrawnAt ? (
            <form action={withdraw.action} className="mt-3">
              <input type="hidden" name="dossierId" value={withdraw.dossierId} />
              <input type="hidden" name="requestId" value={request.id} />
              <Button type="submit" variant="secondary">
                Retirer cette demande
              </Button>
              <p className="mt-1 text-sm text-ink-muted">L’usager sera prévenu qu’il n’a plus rien à envoyer pour cette demande.</p>
            </form>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** What is asked, and what was sent back for each part. */
export function RequestDetails({ request, reader, hrefOf }: { request: CompletionRequestView; reader: Reader; hrefOf?: (attachmentId: string) => string }) {
  return (
    <>
      {request.items.length ? (
        <>
          <p className="mt-2 font-medium">Documents demandés :</p>
          <ul className="list-disc space-y-1 pl-6">
            {request.items.map((item) => (
              <li key={item.id} className="break-words">
                {item.label}
                {item.file && hrefOf ? (
                  <>
                    {' — '}
                    <a href={hrefOf(item.file.id)} download>
                      Télécharger « {item.file.filename} »
                    </a>{' '}
                    <span className="text-sm">({formatSize(item.file.sizeBytes)})</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {request.correction ? (
        <p className="mt-2 whitespace-pre-line break-words">
          <span className="font-medium">Correction demandée : </span>
          {request.correction}
        </p>
      ) : null}
      {request.answerMessage ? (
        <p className="mt-2 whitespace-pre-line break-words">
          <span className="font-medium">{reader === 'citizen' ? 'Votre réponse : ' : 'Réponse de l’usager : '}</span>
          {request.answerMessage}
        </p>
      ) : null}
    </>
  );
}
