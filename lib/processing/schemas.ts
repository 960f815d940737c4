import { z } from 'zod';
import { MESSAGE_MAX_LENGTH } from '@/lib/messages/schemas';
import { UUID_PATTERN } from '@/lib/common/uuid';

// Inputs of the back office, one schema per form. Pure module (browser and server).

export const NOTE_MAX_LENGTH = 2000;
const statusKeyPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const emptyToUndefined = (value: unknown) => {
  const first = firstValue(value);
  return typeof first === 'string' && first.trim() === '' ? undefined : first;
};

/**
 * Filters of the dossier list, read from the query string (a GET form: works without JavaScript).
 * Anything malformed is dropped rather than refused: a bad bookmark still shows the list.
 */
export const dossierListQuerySchema = z.object({
  procedure: z.preprocess(emptyToUndefined, z.string().regex(UUID_PATTERN).optional()).catch(undefined),
  status: z.preprocess(emptyToUndefined, z.string().max(100).regex(statusKeyPattern).optional()).catch(undefined),
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(100_000)).catch(1),
});
export type DossierListQuery = z.infer<typeof dossierListQuerySchema>;

const optionalNote = (message: string) =>
  z
    .string()
    .trim()
    .max(NOTE_MAX_LENGTH, message)
    .optional()
    .transform((value) => (value ? value : undefined));

export const changeStatusSchema = z.object({
  status: z.string({ error: 'Choisissez le nouveau statut.' }).trim().min(1, 'Choisissez le nouveau statut.').max(100, 'Choisissez un statut de la liste.'),
  comment: optionalNote(`Le commentaire doit contenir au plus ${NOTE_MAX_LENGTH} caractères.`),
});

export const agentMessageSchema = z.object({
  body: z
    .string({ error: 'Saisissez votre message.' })
    .trim()
    .min(1, 'Saisissez votre message.')
    .max(MESSAGE_MAX_LENGTH, `Le message doit contenir au plus ${MESSAGE_MAX_LENGTH} caractères.`),
});

const NO_FILE_MESSAGE = 'Choisissez le fichier de la réponse.';

/**
 * "Publier la réponse": a file and an optional note. Here only the presence of a file is checked
 * (a form posted without one sends an empty, nameless file); its content is checked on the
 * server by lib/documents/check-upload.ts.
 */
export const publishResponseSchema = z.object({
  file: z.instanceof(File, { error: NO_FILE_MESSAGE }).refine((file) => file.size > 0 || file.name !== '', NO_FILE_MESSAGE),
  note: optionalNote(`La note doit contenir au plus ${NOTE_MAX_LENGTH} caractères.`),
});

export const PRIVATE_NOTE_MAX_LENGTH = 5000;

/** "Ajouter une note interne": visible to the agents of the procedure only. */
export const privateNoteSchema = z.object({
  body: z
    .string({ error: 'Saisissez le texte de la note.' })
    .trim()
    .min(1, 'Saisissez le texte de la note.')
    .max(PRIVATE_NOTE_MAX_LENGTH, `La note doit contenir au plus ${PRIVATE_NOTE_MAX_LENGTH} caractères.`),
});
