import { z } from 'zod';

// The schema of a procedure version's `definition` (jsonb). Administrators author definitions,
// so every message here is French and points at the step, field or status at fault.
// Pure module (no server-only): the form engine uses these types in the browser too.

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// Field keys become keys of the dossier's `data` and form input names: plain camelCase identifiers.
const fieldKeyPattern = /^[a-z][a-zA-Z0-9]*$/;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const mimePattern = /^[a-z]+\/[a-z0-9.+-]+$/;

export const beneficiaryKinds = ['self', 'person', 'organisation'] as const;
export const personSubtypes = ['child', 'spouse', 'parent', 'other'] as const;
export const statusTones = ['info', 'progress', 'success', 'warning', 'error'] as const;
export const fieldTypes = [
  'text', 'textarea', 'email', 'tel', 'date', 'number', 'select', 'radio', 'checkboxes', 'yesno', 'address', 'siret', 'file', 'info',
] as const;

// Each source lists the field types that can hold its value, so a prefilled value always fits.
const prefillTargets = {
  'profile.civility': ['text', 'select', 'radio'],
  'profile.lastName': ['text'], // usage name when set, otherwise birth name
  'profile.birthName': ['text'],
  'profile.usageName': ['text'],
  'profile.firstNames': ['text'],
  'profile.birthDate': ['date'],
  'profile.birthPlace': ['text'],
  'profile.address': ['address'],
  'profile.phone': ['tel'],
  'profile.email': ['email'],
  'beneficiary.lastName': ['text'], // usage name when set, otherwise birth name
  'beneficiary.birthName': ['text'],
  'beneficiary.firstNames': ['text'],
  'beneficiary.birthDate': ['date'],
  'beneficiary.birthPlace': ['text'],
  'beneficiary.address': ['address'],
  'beneficiary.legalName': ['text'],
  'beneficiary.siret': ['siret'],
} as const satisfies Record<string, readonly FieldType[]>;

export type FieldType = (typeof fieldTypes)[number];
export type PrefillSource = keyof typeof prefillTargets;
export const prefillSources = Object.keys(prefillTargets) as [PrefillSource, ...PrefillSource[]];

const organisationOnlySources: PrefillSource[] = ['beneficiary.legalName', 'beneficiary.siret'];
const personOnlySources: PrefillSource[] = ['beneficiary.lastName', 'beneficiary.birthName', 'beneficiary.firstNames', 'beneficiary.birthDate', 'beneficiary.birthPlace'];

const text = (max: number) => z.string().trim().min(1, 'Ne peut pas être vide.').max(max, `${max} caractères au maximum.`);
const slug = z.string().regex(slugPattern, 'Identifiant invalide : lettres minuscules, chiffres et tirets (ex. « etat-civil »).');
const dateBound = z.union([z.literal('today'), z.string().regex(isoDatePattern).refine((v) => !Number.isNaN(Date.parse(v)))], {
  error: 'Date attendue au format AAAA-MM-JJ, ou « today ».',
});

// Shown only when the condition holds; a hidden field is neither required nor submitted.
// On a checkboxes field, `equals` means "this box is ticked" and `in` "one of these is ticked".
const showIfSchema = z.union(
  [
    z.strictObject({ field: z.string(), equals: z.union([z.string(), z.boolean(), z.number()]) }),
    z.strictObject({ field: z.string(), in: z.array(z.string()).min(1, 'La liste « in » ne peut pas être vide.') }),
  ],
  { error: 'Condition invalide : { field, equals } ou { field, in: [...] } attendu.' },
);

const baseField = {
  key: z.string().regex(fieldKeyPattern, 'Clé de champ invalide : identifiant camelCase (ex. « nomDuPere »).'),
  label: text(200),
  hint: text(500).optional(),
  showIf: showIfSchema.optional(),
};
const inputField = {
  ...baseField,
  required: z.boolean().default(false),
  prefill: z.enum(prefillSources, { error: `Source de pré-remplissage inconnue ; sources possibles : ${prefillSources.join(', ')}.` }).optional(),
};

const optionsSchema = z
  .array(z.strictObject({ value: z.string().trim().min(1, 'Valeur d’option vide.'), label: text(200) }))
  .min(1, 'Au moins une option est nécessaire.')
  .superRefine((options, ctx) => {
    const duplicates = findDuplicates(options.map((o) => o.value));
    if (duplicates.length) ctx.addIssue({ code: 'custom', message: `Valeurs d’option en double : ${duplicates.join(', ')}.` });
  });

function checkBounds(ctx: z.RefinementCtx, min: number | string | undefined, max: number | string | undefined, what: string) {
  if (min === undefined || max === undefined || min === 'today' || max === 'today') return;
  if (min > max) ctx.addIssue({ code: 'custom', message: `${what} : le minimum (${min}) dépasse le maximum (${max}).` });
}

const textLike = (type: 'text' | 'textarea', defaultMax: number, ceiling: number) =>
  z
    .strictObject({
      ...inputField,
      type: z.literal(type),
      minLength: z.int().min(0).optional(),
      maxLength: z.int().min(1).max(ceiling, `Longueur maximale plafonnée à ${ceiling}.`).default(defaultMax),
    })
    .superRefine((f, ctx) => checkBounds(ctx, f.minLength, f.maxLength, 'Longueur'));

const choice = <T extends 'select' | 'radio' | 'checkboxes'>(type: T) =>
  z.strictObject({ ...inputField, type: z.literal(type), options: optionsSchema });

const simple = <T extends 'email' | 'tel' | 'yesno' | 'address' | 'siret'>(type: T) => z.strictObject({ ...inputField, type: z.literal(type) });

const fieldSchema = z.discriminatedUnion(
  'type',
  [
    textLike('text', 200, 1000),
    textLike('textarea', 5000, 20000),
    simple('email'),
    simple('tel'),
    z
      .strictObject({ ...inputField, type: z.literal('date'), min: dateBound.optional(), max: dateBound.optional() })
      .superRefine((f, ctx) => checkBounds(ctx, f.min, f.max, 'Dates')),
    z
      .strictObject({ ...inputField, type: z.literal('number'), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(false) })
      .superRefine((f, ctx) => checkBounds(ctx, f.min, f.max, 'Nombre')),
    choice('select'),
    choice('radio'),
    choice('checkboxes'),
    simple('yesno'),
    simple('address'),
    simple('siret'),
    z.strictObject({
      ...inputField,
      type: z.literal('file'),
      accept: z.array(z.string().regex(mimePattern, 'Type MIME invalide (ex. « application/pdf »).')).min(1).default(['application/pdf', 'image/jpeg', 'image/png']),
      maxSizeMb: z.number().positive().max(50, 'Taille maximale plafonnée à 50 Mo.').default(10),
      multiple: z.boolean().default(false),
    }),
    // Information text shown to the user: no value, hence no `required` and no `prefill`.
    z.strictObject({ ...baseField, type: z.literal('info'), body: text(5000) }),
  ],
  { error: `Type de champ inconnu ; types possibles : ${fieldTypes.join(', ')}.` },
);

const stepSchema = z.strictObject({
  key: slug.refine((k) => k !== 'recapitulatif', '« recapitulatif » est réservé (page /brouillons/[id]/recapitulatif).'),
  title: text(200),
  description: text(2000).optional(),
  fields: z.array(fieldSchema).min(1, 'Une étape contient au moins un champ.'),
});

const statusSchema = z.strictObject({
  key: slug.refine((k) => k !== 'draft', '« draft » est réservé aux brouillons.'),
  label: text(100),
  tone: z.enum(statusTones, { error: `Tonalité inconnue ; valeurs possibles : ${statusTones.join(', ')}.` }),
  final: z.boolean().default(false),
  description: text(1000).optional(),
});

const uniqueList = <T extends z.ZodType<string>>(item: T, what: string) =>
  z
    .array(item)
    .min(1, `Au moins un ${what} est nécessaire.`)
    .superRefine((list, ctx) => {
      const duplicates = findDuplicates(list);
      if (duplicates.length) ctx.addIssue({ code: 'custom', message: `Valeurs en double : ${duplicates.join(', ')}.` });
    });

export const beneficiariesSchema = uniqueList(z.enum(beneficiaryKinds), 'type de bénéficiaire');

export const definitionSchema = z
  .strictObject({
    beneficiaries: beneficiariesSchema,
    personSubtypes: uniqueList(z.enum(personSubtypes), 'type de personne').optional(),
    estimatedDuration: text(100).optional(),
    requirements: z.array(text(500)).optional(),
    processingTime: text(200).optional(),
    steps: z.array(stepSchema).min(1, 'Une démarche contient au moins une étape.'),
    statuses: z.array(statusSchema).min(1, 'Une démarche a au moins un statut.'),
  })
  .superRefine(checkDefinition);

export type ProcedureDefinition = z.output<typeof definitionSchema>;
export type Step = ProcedureDefinition['steps'][number];
export type Field = Step['fields'][number];
export type Status = ProcedureDefinition['statuses'][number];
export type ShowIf = z.output<typeof showIfSchema>;
export type Beneficiary = (typeof beneficiaryKinds)[number];
export type PersonSubtype = (typeof personSubtypes)[number];

type Ctx = z.RefinementCtx;

// Rules that span several parts of the definition.
function checkDefinition(def: ProcedureDefinition, ctx: Ctx) {
  const duplicateSteps = findDuplicates(def.steps.map((s) => s.key));
  if (duplicateSteps.length) ctx.addIssue({ code: 'custom', path: ['steps'], message: `Clés d’étape en double : ${duplicateSteps.join(', ')}.` });
  const duplicateStatuses = findDuplicates(def.statuses.map((s) => s.key));
  if (duplicateStatuses.length) ctx.addIssue({ code: 'custom', path: ['statuses'], message: `Clés de statut en double : ${duplicateStatuses.join(', ')}.` });
  if (!def.statuses.some((s) => s.final)) {
    ctx.addIssue({ code: 'custom', path: ['statuses'], message: 'Au moins un statut doit être final (« final: true »), pour clore les demandes.' });
  }
  if (def.personSubtypes && !def.beneficiaries.includes('person')) {
    ctx.addIssue({ code: 'custom', path: ['personSubtypes'], message: '« personSubtypes » n’a de sens que si « person » figure parmi les bénéficiaires.' });
  }
  const allKeys = def.steps.flatMap((s) => s.fields.map((f) => f.key));
  const duplicateFields = findDuplicates(allKeys);
  if (duplicateFields.length) ctx.addIssue({ code: 'custom', path: ['steps'], message: `Clés de champ en double : ${duplicateFields.join(', ')}.` });

  // A condition may only look at what the user has already seen: this step or an earlier one.
  const reachable = new Map<string, Field>();
  def.steps.forEach((step, s) => {
    step.fields.forEach((f) => reachable.set(f.key, f));
    step.fields.forEach((field, i) => {
      const path = ['steps', s, 'fields', i];
      if (field.showIf) checkShowIf(field, reachable, allKeys, ctx, [...path, 'showIf']);
      if (field.type !== 'info' && field.prefill) checkPrefill(def, field, ctx, [...path, 'prefill']);
    });
  });
}

function checkShowIf(field: Field, reachable: Map<string, Field>, allKeys: string[], ctx: Ctx, path: PropertyKey[]) {
  const cond = field.showIf!;
  const fail = (message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (cond.field === field.key) return fail('Un champ ne peut pas dépendre de lui-même.');
  const target = reachable.get(cond.field);
  if (!target) {
    return fail(allKeys.includes(cond.field)
      ? `Le champ « ${cond.field} » appartient à une étape suivante : une condition ne peut porter que sur la même étape ou une étape précédente.`
      : `Le champ « ${cond.field} » n’existe pas.`);
  }
  const problem = describeConditionProblem(target, cond);
  if (problem) fail(problem);
}

function describeConditionProblem(target: Field, cond: ShowIf): string | null {
  if (target.type === 'info' || target.type === 'file' || target.type === 'address') {
    return `Le champ « ${target.key} » (${target.type}) ne peut pas servir de condition.`;
  }
  const values = 'in' in cond ? cond.in : [cond.equals];
  if (target.type === 'yesno') {
    return 'in' in cond || typeof cond.equals !== 'boolean' ? `« ${target.key} » est un oui/non : utilisez « equals: true » ou « equals: false ».` : null;
  }
  if (target.type === 'number') {
    return 'in' in cond || typeof cond.equals !== 'number' ? `« ${target.key} » est un nombre : utilisez « equals » avec un nombre.` : null;
  }
  if (values.some((v) => typeof v !== 'string')) return `« ${target.key} » attend une valeur texte dans la condition.`;
  if ('options' in target) {
    const known = new Set(target.options.map((o) => o.value));
    const unknown = values.filter((v) => !known.has(v as string));
    if (unknown.length) return `Valeur(s) absente(s) des options de « ${target.key} » : ${unknown.join(', ')}.`;
  }
  return null;
}

function checkPrefill(def: ProcedureDefinition, field: Exclude<Field, { type: 'info' }>, ctx: Ctx, path: PropertyKey[]) {
  const source = field.prefill!;
  const fail = (message: string) => ctx.addIssue({ code: 'custom', path, message });
  const targets: readonly FieldType[] = prefillTargets[source];
  if (!targets.includes(field.type)) {
    return fail(`« ${source} » ne peut pré-remplir qu’un champ de type ${targets.join(' ou ')}, pas ${field.type}.`);
  }
  if (organisationOnlySources.includes(source) && !def.beneficiaries.includes('organisation')) {
    return fail(`« ${source} » suppose qu’une organisation puisse être bénéficiaire.`);
  }
  if (personOnlySources.includes(source) && !def.beneficiaries.some((b) => b !== 'organisation')) {
    fail(`« ${source} » suppose qu’une personne puisse être bénéficiaire.`);
  }
}

function findDuplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => seen.has(v) || !seen.add(v)))];
}

// Zod's own messages (types, formats, unknown keys) in French; our custom messages take precedence.
const frenchErrors = z.locales.fr().localeError;

export type DefinitionParseResult = { success: true; data: ProcedureDefinition } | { success: false, errors: string[] };

export function safeParseDefinition(json: unknown): DefinitionParseResult {
  const result = definitionSchema.safeParse(json, { error: frenchErrors });
  if (result.success) return { success: true, data: result.data };
  return { success: false, errors: result.error.issues.map((issue) => `${describePath(issue.path, json)} : ${issue.message}`) };
}

export function parseDefinition(json: unknown): ProcedureDefinition {
  const result = safeParseDefinition(json);
  if (!result.success) throw new Error(`Définition de démarche invalide :\n- ${result.errors.join('\n- ')}`);
  return result.data;
}

const pathNames: Record<string, string> = { steps: 'étape', fields: 'champ', statuses: 'statut', options: 'option' };

// Turns ['steps', 1, 'fields', 0, 'showIf'] into "étape « demande » › champ « motif » › showIf",
// naming items by their key when they have one, by their position otherwise.
function describePath(path: PropertyKey[], input: unknown): string {
  if (!path.length) return 'Définition';
  const parts: string[] = [];
  let node: unknown = input;
  path.forEach((segment, i) => {
    const parent = path[i - 1];
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
    if (typeof segment === 'number' && typeof parent === 'string' && pathNames[parent]) {
      const key = node && typeof node === 'object' ? (node as { key?: unknown; value?: unknown }).key ?? (node as { value?: unknown }).value : undefined;
      parts[parts.length - 1] = typeof key === 'string' ? `${pathNames[parent]} « ${key} »` : `${pathNames[parent]} n° ${segment + 1}`;
    } else {
      parts.push(String(segment));
    }
  });
  return parts.join(' › ');
}
