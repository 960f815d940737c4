import 'server-only';
import { and, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from '@/db/client';
import { dossierSearchTerms, dossiers, messages, procedureAccessGrants, procedureVersions, procedures, profiles, users } from '@/db/schema';
import { beneficiaryLabelOf } from '@/lib/dossiers/beneficiary';
import { definitionOfVersion } from '@/lib/dossiers/definitions';
import { statusOf, type DossierStatusView } from '@/lib/dossiers/submitted';
import type { DossierListQuery } from './schemas';
import { dossierScopeOf } from './rules';
import { dossiersInScope, type BackOfficeUser } from './scope';
import { beneficiaryLabelForAgents } from './labels';
import { prefixPattern, searchTokens } from './search';
import { planSearch, searchConditions, type SearchPlan } from './search-plan';

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

/** The queue's scope: the WHERE condition, and the granted procedures of an agent (null: every procedure). */
export type QueueScope = { where: SQL; procedureIds: string[] | null };

/**
 * dossiersInScope's rule, with an agent's granted procedures read first and written as a list
 * (`procedure_id in (…)`): the planner then walks the (procedure, key, id) indexes and stops after a
 * page, where the EXISTS form made it join and sort every dossier of those procedures.
 */
export async function queueScope(db: Executor, user: BackOfficeUser): Promise<QueueScope> {
  if (dossierScopeOf(user.role) !== 'granted-procedures') return { where: dossiersInScope(user), procedureIds: null };
  const grants = await db.select({ procedureId: procedureAccessGrants.procedureId }).from(procedureAccessGrants).where(eq(procedureAccessGrants.agentId, user.id));
  const procedureIds = grants.map((grant) => grant.procedureId).sort();
  if (procedureIds.length === 0) return { where: sql`false`, procedureIds };
  return { where: and(ne(dossiers.status, 'draft'), isNotNull(dossiers.submittedAt), isNotNull(dossiers.number), inArray(dossiers.procedureId, procedureIds))!, procedureIds };
}

/** True when the query filters rows beyond procedure and status: counts then come from the rows, not the counter table. */
export function filtersRows(query: DossierListQuery): boolean {
  return !!(query.q || query.du || query.au || query.attribution || query.nonlu);
}

/**
 * Every filter but the keyset cursor (and, for the counts, but the status). The words of a search
 * are checked as the page's SearchPlan says, else as semi-joins the planner is free to order.
 */
export function queueConditions(scope: QueueScope, user: BackOfficeUser, query: DossierListQuery, options: { withStatus?: boolean; search?: SearchPlan } = {}): SQL {
  const tokens = query.q ? searchTokens(query.q) : [];
  const search = options.search
    ? searchConditions(options.search)
    : tokens.map(
        (token) => sql`${dossiers.id} in (select ${dossierSearchTerms.dossierId} from ${dossierSearchTerms} where ${dossierSearchTerms.term} like ${prefixPattern(token)})`,
      );
  return and(
    scope.where,
    query.procedure ? eq(dossiers.procedureId, query.procedure) : undefined,
    options.withStatus !== false && query.procedure && query.status ? eq(dossiers.status, query.status) : undefined,
    query.du ? sql`${dossiers.submittedAt} >= (${query.du}::date)::timestamp at time zone 'Europe/Paris'` : undefined,
    query.au ? sql`${dossiers.submittedAt} < ((${query.au}::date + 1)::timestamp at time zone 'Europe/Paris')` : undefined,
    query.attribution === 'moi' ? eq(dossiers.assigneeId, user.id) : query.attribution === 'aucun' ? isNull(dossiers.assigneeId) : undefined,
    query.nonlu ? isNotNull(dossiers.agentUnreadSince) : undefined,
    // A query with only punctuation matches nothing rather than everything.
    query.q && tokens.length === 0 ? sql`false` : undefined,
    ...search,
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

/**
 * The queue's order. The NULLS clauses match the `(key desc nulls last, id desc nulls last)`
 * indexes (read backwards for "anciens"): with PostgreSQL's defaults (desc nulls first, asc nulls
 * last) no index matched and every matching row was sorted. Keys are never null in the queue's
 * scope, so the order users see is the same.
 */
export function orderOf(query: DossierListQuery): SQL[] {
  const sortKey = sortKeyOf(query.tri);
  return query.tri === 'anciens' ? [sql`${sortKey} asc nulls first`, sql`${dossiers.id} asc nulls first`] : [sql`${sortKey} desc nulls last`, sql`${dossiers.id} desc nulls last`];
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
 * The ids of one page (at most `limit`), in order. The query reads `dossiers` alone so PostgreSQL
 * can walk a (key, id) index and stop after the page. An agent's unfiltered queue spans several
 * procedures: one ordered, limited subquery per procedure (each walks its (procedure, key, id)
 * index), merged by UNION ALL and cut again; `procedure_id in (a, b)` made PostgreSQL read and
 * sort every dossier of both procedures (decision 022, benchmark).
 */
async function findPageIds(db: Executor, scope: QueueScope, user: BackOfficeUser, query: DossierListQuery, limit: number): Promise<string[]> {
  const tokens = query.q ? searchTokens(query.q) : [];
  const search = tokens.length > 0 ? await planSearch(db, scope.procedureIds, tokens) : undefined;
  const where = and(queueConditions(scope, user, query, { search }), cursorCondition(query));
  const pageOf = (condition: SQL | undefined) => db.select({ id: dossiers.id }).from(dossiers).where(condition).orderBy(...orderOf(query)).limit(limit);
  const procedureIds = scope.procedureIds;
  // A search with few candidates fetches them by id, several common words read their intersection from the GIN index: nothing to walk.
  if (query.procedure || !procedureIds || procedureIds.length < 2 || search?.ids || search?.together) return (await pageOf(where)).map((row) => row.id);
  const sortKey = sortKeyOf(query.tri);
  const parts = procedureIds.map(
    (procedureId) => sql`(${db.select({ id: dossiers.id, key: sql`${sortKey}`.as('key') }).from(dossiers).where(and(where, eq(dossiers.procedureId, procedureId))).orderBy(...orderOf(query)).limit(limit)})`,
  );
  const direction = query.tri === 'anciens' ? sql`asc nulls first` : sql`desc nulls last`;
  const rows = await queryRows<{ id: string }>(db, sql`select u.id from (${sql.join(parts, sql` union all `)}) u order by u.key ${direction}, u.id ${direction} limit ${limit}`);
  return rows.map((row) => row.id);
}

/**
 * One page of the queue: at most `limit` dossiers after the cursor, and the cursor of the next page.
 * The page's ids first (findPageIds), then names, labels and counts joined to those rows only.
 */
export async function listQueuePage(db: Executor, user: BackOfficeUser, query: DossierListQuery, limit = QUEUE_PAGE_SIZE): Promise<QueuePage> {
  const ids = await findPageIds(db, await queueScope(db, user), user, query, limit + 1);
  if (ids.length === 0) return { items: [], nextCursor: null };
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
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .leftJoin(profiles, eq(profiles.userId, dossiers.ownerId))
    .leftJoin(assignee, eq(assignee.id, dossiers.assigneeId))
    .leftJoin(assigneeProfile, eq(assigneeProfile.userId, dossiers.assigneeId))
    .where(inArray(dossiers.id, ids))
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
