import { z } from 'zod';
import { inputField, type FieldEditor } from './schema-parts';

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

/** The types a file field may accept, as administrators name them. */
export const acceptedFileTypes = [
  { value: 'application/pdf', label: 'PDF' },
  { value: 'image/jpeg', label: 'Photo JPEG' },
  { value: 'image/png', label: 'Image PNG' },
] as const;

export const fileEditor: FieldEditor = {
  settings: [
    { name: 'accept', kind: 'choices', label: 'Types de fichiers acceptés', choices: acceptedFileTypes },
    { name: 'multiple', kind: 'boolean', label: 'Plusieurs fichiers possibles' },
    { name: 'maxSizeMb', kind: 'integer', label: 'Taille maximale d’un fichier (en Mo)', hint: '50 Mo au plus.' },
    { name: 'maxAgeMonths', kind: 'integer', label: 'Ancienneté maximale du document (en mois)', hint: 'Laissez vide : pas de limite.' },
  ],
};
