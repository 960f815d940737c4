import 'server-only';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { emailTokens } from '@/db/schema';
import { createRawToken, hashToken, isWellFormedToken } from '@/lib/security/tokens';

export type EmailTokenKind = 'confirm_signup' | 'reset_password' | 'change_email';

export const TOKEN_LIFETIME_SECONDS: Record<EmailTokenKind, number> = {
  confirm_signup: 24 * 3600,
  reset_password: 3600,
  change_email: 24 * 3600,
};

/**
 * Issues a new single-use token; earlier unused tokens of the same kind stop working.
 * `lifetimeSeconds` overrides the kind's lifetime (an agent's invitation uses a reset link that lasts longer).
 */
export async function issueEmailToken(db: Executor, userId: string, kind: EmailTokenKind, newEmail?: string, lifetimeSeconds?: number): Promise<string> {
  return insertEmailToken(db, userId, kind, { newEmail, lifetimeSeconds });
}

/** A sign-up confirmation link that confirms the account only with this password (decision 010). */
export async function issueSignupConfirmationToken(db: Executor, userId: string, passwordHash: string): Promise<string> {
  return insertEmailToken(db, userId, 'confirm_signup', { passwordHash });
}

type TokenOptions = { newEmail?: string; lifetimeSeconds?: number; passwordHash?: string };

async function insertEmailToken(db: Executor, userId: string, kind: EmailTokenKind, { newEmail, lifetimeSeconds, passwordHash }: TokenOptions): Promise<string> {
  const raw = createRawToken();
  await db
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.kind, kind), isNull(emailTokens.usedAt)));
  await db.insert(emailTokens).values({
    userId,
    kind,
    tokenHash: hashToken(raw),
    newEmail,
    passwordHash,
    expiresAt: sql`now() + make_interval(secs => ${lifetimeSeconds ?? TOKEN_LIFETIME_SECONDS[kind]})`,
  });
  return raw;
}

/**
 * Marks the token used and returns it, in one statement: of two concurrent uses of one link,
 * exactly one gets a row. Expired, used, unknown or malformed tokens return null.
 */
export async function consumeEmailToken(db: Executor, raw: string, kinds: EmailTokenKind[]) {
  if (!isWellFormedToken(raw)) return null;
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(eq(emailTokens.tokenHash, hashToken(raw)), inArray(emailTokens.kind, kinds), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, sql`now()`)),
    )
    .returning({ id: emailTokens.id, userId: emailTokens.userId, kind: emailTokens.kind, newEmail: emailTokens.newEmail, passwordHash: emailTokens.passwordHash });
  return row ?? null;
}

/** Read-only check used to render the reset page before the form is posted. */
export async function findUsableEmailToken(db: Executor, raw: string, kind: EmailTokenKind) {
  if (!isWellFormedToken(raw)) return null;
  const [row] = await db
    .select({ id: emailTokens.id, userId: emailTokens.userId })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(raw)), eq(emailTokens.kind, kind), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, sql`now()`)));
  return row ?? null;
}
