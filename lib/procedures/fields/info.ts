import { defineStaticField, noCondition } from './field-module';
import type { InfoFieldDefinition } from './info.schema';

/** Information text shown to the user: no value, hence no `required` and no `prefill`. */
export const infoField = defineStaticField<InfoFieldDefinition>({
  type: 'info',
  label: 'Texte d’information',
  editor: 'simple',
  checkCondition: noCondition,
});
