import { z } from 'zod';
import { baseField, text, type FieldEditor } from './schema-parts';

/** How a procedure definition describes an information text: no value, hence no `required` and no `prefill`. */
export const infoSchema = z.strictObject({ ...baseField, type: z.literal('info'), body: text(5000) });
export type InfoFieldDefinition = z.output<typeof infoSchema>;

export const infoEditor: FieldEditor = { settings: [{ name: 'body', kind: 'long-text', label: 'Texte affiché' }] };
