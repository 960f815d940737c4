import { z } from 'zod';
import { inputField } from './schema-parts';

/** How a procedure definition describes a file field (server and editor side). */

const mimePattern = /^[a-z]+\/[a-z0-9.+-]+$/;

export const fileSchema = z.strictObject({
  ...inputField,
  type: z.literal('file'),
  accept: z.array(z.string().regex(mimePattern, 'Type MIME invalide (ex. « application/pdf »).')).min(1).default(['application/pdf', 'image/jpeg', 'image/png']),
  maxSizeMb: z.number().positive().max(50, 'Taille maximale plafonnée à 50 Mo.').default(10),
  multiple: z.boolean().default(false),
  /** "De moins de N mois": a locker document issued earlier gets a warning when attached (lib/documents/validity.ts). */
  maxAgeMonths: z.number().int('Nombre de mois entier attendu.').min(1).max(120, 'Ancienneté maximale plafonnée à 120 mois.').optional(),
});
export type FileFieldDefinition = z.output<typeof fileSchema>;
