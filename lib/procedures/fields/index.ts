import type { z } from 'zod';
import { addressField } from './address';
import { checkboxesField } from './checkboxes';
import { dateField } from './date';
import { emailField } from './email';
import type { FieldModule, InputFieldModule } from './field-module';
import type { fieldSchemas } from './schemas';
import { fileField } from './file';
import { ibanField } from './iban';
import { infoField } from './info';
import { numberField } from './number';
import { radioField } from './radio';
import { selectField } from './select';
import { siretField } from './siret';
import { telField } from './tel';
import { textField } from './text';
import { textareaField } from './textarea';
import { yesnoField } from './yesno';

// The field types of procedure definitions: one module each (docs/adding-a-field-type.md), with
// its definition schema registered in ./schemas.ts. Registering a type is one line in this list
// and one in ./schemas.ts; the order here is the editor's list of types.
const modules = [
  textField,
  textareaField,
  emailField,
  telField,
  dateField,
  numberField,
  yesnoField,
  selectField,
  radioField,
  checkboxesField,
  addressField,
  siretField,
  fileField,
  infoField,
  ibanField,
] as const;

type Module = (typeof modules)[number];

export type FieldType = Module['type'];

/** The registry: every type's module by its type. Built from the list, so a key always matches its module. */
export const fieldModules = Object.fromEntries(modules.map((m) => [m.type, m])) as { [M in Module as M['type']]: M };

export const fieldTypes = modules.map((m) => m.type) as [FieldType, ...FieldType[]];

/** The field definition of a type, as a procedure version stores it (after parsing: defaults applied). */
export type FieldOf<K extends FieldType> = z.output<(typeof fieldSchemas)[K]>;

/** The types whose fields take no answer (information texts). */
export type StaticFieldType = Extract<Module, { answer: null }>['type'];

/** Any field definition, whatever its type. */
export type AnyField = FieldOf<FieldType>;
type AnyInputField = Exclude<AnyField, { type: StaticFieldType }>;

/**
 * A field's module, typed for that field. TypeScript cannot correlate `fieldModules[field.type]`
 * with `field` itself across a union, hence the one cast, here.
 */
export function moduleOf<F extends AnyField>(field: F): FieldModule<F> {
  return fieldModules[field.type as FieldType] as unknown as FieldModule<F>;
}

export function inputModuleOf<F extends AnyInputField>(field: F): InputFieldModule<F> {
  return fieldModules[field.type as FieldType] as unknown as InputFieldModule<F>;
}

/** The French name of a type, in the procedure editor. */
export function fieldTypeLabel(type: FieldType): string {
  return fieldModules[type].label;
}
