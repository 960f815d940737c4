import 'server-only';
import { and, count, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '@/db/client';
import { dossiers, procedureRevisions, procedureVersions, procedures } from '@/db/schema';
import { safeParseDefinition, type ProcedureDefinition } from '@/lib/procedures/definition';
import { describeDefinitionChanges } from './definition-diff';

// The "working version" of a procedure is its draft version (published_at is null) when there is
// one, else its current published version. Every edit goes through saveWorkingDefinition: it
// creates the draft from the current version when needed, validates the whole definition, refuses
// to make a status in use vanish, and never writes to a published version.

// Each form posts the revision of the working version it showed (an integer, unique per procedure
// and never reused: a discarded draft's revisions stay taken). A save from another revision is
// refused and told what changed meanwhile (decision 024).

type VersionRow = { id: string; version: number; definition: unknown; publishedAt: Date | null; revision: number };

const versionColumns = {
  id: procedureVersions.id,
  version: procedureVersions.version,
  definition: procedureVersions.definition,
  publishedAt: procedureVersions.publishedAt,
  revision: procedureVersions.revision,
};

/** Locks the procedure row: edits and publications of one procedure happen one at a time. */
async function lockProcedure(tx: Transaction, procedureId: string) {
  const [row] = await tx
    .select({ id: procedures.id, slug: procedures.slug, published: procedures.published })
    .from(procedures)
    .where(eq(procedures.id, procedureId))
    .for('update');
  return row ?? null;
}

export async function findDraftVersion(db: Executor, procedureId: string): Promise<VersionRow | null> {
  const [row] = await db
    .select(versionColumns)
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), isNull(procedureVersions.publishedAt)))
    .orderBy(desc(procedureVersions.version))
    .limit(1);
  return row ?? null;
}

/** The highest published version: the one a dossier started now is filed with. */
export async function findCurrentVersion(db: Executor, procedureId: string): Promise<VersionRow | null> {
  const [row] = await db
    .select(versionColumns)
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), isNotNull(procedureVersions.publishedAt)))
    .orderBy(desc(procedureVersions.version))
    .limit(1);
  return row ?? null;
}

export type StatusInUse = { key: string; label: string; count: number };

/** Submitted dossiers of the procedure (any version) that are in one of these statuses. */
export async function findStatusesInUse(db: Executor, procedureId: string, statuses: { key: string; label: string }[]): Promise<StatusInUse[]> {
  if (!statuses.length) return [];
  const rows = await db
    .select({ status: dossiers.status, count: count() })
    .from(dossiers)
    .where(and(eq(dossiers.procedureId, procedureId), ne(dossiers.status, 'draft'), inArray(dossiers.status, statuses.map((s) => s.key))))
    .groupBy(dossiers.status);
  return rows.map((r) => ({ key: r.status, label: statuses.find((s) => s.key === r.status)?.label ?? r.status, count: Number(r.count) }));
}

/** Statuses of `before` missing from `after` (a renamed key counts as removed). */
export function removedStatuses(before: unknown, after: ProcedureDefinition): { key: string; label: string }[] {
  const old = (before as { statuses?: { key: string; label: string }[] } | null)?.statuses ?? [];
  const kept = new Set(after.statuses.map((s) => s.key));
  return old.filter((s) => !kept.has(s.key));
}

export type SaveFailure =
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale'; changes: string[] }
  | { ok: false; reason: 'invalid-definition'; errors: string[] }
  | { ok: false; reason: 'status-in-use'; inUse: StatusInUse[] };

export type SaveOutcome = { ok: true; version: number; revision: number; createdDraft: boolean; slug: string } | SaveFailure;

/**
 * Refuses a save started from another revision than the working version's, with what changed
 * since the revision the page showed (empty when that revision is unknown, e.g. a forged post).
 */
export async function staleFailure(db: Executor, procedureId: string, from: number, working: { definition: unknown }): Promise<{ ok: false; reason: 'stale'; changes: string[] }> {
  const [base] = await db
    .select({ definition: procedureRevisions.definition })
    .from(procedureRevisions)
    .where(and(eq(procedureRevisions.procedureId, procedureId), eq(procedureRevisions.revision, from)));
  return { ok: false, reason: 'stale', changes: base ? describeDefinitionChanges(base.definition, working.definition) : [] };
}

/** The next revision of a procedure: above every revision it ever had, discarded drafts included. */
async function nextRevision(tx: Executor, procedureId: string): Promise<number> {
  const [row] = await tx
    .select({
      max: sql<number>`greatest(
        (select coalesce(max(${procedureRevisions.revision}), 0) from ${procedureRevisions} where ${procedureRevisions.procedureId} = ${procedureId}),
        (select coalesce(max(${procedureVersions.revision}), 0) from ${procedureVersions} where ${procedureVersions.procedureId} = ${procedureId})
      )`,
    })
    .from(procedures)
    .where(eq(procedures.id, procedureId));
  return Number(row?.max ?? 0) + 1;
}

/** Keeps the definition of a revision, for the "changed meanwhile" view of a later refused save. */
export async function recordRevision(tx: Executor, procedureId: string, revision: number, version: number, definition: unknown) {
  await tx.insert(procedureRevisions).values({ procedureId, revision, version, definition }).onConflictDoNothing();
}

/**
 * Applies `edit` to the working definition and stores the result in the draft version (created from
 * the current version when there is none), in the caller's transaction. `edit` receives a copy.
 * The update itself says `where revision = expected`: even without the lock, two saves started
 * from one revision cannot both win.
 */
export async function saveWorkingDefinition(
  tx: Transaction,
  procedureId: string,
  expectedRevision: number,
  edit: (definition: Record<string, unknown>) => unknown,
): Promise<SaveOutcome> {
  const procedure = await lockProcedure(tx, procedureId);
  if (!procedure) return { ok: false, reason: 'not-found' };
  const draft = await findDraftVersion(tx, procedureId);
  const working = draft ?? (await findCurrentVersion(tx, procedureId));
  if (!working) return { ok: false, reason: 'not-found' };
  if (working.revision !== expectedRevision) return staleFailure(tx, procedureId, expectedRevision, working);

  const parsed = safeParseDefinition(edit(structuredClone(working.definition) as Record<string, unknown>));
  if (!parsed.success) return { ok: false, reason: 'invalid-definition', errors: parsed.errors };
  const inUse = await findStatusesInUse(tx, procedureId, removedStatuses(working.definition, parsed.data));
  if (inUse.length) return { ok: false, reason: 'status-in-use', inUse };

  // The first save of a procedure's history also keeps the revision it started from.
  await recordRevision(tx, procedureId, working.revision, working.version, working.definition);
  const revision = await nextRevision(tx, procedureId);
  if (draft) {
    const updated = await tx
      .update(procedureVersions)
      .set({ definition: parsed.data, revision })
      // Never a published version, never another revision than the one the page showed.
      .where(and(eq(procedureVersions.id, draft.id), isNull(procedureVersions.publishedAt), eq(procedureVersions.revision, expectedRevision)))
      .returning({ id: procedureVersions.id });
    if (!updated.length) return staleFailure(tx, procedureId, expectedRevision, (await findDraftVersion(tx, procedureId)) ?? working);
    await recordRevision(tx, procedureId, revision, draft.version, parsed.data);
    await touchProcedure(tx, procedureId);
    return { ok: true, version: draft.version, revision, createdDraft: false, slug: procedure.slug };
  }
  const version = await nextVersionNumber(tx, procedureId);
  await tx.insert(procedureVersions).values({ procedureId, version, definition: parsed.data, revision });
  await recordRevision(tx, procedureId, revision, version, parsed.data);
  await touchProcedure(tx, procedureId);
  return { ok: true, version, revision, createdDraft: true, slug: procedure.slug };
}

export async function nextVersionNumber(tx: Executor, procedureId: string): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number>`coalesce(max(${procedureVersions.version}), 0)` })
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedureId));
  return Number(row.max) + 1;
}

export async function touchProcedure(tx: Executor, procedureId: string) {
  await tx.update(procedures).set({ updatedAt: sql`now()` }).where(eq(procedures.id, procedureId));
}

export { lockProcedure };
