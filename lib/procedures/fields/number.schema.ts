import { z } from 'zod';
import { checkBounds, inputField, type FieldEditor } from './schema-parts';

/** How a procedure definition describes a number field (server and editor side). */
export const numberSchema = z
  .strictObject({ ...inputField, type: z.literal('number'), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(false) })
  .superRefine((f, ctx) => checkBounds(ctx, f.min, f.max, 'Nombre'));
export type NumberFieldDefinition = z.output<typeof numberSchema>;

export const numberEditor: FieldEditor = {
  settings: [
    { name: 'min', kind: 'decimal', label: 'Valeur minimale' },
    { name: 'max', kind: 'decimal', label: 'Valeur maximale' },
    { name: 'integer', kind: 'boolean', label: 'Nombre entier uniquement (sans virgule)' },
  ],
};
