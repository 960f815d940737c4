import type { Role } from '@/db/schema';
// Pure rules of the agents page (unit-tested). The use cases apply them inside their transaction.

export type RoleTarget = { id: string; role: Role };
export type RoleChange = 'agent' | 'admin' | 'citizen';

export const SELF_CHANGE_MESSAGE =
  'Vous ne pouvez pas modifier ni retirer votre propre rôle d’administrateur : demandez-le à un autre administrateur. Ainsi, le portail garde toujours au moins un administrateur.';

/** Why this change is refused, or null when it is allowed. `citizen` means "withdraw back-office access". */
export function refuseRoleChange(actorId: string, target: RoleTarget, next: RoleChange): string | null {
  if (target.id === actorId) return SELF_CHANGE_MESSAGE;
  if (target.role === 'citizen') return 'Cette personne n’a pas accès à l’espace agents.';
  if (target.role === next) return next === 'admin' ? 'Cette personne est déjà administratrice.' : 'Cette personne est déjà agent.';
  return null;
}

/** Why this account cannot be added as an agent, or null. */
export function refuseAddAgent(existing: { role: Role } | null): string | null {
  if (existing && existing.role !== 'citizen') return 'Cette personne a déjà accès à l’espace agents : modifiez son rôle dans la liste ci-dessous.';
  return null;
}

export const SELF_SECOND_FACTOR_RESET_MESSAGE =
  'Vous ne pouvez pas réinitialiser votre propre double authentification : demandez-le à un autre administrateur.';

/** Why this second-factor reset is refused, or null when it is allowed. */
export function refuseSecondFactorReset(actorId: string, target: RoleTarget): string | null {
  if (target.id === actorId) return SELF_SECOND_FACTOR_RESET_MESSAGE;
  if (target.role === 'citizen') return 'Cette personne n’a pas accès à l’espace agents.';
  return null;
}
