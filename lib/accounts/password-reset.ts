import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { hashPassword } from '@/lib/security/password';
import { checkPassword } from '@/lib/security/password-policy';
import { clearSignInFailures, consumeRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { runAfterAnswer, type AccountContext } from './context';
import { passwordChangedEmail, resetPasswordEmail } from './emails';
import { consumeEmailToken, issueEmailToken } from './email-tokens';
import { bumpSessionVersion, findUserByEmail, findUserById } from './users';

/**
 * "Mot de passe oublié": same answer whether the address has an account or not, in the same time:
 * the look-up, the link and the email run after the answer (ctx.defer).
 */
export async function requestPasswordReset(ctx: AccountContext, email: string, clientKey: string): Promise<{ ok: true } | { ok: false; reason: 'too-many-requests' }> {
  const perAddress = await consumeRateLimit(ctx.db, rateLimitKey('reset-email', email), 3, 3600);
  const perClient = await consumeRateLimit(ctx.db, rateLimitKey('reset-client', clientKey), 20, 3600);
  if (!perAddress.allowed || !perClient.allowed) {
    return { ok: false, reason: 'too-many-requests' };
  }
  await runAfterAnswer(ctx, 'password reset request', async () => {
    const user = await findUserByEmail(ctx.db, email);
    if (!user) return;
    const token = await issueEmailToken(ctx.db, user.id, 'reset_password');
    await recordAudit(ctx.db, { action: 'account.password_reset_requested', actorId: user.id, targetType: 'user', targetId: user.id });
    await ctx.sendEmail(resetPasswordEmail({ to: user.email, origin: ctx.origin, portalName: ctx.portalName }, token));
  });
  return { ok: true };
}

export type ResetResult = { ok: true } | { ok: false; reason: 'invalid-link' } | { ok: false; reason: 'weak'; message: string };

/**
 * Sets a new password from a reset link. The link is consumed in the same transaction as the
 * change: of two concurrent uses, one succeeds and the other finds the link used.
 */
export async function resetPassword(ctx: AccountContext, rawToken: string, password: string): Promise<ResetResult> {
  const passwordHash = await hashPassword(password);
  const outcome = await ctx.db.transaction(async (tx) => {
    const token = await consumeEmailToken(tx, rawToken, ['reset_password']);
    if (!token) return { ok: false as const, reason: 'invalid-link' as const };
    const user = await findUserById(tx, token.userId);
    if (!user) return { ok: false as const, reason: 'invalid-link' as const };
    const weak = checkPassword(password, { email: user.email });
    // Throwing rolls back the consumption: the citizen can retry with the same link.
    if (weak) throw new WeakPasswordError(weak);
    await tx
      .update(users)
      // A working reset link proves the address: an unconfirmed account becomes confirmed.
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: sql`now()` })
      .where(eq(users.id, user.id));
    await bumpSessionVersion(tx, user.id);
    await clearSignInFailures(tx, user.email);
    await recordAudit(tx, { action: 'account.password_reset', actorId: user.id, targetType: 'user', targetId: user.id });
    return { ok: true as const, email: user.email };
  }).catch((error: unknown) => {
    if (error instanceof WeakPasswordError) return { ok: false as const, reason: 'weak' as const, message: error.message };
    throw error;
  });
  if (!outcome.ok) return outcome;
  await ctx.sendEmail(passwordChangedEmail({ to: outcome.email, origin: ctx.origin, portalName: ctx.portalName }));
  return { ok: true };
}

class WeakPasswordError extends Error {}
