import type { AddressAnswer, AnswerValue, Answers } from './answers';
import type { ProcedureDefinition } from './definition';
import { moduleOf } from './fields';
import type { PrefillSource } from './prefill-sources';

// The answers a new draft starts with, following each field's `prefill` source: the citizen's
// profile, or the beneficiary (the citizen themself, or the chosen relation).
// Pure module: no database, so it is unit-tested on the seed definitions.

type PostalAddressLike = { line1?: string | null; line2?: string | null; postalCode?: string | null; city?: string | null } | null | undefined;

/** The citizen's profile, as lib/accounts/profile.ts returns it (address flattened). */
export type PrefillProfile = {
  civility?: string | null;
  birthName?: string | null;
  usageName?: string | null;
  firstNames?: string | null;
  birthDate?: string | null;
  birthPlace?: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  postalCode?: string | null;
  city?: string | null;
  phone?: string | null;
};

/** Whom the dossier is for: a person (the citizen or a relation) or an organisation. */
export type PrefillBeneficiary = {
  birthName?: string | null;
  usageName?: string | null;
  firstNames?: string | null;
  birthDate?: string | null;
  birthPlace?: string | null;
  address?: PostalAddressLike;
  legalName?: string | null;
  siret?: string | null;
};

export type PrefillInput = { profile: PrefillProfile | null; email: string; beneficiary: PrefillBeneficiary | null };

export function computePrefill(definition: ProcedureDefinition, input: PrefillInput): Answers {
  const answers: Answers = {};
  for (const step of definition.steps) {
    for (const field of step.fields) {
      const prefill = moduleOf(field).prefill;
      if (!prefill || !('prefill' in field) || !field.prefill) continue;
      // The definition schema pairs each source with the types that can hold it (their modules'
      // `prefill.sources`); `fit` keeps only values the field can show (a civility outside a
      // select's options, a malformed date).
      const source = readSource(field.prefill, input);
      const value = source === null ? null : prefill.fit(field, source);
      if (value !== null) answers[field.key] = value;
    }
  }
  return answers;
}

/** A person's usual name: the usage name when there is one, otherwise the birth name. */
export function lastNameOf(person: { birthName?: string | null; usageName?: string | null }): string | null {
  return clean(person.usageName) ?? clean(person.birthName);
}

function readSource(source: PrefillSource, { profile, email, beneficiary }: PrefillInput): AnswerValue {
  const p = profile ?? {};
  const b = beneficiary ?? {};
  switch (source) {
    case 'profile.civility':
      return clean(p.civility);
    case 'profile.lastName':
      return lastNameOf(p);
    case 'profile.birthName':
      return clean(p.birthName);
    case 'profile.usageName':
      return clean(p.usageName);
    case 'profile.firstNames':
      return clean(p.firstNames);
    case 'profile.birthDate':
      return clean(p.birthDate);
    case 'profile.birthPlace':
      return clean(p.birthPlace);
    case 'profile.address':
      return toAddress({ line1: p.addressLine1, line2: p.addressLine2, postalCode: p.postalCode, city: p.city });
    case 'profile.phone':
      return clean(p.phone);
    case 'profile.email':
      return clean(email);
    case 'beneficiary.lastName':
      return lastNameOf(b);
    case 'beneficiary.birthName':
      return clean(b.birthName);
    case 'beneficiary.firstNames':
      return clean(b.firstNames);
    case 'beneficiary.birthDate':
      return clean(b.birthDate);
    case 'beneficiary.birthPlace':
      return clean(b.birthPlace);
    case 'beneficiary.address':
      return toAddress(b.address);
    case 'beneficiary.legalName':
      return clean(b.legalName);
    case 'beneficiary.siret':
      return clean(b.siret);
  }
}

function toAddress(address: PostalAddressLike): AddressAnswer | null {
  const line1 = clean(address?.line1);
  const postalCode = clean(address?.postalCode);
  const city = clean(address?.city);
  if (!line1 || !postalCode || !city) return null;
  const line2 = clean(address?.line2);
  return line2 ? { line1, line2, postalCode, city } : { line1, postalCode, city };
}

function clean(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}
