import 'server-only';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import { dossierSearchTerms, dossiers, messages, procedureAccessGrants, procedureVersions, procedures, profiles, users } from '@/db/schema';
import { beneficiaryLabelOf } from '@/lib/dossiers/beneficiary';
import { definitionOfVersion } from '@/lib/dossiers/definitions';
import { statusOf, type DossierStatusView } from '@/lib/dossiers/submitted';
import type { DossierListQuery } from './schemas';
import { dossierScopeOf } from './rules';
import { dossiersInScope, type BackOfficeUser } from './scope';
import { beneficiaryLabelForAgents } from './labels';
import { prefixPattern, searchTokens } from './search';

// The back-office queue (decision 022): filters written into one WHERE clause, keyset pagination
// on (sort key, id) so that a deep page costs what the first one does, counts per status.

export const QUEUE_PAGE_SIZE = 20;

const assignee = alias(users, 'assignee');
const assigneeProfile = alias(profiles, 'assignee_profile');

/** "Prénom Nom" of a profile, or the email address when the profile holds no name (agents). */
type NameColumns = { firstNames: AnyPgColumn; usageName: AnyPgColumn; birthName: AnyPgColumn };

export function personNameSql(profile: NameColumns, user?: { email: AnyPgColumn }): SQL<string | null> {
  const name = sql`nullif(concat_ws(' ', ${profile.firstNames}, coalesce(${profile.usageName}, ${profile.birthName})), '')`;
  return (user ? sql`coalesce(${name}, ${user.email})` : name) as SQL<string | null>;
}

function sortKeyOf(sort: DossierListQuery['tri']) {
  return sort === 'activite' ? dossiers.lastActivityAt : dossiers.submittedAt;
}

/**
 * The queue's scope: dossiersInScope's rule, with an agent's granted procedures read first and
 * written as a list (`procedure_id in (…)`): the planner then walks the (key, id) index and stops
 * after a page, where the EXISTS form made it join and sort every dossier of those procedures.
 */
export async function queueScope(db: Executor, user: BackOfficeUser): Promise<SQL> {
  if (dossierScopeOf(user.role) !== 'granted-procedures') return dossiersInScope(user);
  const grants = await db.select({ procedureId: procedureAccessGrants.procedureId }).from(procedureAccessGrants).where(eq(procedureAccessGrants.agentId, user.id));
  if (grants.length === 0) return sql`false`;
  return and(
    ne(dossiers.status, 'draft'),
    isNotNull(dossiers.submittedAt),
    isNotNull(dossiers.number),
    inArray(
      dossiers.procedureId,
      grants.map((grant) => grant.procedureId),
    ),
  )!;
}

/** Every filter but the keyset cursor (and, for the counts, but the status); `scope` from queueScope. */
export function queueConditions(scope: SQL, user: BackOfficeUser, query: DossierListQuery, options: { withStatus?: boolean } = {}): SQL {
  const tokens = query.q ? searchTokens(query.q) : [];
  return and(
    scope,
    query.procedure ? eq(dossiers.procedureId, query.procedure) : undefined,
    options.withStatus !== false && query.procedure && query.status ? eq(dossiers.status, query.status) : undefined,
    query.du ? sql`${dossiers.submittedAt} >= (${query.du}::date)::timestamp at time zone 'Europe/Paris'` : undefined,
    query.au ? sql`${dossiers.submittedAt} < ((${query.au}::date + 1)::timestamp at time zone 'Europe/Paris')` : undefined,
    query.attribution === 'moi' ? eq(dossiers.assigneeId, user.id) : query.attribution === 'aucun' ? isNull(dossiers.assigneeId) : undefined,
    query.nonlu ? isNotNull(dossiers.agentUnreadSince) : undefined,
    // A query with only punctuation matches nothing rather than everything.
    query.q && tokens.length === 0 ? sql`false` : undefined,
    ...tokens.map(
      (token) => sql`${dossiers.id} in (select ${dossierSearchTerms.dossierId} from ${dossierSearchTerms} where ${dossierSearchTerms.term} like ${prefixPattern(token)})`,
    ),
  )!;
}

export function cursorCondition(query: DossierListQuery): SQL | undefined {
  if (!query.apres) return undefined;
  const [key, id] = query.apres.split('~');
  const sortKey = sortKeyOf(query.tri);
  // Row comparison: PostgreSQL walks the (key, id) index from the cursor on.
  return query.tri === 'anciens'
    ? sql`(${sortKey}, ${dossiers.id}) > (${key}::timestamptz, ${id}::uuid)`
    : sql`(${sortKey}, ${dossiers.id}) < (${key}::timestamptz, ${id}::uuid)`;
}

export function orderOf(query: DossierListQuery) {
  const sortKey = sortKeyOf(query.tri);
  return query.tri === 'anciens' ? [asc(sortKey), asc(dossiers.id)] : [desc(sortKey), desc(dossiers.id)];
}

export type QueueItem = {
  id: string;
  number: string;
  procedureId: string;
  procedureTitle: string;
  beneficiaryLabel: string;
  filedBy: string;
  status: DossierStatusView;
  submittedAt: Date;
  lastActivityAt: Date;
  assignee: { id: string; name: string } | null;
  /** Citizen messages no agent has opened yet. */
  unreadMessages: number;
  /** Since when a citizen message or answer waits for an agent to open the dossier (null: nothing unread). */
  unreadSince: Date | null;
};

export type QueuePage = { items: QueueItem[]; nextCursor: string | null };

export const cursorKey = (sort: DossierListQuery['tri']) => sql<string>`(${sortKeyOf(sort)})::text`;

/**
 * One page of the queue: at most `limit` dossiers after the cursor, and the cursor of the next page.
 * Deferred join: the inner query reads only `dossiers` (filters, order, limit) so PostgreSQL can
 * walk a (key, id) index and stop after the page; names, labels and counts are joined to those rows only.
 */
export async function listQueuePage(db: Executor, user: BackOfficeUser, query: DossierListQuery, limit = QUEUE_PAGE_SIZE): Promise<QueuePage> {
  const page = db
    .select({ pageId: sql<string>`${dossiers.id}`.as('page_id') })
    .from(dossiers)
    .where(and(queueConditions(await queueScope(db, user), user, query), cursorCondition(query)))
    .orderBy(...orderOf(query))
    .limit(limit + 1)
    .as('page');
  const rows = await db
    .select({
      id: dossiers.id,
      number: dossiers.number,
      procedureId: dossiers.procedureId,
      status: dossiers.status,
      submittedAt: dossiers.submittedAt,
      lastActivityAt: dossiers.lastActivityAt,
      cursorKey: cursorKey(query.tri),
      beneficiaryKind: dossiers.beneficiaryKind,
      beneficiarySnapshot: dossiers.beneficiarySnapshot,
      versionId: procedureVersions.id,
      definition: procedureVersions.definition,
      procedureTitle: procedures.title,
      filedBy: personNameSql(profiles),
      assigneeId: dossiers.assigneeId,
      assigneeName: personNameSql(assigneeProfile, assignee),
      unreadMessages: sql<number>`(select count(*) from ${messages} m where m.dossier_id = ${dossiers.id} and m.author_role = 'citizen' and m.read_at is null)`.mapWith(Number),
      unreadSince: dossiers.agentUnreadSince,
    })
    .from(page)
    .innerJoin(dossiers, eq(dossiers.id, page.pageId))
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .leftJoin(profiles, eq(profiles.userId, dossiers.ownerId))
    .leftJoin(assignee, eq(assignee.id, dossiers.assigneeId))
    .leftJoin(assigneeProfile, eq(assigneeProfile.userId, dossiers.assigneeId))
    .orderBy(...orderOf(query));
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    nextCursor: rows.length > limit && last ? `${last.cursorKey}~${last.id}` : null,
    items: shown.map((row) => ({
      id: row.id,
      number: row.number!,
      procedureId: row.procedureId,
      procedureTitle: row.procedureTitle,
      beneficiaryLabel: beneficiaryLabelForAgents(row.beneficiaryKind, beneficiaryLabelOf(row.beneficiaryKind, row.beneficiarySnapshot)),
      filedBy: row.filedBy ?? 'Compte sans nom renseigné',
      status: statusOf(definitionOfVersion(row.versionId, row.definition), row.status),
      submittedAt: row.submittedAt!,
      lastActivityAt: row.lastActivityAt ?? row.submittedAt!,
      assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
      unreadMessages: row.unreadMessages,
      unreadSince: row.unreadSince,
    })),
  };
}

export type QueueCounts = { total: number; byStatus: Record<string, number> | null };

/**
 * How many dossiers match. With a procedure chosen: per status of that procedure (every filter but
 * the status), the total being the chosen status's count or their sum. Without: one count.
 */
export async function countQueue(db: Executor, user: BackOfficeUser, query: DossierListQuery): Promise<QueueCounts> {
  const scope = await queueScope(db, user);
  if (!query.procedure) {
    const [{ total }] = await db.select({ total: count() }).from(dossiers).where(queueConditions(scope, user, query));
    return { total, byStatus: null };
  }
  const rows = await db
    .select({ status: dossiers.status, n: count() })
    .from(dossiers)
    .where(queueConditions(scope, user, query, { withStatus: false }))
    .groupBy(dossiers.status);
  const byStatus = Object.fromEntries(rows.map((row) => [row.status, row.n]));
  const total = query.status ? (byStatus[query.status] ?? 0) : rows.reduce((sum, row) => sum + row.n, 0);
  return { total, byStatus };
}
