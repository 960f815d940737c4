import 'server-only';
import { createHash } from 'node:crypto';
import { and, count, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '@/db/client';
import { dossiers, procedureVersions, procedures } from '@/db/schema';
import { safeParseDefinition, type ProcedureDefinition } from '@/lib/procedures/definition';

// The "working version" of a procedure is its draft version (published_at is null) when there is
// one, else its current published version. Every edit goes through saveWorkingDefinition: it
// creates the draft from the current version when needed, validates the whole definition, refuses
// to make a status in use vanish, and never writes to a published version.

/** Identifies the definition a page showed, so that a save made on an outdated page is refused. */
export function definitionRevision(json: unknown): string {
  return createHash('sha256').update(JSON.stringify(json ?? null)).digest('hex');
}

type VersionRow = { id: string; version: number; definition: unknown; publishedAt: Date | null };

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
    .select({ id: procedureVersions.id, version: procedureVersions.version, definition: procedureVersions.definition, publishedAt: procedureVersions.publishedAt })
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), isNull(procedureVersions.publishedAt)))
    .orderBy(desc(procedureVersions.version))
    .limit(1);
  return row ?? null;
}

/** The highest published version: the one a dossier started now is filed with. */
export async function findCurrentVersion(db: Executor, procedureId: string): Promise<VersionRow | null> {
  const [row] = await db
    .select({ id: procedureVersions.id, version: procedureVersions.version, definition: procedureVersions.definition, publishedAt: procedureVersions.publishedAt })
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
  | { ok: false; reason: 'stale' }
  | { ok: false; reason: 'invalid-definition'; errors: string[] }
  | { ok: false; reason: 'status-in-use'; inUse: StatusInUse[] };

export type SaveOutcome = { ok: true; version: number; createdDraft: boolean; slug: string } | SaveFailure;

/**
 * Applies `edit` to the working definition and stores the result in the draft version (created from
 * the current version when there is none), in the caller's transaction. `edit` receives a copy.
 */
export async function saveWorkingDefinition(
  tx: Transaction,
  procedureId: string,
  expectedRevision: string,
  edit: (definition: Record<string, unknown>) => unknown,
): Promise<SaveOutcome> {
  const procedure = await lockProcedure(tx, procedureId);
  if (!procedure) return { ok: false, reason: 'not-found' };
  const draft = await findDraftVersion(tx, procedureId);
  const working = draft ?? (await findCurrentVersion(tx, procedureId));
  if (!working) return { ok: false, reason: 'not-found' };
  if (definitionRevision(working.definition) !== expectedRevision) return { ok: false, reason: 'stale' };

  const parsed = safeParseDefinition(edit(structuredClone(working.definition) as Record<string, unknown>));
  if (!parsed.success) return { ok: false, reason: 'invalid-definition', errors: parsed.errors };
  const inUse = await findStatusesInUse(tx, procedureId, removedStatuses(working.definition, parsed.data));
  if (inUse.length) return { ok: false, reason: 'status-in-use', inUse };

  if (draft) {
    await tx
      .update(procedureVersions)
      .set({ definition: parsed.data })
      // Never a published version: the WHERE says so, whatever the code above decided.
      .where(and(eq(procedureVersions.id, draft.id), isNull(procedureVersions.publishedAt)));
    await touchProcedure(tx, procedureId);
    return { ok: true, version: draft.version, createdDraft: false, slug: procedure.slug };
  }
  const version = await nextVersionNumber(tx, procedureId);
  await tx.insert(procedureVersions).values({ procedureId, version, definition: parsed.data });
  await touchProcedure(tx, procedureId);
  return { ok: true, version, createdDraft: true, slug: procedure.slug };
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
