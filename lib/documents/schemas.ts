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

// Names an untouched file input's empty part gets on the way: "" from a plain form post;
// "undefined" once Next's server-action decoder has turned it into a File (seen with Next 16.4);
// "blob", the default name of a File built without one.
const PLACEHOLDER_NAMES = new Set(['', 'undefined', 'blob']);

/**
 * Whether a file was chosen. An untouched file input still posts an empty part; an empty file
 * the citizen did choose has a real name, and is refused later with its own message.
 */
export function isChosenFile(value: unknown): value is File {
  return typeof File !== 'undefined' && value instanceof File && (value.size > 0 || !PLACEHOLDER_NAMES.has(value.name));
}

const chosenFile = z.custom<File>(isChosenFile, { error: 'Choisissez le fichier à ajouter.' });

export const addDocumentSchema = z.object({ title, file: chosenFile });
export const renameDocumentSchema = z.object({ id, title });
export const deleteDocumentSchema = z.object({ id });

export type AddDocumentInput = z.infer<typeof addDocumentSchema>;
