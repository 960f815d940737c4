import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { preferences, profiles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { hashPassword } from '@/lib/security/password';
import { checkPassword } from '@/lib/security/password-policy';
import { consumeRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { runAfterAnswer, type AccountContext } from './context';
import { alreadyRegisteredEmail, confirmSignupEmail } from './emails';
import { consumeEmailToken, issueSignupConfirmationToken } from './email-tokens';
import type { SignUpInput } from './schemas';
import { bumpSessionVersion, findUserByEmail, findUserById } from './users';

export type SignUpResult = { ok: true } | { ok: false; reason: 'too-many-requests' } | { ok: false; reason: 'weak-password'; message: string };

const LIMIT_PER_HOUR = 5;

// Pre-hijacking (decision 010): an address belongs to whoever follows the link sent to it. A
// sign-up for an address whose account is still unconfirmed replaces that account's password and
// names, and its link is bound to that password: a link confirms the account only while the
// password typed in the sign-up that sent it is still the account's. So an attacker who signed up
// first with the victim's address never keeps a password on the account the victim confirms.

/**
 * Sign-up. The answer is the same whether the address is new, unconfirmed or confirmed (the owner
 * of a confirmed one gets an email instead), and so is its cost: the password is hashed on every
 * path, and what depends on the address runs after the answer (ctx.defer).
 */
export async function registerAccount(ctx: AccountContext, input: SignUpInput, clientKey: string): Promise<SignUpResult> {
  const weak = checkPassword(input.password, { email: input.email, names: [input.firstNames, input.lastName] });
  if (weak) return { ok: false, reason: 'weak-password', message: weak };
  const perAddress = await consumeRateLimit(ctx.db, rateLimitKey('signup-email', input.email), LIMIT_PER_HOUR, 3600);
  const perClient = await consumeRateLimit(ctx.db, rateLimitKey('signup-client', clientKey), LIMIT_PER_HOUR * 4, 3600);
  if (!perAddress.allowed || !perClient.allowed) return { ok: false, reason: 'too-many-requests' };
  const passwordHash = await hashPassword(input.password);
  await runAfterAnswer(ctx, 'sign-up', () => applySignUp(ctx, input, passwordHash));
  return { ok: true };
}

async function applySignUp(ctx: AccountContext, input: SignUpInput, passwordHash: string, attempt = 1): Promise<void> {
  const base = { to: input.email, origin: ctx.origin, portalName: ctx.portalName };
  const existing = await findUserByEmail(ctx.db, input.email);
  if (existing?.emailVerifiedAt) return ctx.sendEmail(alreadyRegisteredEmail(base));
  const token = await ctx.db.transaction((tx) => (existing ? replacePendingSignUp(tx, existing.id, input, passwordHash) : createAccount(tx, input, passwordHash)));
  // A concurrent sign-up created the account, or confirmed it, in between: start over once.
  if (!token) return attempt < 2 ? applySignUp(ctx, input, passwordHash, attempt + 1) : undefined;
  await ctx.sendEmail(confirmSignupEmail(base, token));
}

async function createAccount(tx: Executor, input: SignUpInput, passwordHash: string): Promise<string | null> {
  const [user] = await tx.insert(users).values({ email: input.email, passwordHash }).onConflictDoNothing().returning({ id: users.id });
  if (!user) return null;
  await tx.insert(profiles).values({ userId: user.id, firstNames: input.firstNames, birthName: input.lastName });
  await tx.insert(preferences).values({ userId: user.id });
  await recordAudit(tx, { action: 'account.signup', actorId: user.id, targetType: 'user', targetId: user.id });
  return issueSignupConfirmationToken(tx, user.id, passwordHash);
}

/** The latest sign-up wins: its password and names replace the earlier ones; earlier links stop working. */
async function replacePendingSignUp(tx: Executor, userId: string, input: SignUpInput, passwordHash: string): Promise<string | null> {
  const [user] = await tx
    .update(users)
    .set({ passwordHash, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)))
    .returning({ id: users.id });
  if (!user) return null;
  await tx.update(profiles).set({ firstNames: input.firstNames, birthName: input.lastName, updatedAt: sql`now()` }).where(eq(profiles.userId, userId));
  await recordAudit(tx, { action: 'account.signup_repeated', actorId: userId, targetType: 'user', targetId: userId });
  return issueSignupConfirmationToken(tx, userId, passwordHash);
}

/** Resends the confirmation link, bound to the account's current (latest sign-up's) password; same answer whatever the address. */
export async function resendConfirmation(ctx: AccountContext, email: string, clientKey: string): Promise<{ ok: true } | { ok: false; reason: 'too-many-requests' }> {
  const perAddress = await consumeRateLimit(ctx.db, rateLimitKey('resend-email', email), 3, 3600);
  const perClient = await consumeRateLimit(ctx.db, rateLimitKey('resend-client', clientKey), 20, 3600);
  if (!perAddress.allowed || !perClient.allowed) return { ok: false, reason: 'too-many-requests' };
  await runAfterAnswer(ctx, 'confirmation resend', async () => {
    const user = await findUserByEmail(ctx.db, email);
    if (!user || user.emailVerifiedAt) return;
    const token = await issueSignupConfirmationToken(ctx.db, user.id, user.passwordHash);
    await ctx.sendEmail(confirmSignupEmail({ to: user.email, origin: ctx.origin, portalName: ctx.portalName }, token));
  });
  return { ok: true };
}

/**
 * Follows a sign-up confirmation link: the account is confirmed with the password of the sign-up
 * that sent this link, or not at all; every earlier session ends.
 */
export async function confirmSignup(ctx: AccountContext, rawToken: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const token = await consumeEmailToken(tx, rawToken, ['confirm_signup']);
    if (!token) return false;
    const user = await findUserById(tx, token.userId);
    if (!user) return false;
    // Already confirmed (by a reset link, for instance): the link changes nothing.
    if (user.emailVerifiedAt) return true;
    // Links issued before passwords were bound to them (null) confirm nothing: "renvoyer le lien" issues a bound one.
    if (!token.passwordHash) return false;
    const [confirmed] = await tx
      .update(users)
      .set({ emailVerifiedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(users.id, user.id), isNull(users.emailVerifiedAt), eq(users.passwordHash, token.passwordHash)))
      .returning({ id: users.id });
    // A later sign-up replaced the password this link was sent for.
    if (!confirmed) return false;
    await bumpSessionVersion(tx, user.id);
    await recordAudit(tx, { action: 'account.email_confirmed', actorId: user.id, targetType: 'user', targetId: user.id });
    return true;
  });
}
