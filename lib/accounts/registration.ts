import 'server-only';
import { eq, isNull, and, sql } from 'drizzle-orm';
import { preferences, profiles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { hashPassword } from '@/lib/auth/password';
import { checkPassword } from '@/lib/auth/password-policy';
import { consumeRateLimit, rateLimitKey } from '@/lib/auth/rate-limit';
import type { AccountContext } from './context';
import { alreadyRegisteredEmail, confirmSignupEmail } from './emails';
import { consumeEmailToken, issueEmailToken } from './email-tokens';
import type { SignUpInput } from './schemas';
import { findUserByEmail } from './users';

export type SignUpResult = { ok: true } | { ok: false; fieldErrors?: Record<string, string[]>; formError?: string };

const LIMIT_PER_HOUR = 5;

/**
 * Creates an unconfirmed account and emails the confirmation link. The answer is the same whether
 * the address already has an account or not (that owner gets an email instead).
 */
export async function registerAccount(ctx: AccountContext, input: SignUpInput, clientKey: string): Promise<SignUpResult> {
  const weak = checkPassword(input.password, { email: input.email, names: [input.firstNames, input.lastName] });
  if (weak) return { ok: false, fieldErrors: { password: [weak] } };
  const perAddress = await consumeRateLimit(ctx.db, rateLimitKey('signup-email', input.email), LIMIT_PER_HOUR, 3600);
  const perClient = await consumeRateLimit(ctx.db, rateLimitKey('signup-client', clientKey), LIMIT_PER_HOUR * 4, 3600);
  if (!perAddress.allowed || !perClient.allowed) {
    return { ok: false, formError: 'Trop de demandes en peu de temps. Réessayez dans une heure.' };
  }
  const base = { to: input.email, origin: ctx.origin, portalName: ctx.portalName };
  const existing = await findUserByEmail(ctx.db, input.email);
  if (existing) {
    if (existing.emailVerifiedAt) {
      await ctx.sendEmail(alreadyRegisteredEmail(base));
    } else {
      await ctx.sendEmail(confirmSignupEmail(base, await issueEmailToken(ctx.db, existing.id, 'confirm_signup')));
    }
    return { ok: true };
  }
  const passwordHash = await hashPassword(input.password);
  const token = await ctx.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, passwordHash })
      .onConflictDoNothing()
      .returning({ id: users.id });
    // A concurrent sign-up with the same address won the race: answer as for an existing account.
    if (!user) return null;
    await tx.insert(profiles).values({ userId: user.id, firstNames: input.firstNames, birthName: input.lastName });
    await tx.insert(preferences).values({ userId: user.id });
    await recordAudit(tx, { action: 'account.signup', actorId: user.id, targetType: 'user', targetId: user.id });
    return issueEmailToken(tx, user.id, 'confirm_signup');
  });
  if (token) await ctx.sendEmail(confirmSignupEmail(base, token));
  return { ok: true };
}

/** Resends the confirmation link; same answer whatever the address. */
export async function resendConfirmation(ctx: AccountContext, email: string, clientKey: string): Promise<{ ok: boolean; formError?: string }> {
  const perAddress = await consumeRateLimit(ctx.db, rateLimitKey('resend-email', email), 3, 3600);
  const perClient = await consumeRateLimit(ctx.db, rateLimitKey('resend-client', clientKey), 20, 3600);
  if (!perAddress.allowed || !perClient.allowed) {
    return { ok: false, formError: 'Trop de demandes en peu de temps. Réessayez dans une heure.' };
  }
  const user = await findUserByEmail(ctx.db, email);
  if (user && !user.emailVerifiedAt) {
    const token = await issueEmailToken(ctx.db, user.id, 'confirm_signup');
    await ctx.sendEmail(confirmSignupEmail({ to: user.email, origin: ctx.origin, portalName: ctx.portalName }, token));
  }
  return { ok: true };
}

/** Follows a sign-up confirmation link. */
export async function confirmSignup(ctx: AccountContext, rawToken: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const token = await consumeEmailToken(tx, rawToken, ['confirm_signup']);
    if (!token) return false;
    await tx
      .update(users)
      .set({ emailVerifiedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(users.id, token.userId), isNull(users.emailVerifiedAt)));
    await recordAudit(tx, { action: 'account.email_confirmed', actorId: token.userId, targetType: 'user', targetId: token.userId });
    return true;
  });
}
