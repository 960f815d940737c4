import { z } from 'zod';
import { prefillSources } from '../prefill-sources';

// Building blocks of the field definitions (each type's <type>.schema.ts; lib/procedures/definition.ts
// assembles them). Administrators author definitions, so every message is French and names what
// is at fault. Server and editor only: the step form in the browser never needs them.

// Field keys become keys of the dossier's `data` and form input names: plain camelCase identifiers.
const fieldKeyPattern = /^[a-z][a-zA-Z0-9]*$/;

export const text = (max: number) => z.string().trim().min(1, 'Ne peut pas être vide.').max(max, `${max} caractères au maximum.`);

// Shown only when the condition holds; a hidden field is neither required nor submitted.
// On a checkboxes field, `equals` means "this box is ticked" and `in` "one of these is ticked".
// `compare` compares a number answer with `value` ("plus de 2 enfants"); no answer: hidden.
export const showIfSchema = z.union(
  [
    z.strictObject({ field: z.string(), equals: z.union([z.string(), z.boolean(), z.number()]) }),
    z.strictObject({ field: z.string(), in: z.array(z.string()).min(1, 'La liste « in » ne peut pas être vide.') }),
    z.strictObject({ field: z.string(), compare: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number() }),
  ],
  { error: 'Condition invalide : { field, equals }, { field, in: [...] } ou { field, compare: gt|gte|lt|lte, value } attendu.' },
);

export type ShowIf = z.output<typeof showIfSchema>;

/** What every field has, information texts included. */
export const baseField = {
  key: z.string().regex(fieldKeyPattern, 'Clé de champ invalide : identifiant camelCase (ex. « nomDuPere »).'),
  label: text(200),
  hint: text(500).optional(),
  showIf: showIfSchema.optional(),
};

/** What every field that takes an answer has. */
export const inputField = {
  ...baseField,
  required: z.boolean().default(false),
  prefill: z.enum(prefillSources, { error: `Source de pré-remplissage inconnue ; sources possibles : ${prefillSources.join(', ')}.` }).optional(),
};

export const optionsSchema = z
  .array(z.strictObject({ value: z.string().trim().min(1, 'Valeur d’option vide.'), label: text(200) }))
  .min(1, 'Au moins une option est nécessaire.')
  .superRefine((options, ctx) => {
    const duplicates = findDuplicates(options.map((o) => o.value));
    if (duplicates.length) ctx.addIssue({ code: 'custom', message: `Valeurs d’option en double : ${duplicates.join(', ')}.` });
  });

export function checkBounds(ctx: z.RefinementCtx, min: number | string | undefined, max: number | string | undefined, what: string) {
  if (min === undefined || max === undefined || min === 'today' || max === 'today') return;
  if (min > max) ctx.addIssue({ code: 'custom', message: `${what} : le minimum (${min}) dépasse le maximum (${max}).` });
}

export function findDuplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => seen.has(v) || !seen.add(v)))];
}

/** The short and the long text types. */
export const textLikeDefinition = <T extends 'text' | 'textarea'>(type: T, defaultMax: number, ceiling: number) =>
  z
    .strictObject({
      ...inputField,
      type: z.literal(type),
      minLength: z.int().min(0).optional(),
      maxLength: z.int().min(1).max(ceiling, `Longueur maximale plafonnée à ${ceiling}.`).default(defaultMax),
    })
    .superRefine((f, ctx) => checkBounds(ctx, f.minLength, f.maxLength, 'Longueur'));

/** The types that offer options. */
export const choiceDefinition = <T extends 'select' | 'radio' | 'checkboxes'>(type: T) =>
  z.strictObject({ ...inputField, type: z.literal(type), options: optionsSchema });

/** A type with nothing but the common properties of an input. */
export const plainInputDefinition = <T extends string>(type: T) => z.strictObject({ ...inputField, type: z.literal(type) });

// ── The structured editor's description of a type's own settings ─────────────────────────────
// Each <type>.schema.ts says which properties of its definition the procedure editor offers and
// how they are typed in; the editor (lib/administration/procedures/field-settings.ts) is generic.

export type SettingKind =
  | 'integer' // a whole number, empty = unset
  | 'decimal' // a number, empty = unset
  | 'date-bound' // AAAA-MM-JJ, "today", empty = unset
  | 'boolean' // a checkbox
  | 'options' // one option per line
  | 'choices' // several of a fixed list (checkboxes)
  | 'long-text'; // a text area

export type EditorSetting = {
  /** The property of the field definition. */
  name: string;
  kind: SettingKind;
  label: string;
  hint?: string;
  /** For `choices`: the values offered. */
  choices?: readonly { value: string; label: string }[];
};

export type FieldEditor = { readonly settings: readonly EditorSetting[] };

export const noSettings: FieldEditor = { settings: [] };
export const optionsEditor: FieldEditor = {
  settings: [{ name: 'options', kind: 'options', label: 'Options', hint: 'Une option par ligne, dans l’ordre où l’usager les voit.' }],
};
export const lengthEditor: FieldEditor = {
  settings: [
    { name: 'minLength', kind: 'integer', label: 'Nombre minimal de caractères' },
    { name: 'maxLength', kind: 'integer', label: 'Nombre maximal de caractères' },
  ],
};
