import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { AnswerSections, FileList, MessageThread, Timeline } from '@/components/dossiers/follow-up';
import { LiveUpdates } from '@/components/notifications/live-updates';
import { Alert, Breadcrumbs, PageHeader, StatusTag } from '@/components/ui';
import { getCurrentUser, requireAgent } from '@/lib/auth/guards';
import { findDossierInScope, markCitizenMessagesRead } from '@/lib/processing/queries';
import { isBackOfficeRole } from '@/lib/processing/rules';
import { getDb } from '@/lib/db';
import { ACCEPT_ATTRIBUTE, ACCEPTED_FORMATS_LABEL, MAX_UPLOAD_BYTES } from '@/lib/documents/check-upload';
import { formatDateTime } from '@/lib/common/dates';
import { listAssignableAgents, listAssignmentHistory } from '@/lib/processing/assignment';
import { findTombstoneInScope } from '@/lib/processing/tombstones';
import { changeStatusAction, publishResponseAction, sendMessageAction } from './actions';
import { AssignmentPanel } from './assignment';
import { TombstonePage } from './tombstone';
import { AgentMessageForm, ChangeStatusForm, PublishResponseForm } from './forms';
import { DossierExports } from '@/components/processing/dossier-exports';
import { PrivateNotes } from '@/components/processing/private-notes';
import { listPrivateNotes } from '@/lib/processing/notes';
import { recordDossierRead } from '@/lib/processing/reads';
import { addNoteAction } from './note-actions';
import { askCompletionAction, withdrawCompletionAction } from './completion-actions';
import { AskCompletionForm } from '@/components/processing/request-form';
import { CompletionsSection } from '@/components/processing/completions-section';
import { parisToday } from '@/lib/completions/inputs';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ fait?: string | string[]; attribution?: string | string[] }> };

const findDossier = cache(async (userId: string, role: 'agent' | 'admin', id: string) => findDossierInScope(await getDb(), { id: userId, role }, id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await getCurrentUser();
  const dossier = user && isBackOfficeRole(user.role) ? await findDossier(user.id, user.role, (await params).id) : null;
  return { title: dossier ? `Dossier n° ${dossier.number} — ${dossier.procedureTitle}` : 'Dossier' };
}

const liveAnnouncements: Record<string, string> = {
  citizen_message: 'L’usager a envoyé un message.',
  status_change: 'Le statut de ce dossier a changé.',
  message: 'Un message a été envoyé à l’usager.',
  response: 'Une réponse a été publiée pour ce dossier.',
  completion_request: 'Un complément a été demandé à l’usager.',
  completion_answered: 'L’usager a envoyé le complément demandé.',
  completion_withdrawn: 'Une demande de complément a été retirée.',
};

const doneMessages: Record<string, string> = {
  statut: 'Le statut a été changé. L’usager en est informé.',
  message: 'Votre message a été envoyé à l’usager.',
  reponse: 'La réponse a été publiée. L’usager peut la télécharger depuis sa demande.',
  note: 'Votre note interne a été enregistrée. Seuls les agents peuvent la lire.',
  complement: 'Le complément a été demandé. L’usager en est informé et voit sa demande « À compléter ».',
  'complement-retire': 'La demande de complément a été retirée. L’usager en est informé et n’a plus rien à envoyer pour celle-ci.',
};

const warnings: Record<string, string> = {
  'complement-clos': 'Cette demande de complément ne peut plus être retirée : l’usager y a déjà répondu, ou elle a déjà été retirée.',
};

export default async function BackOfficeDossierPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireAgent(`/admin/dossiers/${encodeURIComponent(id)}`);
  const role = user.role as 'agent' | 'admin';
  const dossier = await findDossier(user.id, role, id);
  if (!dossier) {
    // Deleted (account deletion or retention): its tombstone, for the procedures in scope.
    const tombstone = await findTombstoneInScope(await getDb(), { id: user.id, role }, id);
    if (tombstone) return <TombstonePage tombstone={tombstone} />;
    // Not assigned, a draft or an unknown id: the same 404.
    notFound();
  }
  const db = await getDb();
  await markCitizenMessagesRead(db, { id: user.id, role }, dossier.id);
  await recordDossierRead(db, { id: user.id, role }, dossier.id);
  const notes = await listPrivateNotes(db, { id: user.id, role }, dossier.id);
  const [agents, assignmentHistory] = await Promise.all([listAssignableAgents(db, dossier.procedureId), listAssignmentHistory(db, dossier.id)]);
  const { fait, attribution } = await searchParams;
  const done = typeof fait === 'string' ? doneMessages[fait] : undefined;
  const warning = typeof fait === 'string' ? warnings[fait] : undefined;
  const documentTitle = `Dossier n° ${dossier.number}`;
  const maxSizeLabel = `${Math.round(MAX_UPLOAD_BYTES / (1024 * 1024))} Mo`;
  const fileHref = (attachmentId: string) => `/admin/dossiers/${dossier.id}/pieces/${attachmentId}`;

  return (
    <>
      <Breadcrumbs items={[{ label: 'Dossiers à traiter', href: '/admin' }, { label: `Dossier n° ${dossier.number}` }]} />
      <PageHeader title={`Dossier n° ${dossier.number}`} lead={dossier.procedureTitle}>
        <p>
          <span className="sr-only">Statut actuel : </span>
          <StatusTag tone={dossier.status.tone} label={dossier.status.label} />
        </p>
      </PageHeader>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {warning ? <Alert tone="warning">{warning}</Alert> : null}
      <LiveUpdates src={`/admin/dossiers/${dossier.id}/flux`} announcements={liveAnnouncements} />

      <AssignmentPanel
        dossierId={dossier.id}
        currentUserId={user.id}
        assignee={dossier.assignee}
        agents={agents}
        history={assignmentHistory}
        outcome={typeof attribution === 'string' ? attribution : undefined}
      />

      <div className="grid gap-10 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div>
          <h2 className="mb-3 text-2xl font-bold">Informations</h2>
          <dl className="mb-8 grid gap-x-4 gap-y-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
            <dt className="text-ink-muted">Déposé le</dt>
            <dd>{formatDateTime(dossier.submittedAt)}</dd>
            <dt className="text-ink-muted">Déposé par</dt>
            <dd className="break-words">{dossier.filedBy}</dd>
            <dt className="text-ink-muted">Bénéficiaire</dt>
            <dd className="break-words">{dossier.beneficiaryLabel}</dd>
          </dl>

          <h2 className="mb-4 text-2xl font-bold">Réponses au formulaire</h2>
          <AnswerSections sections={dossier.answers} />

          <h2 className="mb-3 text-2xl font-bold">Pièces justificatives</h2>
          <FileList files={dossier.supporting} hrefOf={(attachmentId) => `/admin/dossiers/${dossier.id}/pieces/${attachmentId}`} empty="Aucune pièce justificative n’a été jointe." />

          <h2 className="mb-3 text-2xl font-bold">Réponses de l’administration</h2>
          <FileList files={dossier.responses} hrefOf={(attachmentId) => `/admin/dossiers/${dossier.id}/pieces/${attachmentId}`} empty="Aucune réponse publiée pour le moment." />

          <h2 id="messages" className="mb-3 text-2xl font-bold">
            Messages
          </h2>
          <MessageThread messages={dossier.thread} reader="agent" empty="Aucun message échangé pour le moment." hrefOf={fileHref} />

          <CompletionsSection requests={dossier.requests} hrefOf={fileHref} withdraw={{ action: withdrawCompletionAction, dossierId: dossier.id }} />
        </div>

        <div>
          <DossierExports dossierId={dossier.id} fileCount={dossier.supporting.length + dossier.responses.length} />
          <h2 className="mb-3 text-2xl font-bold">Historique</h2>
          <Timeline items={dossier.timeline} reader="agent" />
          <PrivateNotes notes={notes} action={addNoteAction} dossierId={dossier.id} documentTitle={documentTitle} />
        </div>
      </div>

      <section id="actions" aria-labelledby="actions-title" className="mt-12 max-w-3xl border-t-4 border-primary pt-6">
        <h2 id="actions-title" className="mb-6 text-2xl font-bold">
          Traiter le dossier
        </h2>
        <h3 className="mb-3 text-xl font-bold">Changer le statut</h3>
        <ChangeStatusForm action={changeStatusAction} dossierId={dossier.id} documentTitle={documentTitle} statuses={dossier.statuses} current={dossier.status.key} />

        <h3 className="mb-3 mt-10 text-xl font-bold">Écrire à l’usager</h3>
        <AgentMessageForm action={sendMessageAction} dossierId={dossier.id} documentTitle={documentTitle} />

        <h3 className="mb-3 mt-10 text-xl font-bold">Demander un complément</h3>
        <AskCompletionForm action={askCompletionAction} dossierId={dossier.id} documentTitle={documentTitle} today={parisToday(new Date())} />

        <h3 className="mb-3 mt-10 text-xl font-bold">Publier la réponse de l’administration</h3>
        <PublishResponseForm
          action={publishResponseAction}
          dossierId={dossier.id}
          documentTitle={documentTitle}
          accept={ACCEPT_ATTRIBUTE}
          formatsLabel={ACCEPTED_FORMATS_LABEL}
          maxSizeLabel={maxSizeLabel}
        />
        <p className="mt-8">
          <Link href="/admin">Revenir à la liste des dossiers</Link>
        </p>
      </section>
    </>
  );
}
