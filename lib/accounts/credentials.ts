import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { hashPassword, verifyPassword } from '@/lib/security/password';
import { checkPassword } from '@/lib/security/password-policy';
import { consumeRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import type { AccountContext } from './context';
import { confirmEmailChangeEmail, emailAlreadyUsedEmail, emailChangedNoticeEmail, passwordChangedEmail } from './emails';
import { consumeEmailToken, issueEmailToken } from './email-tokens';
import { bumpSessionVersion, findUserByEmail, findUserById } from './users';

/** Why a credential change is refused; the pages say it in their words (app/compte/messages.ts). */
export type CredentialFailure =
  | { ok: false; reason: 'throttled' | 'wrong-password' | 'same-email' }
  | { ok: false; reason: 'weak-password'; message: string };
export type CredentialResult = { ok: true; sessionVersion?: number } | CredentialFailure;

const WRONG_PASSWORD = { ok: false as const, reason: 'wrong-password' as const };

async function checkCurrentPassword(ctx: AccountContext, userId: string, currentPassword: string) {
  // Re-entering the password is also rate-limited, or it would be a way around the sign-in throttle.
  const limit = await consumeRateLimit(ctx.db, rateLimitKey('reauth', userId), 10, 3600);
  if (!limit.allowed) return { user: null, error: { ok: false as const, reason: 'throttled' as const } };
  const user = await findUserById(ctx.db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return { user: null, error: WRONG_PASSWORD };
  return { user, error: null };
}

/** Changes the password; every other session ends. Returns the new session version for the current one. */
export async function changePassword(ctx: AccountContext, userId: string, currentPassword: string, newPassword: string): Promise<CredentialResult> {
  const { user, error } = await checkCurrentPassword(ctx, userId, currentPassword);
  if (!user) return error;
  const weak = checkPassword(newPassword, { email: user.email });
  if (weak) return { ok: false, reason: 'weak-password', message: weak };
  const passwordHash = await hashPassword(newPassword);
  const sessionVersion = await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
    await recordAudit(tx, { action: 'account.password_changed', actorId: userId, targetType: 'user', targetId: userId });
    return bumpSessionVersion(tx, userId);
  });
  await ctx.sendEmail(passwordChangedEmail({ to: user.email, origin: ctx.origin, portalName: ctx.portalName }));
  return { ok: true, sessionVersion };
}

/**
 * Starts a login-email change: a link goes to the new address; nothing changes until it is followed.
 * An address used by another account gets a notice instead, and the answer here is the same.
 */
export async function requestEmailChange(ctx: AccountContext, userId: string, newEmail: string, currentPassword: string): Promise<CredentialResult> {
  const { user, error } = await checkCurrentPassword(ctx, userId, currentPassword);
  if (!user) return error;
  if (newEmail === user.email) return { ok: false, reason: 'same-email' };
  const base = { to: newEmail, origin: ctx.origin, portalName: ctx.portalName };
  if (await findUserByEmail(ctx.db, newEmail)) {
    await ctx.sendEmail(emailAlreadyUsedEmail(base));
    return { ok: true };
  }
  const token = await issueEmailToken(ctx.db, userId, 'change_email', newEmail);
  await recordAudit(ctx.db, { action: 'account.email_change_requested', actorId: userId, targetType: 'user', targetId: userId });
  await ctx.sendEmail(confirmEmailChangeEmail(base, token));
  return { ok: true };
}

export type ConfirmEmailChangeResult = { ok: true } | { ok: false; reason: 'invalid-link' | 'taken' };

/** Follows the link sent to the new address: the change takes effect, every session ends, the old address is told. */
export async function confirmEmailChange(ctx: AccountContext, rawToken: string): Promise<ConfirmEmailChangeResult> {
  const outcome = await ctx.db.transaction(async (tx) => {
    const token = await consumeEmailToken(tx, rawToken, ['change_email']);
    if (!token?.newEmail) return { ok: false as const, reason: 'invalid-link' as const };
    const user = await findUserById(tx, token.userId);
    if (!user) return { ok: false as const, reason: 'invalid-link' as const };
    const [updated] = await tx
      .update(users)
      .set({ email: token.newEmail, emailVerifiedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(users.id, user.id), sql`not exists (select 1 from users u where u.email = ${token.newEmail})`))
      .returning({ id: users.id });
    if (!updated) return { ok: false as const, reason: 'taken' as const };
    await bumpSessionVersion(tx, user.id);
    await recordAudit(tx, { action: 'account.email_changed', actorId: user.id, targetType: 'user', targetId: user.id });
    return { ok: true as const, oldEmail: user.email, newEmail: token.newEmail };
  });
  if (!outcome.ok) return outcome;
  await ctx.sendEmail(emailChangedNoticeEmail({ to: outcome.oldEmail, origin: ctx.origin, portalName: ctx.portalName }, outcome.newEmail));
  return { ok: true };
}

/** "Se déconnecter de tous les appareils" and sign-out: every JWT issued before stops working. */
export async function endAllSessions(ctx: AccountContext, userId: string, action: 'account.signout' | 'account.signout_everywhere'): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await bumpSessionVersion(tx, userId);
    await recordAudit(tx, { action, actorId: userId, targetType: 'user', targetId: userId });
  });
}

