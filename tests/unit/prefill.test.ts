import { describe, expect, it } from 'vitest';
import { seedProcedures } from '@/db/seed/procedures';
import { parseDefinition } from '@/lib/procedures/definition';
import { computePrefill, type PrefillBeneficiary, type PrefillProfile } from '@/lib/procedures/prefill';

const definitionOf = (slug: string) => parseDefinition(seedProcedures.find((p) => p.slug === slug)!.definition);

// The demo citizen of db/seed: a usage name, a full address, a phone.
const profile: PrefillProfile = {
  civility: 'Mme',
  birthName: 'Martin',
  usageName: 'Durand',
  firstNames: 'Camille Marie',
  birthDate: '1986-04-12',
  birthPlace: 'Lyon (69)',
  addressLine1: '12 rue des Lilas',
  addressLine2: null,
  postalCode: '69003',
  city: 'Lyon',
  phone: '06 12 34 56 78',
};
const email = 'camille.durand@exemple.fr';
const profileAddress = { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon' };

const self: PrefillBeneficiary = {
  birthName: profile.birthName,
  usageName: profile.usageName,
  firstNames: profile.firstNames,
  birthDate: profile.birthDate,
  birthPlace: profile.birthPlace,
  address: profileAddress,
};
const child: PrefillBeneficiary = {
  birthName: 'Durand',
  usageName: null,
  firstNames: 'Léo Paul',
  birthDate: '2017-09-03',
  birthPlace: 'Lyon (69)',
  address: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'France' } as PrefillBeneficiary['address'],
};
const association: PrefillBeneficiary = {
  legalName: 'Les Jardins partagés du 3e',
  siret: '421 039 587 00017',
  address: { line1: '5 place Guichard', line2: 'Bâtiment B', postalCode: '69003', city: 'Lyon' },
};

describe('computePrefill on the seed procedures', () => {
  it('birth certificate for oneself: identity from the profile (the birth name, not the usage name), postal address', () => {
    expect(computePrefill(definitionOf('acte-de-naissance'), { profile, email, beneficiary: self })).toEqual({
      nomNaissance: 'Martin',
      prenoms: 'Camille Marie',
      dateNaissance: '1986-04-12',
      lieuNaissance: 'Lyon (69)',
      adresseEnvoi: profileAddress,
    });
  });

  it('birth certificate for a child: identity of the child, postal address of the citizen', () => {
    expect(computePrefill(definitionOf('acte-de-naissance'), { profile, email, beneficiary: child })).toEqual({
      nomNaissance: 'Durand',
      prenoms: 'Léo Paul',
      dateNaissance: '2017-09-03',
      lieuNaissance: 'Lyon (69)',
      adresseEnvoi: profileAddress,
    });
  });

  it('school canteen: the child from the relation, the legal guardian from the profile and login email', () => {
    const answers = computePrefill(definitionOf('inscription-cantine'), { profile, email, beneficiary: child });
    expect(answers).toEqual({
      nomEnfant: 'Durand',
      prenomsEnfant: 'Léo Paul',
      dateNaissanceEnfant: '2017-09-03',
      nomResponsable: 'Durand',
      prenomsResponsable: 'Camille Marie',
      telephoneResponsable: '06 12 34 56 78',
      courrielResponsable: email,
      adresseResponsable: profileAddress,
    });
    // Nothing the citizen must choose is guessed.
    expect(answers).not.toHaveProperty('ecole');
    expect(answers).not.toHaveProperty('justificatifDomicile');
  });

  it('association grant: name, SIRET without spaces and head-office address (with its second line)', () => {
    expect(computePrefill(definitionOf('subvention-association'), { profile, email, beneficiary: association })).toEqual({
      nomAssociation: 'Les Jardins partagés du 3e',
      siret: '42103958700017',
      adresseSiege: { line1: '5 place Guichard', line2: 'Bâtiment B', postalCode: '69003', city: 'Lyon' },
    });
  });

  it('street report: only the phone, prefilled even though it shows only when a call-back is wanted', () => {
    expect(computePrefill(definitionOf('signalement-voirie'), { profile, email, beneficiary: self })).toEqual({ telephone: '06 12 34 56 78' });
  });
});

describe('computePrefill with missing or unusable data', () => {
  it('leaves fields absent when the profile is empty or missing', () => {
    expect(computePrefill(definitionOf('inscription-cantine'), { profile: null, email: '', beneficiary: null })).toEqual({});
    expect(computePrefill(definitionOf('acte-de-naissance'), { profile: { birthName: '  ', firstNames: null }, email, beneficiary: {} })).toEqual({});
  });

  it('uses the birth name when there is no usage name', () => {
    const answers = computePrefill(definitionOf('inscription-cantine'), { profile: { ...profile, usageName: null }, email, beneficiary: child });
    expect(answers.nomResponsable).toBe('Martin');
  });

  it('drops an incomplete address, a malformed date and a SIRET that is not 14 digits', () => {
    const partial = { ...profile, postalCode: null };
    expect(computePrefill(definitionOf('inscription-cantine'), { profile: partial, email, beneficiary: child })).not.toHaveProperty('adresseResponsable');
    const oddChild = { ...child, birthDate: '03/09/2017' };
    expect(computePrefill(definitionOf('inscription-cantine'), { profile, email, beneficiary: oddChild })).not.toHaveProperty('dateNaissanceEnfant');
    const oddAssociation = { ...association, siret: '4210395870001' };
    expect(computePrefill(definitionOf('subvention-association'), { profile, email, beneficiary: oddAssociation })).not.toHaveProperty('siret');
  });

  it('fills a choice field only with one of its options, and cuts text to the field length', () => {
    const definition = parseDefinition({
      beneficiaries: ['self'],
      steps: [
        {
          key: 'identite',
          title: 'Identité',
          fields: [
            { key: 'civilite', type: 'radio', label: 'Civilité', prefill: 'profile.civility', options: [{ value: 'Madame', label: 'Madame' }, { value: 'Monsieur', label: 'Monsieur' }] },
            { key: 'nom', type: 'text', label: 'Nom', prefill: 'profile.lastName', maxLength: 4 },
          ],
        },
      ],
      statuses: [{ key: 'recue', label: 'Reçue', tone: 'info', final: true }],
    });
    expect(computePrefill(definition, { profile, email, beneficiary: self })).toEqual({ nom: 'Dura' });
    expect(computePrefill(definition, { profile: { ...profile, civility: 'Madame' }, email, beneficiary: self })).toEqual({ civilite: 'Madame', nom: 'Dura' });
  });
});
