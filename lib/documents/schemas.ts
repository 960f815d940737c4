import { z } from 'zod';

// Porte-documents and pièces justificatives forms: one schema per form, shared by the browser and
// the server action. Pure module. The file itself is checked by content in check-upload.ts: here
// only "a file was chosen".

export const TITLE_MAX = 120;

const title = z
  .string({ error: 'Saisissez un titre pour le document.' })
  .trim()
  .min(1, 'Saisissez un titre pour le document, par exemple « Justificatif de domicile ».')
  .max(TITLE_MAX, `Le titre doit contenir ${TITLE_MAX} caractères au maximum.`);

const id = z.string().max(64);

/** Without JavaScript, an untouched file input still posts an empty, nameless file. */
export function isChosenFile(value: unknown): value is File {
  return typeof File !== 'undefined' && value instanceof File && (value.size > 0 || value.name !== '');
}

const chosenFile = z.custom<File>(isChosenFile, { error: 'Choisissez le fichier à ajouter.' });

export const addDocumentSchema = z.object({ title, file: chosenFile });
export const renameDocumentSchema = z.object({ id, title });
export const deleteDocumentSchema = z.object({ id });

export type AddDocumentInput = z.infer<typeof addDocumentSchema>;
