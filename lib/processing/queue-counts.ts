import 'server-only';
import { and, count, eq, gt, inArray, sql, sum } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossiers, queueStatusCounts } from '@/db/schema';
import type { DossierListQuery } from './schemas';
import { COUNT_CAP } from './count-cap';
import { filtersRows, queueConditions, queueScope, type QueueScope } from './queue';
import { searchTokens } from './search';
import { planSearch, type SearchPlan } from './search-plan';
import type { BackOfficeUser } from './scope';

// How many dossiers the queue holds (decision 022). Without a row filter (search, dates,
// assignment, unread), the counts are exact and read from queue_status_counts, which a trigger
// keeps (migration 0009_queue-counts): a handful of rows whatever the number of dossiers. With
// one, the matching rows are counted, but no further than COUNT_CAP + 1 ("plus de 1 000"):
// counting every match of a common name would cost more than the page itself.

/** Figures above COUNT_CAP mean "more than COUNT_CAP" (see count-cap.ts). */
export type QueueCounts = { total: number; byStatus: Record<string, number> | null };

/**
 * With a procedure chosen: per status of that procedure (every filter but the status), the total
 * being the chosen status's count or their sum. Without: one count.
 */
export async function countQueue(db: Executor, user: BackOfficeUser, query: DossierListQuery): Promise<QueueCounts> {
  const scope = await queueScope(db, user);
  const procedureIds = query.procedure ? inScope(scope, query.procedure) : scope.procedureIds;
  if (procedureIds?.length === 0) return query.procedure ? { total: 0, byStatus: {} } : { total: 0, byStatus: null };
  const search = await planCountSearch(db, procedureIds, query);
  if (!query.procedure) {
    const total = filtersRows(query) ? await countCapped(db, queueConditions(scope, user, query, { search })) : await sumCounters(db, procedureIds);
    return { total, byStatus: null };
  }
  const byStatus = filtersRows(query) ? await countPerStatusCapped(db, scope, user, query, search) : await readCounters(db, query.procedure);
  const sum = Object.values(byStatus).reduce((a, b) => a + b, 0);
  // Exact figures add up exactly; capped ones say "more than the cap" once added.
  const total = query.status ? (byStatus[query.status] ?? 0) : filtersRows(query) ? capped(sum) : sum;
  return { total, byStatus };
}

/** The chosen procedure if the scope reaches it, else none (an agent's URL naming another procedure counts nothing). */
function inScope(scope: QueueScope, procedureId: string): string[] {
  return scope.procedureIds === null || scope.procedureIds.includes(procedureId) ? [procedureId] : [];
}

const capped = (n: number) => Math.min(n, COUNT_CAP + 1);

/**
 * A search with few candidates is counted over those ids, several common words from the GIN index
 * (the plan's one tsquery). A common name is left to the planner
 * (semi-join over the words index): checking each row of the scope, as the page does, would read
 * the whole scope before reaching the cap.
 */
async function planCountSearch(db: Executor, procedureIds: string[] | null, query: DossierListQuery): Promise<SearchPlan | undefined> {
  const tokens = query.q ? searchTokens(query.q) : [];
  if (tokens.length === 0) return undefined;
  const plan = await planSearch(db, procedureIds, tokens);
  return plan.ids || plan.together ? plan : undefined;
}

/** Submitted dossiers of these procedures (null: all), from the counter table. */
async function sumCounters(db: Executor, procedureIds: string[] | null): Promise<number> {
  const [row] = await db
    .select({ total: sum(queueStatusCounts.n).mapWith(Number) })
    .from(queueStatusCounts)
    .where(procedureIds ? inArray(queueStatusCounts.procedureId, procedureIds) : undefined);
  return row?.total ?? 0;
}

async function readCounters(db: Executor, procedureId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: queueStatusCounts.status, n: queueStatusCounts.n })
    .from(queueStatusCounts)
    .where(and(eq(queueStatusCounts.procedureId, procedureId), gt(queueStatusCounts.n, 0)));
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

/** count(*) of the first COUNT_CAP + 1 matches: PostgreSQL stops reading there. */
async function countCapped(db: Executor, where: ReturnType<typeof queueConditions>): Promise<number> {
  const matches = db.select({ one: sql`1`.as('one') }).from(dossiers).where(where).limit(COUNT_CAP + 1).as('matches');
  const [row] = await db.select({ n: count() }).from(matches);
  return row.n;
}

/** One capped count per status the procedure holds (from the counter table), each walking its (procedure, status) index. */
async function countPerStatusCapped(db: Executor, scope: QueueScope, user: BackOfficeUser, query: DossierListQuery, search?: SearchPlan): Promise<Record<string, number>> {
  const statuses = Object.keys(await readCounters(db, query.procedure!));
  const counts = await Promise.all(statuses.map(async (status) => [status, await countCapped(db, queueConditions(scope, user, { ...query, status }, { search }))] as const));
  return Object.fromEntries(counts.filter(([, n]) => n > 0));
}
