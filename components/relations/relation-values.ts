import type { Relation } from '@/lib/relations/relations';

// Type-only import: this pure module turns a stored relation into the strings a form shows.

export type RelationFormValues = Record<string, string>;

export function relationFormValues(relation: Relation): RelationFormValues {
  const address = {
    addressLine1: relation.address?.line1 ?? '',
    addressLine2: relation.address?.line2 ?? '',
    postalCode: relation.address?.postalCode ?? '',
    city: relation.address?.city ?? '',
  };
  if (relation.kind === 'organisation') {
    return { subtype: relation.subtype, legalName: relation.legalName, siret: relation.siret, ownerRole: relation.ownerRole ?? '', ...address };
  }
  return {
    subtype: relation.subtype,
    civility: relation.civility ?? '',
    birthName: relation.birthName,
    usageName: relation.usageName ?? '',
    firstNames: relation.firstNames,
    birthDate: relation.birthDate ?? '',
    birthPlace: relation.birthPlace ?? '',
    ...address,
  };
}
