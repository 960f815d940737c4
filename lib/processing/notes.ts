import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { dossierNotes, dossiers, profiles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { isDossierId } from '@/lib/dossiers/ids';
import { dossiersInScope, type BackOfficeUser } from './scope';

// Private notes ("notes internes") of the agents on a dossier. Only this module reads or writes
// the table, always through the agent's scope: a note never leaves the back office.

export type PrivateNote = { id: string; body: string; author: string; at: Date };

export type AddNoteResult = { ok: true; noteId: string } | { ok: false; reason: 'not-found' };

/** Adds a note to a dossier in scope, with its audit entry (never the note's text) in one transaction. */
export async function addPrivateNote(db: Database, user: BackOfficeUser, dossierId: string, body: string): Promise<AddNoteResult> {
  if (!isDossierId(dossierId)) return { ok: false, reason: 'not-found' };
  return db.transaction(async (tx): Promise<AddNoteResult> => {
    const [dossier] = await tx.select({ id: dossiers.id }).from(dossiers).where(and(eq(dossiers.id, dossierId), dossiersInScope(user)));
    if (!dossier) return { ok: false, reason: 'not-found' };
    const [note] = await tx.insert(dossierNotes).values({ dossierId, authorId: user.id, body }).returning({ id: dossierNotes.id });
    await recordAudit(tx, { action: 'backoffice.note_added', actorId: user.id, targetType: 'dossier', targetId: dossierId, meta: { length: body.length } });
    return { ok: true, noteId: note.id };
  });
}

/** The notes of a dossier in scope, oldest first; empty when the dossier is out of scope. */
export async function listPrivateNotes(db: Executor, user: BackOfficeUser, dossierId: string): Promise<PrivateNote[]> {
  if (!isDossierId(dossierId)) return [];
  const rows = await db
    .select({
      id: dossierNotes.id,
      body: dossierNotes.body,
      at: dossierNotes.createdAt,
      email: users.email,
      firstNames: profiles.firstNames,
      usageName: profiles.usageName,
      birthName: profiles.birthName,
    })
    .from(dossierNotes)
    .innerJoin(dossiers, eq(dossiers.id, dossierNotes.dossierId))
    .leftJoin(users, eq(users.id, dossierNotes.authorId))
    .leftJoin(profiles, eq(profiles.userId, dossierNotes.authorId))
    .where(and(eq(dossierNotes.dossierId, dossierId), dossiersInScope(user)))
    .orderBy(asc(dossierNotes.createdAt), asc(dossierNotes.id));
  return rows.map((row) => ({ id: row.id, body: row.body, at: row.at, author: authorName(row) }));
}

function authorName(row: { email: string | null; firstNames: string | null; usageName: string | null; birthName: string | null }): string {
  const name = [row.firstNames, row.usageName ?? row.birthName].filter(Boolean).join(' ');
  return name || row.email || 'Agent dont le compte a été supprimé';
}
