import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import { procedureAccessGrants, dossiers, messages, procedureVersions, procedures, profiles, users } from '@/db/schema';
import { beneficiaryLabelOf } from '@/lib/dossiers/beneficiary';
import { definitionOfVersion } from '@/lib/dossiers/definitions';
import { findAttachmentWithin, listAttachments, listThread, listTimeline, type AttachmentView, type ThreadMessage, type TimelineEntry, type StoredAttachment } from '@/lib/dossiers/follow-up';
import { isDossierId } from '@/lib/dossiers/ids';
import { describeAnswers, statusOf, type AnswerSection, type DossierStatusView } from '@/lib/dossiers/submitted';
import type { Answers } from '@/lib/procedures/answers';
import type { Status } from '@/lib/procedures/definition';
import { dossiersInScope, type BackOfficeUser } from './scope';
import { beneficiaryLabelForAgents } from './labels';
import { dossierScopeOf } from './rules';
import { clearUnreadMarker } from './unread';
import { listCompletionRequests, type CompletionRequestView } from '@/lib/completions/queries';
import { personNameSql } from './queue';

const assignee = alias(users, 'assignee');
const assigneeProfile = alias(profiles, 'assignee_profile');

export type ProcedureOption = { id: string; title: string };
export type StatusOption = { key: string; label: string };

/** Procedures the user processes: assigned ones for an agent, all for an administrator. */
export async function listProceduresInScope(db: Executor, user: BackOfficeUser): Promise<ProcedureOption[]> {
  const scope = dossierScopeOf(user.role);
  if (scope === 'none') return [];
  const query = db.select({ id: procedures.id, title: procedures.title }).from(procedures);
  const rows =
    scope === 'all-procedures'
      ? await query.orderBy(asc(procedures.title))
      : await query
          .innerJoin(procedureAccessGrants, and(eq(procedureAccessGrants.procedureId, procedures.id), eq(procedureAccessGrants.agentId, user.id)))
          .orderBy(asc(procedures.title));
  return rows;
}

/** Status filter choices: the statuses of the procedures in scope (or of the one chosen), by key. */
export async function listStatusOptions(db: Executor, procedureIds: string[]): Promise<StatusOption[]> {
  if (procedureIds.length === 0) return [];
  const rows = await db
    .select({ versionId: procedureVersions.id, definition: procedureVersions.definition })
    .from(procedureVersions)
    .where(inArray(procedureVersions.procedureId, procedureIds))
    .orderBy(asc(procedureVersions.procedureId), asc(procedureVersions.version));
  const labels = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const status of definitionOfVersion(row.versionId, row.definition).statuses) {
      if (!labels.has(status.key)) labels.set(status.key, new Set());
      labels.get(status.key)!.add(status.label);
    }
  }
  return [...labels].map(([key, names]) => ({ key, label: [...names].join(' / ') }));
}

export type BackOfficeDossierSummary = {
  id: string;
  number: string;
  procedureTitle: string;
  beneficiaryLabel: string;
  status: DossierStatusView;
  submittedAt: Date;
  /** Citizen messages no agent has opened yet. */
  unreadMessages: number;
  /** Since when a citizen message or answer waits for an agent to open the dossier (null: nothing unread). */
  unreadSince: Date | null;
};

export type BackOfficeDossierView = Omit<BackOfficeDossierSummary, 'unreadMessages' | 'unreadSince'> & {
  procedureId: string;
  /** Who filed it (the account holder), as their profile names them today. */
  filedBy: string;
  /** The frozen procedure version's own status list: the only choices for a change. */
  statuses: Pick<Status, 'key' | 'label' | 'final'>[];
  answers: AnswerSection[];
  timeline: TimelineEntry[];
  thread: ThreadMessage[];
  supporting: AttachmentView[];
  responses: AttachmentView[];
  /** Requests for documents or a correction ("À compléter"), oldest first, with the answers. */
  requests: CompletionRequestView[];
  assignee: { id: string; name: string } | null;
};

/** One dossier in scope with everything the agent reads, or null (out of scope, draft, unknown). */
export async function findDossierInScope(db: Executor, user: BackOfficeUser, dossierId: string): Promise<BackOfficeDossierView | null> {
  if (!isDossierId(dossierId)) return null;
  const [row] = await db
    .select({
      id: dossiers.id,
      procedureId: dossiers.procedureId,
      number: dossiers.number,
      status: dossiers.status,
      submittedAt: dossiers.submittedAt,
      data: dossiers.data,
      beneficiaryKind: dossiers.beneficiaryKind,
      beneficiarySnapshot: dossiers.beneficiarySnapshot,
      versionId: procedureVersions.id,
      definition: procedureVersions.definition,
      procedureTitle: procedures.title,
      firstNames: profiles.firstNames,
      usageName: profiles.usageName,
      birthName: profiles.birthName,
      assigneeId: dossiers.assigneeId,
      assigneeName: personNameSql(assigneeProfile, assignee),
    })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .leftJoin(profiles, eq(profiles.userId, dossiers.ownerId))
    .leftJoin(assignee, eq(assignee.id, dossiers.assigneeId))
    .leftJoin(assigneeProfile, eq(assigneeProfile.userId, dossiers.assigneeId))
    .where(and(eq(dossiers.id, dossierId), dossiersInScope(user)));
  if (!row) return null;
  const definition = definitionOfVersion(row.versionId, row.definition);
  const [timeline, thread, attachments, requests] = await Promise.all([
    listTimeline(db, row.id, definition),
    listThread(db, row.id),
    listAttachments(db, row.id),
    listCompletionRequests(db, row.id),
  ]);
  return {
    id: row.id,
    procedureId: row.procedureId,
    number: row.number!,
    procedureTitle: row.procedureTitle,
    beneficiaryLabel: beneficiaryLabelForAgents(row.beneficiaryKind, beneficiaryLabelOf(row.beneficiaryKind, row.beneficiarySnapshot)),
    status: statusOf(definition, row.status),
    submittedAt: row.submittedAt!,
    filedBy: [row.firstNames, row.usageName ?? row.birthName].filter(Boolean).join(' ') || 'Compte sans nom renseigné',
    statuses: definition.statuses.map(({ key, label, final }) => ({ key, label, final })),
    answers: describeAnswers(definition, row.data as Answers),
    timeline,
    thread,
    supporting: attachments.filter((a) => a.kind === 'supporting'),
    responses: attachments.filter((a) => a.kind === 'response'),
    requests,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
  };
}

/** Marks the citizen's messages and answers of a dossier in scope as read by the back office. */
export async function markCitizenMessagesRead(db: Executor, user: BackOfficeUser, dossierId: string): Promise<void> {
  if (!isDossierId(dossierId)) return;
  await clearUnreadMarker(db, user, dossierId);
  await db
    .update(messages)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(messages.dossierId, dossierId),
        eq(messages.authorRole, 'citizen'),
        sql`${messages.readAt} is null`,
        sql`exists (select 1 from ${dossiers} where ${dossiers.id} = ${messages.dossierId} and ${dossiersInScope(user)})`,
      ),
    );
}

/** A file of a dossier in scope (supporting or response), with its storage key for the download route only. */
export async function findAttachmentInScope(db: Executor, user: BackOfficeUser, dossierId: string, attachmentId: string): Promise<StoredAttachment | null> {
  return findAttachmentWithin(db, dossiersInScope(user), dossierId, attachmentId);
}

/** Whether a dossier is in scope, without reading it (live-updates stream). */
export async function findDossierRefInScope(db: Executor, user: BackOfficeUser, dossierId: string): Promise<{ id: string } | null> {
  if (!isDossierId(dossierId)) return null;
  const [row] = await db.select({ id: dossiers.id }).from(dossiers).where(and(eq(dossiers.id, dossierId), dossiersInScope(user)));
  return row ?? null;
}
