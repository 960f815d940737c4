import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { organisationRelationSchema, parseDate, personRelationSchema, SIRET_INVALID_MESSAGE, todayInFrance } from '@/lib/relations/schemas';

// Forms post every text input, empty or not; an unchecked radio group posts nothing.
const person = {
  subtype: 'child',
  civility: '',
  birthName: ' Durand ',
  usageName: '',
  firstNames: 'Léo Paul',
  birthDate: '2017-09-03',
  birthPlace: '',
  addressLine1: '',
  addressLine2: '',
  postalCode: '',
  city: '',
};

const organisation = {
  subtype: 'association',
  legalName: 'Les Jardins partagés du 3e',
  siret: '421 039 587 00017',
  ownerRole: 'Présidente',
  addressLine1: '5 place Guichard',
  addressLine2: '',
  postalCode: '69003',
  city: 'Lyon',
};

function errorsOf(schema: z.ZodType, input: unknown): Record<string, string[] | undefined> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return z.flattenError(result.error).fieldErrors as Record<string, string[] | undefined>;
}

describe('personRelationSchema', () => {
  it('accepts a child without address, trims and drops empty optional fields', () => {
    expect(personRelationSchema.parse(person)).toEqual({ subtype: 'child', birthName: 'Durand', firstNames: 'Léo Paul', birthDate: '2017-09-03' });
  });

  it('names every missing required field in French', () => {
    expect(errorsOf(personRelationSchema, { ...person, subtype: undefined, birthName: '', firstNames: '  ', birthDate: '' })).toEqual({
      subtype: ['Indiquez le lien entre vous et cette personne.'],
      birthName: ['Saisissez le nom de naissance.'],
      firstNames: ['Saisissez les prénoms.'],
      birthDate: ['Saisissez la date de naissance.'],
    });
  });

  it('refuses an unknown relationship or civility', () => {
    expect(errorsOf(personRelationSchema, { ...person, subtype: 'cousin', civility: 'Maître' })).toEqual({
      subtype: ['Indiquez le lien entre vous et cette personne.'],
      civility: ['Choisissez une civilité.'],
    });
  });

  it.each([
    ['2017-02-30', 'Saisissez une date de naissance valide, par exemple 27/03/2015.'],
    ['31/04/2017', 'Saisissez une date de naissance valide, par exemple 27/03/2015.'],
    ['hier', 'Saisissez une date de naissance valide, par exemple 27/03/2015.'],
    ['1899-12-31', 'La date de naissance ne peut pas être antérieure au 1er janvier 1900.'],
    ['2999-01-01', 'La date de naissance doit être dans le passé.'],
  ])('refuses the birth date %s', (birthDate, message) => {
    expect(errorsOf(personRelationSchema, { ...person, birthDate })).toEqual({ birthDate: [message] });
  });

  it('refuses tomorrow but accepts today and a French-style date', () => {
    const tomorrow = new Date(Date.now() + 36 * 3600 * 1000);
    expect(errorsOf(personRelationSchema, { ...person, birthDate: todayInFrance(tomorrow) })).toEqual({ birthDate: ['La date de naissance doit être dans le passé.'] });
    expect(personRelationSchema.parse({ ...person, birthDate: todayInFrance() }).birthDate).toBe(todayInFrance());
    expect(personRelationSchema.parse({ ...person, birthDate: '3/9/2017' }).birthDate).toBe('2017-09-03');
  });

  it('takes the address all or nothing, and reports it with the other errors', () => {
    expect(errorsOf(personRelationSchema, { ...person, city: 'Lyon' })).toEqual({
      addressLine1: ['Saisissez le numéro et la voie.'],
      postalCode: ['Saisissez le code postal.'],
    });
    expect(errorsOf(personRelationSchema, { ...person, birthDate: 'n’importe quoi', addressLine2: 'Bâtiment B', postalCode: '6900' })).toEqual({
      birthDate: ['Saisissez une date de naissance valide, par exemple 27/03/2015.'],
      addressLine1: ['Saisissez le numéro et la voie.'],
      postalCode: ['Le code postal doit contenir 5 chiffres, par exemple 69001.'],
      city: ['Saisissez la commune.'],
    });
    expect(personRelationSchema.parse({ ...person, addressLine1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon' })).toMatchObject({
      addressLine1: '12 rue des Lilas',
      postalCode: '69003',
      city: 'Lyon',
    });
  });

  it('limits lengths', () => {
    expect(errorsOf(personRelationSchema, { ...person, birthName: 'x'.repeat(101) })).toEqual({ birthName: ['Ce champ doit contenir au plus 100 caractères.'] });
  });
});

describe('organisationRelationSchema', () => {
  it('accepts an association and stores the SIRET without spaces', () => {
    expect(organisationRelationSchema.parse(organisation)).toEqual({ ...organisation, siret: '42103958700017', addressLine2: undefined });
  });

  it('requires every field, the address included', () => {
    expect(errorsOf(organisationRelationSchema, { addressLine1: '', postalCode: '', city: '', siret: '', legalName: '', ownerRole: '' })).toEqual({
      subtype: ['Indiquez s’il s’agit d’une association ou d’une entreprise.'],
      legalName: ['Saisissez la raison sociale.'],
      siret: ['Saisissez le numéro SIRET.'],
      ownerRole: ['Indiquez votre rôle dans cette structure.'],
      addressLine1: ['Saisissez le numéro et la voie.'],
      postalCode: ['Saisissez le code postal.'],
      city: ['Saisissez la commune.'],
    });
  });

  it.each(['42103958700018', '4210395870001', '42103958700O17'])('refuses the SIRET %s with the agreed message', (siret) => {
    expect(errorsOf(organisationRelationSchema, { ...organisation, siret })).toEqual({ siret: [SIRET_INVALID_MESSAGE] });
  });

  it('role: free text up to 100 characters', () => {
    expect(organisationRelationSchema.parse({ ...organisation, subtype: 'company', ownerRole: 'Gérant' })).toMatchObject({ subtype: 'company', ownerRole: 'Gérant' });
    expect(errorsOf(organisationRelationSchema, { ...organisation, ownerRole: 'x'.repeat(101) })).toEqual({ ownerRole: ['Ce champ doit contenir au plus 100 caractères.'] });
  });
});

describe('parseDate and todayInFrance', () => {
  it('knows leap years', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2023-02-29')).toBeNull();
  });

  it('uses the date in Paris, not on the server clock', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(todayInFrance(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
  });
});
