import { afterEach, describe, expect, it, vi } from 'vitest';
import { seedProcedures } from '@/db/seed/procedures';
import type { Answers } from '@/lib/procedures/answers';
import {
  compileStep,
  formatAnswer,
  getStepState,
  isFieldVisible,
  isSameAnswer,
  isStorableAnswer,
  readStepForm,
  todayInParis,
  validateStep,
  type InputField,
} from '@/lib/procedures/compile-step';
import { parseDefinition, type Field, type ProcedureDefinition } from '@/lib/procedures/definition';

// A definition with one field of every type, so that each rule is tested in isolation.
const definition = parseDefinition({
  beneficiaries: ['self', 'organisation'],
  steps: [
    {
      key: 'tout',
      title: 'Tous les types',
      fields: [
        { key: 'info', type: 'info', label: 'À savoir', body: 'Un texte.' },
        { key: 'nom', type: 'text', label: 'Nom', required: true, minLength: 2, maxLength: 10 },
        { key: 'commentaire', type: 'textarea', label: 'Commentaire', maxLength: 20 },
        { key: 'courriel', type: 'email', label: 'Courriel' },
        { key: 'telephone', type: 'tel', label: 'Téléphone' },
        { key: 'naissance', type: 'date', label: 'Date de naissance', max: 'today' },
        { key: 'debut', type: 'date', label: 'Début', min: '2026-01-01', max: '2026-12-31' },
        { key: 'nombre', type: 'number', label: 'Nombre', min: 1, max: 3, integer: true },
        { key: 'montant', type: 'number', label: 'Montant', min: 0 },
        { key: 'motif', type: 'select', label: 'Motif', required: true, options: [{ value: 'a', label: 'Motif A' }, { value: 'autre', label: 'Autre motif' }] },
        { key: 'mode', type: 'radio', label: 'Mode', options: [{ value: 'courrier', label: 'Par courrier' }, { value: 'guichet', label: 'Au guichet' }] },
        { key: 'jours', type: 'checkboxes', label: 'Jours', options: [{ value: 'lundi', label: 'Lundi' }, { value: 'mardi', label: 'Mardi' }] },
        { key: 'accord', type: 'yesno', label: 'D’accord ?' },
        { key: 'adresse', type: 'address', label: 'Adresse' },
        { key: 'siret', type: 'siret', label: 'SIRET' },
        { key: 'piece', type: 'file', label: 'Pièce', required: true },
      ],
    },
    {
      key: 'conditions',
      title: 'Conditions',
      fields: [
        { key: 'precision', type: 'text', label: 'Précisez', required: true, showIf: { field: 'motif', equals: 'autre' } },
        { key: 'detailMode', type: 'text', label: 'Détail', required: true, showIf: { field: 'mode', in: ['courrier'] } },
        { key: 'lundiSeul', type: 'text', label: 'Lundi seul', required: true, showIf: { field: 'jours', equals: 'lundi' } },
        { key: 'siAccord', type: 'yesno', label: 'Et ensuite ?', required: true, showIf: { field: 'accord', equals: true } },
        { key: 'enchaine', type: 'text', label: 'Enchaîné', required: true, showIf: { field: 'siAccord', equals: false } },
      ],
    },
  ],
  statuses: [{ key: 'fin', label: 'Fin', tone: 'success', final: true }],
});

const ATTACHMENT = '3f1c2a9e-8b7d-4c6a-9e21-5d4b3a2f1e0c';
const valid: Answers = { nom: 'Durand', motif: 'a', piece: [ATTACHMENT] };

function fieldOf(key: string, def: ProcedureDefinition = definition): Field {
  const field = def.steps.flatMap((s) => s.fields).find((f) => f.key === key);
  if (!field) throw new Error(`no field ${key}`);
  return field;
}

/** The errors of step "tout" with `answers` added to a valid base. */
function errorsWith(answers: Answers): Record<string, string[]> {
  const result = validateStep(definition, 'tout', { ...valid, ...answers });
  return result.ok ? {} : result.fieldErrors;
}

function isoDaysFromToday(days: number): string {
  const [y, m, d] = todayInParis().split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

afterEach(() => vi.useRealTimers());

describe('compileStep: every field type', () => {
  it('accepts a valid step and returns only its non-empty values', () => {
    expect(validateStep(definition, 'tout', { ...valid, commentaire: null, autreEtape: 'x' })).toEqual({ ok: true, values: { nom: 'Durand', motif: 'a', piece: [ATTACHMENT] } });
  });

  it('text: required, min and max length', () => {
    expect(errorsWith({ nom: null }).nom).toEqual(['Saisissez « Nom ».']);
    expect(errorsWith({ nom: '   ' }).nom).toEqual(['Saisissez « Nom ».']);
    expect(errorsWith({ nom: 'D' }).nom).toEqual(['« Nom » doit contenir au moins 2 caractères (actuellement 1).']);
    expect(errorsWith({ nom: 'D'.repeat(11) }).nom).toEqual(['« Nom » doit contenir 10 caractères au maximum (actuellement 11).']);
    expect(errorsWith({ nom: 42 }).nom).toEqual(['La réponse à « Nom » n’est pas valide.']);
  });

  it('textarea: max length, optional when empty', () => {
    expect(errorsWith({ commentaire: 'x'.repeat(21) }).commentaire).toEqual(['« Commentaire » doit contenir 20 caractères au maximum (actuellement 21).']);
    expect(errorsWith({ commentaire: 'x'.repeat(20) })).toEqual({});
  });

  it('email', () => {
    expect(errorsWith({ courriel: 'camille@exemple.fr' })).toEqual({});
    expect(errorsWith({ courriel: 'camille@' }).courriel).toEqual(['Saisissez une adresse de courriel valide, par exemple nom@exemple.fr.']);
  });

  it('tel: French numbers, with or without separators and +33', () => {
    for (const ok of ['06 12 34 56 78', '0612345678', '06.12.34.56.78', '+33 6 12 34 56 78', '0033612345678']) expect(errorsWith({ telephone: ok })).toEqual({});
    for (const bad of ['061234567', '00 12 34 56 78', '+44 20 7946 0958', 'téléphone']) {
      expect(errorsWith({ telephone: bad }).telephone).toEqual(['Saisissez un numéro de téléphone français valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.']);
    }
  });

  it('date: format, real dates, fixed bounds and "today"', () => {
    expect(errorsWith({ debut: '2026-02-30' }).debut).toEqual(['« Début » doit être une date réelle, par exemple 27/03/2026.']);
    expect(errorsWith({ debut: '30/03/2026' }).debut).toEqual(['« Début » doit être une date réelle, par exemple 27/03/2026.']);
    expect(errorsWith({ debut: '2025-12-31' }).debut).toEqual(['« Début » doit être le 1er janvier 2026 ou après.']);
    expect(errorsWith({ debut: '2027-01-01' }).debut).toEqual(['« Début » doit être le 31 décembre 2026 ou avant.']);
    expect(errorsWith({ debut: '2026-03-27' })).toEqual({});
    expect(errorsWith({ naissance: todayInParis() })).toEqual({});
    expect(errorsWith({ naissance: isoDaysFromToday(1) }).naissance).toEqual(['« Date de naissance » doit être aujourd’hui ou dans le passé.']);
  });

  it('"today" is the date in Paris, not in the server time zone', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-26T23:30:00Z')); // already 27 March in Paris
    expect(todayInParis()).toBe('2026-03-27');
    expect(errorsWith({ naissance: '2026-03-27' })).toEqual({});
  });

  it('number: numeric, integer, bounds', () => {
    expect(errorsWith({ nombre: 2 })).toEqual({});
    expect(errorsWith({ nombre: 'deux' }).nombre).toEqual(['« Nombre » doit être un nombre, par exemple 2.']);
    expect(errorsWith({ nombre: 1.5 }).nombre).toEqual(['« Nombre » doit être un nombre entier, sans virgule.']);
    expect(errorsWith({ nombre: 4 }).nombre).toEqual(['« Nombre » doit être compris entre 1 et 3.']);
    expect(errorsWith({ montant: -1 }).montant).toEqual(['« Montant » doit être au moins 0.']);
    expect(errorsWith({ montant: 12.5 })).toEqual({});
  });

  it('select and radio: required and option membership', () => {
    expect(errorsWith({ motif: null }).motif).toEqual(['Choisissez une réponse pour « Motif ».']);
    expect(errorsWith({ motif: 'inconnu' }).motif).toEqual(['Choisissez une réponse proposée pour « Motif ».']);
    expect(errorsWith({ mode: 'pigeon' }).mode).toEqual(['Choisissez une réponse proposée pour « Mode ».']);
    expect(errorsWith({ mode: 'guichet' })).toEqual({});
  });

  it('checkboxes: an array of known options', () => {
    expect(errorsWith({ jours: ['lundi', 'mardi'] })).toEqual({});
    expect(errorsWith({ jours: ['dimanche'] }).jours).toEqual(['Choisissez une réponse proposée pour « Jours ».']);
    expect(errorsWith({ jours: 'lundi' }).jours).toEqual(['La réponse à « Jours » n’est pas valide.']);
  });

  it('yesno: a boolean', () => {
    expect(errorsWith({ accord: false })).toEqual({});
    expect(errorsWith({ accord: 'oui' }).accord).toEqual(['Choisissez « Oui » ou « Non » pour « D’accord ? ».']);
  });

  it('address: every part reported beside its input, postal code of 5 digits', () => {
    expect(errorsWith({ adresse: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris' } })).toEqual({});
    expect(errorsWith({ adresse: { line1: '', postalCode: '7500', city: '' } })).toEqual({
      'adresse.line1': ['Saisissez le numéro et la voie.'],
      'adresse.postalCode': ['Le code postal doit comporter 5 chiffres, par exemple 69001.'],
      'adresse.city': ['Saisissez la commune.'],
    });
  });

  it('siret: 14 digits and a valid Luhn key', () => {
    expect(errorsWith({ siret: '73282932000074' })).toEqual({});
    expect(errorsWith({ siret: '7328293200007' }).siret).toEqual(['Le numéro SIRET doit comporter 14 chiffres, par exemple 421 039 587 00017.']);
    expect(errorsWith({ siret: '73282932000075' }).siret).toEqual(['Ce numéro SIRET n’existe pas : vérifiez les 14 chiffres.']);
  });

  it('file: a required file must be attached, and the shape is checked', () => {
    expect(errorsWith({ piece: null }).piece).toEqual(['Ajoutez « Pièce ».']);
    expect(errorsWith({ piece: [] }).piece).toEqual(['Ajoutez « Pièce ».']);
    expect(errorsWith({ piece: [ATTACHMENT] })).toEqual({});
    expect(errorsWith({ piece: 'x' }).piece).toEqual(['La réponse à « Pièce » n’est pas valide.']);
  });

  it('a required address left empty is reported part by part', () => {
    const def = parseDefinition({
      beneficiaries: ['self'],
      steps: [{ key: 'a', title: 'A', fields: [{ key: 'adresse', type: 'address', label: 'Adresse', required: true }] }],
      statuses: [{ key: 'fin', label: 'Fin', tone: 'success', final: true }],
    });
    const result = validateStep(def, 'a', {});
    expect(result.ok ? [] : Object.keys(result.fieldErrors)).toEqual(['adresse.line1', 'adresse.postalCode', 'adresse.city']);
  });

  it('the compiled schema is a zod schema: safeParse reports issues with their paths', () => {
    const result = compileStep(definition, 'tout').safeParse({ nom: '', motif: 'a', piece: [ATTACHMENT], adresse: { line1: 'x', postalCode: 'abc', city: 'y' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['nom', 'adresse.postalCode']);
  });

  it('an unknown step is a programming error', () => {
    expect(() => compileStep(definition, 'nope')).toThrow(/Unknown step/);
  });
});

describe('showIf', () => {
  const step = (answers: Answers) => validateStep(definition, 'conditions', answers);

  it('equals: shows and requires the field when the condition holds', () => {
    expect(isFieldVisible(fieldOf('precision'), { motif: 'autre' })).toBe(true);
    expect(isFieldVisible(fieldOf('precision'), { motif: 'a' })).toBe(false);
    expect(step({ motif: 'autre' })).toEqual({ ok: false, fieldErrors: { precision: ['Saisissez « Précisez ».'] } });
  });

  it('in: one of the values', () => {
    expect(isFieldVisible(fieldOf('detailMode'), { mode: 'courrier' })).toBe(true);
    expect(isFieldVisible(fieldOf('detailMode'), { mode: 'guichet' })).toBe(false);
    expect(isFieldVisible(fieldOf('detailMode'), {})).toBe(false);
  });

  it('on checkboxes, equals means "this box is ticked"', () => {
    expect(isFieldVisible(fieldOf('lundiSeul'), { jours: ['mardi', 'lundi'] })).toBe(true);
    expect(isFieldVisible(fieldOf('lundiSeul'), { jours: ['mardi'] })).toBe(false);
  });

  it('a yesno condition compares booleans', () => {
    expect(isFieldVisible(fieldOf('siAccord'), { accord: true })).toBe(true);
    expect(isFieldVisible(fieldOf('siAccord'), { accord: false })).toBe(false);
  });

  it('chained: a field whose controlling field is hidden is hidden too', () => {
    const stale = { accord: false, siAccord: false };
    expect(isFieldVisible(fieldOf('enchaine'), stale)).toBe(true); // without the definition, one link only
    expect(isFieldVisible(fieldOf('enchaine'), stale, definition)).toBe(false);
    expect(isFieldVisible(fieldOf('enchaine'), { accord: true, siAccord: false }, definition)).toBe(true);
    expect(step(stale)).toEqual({ ok: true, values: {} });
  });

  it('a hidden required field is not required, and its stale value is stripped', () => {
    expect(step({ motif: 'a', precision: 'oubliée', detailMode: 42 })).toEqual({ ok: true, values: {} });
    expect(step({ motif: 'autre', precision: 'voilà' })).toEqual({ ok: true, values: { precision: 'voilà' } });
  });

  it('conditions on earlier steps come from the answers given at compile time', () => {
    const schema = compileStep(definition, 'conditions', { motif: 'autre' });
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ precision: 'ok' }).data).toEqual({ precision: 'ok' });
  });
});

describe('readStepForm', () => {
  function formOf(entries: [string, string][]): FormData {
    const form = new FormData();
    for (const [k, v] of entries) form.append(k, v);
    return form;
  }

  it('converts raw inputs to canonical values', () => {
    const form = formOf([
      ['nom', '  Durand '],
      ['commentaire', 'ligne 1\r\nligne 2'],
      ['courriel', ''],
      ['nombre', '2'],
      ['montant', '12,5'],
      ['motif', 'autre'],
      ['jours', 'lundi'],
      ['jours', 'mardi'],
      ['accord', 'non'],
      ['adresse.line1', '1 rue de la Paix'],
      ['adresse.line2', ''],
      ['adresse.postalCode', '75 002'],
      ['adresse.city', 'Paris'],
      ['siret', '732 829 320 00074'],
      ['baseVersion', '3'],
    ]);
    expect(readStepForm(definition, 'tout', form)).toEqual({
      nom: 'Durand',
      commentaire: 'ligne 1\nligne 2',
      courriel: null,
      telephone: null,
      naissance: null,
      debut: null,
      nombre: 2,
      montant: 12.5,
      motif: 'autre',
      mode: null,
      jours: ['lundi', 'mardi'],
      accord: false,
      adresse: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris' },
      siret: '73282932000074',
    });
  });

  it('keeps a non-numeric number as typed, so that validation reports it', () => {
    const answers = readStepForm(definition, 'tout', formOf([['nombre', 'trois'], ['nom', 'Durand'], ['motif', 'a']]));
    expect(answers.nombre).toBe('trois');
    expect(validateStep(definition, 'tout', { ...answers, piece: [ATTACHMENT] })).toEqual({ ok: false, fieldErrors: { nombre: ['« Nombre » doit être un nombre, par exemple 2.'] } });
    expect(isStorableAnswer(fieldOf('nombre') as InputField, 'trois')).toBe(false);
    expect(isStorableAnswer(fieldOf('nombre') as InputField, 3)).toBe(true);
  });

  it('empty inputs become null: no ticked box, no yesno choice, an address left blank', () => {
    const answers = readStepForm(definition, 'tout', formOf([['accord', ''], ['adresse.line1', ' ']]));
    expect(answers).toMatchObject({ jours: null, accord: null, adresse: null, nom: null });
    expect('piece' in answers).toBe(false); // files are not inputs of this form: never cleared here
    expect('info' in answers).toBe(false);
  });

  it('reads hidden fields too (what was typed is kept) and accepts plain records and URLSearchParams', () => {
    expect(readStepForm(definition, 'conditions', { motif: 'a', precision: 'tapé', jours: ['lundi'], accord: 'oui', siAccord: 'oui' })).toEqual({
      precision: 'tapé',
      detailMode: null,
      lundiSeul: null,
      siAccord: true,
      enchaine: null,
    });
    expect(readStepForm(definition, 'tout', new URLSearchParams('nom=A&jours=mardi')).jours).toEqual(['mardi']);
  });
});

describe('getStepState', () => {
  it('empty, incomplete, complete', () => {
    expect(getStepState(definition, 'tout', {})).toBe('empty');
    expect(getStepState(definition, 'tout', { nom: 'Durand' })).toBe('incomplete');
    expect(getStepState(definition, 'tout', { nom: 'Durand', motif: 'zzz' })).toBe('incomplete');
    expect(getStepState(definition, 'tout', valid)).toBe('complete');
  });

  it('a step whose only required field is hidden is complete', () => {
    expect(getStepState(definition, 'conditions', { motif: 'a' })).toBe('complete');
    expect(getStepState(definition, 'conditions', { motif: 'autre' })).toBe('empty');
    expect(getStepState(definition, 'conditions', { motif: 'autre', detailMode: 'x', mode: 'courrier' })).toBe('incomplete');
  });
});

describe('formatAnswer', () => {
  it('formats every type for French readers', () => {
    expect(formatAnswer(fieldOf('naissance'), '2026-03-27')).toBe('27 mars 2026');
    expect(formatAnswer(fieldOf('naissance'), '2026-04-01')).toBe('1er avril 2026');
    expect(formatAnswer(fieldOf('accord'), true)).toBe('Oui');
    expect(formatAnswer(fieldOf('accord'), false)).toBe('Non');
    expect(formatAnswer(fieldOf('motif'), 'autre')).toBe('Autre motif');
    expect(formatAnswer(fieldOf('mode'), 'inconnu')).toBe('inconnu');
    expect(formatAnswer(fieldOf('jours'), ['lundi', 'mardi'])).toBe('Lundi, Mardi');
    expect(formatAnswer(fieldOf('montant'), 1234.5)).toBe(new Intl.NumberFormat('fr-FR').format(1234.5));
    expect(formatAnswer(fieldOf('adresse'), { line1: '1 rue de la Paix', line2: 'Bât. B', postalCode: '75002', city: 'Paris' })).toBe('1 rue de la Paix\nBât. B\n75002 Paris');
    expect(formatAnswer(fieldOf('siret'), '73282932000074')).toBe('732 829 320 00074');
    expect(formatAnswer(fieldOf('nom'), 'Durand')).toBe('Durand');
    expect(formatAnswer(fieldOf('nom'), null)).toBe('');
    expect(formatAnswer(fieldOf('jours'), [])).toBe('');
    expect(formatAnswer(fieldOf('piece'), ['a', 'b'])).toBe('2 fichiers');
    expect(formatAnswer(fieldOf('piece'), ['a', 'b'], { a: 'domicile.pdf', b: 'photo.jpg' })).toBe('domicile.pdf\nphoto.jpg');
  });
});

describe('isSameAnswer', () => {
  it('compares canonical values, empty alike', () => {
    expect(isSameAnswer(null, undefined)).toBe(true);
    expect(isSameAnswer('', null)).toBe(true);
    expect(isSameAnswer(['a'], ['a'])).toBe(true);
    expect(isSameAnswer(['a'], ['b'])).toBe(false);
    expect(isSameAnswer({ line1: 'a', postalCode: '1', city: 'c' }, { line1: 'a', postalCode: '1', city: 'c', line2: '' })).toBe(true);
    expect(isSameAnswer(2, '2')).toBe(false);
  });
});

describe('the seed definitions, with realistic answers', () => {
  const seed = (slug: string) => parseDefinition(seedProcedures.find((p) => p.slug === slug)!.definition);
  const soon = isoDaysFromToday(10);

  const cases: Record<string, Answers> = {
    'acte-de-naissance': {
      typeActe: 'copie-integrale',
      nombreExemplaires: 2,
      motif: 'autre',
      motifPrecision: 'Dossier de retraite',
      nomNaissance: 'Durand',
      prenoms: 'Léa Marie',
      dateNaissance: '1990-05-12',
      lieuNaissance: 'Lyon (69)',
      parent1Nom: 'Durand',
      parent1Prenoms: 'Paul',
      modeReception: 'courrier',
      adresseEnvoi: { line1: '3 place Bellecour', postalCode: '69002', city: 'Lyon' },
    },
    'inscription-cantine': {
      nomEnfant: 'Durand',
      prenomsEnfant: 'Léo',
      dateNaissanceEnfant: '2019-09-01',
      ecole: 'jules-ferry',
      classe: 'cp',
      jours: ['lundi', 'jeudi'],
      dateDebut: soon,
      regime: 'allergies',
      allergies: 'Arachide : œdème.',
      pai: true,
      nomResponsable: 'Durand',
      prenomsResponsable: 'Camille',
      telephoneResponsable: '06 12 34 56 78',
      courrielResponsable: 'camille@exemple.fr',
      adresseResponsable: { line1: '3 place Bellecour', postalCode: '69002', city: 'Lyon' },
      justificatifDomicile: [ATTACHMENT],
    },
    'subvention-association': {
      nomAssociation: 'Les Amis du Parc',
      siret: '73282932000074',
      adresseSiege: { line1: '1 rue des Lilas', postalCode: '69003', city: 'Lyon' },
      nombreAdherents: 120,
      intituleProjet: 'Fête de quartier',
      objetProjet: 'Une journée de jeux, de concerts et de repas partagés pour tous les habitants du quartier.',
      publicVise: ['tout-public'],
      dateDebut: soon,
      montantDemande: 1500,
      autresFinanceurs: false,
      budgetPrevisionnel: [ATTACHMENT],
      rib: [ATTACHMENT],
    },
    'signalement-voirie': {
      typeProbleme: 'eclairage',
      lieu: '14 avenue de la République',
      description: 'Le lampadaire ne s’allume plus depuis une semaine.',
      recontact: true,
      telephone: '0612345678',
    },
  };

  for (const [slug, answers] of Object.entries(cases)) {
    it(`${slug}: every step validates, and each step fails when emptied`, () => {
      const def = seed(slug);
      for (const step of def.steps) {
        const result = validateStep(def, step.key, answers);
        expect(result, `${slug} › ${step.key}`).toMatchObject({ ok: true });
        expect(getStepState(def, step.key, answers)).toBe('complete');
        const hasRequired = step.fields.some((f) => f.type !== 'info' && f.required && isFieldVisible(f, answers, def));
        const emptied = Object.fromEntries(Object.entries(answers).filter(([key]) => !step.fields.some((f) => f.key === key)));
        expect(validateStep(def, step.key, emptied).ok, `${slug} › ${step.key} emptied`).toBe(!hasRequired);
      }
    });
  }

  it('acte-de-naissance: the parents are hidden for an extract without filiation', () => {
    const def = seed('acte-de-naissance');
    expect(validateStep(def, 'filiation', { typeActe: 'extrait-sans-filiation', parent1Nom: 'Ancien' })).toEqual({ ok: true, values: {} });
    expect(validateStep(def, 'filiation', { typeActe: 'copie-integrale' })).toEqual({
      ok: false,
      fieldErrors: { parent1Nom: ['Saisissez « Nom du premier parent ».'], parent1Prenoms: ['Saisissez « Prénoms du premier parent ».'] },
    });
  });

  it('inscription-cantine: the PAI info depends on a field that is itself conditional', () => {
    const def = seed('inscription-cantine');
    const infoPai = fieldOf('infoPai', def);
    expect(isFieldVisible(infoPai, { regime: 'allergies', pai: true }, def)).toBe(true);
    expect(isFieldVisible(infoPai, { regime: 'standard', pai: true }, def)).toBe(false);
  });

  it('signalement-voirie: a form posted without JavaScript reads and validates', () => {
    const def = seed('signalement-voirie');
    const form = new FormData();
    form.append('recontact', 'oui');
    form.append('telephone', '');
    const answers = readStepForm(def, 'contact', form);
    expect(answers).toEqual({ recontact: true, telephone: null });
    expect(validateStep(def, 'contact', answers)).toEqual({ ok: false, fieldErrors: { telephone: ['Saisissez « Téléphone ».'] } });
  });
});
