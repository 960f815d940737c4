import { z } from 'zod';
import { fieldModules, fieldTypes, moduleOf, type AnyField, type FieldType } from './fields';
import { fieldSchemas } from './fields/schemas';
import { findDuplicates, text, type ShowIf } from './fields/schema-parts';
import { personSubtypes } from '@/lib/relations/schemas';
import { organisationOnlySources, personOnlySources, type PrefillSource } from './prefill-sources';

// The schema of a procedure version's `definition` (jsonb). Administrators author definitions,
// so every message here is French and points at the step, field or status at fault.
// Pure module (no server-only): the form engine uses these types in the browser too.

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

import { beneficiaryKinds, statusTones } from './kinds';

export { beneficiaryKinds, statusTones };
export { fieldTypes, type FieldType } from './fields';
export { prefillSources, type PrefillSource } from './prefill-sources';
export type { ShowIf } from './fields/schema-parts';

const slug = z.string().regex(slugPattern, 'Identifiant invalide : lettres minuscules, chiffres et tirets (ex. « etat-civil »).');

// Each field type's definition comes from its module (lib/procedures/fields/<type>.schema.ts).
// zod cannot infer the output of a union built from a list, hence the type given here.
const fieldDefinitions = fieldTypes.map((type) => fieldSchemas[type]) as unknown as [z.ZodObject, ...z.ZodObject[]];
const fieldSchema = z.discriminatedUnion('type', fieldDefinitions, {
  error: `Type de champ inconnu ; types possibles : ${fieldTypes.join(', ')}.`,
}) as unknown as z.ZodType<AnyField, unknown>;

/** Limits that keep a definition editable and its pages light; a larger one is refused whole. */
export const DEFINITION_LIMITS = { steps: 50, fieldsPerStep: 200, fields: 500, statuses: 50, rules: 100 } as const;

const stepSchema = z.strictObject({
  key: slug.refine((k) => k !== 'recapitulatif', '« recapitulatif » est réservé (page /brouillons/[id]/recapitulatif).'),
  title: text(200),
  description: text(2000).optional(),
  fields: z
    .array(fieldSchema)
    .min(1, 'Une étape contient au moins un champ.')
    .max(DEFINITION_LIMITS.fieldsPerStep, `Une étape contient au plus ${DEFINITION_LIMITS.fieldsPerStep} champs : répartissez-les sur plusieurs étapes.`),
});

const statusSchema = z.strictObject({
  key: slug.refine((k) => k !== 'draft', '« draft » est réservé aux brouillons.'),
  label: text(100),
  tone: z.enum(statusTones, { error: `Tonalité inconnue ; valeurs possibles : ${statusTones.join(', ')}.` }),
  final: z.boolean().default(false),
  description: text(1000).optional(),
  /** Whether the citizen is notified (in the portal, and by email if they accept it) when a dossier gets this status. */
  notify: z.boolean().default(true),
});

/** The comparisons a cross-field rule may make: `field` is after / not before / before / not after `other`. */
export const ruleOperators = ['gt', 'gte', 'lt', 'lte'] as const;
export type RuleOperator = (typeof ruleOperators)[number];

// "Date de fin" (field) must be after (gt) "Date de début" (other). Checked by compileStep, in the
// browser and on the server, at the step of `field`; `other` is on that step or an earlier one.
const ruleSchema = z.strictObject({
  field: z.string(),
  operator: z.enum(ruleOperators, { error: `Comparaison inconnue ; valeurs possibles : ${ruleOperators.join(', ')}.` }),
  other: z.string(),
});
export type CrossFieldRule = z.output<typeof ruleSchema>;


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
    steps: z
      .array(stepSchema)
      .min(1, 'Une démarche contient au moins une étape.')
      .max(DEFINITION_LIMITS.steps, `Une démarche contient au plus ${DEFINITION_LIMITS.steps} étapes.`),
    rules: z.array(ruleSchema).max(DEFINITION_LIMITS.rules, `Une démarche a au plus ${DEFINITION_LIMITS.rules} règles.`).optional(),
    statuses: z
      .array(statusSchema)
      .min(1, 'Une démarche a au moins un statut.')
      .max(DEFINITION_LIMITS.statuses, `Une démarche a au plus ${DEFINITION_LIMITS.statuses} statuts.`),
  })
  .superRefine(checkDefinition);

export type ProcedureDefinition = z.output<typeof definitionSchema>;
export type Step = ProcedureDefinition['steps'][number];
export type Field = Step['fields'][number];
export type Status = ProcedureDefinition['statuses'][number];
export type Beneficiary = (typeof beneficiaryKinds)[number];
export type { PersonSubtype } from '@/lib/relations/schemas';

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
  if (allKeys.length > DEFINITION_LIMITS.fields) {
    ctx.addIssue({ code: 'custom', path: ['steps'], message: `Une démarche contient au plus ${DEFINITION_LIMITS.fields} champs (${allKeys.length} ici).` });
  }
  const duplicateFields = findDuplicates(allKeys);
  if (duplicateFields.length) ctx.addIssue({ code: 'custom', path: ['steps'], message: `Clés de champ en double : ${duplicateFields.join(', ')}.` });

  // A condition may only look at what the user has already seen: a field placed before it (an
  // earlier step, or earlier in its step). The editor offers only those, and a chain of conditions
  // can then never go round in a circle.
  const reachable = new Map<string, Field>();
  def.steps.forEach((step, s) => {
    step.fields.forEach((field, i) => {
      const path = ['steps', s, 'fields', i];
      if (field.showIf) checkShowIf(field, reachable, allKeys, ctx, [...path, 'showIf']);
      if ('prefill' in field && field.prefill) checkPrefill(def, field, ctx, [...path, 'prefill']);
      reachable.set(field.key, field);
    });
  });
  checkRules(def, ctx);
}

// A rule compares two ordered fields of one kind (two dates, two numbers); `other` must be known
// when `field` is checked (same step or an earlier one); rules may not go round in a circle.
function checkRules(def: ProcedureDefinition, ctx: Ctx) {
  const stepOf = new Map<string, number>();
  const fields = new Map<string, Field>();
  def.steps.forEach((step, s) => step.fields.forEach((f) => (stepOf.set(f.key, s), fields.set(f.key, f))));
  const next = new Map<string, string[]>();
  (def.rules ?? []).forEach((rule, i) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', path: ['rules', i], message });
    const field = fields.get(rule.field);
    const other = fields.get(rule.other);
    if (!field) return fail(`Le champ « ${rule.field} » n’existe pas.`);
    if (!other) return fail(`Le champ « ${rule.other} » n’existe pas.`);
    if (rule.field === rule.other) return fail('Un champ ne peut pas être comparé à lui-même.');
    const ordering = fieldModules[field.type].ordering;
    if (!ordering || fieldModules[other.type].ordering !== ordering) {
      return fail(`« ${rule.field} » et « ${rule.other} » ne se comparent pas : une règle compare deux dates ou deux nombres.`);
    }
    if (stepOf.get(rule.other)! > stepOf.get(rule.field)!) {
      return fail(`Le champ « ${rule.other} » appartient à une étape suivante : une règle ne peut comparer qu’à un champ de la même étape ou d’une étape précédente.`);
    }
    next.set(rule.field, [...(next.get(rule.field) ?? []), rule.other]);
  });
  const cycle = findCycle(next);
  if (cycle) ctx.addIssue({ code: 'custom', path: ['rules'], message: `Les règles tournent en rond : ${cycle.map((k) => `« ${k} »`).join(' → ')}.` });
}

/** A path that comes back to its start in the graph of rules, or null. */
function findCycle(next: Map<string, string[]>): string[] | null {
  const done = new Set<string>();
  const visit = (key: string, path: string[]): string[] | null => {
    const at = path.indexOf(key);
    if (at >= 0) return [...path.slice(at), key];
    if (done.has(key)) return null;
    for (const other of next.get(key) ?? []) {
      const found = visit(other, [...path, key]);
      if (found) return found;
    }
    done.add(key);
    return null;
  };
  for (const key of next.keys()) {
    const found = visit(key, []);
    if (found) return found;
  }
  return null;
}

function checkShowIf(field: Field, reachable: Map<string, Field>, allKeys: string[], ctx: Ctx, path: PropertyKey[]) {
  const cond = field.showIf!;
  const fail = (message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (cond.field === field.key) return fail('Un champ ne peut pas dépendre de lui-même.');
  const target = reachable.get(cond.field);
  if (!target) {
    return fail(allKeys.includes(cond.field)
      ? `Le champ « ${cond.field} » est placé après celui-ci : une condition ne peut porter que sur un champ placé avant (plus haut dans l’étape, ou dans une étape précédente).`
      : `Le champ « ${cond.field} » n’existe pas.`);
  }
  const problem = describeConditionProblem(target, cond);
  if (problem) fail(problem);
}

function describeConditionProblem(target: Field, cond: ShowIf): string | null {
  return moduleOf(target).checkCondition(target, cond);
}

function checkPrefill(def: ProcedureDefinition, field: Extract<Field, { prefill?: PrefillSource }>, ctx: Ctx, path: PropertyKey[]) {
  const source = field.prefill!;
  const fail = (message: string) => ctx.addIssue({ code: 'custom', path, message });
  const targets = fieldTypes.filter((type) => prefillTargetsOf(type).includes(source));
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

function prefillTargetsOf(type: FieldType): readonly PrefillSource[] {
  return fieldModules[type].prefill?.sources ?? [];
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

const pathNames: Record<string, string> = { steps: 'étape', fields: 'champ', statuses: 'statut', options: 'option', rules: 'règle' };

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
