import type { ActionFailure } from '@/lib/actions/result';
import type { AgentAdminOutcome, AgentAdminRefusal } from '@/lib/administration/outcomes';

// The agents page's words for the reasons its use cases give (lib/administration). The e2e
// specs check these sentences: change them only on purpose.

export const USER_NOT_FOUND_MESSAGE = 'Ce compte est introuvable : il a peut-être été supprimé. Rechargez la page.';
export const SELF_CHANGE_MESSAGE =
  'Vous ne pouvez pas modifier ni retirer votre propre rôle d’administrateur : demandez-le à un autre administrateur. Ainsi, le portail garde toujours au moins un administrateur.';
export const SELF_SECOND_FACTOR_RESET_MESSAGE =
  'Vous ne pouvez pas réinitialiser votre propre double authentification : demandez-le à un autre administrateur.';

/** Each reason: a sentence above the form, or beside one of its controls. */
const refusals: Record<AgentAdminRefusal, { formError: string } | { field: string; message: string }> = {
  'user-not-found': { formError: USER_NOT_FOUND_MESSAGE },
  self: { formError: SELF_CHANGE_MESSAGE },
  'self-second-factor': { formError: SELF_SECOND_FACTOR_RESET_MESSAGE },
  'not-back-office': { formError: 'Cette personne n’a pas accès à l’espace agents.' },
  'already-admin': { formError: 'Cette personne est déjà administratrice.' },
  'already-agent': { formError: 'Cette personne est déjà agent.' },
  'already-back-office': { field: 'email', message: 'Cette personne a déjà accès à l’espace agents : modifiez son rôle dans la liste ci-dessous.' },
  'just-created': { field: 'email', message: 'Un compte vient d’être créé avec cette adresse : recommencez pour lui donner l’accès.' },
  'agent-not-found': { formError: 'Ce compte n’a pas (ou plus) accès à l’espace agents. Rechargez la page.' },
  'procedure-not-found': { field: 'procedureId', message: 'Cette démarche est introuvable. Rechargez la page.' },
  'already-granted': { field: 'procedureId', message: 'Cette démarche est déjà affectée à cette personne.' },
  'grant-not-found': { formError: 'Cette affectation n’existe plus. Rechargez la page.' },
};

/** The sentence of a refusal (the rules' unit tests read it). */
export function refusalMessage(reason: AgentAdminRefusal): string {
  const refusal = refusals[reason];
  return 'formError' in refusal ? refusal.formError : refusal.message;
}

export function agentsFailure(reason: AgentAdminRefusal): ActionFailure {
  const refusal = refusals[reason];
  return 'formError' in refusal ? { ok: false, formError: refusal.formError } : { ok: false, fieldErrors: { [refusal.field]: [refusal.message] } };
}

/** A use case's outcome as the form shows it: success unchanged, a refusal in words. */
export function agentsResult<T>(outcome: AgentAdminOutcome<T>): { ok: true; data?: T } | ActionFailure {
  return outcome.ok ? outcome : agentsFailure(outcome.reason);
}
