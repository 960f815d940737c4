import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossiers, procedureVersions, users } from '@/db/schema';
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
  | { ok: false; reason: 'invalid'; message: string }
  | { ok: false; reason: 'session-ended' };

/** The session a save is made in, when the caller has not checked it against the database. */
export type SaveSession = { version: number };

/**
 * Autosave: merges the changed answers into the draft if nobody saved since `baseVersion`.
 * One UPDATE guarded by owner, status and version; a stale version is a conflict that returns
 * what is stored now, so the citizen chooses (two tabs, two devices), never a silent overwrite.
 * With `session`, the same statement also checks that the session is still valid (its
 * sessionVersion, a confirmed email), so a save costs one round trip and a revoked session
 * changes nothing (see `readSessionClaims`).
 */
export async function saveDraftAnswers(
  db: Executor,
  ownerId: string,
  dossierId: string,
  input: SaveDraftInput,
  session?: SaveSession,
): Promise<SaveDraftResult> {
  // Whatever is refused, a revoked session learns nothing more than "session ended".
  const refuse = async (result: SaveDraftResult) => (session && (await hasSessionEnded(db, ownerId, session)) ? SESSION_ENDED : result);
  if (!isDossierId(dossierId)) return refuse(NOT_FOUND);
  const definition = await definitionOfDraft(db, ownerId, dossierId);
  if (!definition) return refuse(NOT_FOUND);
  const checked = checkAnswerChanges(definition, input.changes);
  if (!checked.ok) return refuse({ ok: false, reason: 'invalid', message: checked.message });

  const [saved] = await db
    .update(dossiers)
    .set({
      data: sql`${dossiers.data} || ${JSON.stringify(checked.changes)}::jsonb`,
      version: sql`${dossiers.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(dossiers.id, dossierId),
        eq(dossiers.ownerId, ownerId),
        eq(dossiers.status, 'draft'),
        eq(dossiers.version, input.baseVersion),
        session ? isSessionValid(ownerId, session) : undefined,
      ),
    )
    .returning({ version: dossiers.version, updatedAt: dossiers.updatedAt });
  if (saved) return { ok: true, version: saved.version, savedAt: saved.updatedAt };
  if (session && (await hasSessionEnded(db, ownerId, session))) return SESSION_ENDED;

  // Nothing updated: someone saved first (conflict), or the draft is gone or was submitted.
  const [current] = await db
    .select({ version: dossiers.version, data: dossiers.data })
    .from(dossiers)
    .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), eq(dossiers.status, 'draft')));
  if (!current) {
    forgetDraft(ownerId, dossierId);
    return NOT_FOUND;
  }
  return { ok: false, reason: 'conflict', version: current.version, data: current.data as Answers };
}

const NOT_FOUND = { ok: false, reason: 'not-found' } as const;
const SESSION_ENDED = { ok: false, reason: 'session-ended' } as const;

/** The same rule as the guards: the session's version is the account's, and its email is confirmed. */
function isSessionValid(ownerId: string, session: SaveSession) {
  return sql`exists (select 1 from ${users} where ${users.id} = ${ownerId} and ${users.sessionVersion} = ${session.version} and ${users.emailVerifiedAt} is not null)`;
}

async function hasSessionEnded(db: Executor, ownerId: string, session: SaveSession): Promise<boolean> {
  const [valid] = await db.select({ one: sql`1` }).from(users).where(and(eq(users.id, ownerId), isSessionValid(ownerId, session)));
  return !valid;
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
