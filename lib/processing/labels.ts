// Labels written for the citizen, re-worded for agents. Pure module.

const SELF_SUFFIX = /\s*\(vous-même\)$/;

/** "Camille Durand (vous-même)" is the citizen's view; an agent reads "Camille Durand (titulaire du compte)". */
export function beneficiaryLabelForAgents(kind: 'self' | 'person' | 'organisation', citizenLabel: string): string {
  if (kind !== 'self') return citizenLabel;
  const name = citizenLabel.replace(SELF_SUFFIX, '');
  return name && name !== 'Vous-même' ? `${name} (titulaire du compte)` : 'Le titulaire du compte';
}
