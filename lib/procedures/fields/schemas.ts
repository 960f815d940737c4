import type { z } from 'zod';
import { addressEditor, addressSchema } from './address.schema';
import { checkboxesEditor, checkboxesSchema } from './checkboxes.schema';
import { dateEditor, dateSchema } from './date.schema';
import { emailEditor, emailSchema } from './email.schema';
import { fileEditor, fileSchema } from './file.schema';
import { ibanEditor, ibanSchema } from './iban.schema';
import type { FieldType } from './index';
import type { FieldEditor } from './schema-parts';
import { infoEditor, infoSchema } from './info.schema';
import { numberEditor, numberSchema } from './number.schema';
import { radioEditor, radioSchema } from './radio.schema';
import { selectEditor, selectSchema } from './select.schema';
import { siretEditor, siretSchema } from './siret.schema';
import { telEditor, telSchema } from './tel.schema';
import { textEditor, textSchema } from './text.schema';
import { textareaEditor, textareaSchema } from './textarea.schema';
import { yesnoEditor, yesnoSchema } from './yesno.schema';

// How a procedure definition describes a field, per type (lib/procedures/definition.ts). Apart from
// the modules (./index.ts) because only the server and the procedure editor need them: the step
// form in the browser checks answers, never definitions. The compiler checks that every type has
// its schema, and that each schema is the one of its type.
export const fieldSchemas = {
  text: textSchema,
  textarea: textareaSchema,
  email: emailSchema,
  tel: telSchema,
  date: dateSchema,
  number: numberSchema,
  yesno: yesnoSchema,
  select: selectSchema,
  radio: radioSchema,
  checkboxes: checkboxesSchema,
  address: addressSchema,
  siret: siretSchema,
  file: fileSchema,
  info: infoSchema,
  iban: ibanSchema,
} satisfies { [K in FieldType]: z.ZodType<{ type: K }, unknown> };

/** What the structured editor offers for each type beyond label, hint, required and prefill (server and editor only). */
export const fieldEditors = {
  text: textEditor,
  textarea: textareaEditor,
  email: emailEditor,
  tel: telEditor,
  date: dateEditor,
  number: numberEditor,
  yesno: yesnoEditor,
  select: selectEditor,
  radio: radioEditor,
  checkboxes: checkboxesEditor,
  address: addressEditor,
  siret: siretEditor,
  file: fileEditor,
  info: infoEditor,
  iban: ibanEditor,
} satisfies { [K in FieldType]: FieldEditor };
