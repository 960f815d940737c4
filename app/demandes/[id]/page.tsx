import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { AnswerSections, FileList, MessageThread, Timeline } from '@/components/dossiers/follow-up';
import { Alert, Breadcrumbs, Button, PageHeader, StatusTag } from '@/components/ui';
import { getCurrentUser, requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { formatDateTime } from '@/lib/common/dates';
import { findCitizenFollowUp } from '@/lib/dossiers/follow-up';
import { findSubmittedDossier, type SubmittedDossierView } from '@/lib/dossiers/submitted';
import { markDossierNotificationsRead } from '@/lib/notifications/queries';
import { replyAction } from './actions';
import { answerCompletionAction } from './completion-actions';
import { CompletionSection } from '@/components/dossiers/completion-section';
import { listCitizenCompletionRequests } from '@/lib/completions/queries';
import { listLockerChoices } from '@/lib/documents/dossier-files';
import { ReplyForm } from './reply-form';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ depot?: string | string[]; message?: string | string[]; complement?: string | string[] }> };

const findRequest = cache(async (userId: string, id: string) => findSubmittedDossier(await getDb(), userId, id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await getCurrentUser();
  const request = user ? await findRequest(user.id, (await params).id) : null;
  return { title: request ? `Demande n° ${request.number} — ${request.procedure.title}` : 'Ma demande' };
}

export default async function RequestPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireCitizen(`/demandes/${encodeURIComponent(id)}`);
  const request = await findRequest(user.id, id);
  // Someone else's request, a draft or an unknown id: the same 404.
  if (!request) notFound();
  const db = await getDb();
  const followUp = await findCitizenFollowUp(db, user.id, request.id);
  if (!followUp) notFound();
  await markDossierNotificationsRead(db, user.id, request.id);
  const query = await searchParams;
  const justFiled = query.depot === '1';
  const replied = query.message === 'envoye';
  const hrefOf = (attachmentId: string) => `/demandes/${request.id}/pieces/${attachmentId}`;
  const [requests, lockerChoices] = await Promise.all([listCitizenCompletionRequests(db, user.id, request.id), listLockerChoices(db, user.id)]);
  const toComplete = requests.some((r) => !r.answeredAt && !r.withdrawnAt);

  return (
    <>
      <Breadcrumbs items={[{ label: 'Accueil', href: '/' }, { label: 'Mes demandes', href: '/demandes' }, { label: `Demande n° ${request.number}` }]} />
      {justFiled ? <ConfirmationPanel request={request} /> : <PageHeader title={request.procedure.title} lead={`Demande n° ${request.number}`} />}

      <div className="max-w-3xl">
        <h2 className="mb-3 text-2xl font-bold">{justFiled ? 'Votre demande' : 'Statut et informations'}</h2>
        <dl className="mb-8 grid gap-x-4 gap-y-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
          <dt className="text-ink-muted">Statut</dt>
          <dd>
            <StatusTag tone={request.status.tone} label={request.status.label} />
            {toComplete ? <StatusTag tone="warning" label="À compléter" className="ml-2" /> : null}
            {request.status.description ? <p className="mt-1">{request.status.description}</p> : null}
          </dd>
          <dt className="text-ink-muted">Numéro</dt>
          <dd>{request.number}</dd>
          <dt className="text-ink-muted">Déposée le</dt>
          <dd>{formatDateTime(request.submittedAt)}</dd>
          <dt className="text-ink-muted">Démarche</dt>
          <dd className="break-words">
            <Link href={`/demarches/${request.procedure.slug}`}>{request.procedure.title}</Link>
          </dd>
          <dt className="text-ink-muted">Pour</dt>
          <dd className="break-words">{request.beneficiaryLabel}</dd>
        </dl>

        <p className="mb-10">
          <Button as="link" href={`/demandes/${request.id}/recepisse`} variant="secondary" prefetch={false}>
            Télécharger le récépissé (PDF)
          </Button>
        </p>

        <CompletionSection
          requests={requests}
          lockerChoices={lockerChoices}
          dossierId={request.id}
          documentTitle={`Demande n° ${request.number}`}
          action={answerCompletionAction}
          sent={query.complement === 'envoye'}
          withdrawnMeanwhile={query.complement === 'retiree'}
          hrefOf={hrefOf}
        />

        <section aria-labelledby="reponse" className="mb-10">
          <h2 id="reponse" className="mb-3 text-2xl font-bold">
            Réponse de l’administration
          </h2>
          <FileList files={followUp.responses} hrefOf={hrefOf} empty="L’administration n’a pas encore mis de réponse à votre disposition. Vous serez prévenu ou prévenue dès qu’elle le fera." />
        </section>

        <section aria-labelledby="historique" className="mb-10">
          <h2 id="historique" className="mb-3 text-2xl font-bold">
            Suivi de votre demande
          </h2>
          <Timeline items={followUp.timeline} reader="citizen" />
        </section>

        <section aria-labelledby="messages" className="mb-10">
          <h2 id="messages" className="mb-3 text-2xl font-bold">
            Messages
          </h2>
          {replied ? <Alert tone="success">Votre message a été envoyé à l’administration.</Alert> : null}
          <MessageThread messages={followUp.thread} reader="citizen" hrefOf={hrefOf} empty="Aucun message pour le moment. Vous pouvez écrire à l’administration au sujet de votre demande." />
          <ReplyForm action={replyAction} dossierId={request.id} documentTitle={`Demande n° ${request.number}`} />
        </section>

        <section aria-labelledby="pieces" className="mb-10">
          <h2 id="pieces" className="mb-3 text-2xl font-bold">
            Pièces justificatives
          </h2>
          <FileList files={followUp.supporting} hrefOf={hrefOf} empty="Aucune pièce justificative n’a été jointe à cette demande." />
        </section>

        <h2 className="mb-4 text-2xl font-bold">Vos réponses</h2>
        <AnswerSections sections={request.answers} />
      </div>
    </>
  );
}

/** GOV.UK-style confirmation: the reference number first, then what happens next. */
function ConfirmationPanel({ request }: { request: SubmittedDossierView }) {
  return (
    <>
      <div className="mb-8 max-w-3xl bg-success p-6 text-center text-white sm:p-8">
        <h1 className="text-3xl font-bold sm:text-4xl">Demande déposée</h1>
        <p className="mt-4 text-xl sm:text-2xl">
          Votre numéro : <strong className="whitespace-nowrap">{request.number}</strong>
        </p>
      </div>
      <div className="mb-10 max-w-3xl">
        <p className="mb-4">
          Votre demande « {request.procedure.title} » a bien été envoyée. Un courriel de confirmation, avec le récépissé de dépôt en pièce jointe, vous a
          été adressé.
        </p>
        <h2 className="mb-3 text-2xl font-bold">Et maintenant ?</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>Votre demande va être examinée par l’administration.</li>
          {request.processingTime ? <li>Délai indicatif : {request.processingTime}.</li> : null}
          <li>Vous recevrez une notification à chaque changement de statut, et vous pouvez la suivre à tout moment dans « Mes demandes ».</li>
          <li>Gardez votre numéro de demande : il vous sera demandé si vous contactez l’administration.</li>
        </ul>
      </div>
    </>
  );
}
