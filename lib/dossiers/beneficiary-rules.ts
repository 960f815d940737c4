import type { Beneficiary, PersonSubtype } from '@/lib/procedures/definition';

// Who may be the beneficiary of a procedure: one rule for the choice offered (the "Pour qui ?"
// page) and the choice checked (resolveBeneficiary). Pure: unit-tested.

export type BeneficiaryRules = { beneficiaries: readonly Beneficiary[]; personSubtypes?: readonly PersonSubtype[] };
export type BeneficiaryCandidate = { kind: 'person'; subtype: PersonSubtype } | { kind: 'organisation' };

/** A relation may be the beneficiary: its kind is allowed and, for a person, its subtype too. */
export function isAllowedBeneficiary(rules: BeneficiaryRules, relation: BeneficiaryCandidate): boolean {
  if (!rules.beneficiaries.includes(relation.kind)) return false;
  return relation.kind !== 'person' || !rules.personSubtypes || rules.personSubtypes.includes(relation.subtype);
}
