import { z } from 'zod';
import { defineStaticField, noCondition } from './field-module';
import { baseField, text } from './schema-parts';

/** Information text shown to the user: no value, hence no `required` and no `prefill`. */
export const infoField = defineStaticField({
  type: 'info',
  label: 'Texte d’information',
  definition: z.strictObject({ ...baseField, type: z.literal('info'), body: text(5000) }),
  editor: 'json-only',
  checkCondition: noCondition,
});
