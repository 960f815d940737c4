import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossiers, procedureVersions } from '@/db/schema';
import type { Answers } from '@/lib/procedures/answers';
import type { ProcedureDefinition } from '@/lib/procedures/definition';
import { checkAnswerChanges } from './answer-changes';
import { cachedDefinition, definitionOfVersion } from './definitions';
import { forgetDraft, recallDraftVersion, rememberDraft } from './draft-cache';
import { isDossierId } from './ids';

export type SaveDraftInput = { baseVersion: number; changes: Record<string, unknown> };

export type SaveDraftResult =
  | { ok: true; version: number; savedAt: Date }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict'; version: number; data: Answers }
  | { ok: false; reason: 'invalid'; message: string };

/**
 * Autosave: merges the changed answers into the draft if nobody saved since `baseVersion`.
 * One UPDATE guarded by owner, status and version; a stale version is a conflict that returns
 * what is stored now, so the citizen chooses (two tabs, two devices), never a silent overwrite.
 */
export async function saveDraftAnswers(db: Executor, ownerId: string, dossierId: string, input: SaveDraftInput): Promise<SaveDraftResult> {
  if (!isDossierId(dossierId)) return { ok: false, reason: 'not-found' };
  const definition = await definitionOfDraft(db, ownerId, dossierId);
  if (!definition) return { ok: false, reason: 'not-found' };
  const checked = checkAnswerChanges(definition, input.changes);
  if (!checked.ok) return { ok: false, reason: 'invalid', message: checked.message };

  const [saved] = await db
    .update(dossiers)
    .set({
      data: sql`${dossiers.data} || ${JSON.stringify(checked.changes)}::jsonb`,
      version: sql`${dossiers.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), eq(dossiers.status, 'draft'), eq(dossiers.version, input.baseVersion)))
    .returning({ version: dossiers.version, updatedAt: dossiers.updatedAt });
  if (saved) return { ok: true, version: saved.version, savedAt: saved.updatedAt };

  // Nothing updated: someone saved first (conflict), or the draft is gone or was submitted.
  const [current] = await db
    .select({ version: dossiers.version, data: dossiers.data })
    .from(dossiers)
    .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), eq(dossiers.status, 'draft')));
  if (!current) {
    forgetDraft(ownerId, dossierId);
    return { ok: false, reason: 'not-found' };
  }
  return { ok: false, reason: 'conflict', version: current.version, data: current.data as Answers };
}

async function definitionOfDraft(db: Executor, ownerId: string, dossierId: string): Promise<ProcedureDefinition | null> {
  const versionId = recallDraftVersion(ownerId, dossierId);
  const cached = versionId ? cachedDefinition(versionId) : undefined;
  if (cached) return cached;
  const [row] = await db
    .select({ versionId: procedureVersions.id, definition: procedureVersions.definition })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), eq(dossiers.status, 'draft')));
  if (!row) return null;
  rememberDraft(ownerId, dossierId, row.versionId);
  return definitionOfVersion(row.versionId, row.definition);
}
