import { describe, expect, it } from 'vitest';
import { seedProcedures } from '@/db/seed/procedures';
import { isCategoryKey } from '@/lib/procedures/categories';
import { parseDefinition, safeParseDefinition } from '@/lib/procedures/definition';

// A small valid definition; each test breaks exactly one thing in a fresh copy.
function makeDefinition() {
  return {
    beneficiaries: ['self'],
    steps: [
      {
        key: 'demande',
        title: 'Votre demande',
        fields: [
          { key: 'motif', type: 'select', label: 'Motif', required: true, options: [{ value: 'a', label: 'A' }, { value: 'autre', label: 'Autre' }] },
          { key: 'precision', type: 'text', label: 'Précisez', showIf: { field: 'motif', equals: 'autre' } },
          { key: 'recontact', type: 'yesno', label: 'Être recontacté ?' },
        ],
      },
      {
        key: 'contact',
        title: 'Vos coordonnées',
        fields: [
          { key: 'telephone', type: 'tel', label: 'Téléphone', prefill: 'profile.phone', showIf: { field: 'recontact', equals: true } },
          { key: 'nombre', type: 'number', label: 'Nombre', min: 1, max: 3 },
        ],
      },
    ],
    statuses: [
      { key: 'recue', label: 'Reçue', tone: 'info' },
      { key: 'terminee', label: 'Terminée', tone: 'success', final: true },
    ],
  } as { beneficiaries: string[]; steps: { key: string; title: string; fields: Record<string, unknown>[] }[]; statuses: Record<string, unknown>[] };
}

function errorsOf(definition: unknown): string {
  const result = safeParseDefinition(definition);
  expect(result.success).toBe(false);
  return result.success ? '' : result.errors.join('\n');
}

describe('seeded procedures', () => {
  it.each(seedProcedures.map((p) => [p.slug, p] as const))('%s is a valid definition in a known category', (_slug, procedure) => {
    const definition = parseDefinition(procedure.definition);
    expect(isCategoryKey(procedure.category)).toBe(true);
    expect(definition.steps.length).toBeGreaterThanOrEqual(3);
    expect(definition.steps.length).toBeLessThanOrEqual(5);
    expect(definition.statuses.length).toBeGreaterThanOrEqual(4);
    expect(definition.statuses.length).toBeLessThanOrEqual(6);
  });

  it('has unique slugs', () => {
    const slugs = seedProcedures.map((p) => p.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});

describe('parseDefinition', () => {
  it('accepts the base definition and fills defaults', () => {
    const definition = parseDefinition(makeDefinition());
    const [motif, precision] = definition.steps[0].fields;
    expect(motif.type === 'select' && motif.required).toBe(true);
    expect(precision).toMatchObject({ type: 'text', required: false, maxLength: 200 });
    expect(definition.statuses[0].final).toBe(false);
  });

  it('defaults a textarea to 5000 characters', () => {
    const def = makeDefinition();
    def.steps[0].fields.push({ key: 'details', type: 'textarea', label: 'Détails' });
    expect(parseDefinition(def).steps[0].fields[3]).toMatchObject({ maxLength: 5000 });
  });

  it('throws one French message per problem, naming the step and field', () => {
    const def = makeDefinition();
    def.steps[1].fields[1] = { ...def.steps[1].fields[1], min: 5, max: 2 };
    def.statuses.push({ key: 'draft', label: 'Brouillon', tone: 'info' });
    expect(() => parseDefinition(def)).toThrow(/Définition de démarche invalide/);
    expect(() => parseDefinition(def)).toThrow(/étape « contact » › champ « nombre » : Nombre : le minimum \(5\) dépasse le maximum \(2\)/);
    expect(() => parseDefinition(def)).toThrow(/statut « draft » › key : « draft » est réservé/);
  });

  it('rejects a field key used twice, even in different steps', () => {
    const def = makeDefinition();
    def.steps[1].fields[1].key = 'motif';
    expect(errorsOf(def)).toContain('Clés de champ en double : motif');
  });

  it('rejects a step key used twice', () => {
    const def = makeDefinition();
    def.steps[1].key = 'demande';
    expect(errorsOf(def)).toContain('Clés d’étape en double : demande');
  });

  it('rejects showIf on an unknown field', () => {
    const def = makeDefinition();
    def.steps[0].fields[1].showIf = { field: 'inconnu', equals: 'x' };
    expect(errorsOf(def)).toContain('« inconnu » n’existe pas');
  });

  it('rejects showIf on a field of a later step', () => {
    const def = makeDefinition();
    def.steps[0].fields[1].showIf = { field: 'nombre', equals: 2 };
    expect(errorsOf(def)).toContain('est placé après celui-ci');
  });

  it('rejects a showIf value that is not one of the options, and a yes/no compared to text', () => {
    const def = makeDefinition();
    def.steps[0].fields[1].showIf = { field: 'motif', in: ['a', 'b'] };
    def.steps[1].fields[0].showIf = { field: 'recontact', equals: 'oui' };
    const errors = errorsOf(def);
    expect(errors).toContain('absente(s) des options de « motif » : b');
    expect(errors).toContain('« recontact » est un oui/non');
  });

  it('rejects empty options', () => {
    const def = makeDefinition();
    def.steps[0].fields[0].options = [];
    expect(errorsOf(def)).toContain('Au moins une option est nécessaire');
  });

  it('rejects duplicate option values', () => {
    const def = makeDefinition();
    def.steps[0].fields[0].options = [{ value: 'a', label: 'A' }, { value: 'a', label: 'Encore A' }, { value: 'autre', label: 'Autre' }];
    expect(errorsOf(def)).toContain('Valeurs d’option en double : a');
  });

  it("rejects a status named 'draft'", () => {
    const def = makeDefinition();
    def.statuses[0].key = 'draft';
    expect(errorsOf(def)).toContain('« draft » est réservé');
  });

  it('rejects a status list without a final status', () => {
    const def = makeDefinition();
    def.statuses[1].final = false;
    expect(errorsOf(def)).toContain('Au moins un statut doit être final');
  });

  it('rejects an unknown prefill source', () => {
    const def = makeDefinition();
    def.steps[1].fields[0].prefill = 'profile.shoeSize';
    expect(errorsOf(def)).toContain('Source de pré-remplissage inconnue');
  });

  it('rejects a prefill source that does not fit the field type or the beneficiaries', () => {
    const def = makeDefinition();
    def.steps[1].fields[0].prefill = 'profile.birthDate';
    def.steps[0].fields[1].prefill = 'beneficiary.legalName';
    const errors = errorsOf(def);
    expect(errors).toContain('« profile.birthDate » ne peut pré-remplir qu’un champ de type date, pas tel');
    expect(errors).toContain('suppose qu’une organisation puisse être bénéficiaire');
  });

  it.each([
    ['number', { type: 'number', min: 10, max: 1 }, 'Nombre : le minimum (10) dépasse le maximum (1)'],
    ['date', { type: 'date', min: '2026-12-31', max: '2026-01-01' }, 'Dates : le minimum (2026-12-31) dépasse le maximum (2026-01-01)'],
    ['text', { type: 'text', minLength: 50, maxLength: 10 }, 'Longueur : le minimum (50) dépasse le maximum (10)'],
  ])('rejects min > max on a %s field', (_type, bounds, message) => {
    const def = makeDefinition();
    def.steps[1].fields[1] = { key: 'borne', label: 'Borne', ...bounds };
    expect(errorsOf(def)).toContain(message);
  });

  it('rejects an unknown field type, an unknown property and required on an info field', () => {
    const def = makeDefinition();
    def.steps[0].fields.push({ key: 'carte', type: 'map', label: 'Carte' });
    def.steps[1].fields.push({ key: 'note', type: 'info', label: 'À savoir', body: 'Texte', required: true });
    def.steps[1].fields[1].placeholder = '2';
    const errors = errorsOf(def);
    expect(errors).toContain('Type de champ inconnu');
    expect(errors).toMatch(/champ « note » : Clé non reconnue : "required"/);
    expect(errors).toMatch(/champ « nombre » : Clé non reconnue : "placeholder"/);
  });

  it("rejects personSubtypes when 'person' is not a beneficiary", () => {
    const def = { ...makeDefinition(), personSubtypes: ['child'] };
    expect(errorsOf(def)).toContain('« personSubtypes » n’a de sens que si « person »');
  });
});
