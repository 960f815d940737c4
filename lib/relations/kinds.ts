// Kinds of relations and their words. Without zod, so that the forms list them without loading
// a schema (decision 019); lib/relations/schemas.ts re-exports them.

/** Who a person is to the account holder; a procedure may restrict its beneficiaries to some of them. */
export const personSubtypes = ['child', 'spouse', 'parent', 'other'] as const;
export const organisationSubtypes = ['association', 'company'] as const;
export type PersonSubtype = (typeof personSubtypes)[number];
export type OrganisationSubtype = (typeof organisationSubtypes)[number];

/** Choices of the forms. Spelled out rather than "conjoint·e": screen readers read the median dot aloud. */
export const personSubtypeLabels: Record<PersonSubtype, string> = {
  child: 'Enfant',
  spouse: 'Conjoint ou conjointe',
  parent: 'Parent',
  other: 'Autre personne',
};

/** The same, as a noun inside a sentence: "Léo Durand (enfant)". */
export const personSubtypeNouns: Record<PersonSubtype, string> = {
  child: 'enfant',
  spouse: 'conjoint ou conjointe',
  parent: 'parent',
  other: 'autre proche',
};

export const organisationSubtypeLabels: Record<OrganisationSubtype, string> = {
  association: 'Association',
  company: 'Entreprise',
};
