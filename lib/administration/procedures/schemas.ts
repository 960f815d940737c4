import { z } from 'zod';
import { categories } from '@/lib/procedures/categories';
import { beneficiaryKinds, statusTones } from '@/lib/procedures/definition';
import { personSubtypes } from '@/lib/relations/schemas';
import { fieldModules, fieldTypes } from '@/lib/procedures/fields';
import { addableFieldTypes } from './labels';

export * from './labels';

// Inputs of the procedure editor, one schema per form. Pure module: the forms may import it.
// Every stored definition is validated again as a whole by lib/procedures/definition.ts.

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const asList = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);

const text = (max: number, empty: string) => z.string({ error: empty }).trim().min(1, empty).max(max, `${max} caractères au maximum.`);
const optionalText = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max, `${max} caractères au maximum.`).optional());
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

export const procedureIdSchema = z.uuid({ error: 'Démarche introuvable.' });
/** The revision of the working version the page showed: a save made on an outdated page is refused, never merged silently. */
export const revisionSchema = z.coerce
  .number({ error: 'Rechargez la page avant d’enregistrer.' })
  .int({ error: 'Rechargez la page avant d’enregistrer.' })
  .min(1, { error: 'Rechargez la page avant d’enregistrer.' })
  .max(2_000_000_000, { error: 'Rechargez la page avant d’enregistrer.' });
const revision = revisionSchema;

const beneficiaries = z.preprocess(
  asList,
  z.array(z.enum(beneficiaryKinds, { error: 'Bénéficiaire inconnu.' })).min(1, 'Cochez au moins un type de bénéficiaire.'),
);

const categoryKeys = categories.map((c) => c.key) as [string, ...string[]];

export const createProcedureSchema = z.object({
  slug: z
    .string({ error: 'Saisissez l’adresse de la démarche.' })
    .trim()
    .min(3, 'L’adresse de la démarche compte au moins 3 caractères.')
    .max(80, '80 caractères au maximum.')
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Utilisez des lettres minuscules sans accents, des chiffres et des tirets (ex. « permis-de-louer »).'),
  title: text(200, 'Saisissez le titre de la démarche.'),
  summary: text(500, 'Saisissez le résumé de la démarche.'),
  category: z.enum(categoryKeys, { error: 'Choisissez une catégorie.' }),
  beneficiaries,
});
export type CreateProcedureInput = z.infer<typeof createProcedureSchema>;

/** The catalogue entry (procedures row): not versioned, visible in the catalogue as soon as it is saved. */
const optionalDay = z.preprocess(
  emptyToUndefined,
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date au format JJ/MM/AAAA attendue.').refine((v) => !Number.isNaN(Date.parse(v)), 'Cette date n’existe pas.').optional(),
);

export const catalogueEntrySchema = z
  .object({
    procedureId: procedureIdSchema,
    title: text(200, 'Saisissez le titre de la démarche.'),
    summary: text(500, 'Saisissez le résumé de la démarche.'),
    category: z.enum(categoryKeys, { error: 'Choisissez une catégorie.' }),
    // Opening and closing: catalogue data, effective at once (decision 024).
    opensOn: optionalDay,
    closesAfter: optionalDay,
    graceUntil: optionalDay,
  })
  .superRefine((v, ctx) => {
    if (v.opensOn && v.closesAfter && v.closesAfter < v.opensOn) ctx.addIssue({ code: 'custom', path: ['closesAfter'], message: 'La clôture ne peut pas précéder l’ouverture.' });
    if (v.graceUntil && !v.closesAfter) ctx.addIssue({ code: 'custom', path: ['graceUntil'], message: 'Indiquez d’abord le jour de clôture.' });
    if (v.graceUntil && v.closesAfter && v.graceUntil < v.closesAfter) ctx.addIssue({ code: 'custom', path: ['graceUntil'], message: 'Le dernier jour de dépôt ne peut pas précéder la clôture.' });
  });
export type CatalogueEntryInput = z.infer<typeof catalogueEntrySchema>;

/** The descriptive text of the version: part of the definition, applied when the version is published. */
export const presentationSchema = z.object({
  procedureId: procedureIdSchema,
  revision,
  beneficiaries,
  // None ticked: any person of the citizen's relations.
  personSubtypes: z.preprocess(asList, z.array(z.enum(personSubtypes, { error: 'Type de personne inconnu.' }))),
  estimatedDuration: optionalText(100),
  processingTime: optionalText(200),
  // One requirement per line in a textarea.
  requirements: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/\r?\n/).map((line) => line.trim()).filter(Boolean) : v),
    z.array(z.string().max(500, 'Chaque pièce ou condition tient en 500 caractères au maximum.')).max(30, '30 lignes au maximum.'),
  ),
});
export type PresentationInput = z.infer<typeof presentationSchema>;

export const statusRowSchema = z.object({
  key: z.string().min(1),
  label: text(100, 'Saisissez le libellé du statut.'),
  tone: z.enum(statusTones, { error: 'Choisissez une couleur.' }),
  final: checkbox,
  notify: checkbox,
  description: optionalText(1000),
  position: z.coerce.number({ error: 'Indiquez une position (un nombre).' }).int('Indiquez une position entière.').min(1, 'La position commence à 1.').max(99, 'Position trop grande.'),
  remove: checkbox,
});

export const newStatusSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1, 'Saisissez la clé du nouveau statut.')
    .max(50, '50 caractères au maximum.')
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Clé invalide : lettres minuscules, chiffres et tirets (ex. « en-attente »).')
    .refine((k) => k !== 'draft', '« draft » est réservé aux brouillons.'),
  label: text(100, 'Saisissez le libellé du nouveau statut.'),
  tone: z.enum(statusTones, { error: 'Choisissez une couleur.' }),
  final: checkbox,
  notify: checkbox,
});

export const statusesFormSchema = z.object({
  procedureId: procedureIdSchema,
  revision,
  rows: z.array(statusRowSchema).max(50),
  added: newStatusSchema.optional(),
  initial: z.string({ error: 'Choisissez le statut initial.' }).min(1, 'Choisissez le statut initial.'),
});
export type StatusesFormInput = z.infer<typeof statusesFormSchema>;

const position = z.coerce
  .number({ error: 'Indiquez une position (un nombre).' })
  .int('Indiquez une position entière.')
  .min(1, 'La position commence à 1.')
  .max(99, 'Position trop grande.');

export const fieldTextRowSchema = z.object({
  key: z.string().min(1),
  label: text(200, 'Saisissez le libellé du champ.'),
  hint: optionalText(500),
  required: checkbox,
  body: optionalText(5000),
  position,
  remove: checkbox,
});

export const choiceFieldTypes: readonly string[] = fieldTypes.filter((t) => fieldModules[t].editor === 'with-options');

export const newFieldSchema = z
  .object({
    // Left empty, the key is made from the label (fieldKeyFrom).
    key: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .max(50, '50 caractères au maximum.')
        .regex(/^[a-z][a-zA-Z0-9]*$/, 'Clé invalide : lettres sans accents et chiffres, en commençant par une minuscule (ex. « adresseLogement »).')
        .optional(),
    ),
    type: z.enum(addableFieldTypes, { error: 'Choisissez le type du nouveau champ.' }),
    label: text(200, 'Saisissez le libellé du nouveau champ.'),
    hint: optionalText(500),
    required: checkbox,
    // One option per line.
    options: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/\r?\n/).map((line) => line.trim()).filter(Boolean) : []),
      z.array(z.string().max(200, 'Chaque option tient en 200 caractères au maximum.')).max(50, '50 options au maximum.'),
    ),
  })
  .superRefine((f, ctx) => {
    if (choiceFieldTypes.includes(f.type) && f.options.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Saisissez au moins une option, une par ligne.' });
    }
  });
export type NewFieldInput = z.infer<typeof newFieldSchema>;

export const stepTextsSchema = z.object({
  procedureId: procedureIdSchema,
  revision,
  stepKey: z.string().min(1),
  title: text(200, 'Saisissez le titre de l’étape.'),
  description: optionalText(2000),
  fields: z.array(fieldTextRowSchema).max(100),
  newField: newFieldSchema.optional(),
});
export type StepTextsInput = z.infer<typeof stepTextsSchema>;

export const definitionJsonSchema = z.object({
  procedureId: procedureIdSchema,
  revision,
  definition: z.string({ error: 'Saisissez la définition.' }).min(2, 'Saisissez la définition.').max(200_000, 'Définition trop longue (200 000 caractères au maximum).'),
});
export type DefinitionJsonInput = z.infer<typeof definitionJsonSchema>;

export const versionActionSchema = z.object({ procedureId: procedureIdSchema, revision });
export type VersionActionInput = z.infer<typeof versionActionSchema>;

/** "Archiver" asks for a ticked confirmation (works without JavaScript, unlike a confirm() dialog). */
export const archiveSchema = z.object({
  procedureId: procedureIdSchema,
  confirmArchive: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.literal(true, { error: 'Cochez la case pour confirmer le retrait du catalogue.' })),
});
export type ArchiveInput = z.infer<typeof archiveSchema>;

export const restoreSchema = z.object({ procedureId: procedureIdSchema });
export type RestoreInput = z.infer<typeof restoreSchema>;

/**
 * Form names of the statuses form: `status-<i>-<column>` for each existing status, `new-<column>`
 * for the one being added (ignored when its key and label are empty), `initial` for the first status.
 */
export function readStatusesForm(raw: Record<string, unknown>): Record<string, unknown> {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < 50 && raw[`status-${i}-key`] !== undefined; i++) {
    rows.push({
      key: raw[`status-${i}-key`],
      label: raw[`status-${i}-label`],
      tone: raw[`status-${i}-tone`],
      final: raw[`status-${i}-final`],
      notify: raw[`status-${i}-notify`],
      description: raw[`status-${i}-description`],
      position: raw[`status-${i}-position`],
      remove: raw[`status-${i}-remove`],
    });
  }
  const newKey = String(raw['new-key'] ?? '').trim();
  const newLabel = String(raw['new-label'] ?? '').trim();
  const added = newKey || newLabel ? { key: newKey, label: newLabel, tone: raw['new-tone'], final: raw['new-final'], notify: raw['new-notify'] } : undefined;
  return { procedureId: raw.procedureId, revision: raw.revision, rows, added, initial: raw.initial };
}

/** Form names of a step's form: `field-<i>-<column>` for the step's fields in order, `new-field-<column>` for the one being added. */
export function readStepTextsForm(raw: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown>[] = [];
  for (let i = 0; i < 100 && raw[`field-${i}-key`] !== undefined; i++) {
    fields.push({
      key: raw[`field-${i}-key`],
      label: raw[`field-${i}-label`],
      hint: raw[`field-${i}-hint`],
      required: raw[`field-${i}-required`],
      body: raw[`field-${i}-body`],
      position: raw[`field-${i}-position`],
      remove: raw[`field-${i}-remove`],
    });
  }
  const newKey = String(raw['new-field-key'] ?? '').trim();
  const newLabel = String(raw['new-field-label'] ?? '').trim();
  const newField = newKey || newLabel
    ? { key: newKey, label: newLabel, type: raw['new-field-type'], hint: raw['new-field-hint'], required: raw['new-field-required'], options: raw['new-field-options'] }
    : undefined;
  return { procedureId: raw.procedureId, revision: raw.revision, stepKey: raw.stepKey, title: raw.title, description: raw.description, fields, newField };
}

/** The form control an issue of the statuses form belongs to. */
export function statusesFieldName(path: PropertyKey[]): string {
  const [head, index, column] = path;
  if (head === 'rows' && typeof index === 'number') return `status-${index}-${String(column ?? 'label')}`;
  if (head === 'added') return `new-${String(index ?? 'key')}`;
  return String(head ?? 'form');
}

/** The form control an issue of a step's form belongs to. */
export function stepTextsFieldName(path: PropertyKey[]): string {
  const [head, index, column] = path;
  if (head === 'fields' && typeof index === 'number') return `field-${index}-${String(column ?? 'label')}`;
  if (head === 'newField') return `new-field-${String(index ?? 'key')}`;
  return String(head ?? 'form');
}

/** One field's settings page: label, hint, required, its type's settings (`setting-<name>`), prefill, condition and rule. */
export const fieldFormSchema = z.object({
  procedureId: procedureIdSchema,
  revision,
  fieldKey: z.string().min(1).max(100),
  label: text(200, 'Saisissez le libellé du champ.'),
  hint: optionalText(500),
  required: checkbox,
  settings: z.record(z.string().regex(/^setting-[a-zA-Z]+$/), z.union([z.string().max(20_000, 'Texte trop long.'), z.array(z.string().max(200)).max(20)])),
  prefill: optionalText(100),
  condition: optionalText(1000),
  // The value a condition compares with ("égal à", "supérieur à"…), typed beside the select.
  conditionValue: optionalText(200),
  ruleOperator: optionalText(10),
  ruleOther: optionalText(100),
});
export type FieldFormInput = z.infer<typeof fieldFormSchema>;

export function readFieldForm(raw: Record<string, unknown>): Record<string, unknown> {
  const settings = Object.fromEntries(Object.entries(raw).filter(([name]) => name.startsWith('setting-')));
  const { procedureId, revision, fieldKey, label, hint, required, prefill, condition, conditionValue, ruleOperator, ruleOther } = raw;
  return { procedureId, revision, fieldKey, label, hint, required, settings, prefill, condition, conditionValue, ruleOperator, ruleOther };
}

/** The steps form: order and removal of each step (`step-<i>-key|position|remove`), the confirmation, and a step to add. */
export const stepsFormSchema = z.object({
  procedureId: procedureIdSchema,
  revision,
  rows: z.array(z.object({ key: z.string().min(1), position, remove: checkbox })).max(60),
  confirmRemoval: checkbox,
  added: z
    .object({
      title: text(200, 'Saisissez le titre de la nouvelle étape.'),
      fieldType: z.enum(addableFieldTypes, { error: 'Choisissez le type du premier champ.' }),
      fieldLabel: text(200, 'Saisissez le libellé du premier champ de la nouvelle étape.'),
    })
    .optional(),
});
export type StepsFormInput = z.infer<typeof stepsFormSchema>;

export function readStepsForm(raw: Record<string, unknown>): Record<string, unknown> {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < 60 && raw[`step-${i}-key`] !== undefined; i++) {
    rows.push({ key: raw[`step-${i}-key`], position: raw[`step-${i}-position`], remove: raw[`step-${i}-remove`] });
  }
  const title = String(raw['new-step-title'] ?? '').trim();
  const fieldLabel = String(raw['new-step-field-label'] ?? '').trim();
  const added = title || fieldLabel ? { title, fieldLabel, fieldType: raw['new-step-field-type'] } : undefined;
  return { procedureId: raw.procedureId, revision: raw.revision, rows, confirmRemoval: raw.confirmRemoval, added };
}

export function stepsFieldName(path: PropertyKey[]): string {
  const [head, index, column] = path;
  if (head === 'rows' && typeof index === 'number') return `step-${index}-${String(column ?? 'position')}`;
  if (head === 'added') return index === 'title' ? 'new-step-title' : index === 'fieldType' ? 'new-step-field-type' : 'new-step-field-label';
  return String(head ?? 'form');
}
