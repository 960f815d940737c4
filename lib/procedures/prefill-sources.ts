// The prefill sources a field definition may name (`prefill: 'profile.lastName'`). Which field
// types can hold each source's value is said by each type's module (lib/procedures/fields);
// how each source is read is lib/procedures/prefill.ts. Pure module.

export const prefillSources = [
  'profile.civility',
  'profile.lastName', // usage name when set, otherwise birth name
  'profile.birthName',
  'profile.usageName',
  'profile.firstNames',
  'profile.birthDate',
  'profile.birthPlace',
  'profile.address',
  'profile.phone',
  'profile.email',
  'beneficiary.lastName', // usage name when set, otherwise birth name
  'beneficiary.birthName',
  'beneficiary.firstNames',
  'beneficiary.birthDate',
  'beneficiary.birthPlace',
  'beneficiary.address',
  'beneficiary.legalName',
  'beneficiary.siret',
] as const;

export type PrefillSource = (typeof prefillSources)[number];

export const organisationOnlySources: readonly PrefillSource[] = ['beneficiary.legalName', 'beneficiary.siret'];
export const personOnlySources: readonly PrefillSource[] = ['beneficiary.lastName', 'beneficiary.birthName', 'beneficiary.firstNames', 'beneficiary.birthDate', 'beneficiary.birthPlace'];
