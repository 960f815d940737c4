import type { z } from 'zod';
import { addressSchema } from './address.schema';
import { checkboxesSchema } from './checkboxes.schema';
import { dateSchema } from './date.schema';
import { emailSchema } from './email.schema';
import { fileSchema } from './file.schema';
import { ibanSchema } from './iban.schema';
import type { FieldType } from './index';
import { infoSchema } from './info.schema';
import { numberSchema } from './number.schema';
import { radioSchema } from './radio.schema';
import { selectSchema } from './select.schema';
import { siretSchema } from './siret.schema';
import { telSchema } from './tel.schema';
import { textSchema } from './text.schema';
import { textareaSchema } from './textarea.schema';
import { yesnoSchema } from './yesno.schema';

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
