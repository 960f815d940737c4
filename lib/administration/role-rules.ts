import type { Role } from '@/db/schema';
// Pure rules of the agents page (unit-tested). The use cases apply them inside their transaction;
// the page says each refusal in its words (app/admin/agents/messages.ts).

export type RoleTarget = { id: string; role: Role };
export type RoleChange = 'agent' | 'admin' | 'citizen';

/** `self`: one's own role (so the portal always keeps an administrator). */
export type RoleChangeRefusal = 'self' | 'not-back-office' | 'already-admin' | 'already-agent';
export type AddAgentRefusal = 'already-back-office';
/** `self-second-factor`: another administrator checks who is asking. */
export type SecondFactorResetRefusal = 'self-second-factor' | 'not-back-office';

/** Why this change is refused, or null when it is allowed. `citizen` means "withdraw back-office access". */
export function refuseRoleChange(actorId: string, target: RoleTarget, next: RoleChange): RoleChangeRefusal | null {
  if (target.id === actorId) return 'self';
  if (target.role === 'citizen') return 'not-back-office';
  if (target.role === next) return next === 'admin' ? 'already-admin' : 'already-agent';
  return null;
}

/** Why this account cannot be added as an agent, or null. */
export function refuseAddAgent(existing: { role: Role } | null): AddAgentRefusal | null {
  if (existing && existing.role !== 'citizen') return 'already-back-office';
  return null;
}

/** Why this second-factor reset is refused, or null when it is allowed. */
export function refuseSecondFactorReset(actorId: string, target: RoleTarget): SecondFactorResetRefusal | null {
  if (target.id === actorId) return 'self-second-factor';
  if (target.role === 'citizen') return 'not-back-office';
  return null;
}
