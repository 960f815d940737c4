import { describe, expect, it } from 'vitest';
import { addDocumentSchema, renameDocumentSchema } from '@/lib/documents/schemas';
import { addMonths, checkDocumentValidity, describeValidity, isExpiringSoon, todayInParis, validityMessage } from '@/lib/documents/validity';
import { fileSchema } from '@/lib/procedures/fields/file.schema';

// A fixed "now": 3 December 2026 in Paris.
const TODAY = '2026-12-03';

describe('checkDocumentValidity', () => {
  it('warns about a proof of address issued more than 3 months ago, in the words the citizen reads', () => {
    const problem = checkDocumentValidity({ issuedOn: '2026-01-12', expiresOn: null }, 3, TODAY);
    expect(problem).toEqual({ kind: 'too-old', issuedOn: '2026-01-12', maxAgeMonths: 3 });
    expect(validityMessage(problem!)).toBe('Ce document date du 12 janvier 2026 : la démarche demande un document de moins de 3 mois.');
  });

  it('accepts a document exactly 3 months old, and refuses the day before', () => {
    expect(checkDocumentValidity({ issuedOn: '2026-09-03', expiresOn: null }, 3, TODAY)).toBeNull();
    expect(checkDocumentValidity({ issuedOn: '2026-09-02', expiresOn: null }, 3, TODAY)?.kind).toBe('too-old');
  });

  it('does not judge the age when the field does not ask for a recent document, or the date is unknown', () => {
    expect(checkDocumentValidity({ issuedOn: '2010-01-01', expiresOn: null }, undefined, TODAY)).toBeNull();
    expect(checkDocumentValidity({ issuedOn: null, expiresOn: null }, 3, TODAY)).toBeNull();
  });

  it('warns about an expired document whatever the field asks, but not on its last day', () => {
    const problem = checkDocumentValidity({ issuedOn: null, expiresOn: '2026-12-02' }, undefined, TODAY);
    expect(validityMessage(problem!)).toBe('Ce document a expiré le 2 décembre 2026 : la démarche demande un document en cours de validité.');
    expect(checkDocumentValidity({ issuedOn: null, expiresOn: TODAY }, undefined, TODAY)).toBeNull();
  });
});

describe('dates', () => {
  it('adds months, keeping the end of a shorter month', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-01-12', 3)).toBe('2026-04-12');
  });

  it('reads today in Paris: 23:30 UTC on 31 December is already the new year', () => {
    expect(todayInParis(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('lists as expiring soon what expires within 30 days or has expired, not later', () => {
    expect(isExpiringSoon({ issuedOn: null, expiresOn: '2027-01-02' }, TODAY)).toBe(true);
    expect(isExpiringSoon({ issuedOn: null, expiresOn: '2020-01-01' }, TODAY)).toBe(true);
    expect(isExpiringSoon({ issuedOn: null, expiresOn: '2027-01-03' }, TODAY)).toBe(false);
    expect(isExpiringSoon({ issuedOn: '2026-01-01', expiresOn: null }, TODAY)).toBe(false);
  });

  it('describes a document for the locker drop-down list', () => {
    expect(describeValidity({ kind: 'domicile', issuedOn: '2026-01-12', expiresOn: null })).toBe('Justificatif de domicile, délivré le 12 janvier 2026');
    expect(describeValidity({ kind: null, issuedOn: null, expiresOn: null })).toBe('');
  });
});

describe('document details form schema', () => {
  const base = { id: 'x', title: 'Facture' };
  const errorsOf = (input: Record<string, unknown>) => {
    const parsed = renameDocumentSchema.safeParse({ ...base, ...input });
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('keeps older documents working: empty inputs are stored as null', () => {
    expect(renameDocumentSchema.parse({ ...base, kind: '', issuedOn: '', expiresOn: '' })).toMatchObject({ kind: null, issuedOn: null, expiresOn: null });
    expect(renameDocumentSchema.parse(base)).toMatchObject({ kind: null, issuedOn: null, expiresOn: null });
  });

  it('refuses an unknown type, an impossible date, a future issue date and an expiry before issue, in French', () => {
    expect(errorsOf({ kind: 'passeport-martien' })).toEqual({ kind: 'Choisissez un type de document dans la liste.' });
    expect(errorsOf({ issuedOn: '2026-02-31' }).issuedOn).toMatch(/^Saisissez la date de délivrance/);
    expect(errorsOf({ issuedOn: '1850-01-01' })).toEqual({ issuedOn: 'Vérifiez l’année de cette date.' });
    expect(errorsOf({ issuedOn: '2999-01-01' }).issuedOn).toBeDefined();
    expect(errorsOf({ issuedOn: addMonths(todayInParis(new Date()), 1) })).toEqual({ issuedOn: 'La date de délivrance ne peut pas être dans le futur.' });
    expect(errorsOf({ issuedOn: '2025-06-01', expiresOn: '2025-06-01' })).toEqual({ expiresOn: 'La date d’expiration doit être après la date de délivrance.' });
  });

  it('accepts a type and consistent dates', () => {
    expect(renameDocumentSchema.parse({ ...base, kind: 'identite', issuedOn: '2020-05-04', expiresOn: '2030-05-03' })).toMatchObject({ kind: 'identite', issuedOn: '2020-05-04', expiresOn: '2030-05-03' });
    expect(addDocumentSchema.safeParse({ title: 'x', kind: 'rib' }).success).toBe(false); // still needs its file
  });
});

describe('file field maxAgeMonths', () => {
  const fieldWith = (maxAgeMonths: unknown) => fileSchema.safeParse({ key: 'd', type: 'file', label: 'Justificatif', maxAgeMonths });

  it('is read from the field definition, optional, and a nonsense value is refused', () => {
    expect(fieldWith(3).data?.maxAgeMonths).toBe(3);
    expect(fieldWith(undefined).success).toBe(true);
    expect(fieldWith(0).success).toBe(false);
    expect(fieldWith(1.5).success).toBe(false);
  });
});
