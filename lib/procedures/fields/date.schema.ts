import { z } from 'zod';
import { checkBounds, inputField, type FieldEditor } from './schema-parts';

/** How a procedure definition describes a date field (server and editor side); bounds may be "today". */

const dateBound = z.union([z.literal('today'), z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => !Number.isNaN(Date.parse(v)))], {
  error: 'Date attendue au format AAAA-MM-JJ, ou « today ».',
});

export const dateSchema = z
  .strictObject({ ...inputField, type: z.literal('date'), min: dateBound.optional(), max: dateBound.optional() })
  .superRefine((f, ctx) => checkBounds(ctx, f.min, f.max, 'Dates'));
export type DateFieldDefinition = z.output<typeof dateSchema>;

export const dateEditor: FieldEditor = {
  settings: [
    { name: 'min', kind: 'date-bound', label: 'Date au plus tôt', hint: 'Au format AAAA-MM-JJ, ou « today » pour aujourd’hui. Laissez vide : pas de limite.' },
    { name: 'max', kind: 'date-bound', label: 'Date au plus tard', hint: 'Au format AAAA-MM-JJ, ou « today » pour aujourd’hui. Laissez vide : pas de limite.' },
  ],
};
