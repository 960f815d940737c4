import 'server-only';
import { count, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossiers, lockerDocuments, relations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import type { BlobStore } from '@/lib/storage';
import type { AccountContext } from './context';
import { accountDeletedEmail } from './emails';
import { findUserById } from './users';
import { verifyPassword } from '@/lib/security/password';
import { consumeRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { recordTombstonesForOwner } from '@/lib/lifecycle/tombstones';

export type DeletionSummary = { relations: number; drafts: number; submitted: number; documents: number };

/** What "Supprimer mon compte" will delete, shown before the confirmation. */
export async function summarizeAccountData(db: Executor, userId: string): Promise<DeletionSummary> {
  const [[rel], [doc], owned] = await Promise.all([
    db.select({ n: count() }).from(relations).where(eq(relations.ownerId, userId)),
    db.select({ n: count() }).from(lockerDocuments).where(eq(lockerDocuments.ownerId, userId)),
    db.select({ status: dossiers.status }).from(dossiers).where(eq(dossiers.ownerId, userId)),
  ]);
  const drafts = owned.filter((d) => d.status === 'draft').length;
  return { relations: rel.n, documents: doc.n, drafts, submitted: owned.length - drafts };
}

export type DeleteAccountResult = { ok: true } | { ok: false; reason: 'throttled' | 'wrong-password' };

/**
 * Deletes the account for good: rows (relations, dossiers, messages, attachments, locker, tokens…
 * cascade from the user) and the stored files of the locker and of every dossier. Files are
 * removed after the rows are gone, so a crash can leave orphan files but never a half-deleted account.
 */
export async function deleteAccount(ctx: AccountContext, store: BlobStore, userId: string, currentPassword: string): Promise<DeleteAccountResult> {
  const limit = await consumeRateLimit(ctx.db, rateLimitKey('reauth', userId), 10, 3600);
  if (!limit.allowed) return { ok: false, reason: 'throttled' };
  const user = await findUserById(ctx.db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, reason: 'wrong-password' };
  }
  const dossierIds = await ctx.db.transaction(async (tx) => {
    const owned = await tx.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.ownerId, userId));
    // Agents keep the number and dates of the submitted dossiers, nothing personal (decision 013).
    await recordTombstonesForOwner(tx, userId, 'account_deleted');
    await tx.delete(users).where(eq(users.id, userId));
    await recordAudit(tx, { action: 'account.deleted', actorId: null, targetType: 'user', targetId: userId });
    return owned.map((d) => d.id);
  });
  await store.deletePrefix(`locker/${userId}/`);
  for (const id of dossierIds) await store.deletePrefix(`dossiers/${id}/`);
  await ctx.sendEmail(accountDeletedEmail({ to: user.email, origin: ctx.origin, portalName: ctx.portalName }));
  return { ok: true };
}
