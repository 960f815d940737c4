import { Alert } from '@/components/ui';
import type { FormAction } from '@/components/forms/form-state';
import type { CompletionRequestView } from '@/lib/completions/queries';
import { formatDueDay } from '@/lib/completions/inputs';
import { CompletionAnswerForm } from './completion-answer-form';
import { CompletionRequestList, RequestDetails } from './completion-requests';

// "À compléter" on the citizen's request page: what the administration asks, by when, and the
// form to answer; then the requests already answered or withdrawn. Nothing shows when nothing was ever asked.

type Props = {
  requests: CompletionRequestView[];
  lockerChoices: { id: string; title: string; filename: string }[];
  dossierId: string;
  documentTitle: string;
  action: FormAction;
  sent: boolean;
  /** The citizen posted an answer to a request withdrawn meanwhile: nothing was sent. */
  withdrawnMeanwhile?: boolean;
  hrefOf: (attachmentId: string) => string;
};

export function CompletionSection({ requests, lockerChoices, dossierId, documentTitle, action, sent, withdrawnMeanwhile, hrefOf }: Props) {
  if (requests.length === 0) return null;
  const open = requests.filter((r) => !r.answeredAt && !r.withdrawnAt);
  // Answered or withdrawn: shown below, with what was sent or when it was withdrawn.
  const closed = requests.filter((r) => r.answeredAt || r.withdrawnAt);
  const closedTitle = closed.some((r) => r.answeredAt) ? 'Compléments envoyés' : 'Demandes de complément retirées';
  return (
    <section aria-labelledby="a-completer" className="mb-10">
      <h2 id="a-completer" className="mb-3 text-2xl font-bold">
        {open.length ? 'À compléter' : closedTitle}
      </h2>
      {sent ? <Alert tone="success">Votre complément a été envoyé à l’administration.</Alert> : null}
      {withdrawnMeanwhile ? (
        <Alert tone="warning">L’administration a retiré cette demande de complément : vous n’avez plus rien à envoyer pour celle-ci. Vos fichiers n’ont pas été envoyés.</Alert>
      ) : null}
      {open.map((request) => (
        <div key={request.id} className="mb-8 border-l-4 border-warning p-4">
          <p className="font-bold">L’administration vous demande un complément avant le {formatDueDay(request.dueOn)}.</p>
          <RequestDetails request={request} reader="citizen" />
          <div className="mt-6">
            <CompletionAnswerForm
              action={action}
              dossierId={dossierId}
              requestId={request.id}
              items={request.items.map(({ id, label }) => ({ id, label }))}
              correctionAsked={!!request.correction}
              lockerChoices={lockerChoices}
              documentTitle={documentTitle}
            />
          </div>
        </div>
      ))}
      {closed.length && open.length ? (
        <h3 className="mb-3 text-xl font-bold">{closedTitle}</h3>
      ) : null}
      {closed.length ? <CompletionRequestList requests={closed} reader="citizen" hrefOf={hrefOf} /> : null}
    </section>
  );
}
