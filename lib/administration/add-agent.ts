import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { preferences, profiles, users } from '@/db/schema';
import type { AccountContext } from '@/lib/accounts/context';
import { issueEmailToken } from '@/lib/accounts/email-tokens';
import { bumpSessionVersion, normalizeEmail } from '@/lib/accounts/users';
import { recordAudit } from '@/lib/audit';
import { hashPassword } from '@/lib/security/password';
import { assertAdmin, type AdminActor } from './admin-actor';
import type { AgentAdminOutcome } from './outcomes';
import { agentAccessGrantedEmail, agentInvitationEmail, INVITATION_LIFETIME_SECONDS } from './emails';
import { refuseAddAgent } from './role-rules';
import { roleLabels, type AddAgentInput } from './schemas';

/**
 * Gives back-office access to an email address. An existing account is promoted (its sessions end);
 * otherwise an account is created without a usable password and the person receives a single-use
 * link to choose one (the password-reset mechanism, with a longer lifetime).
 */
export async function addAgent(ctx: AccountContext, actor: AdminActor, input: AddAgentInput): Promise<AgentAdminOutcome<{ created: boolean }>> {
  // Nobody knows this password: the account is usable only once its owner has chosen one.
  // The login identifier is stored lower-cased: the schema does it, the use case does not rely on it.
  const email = normalizeEmail(input.email);
  const placeholderHash = await hashPassword(randomBytes(32).toString('base64url'));
  const outcome = await ctx.db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [existing] = await tx
      .select({ id: users.id, role: users.role, emailVerifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.email, email))
      .for('update');
    const refusal = refuseAddAgent(existing ?? null);
    if (refusal) return { ok: false as const, reason: refusal };
    let userId: string;
    let invite: boolean;
    if (existing) {
      userId = existing.id;
      invite = !existing.emailVerifiedAt;
      await tx.update(users).set({ role: input.role, updatedAt: sql`now()` }).where(eq(users.id, userId));
      await bumpSessionVersion(tx, userId);
    } else {
      const [created] = await tx
        .insert(users)
        .values({ email, passwordHash: placeholderHash, role: input.role })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      // A sign-up or another administrator created this address a moment ago.
      if (!created) return { ok: false as const, reason: 'just-created' as const };
      userId = created.id;
      invite = true;
      await tx.insert(profiles).values({ userId });
      await tx.insert(preferences).values({ userId });
    }
    // A working reset link proves the address: the account becomes confirmed when the password is chosen.
    const token = invite ? await issueEmailToken(tx, userId, 'reset_password', undefined, INVITATION_LIFETIME_SECONDS) : null;
    await recordAudit(tx, { action: 'agent.added', actorId: actor.id, targetType: 'user', targetId: userId, meta: { role: input.role, newAccount: !existing } });
    return { ok: true as const, token, created: !existing };
  });
  if (!outcome.ok) return outcome;
  const base = { to: email, origin: ctx.origin, portalName: ctx.portalName };
  const roleLabel = roleLabels[input.role];
  await ctx.sendEmail(outcome.token ? agentInvitationEmail(base, outcome.token, roleLabel) : agentAccessGrantedEmail(base, roleLabel));
  return { ok: true, data: { created: outcome.created } };
}
