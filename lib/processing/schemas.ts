import { z } from 'zod';
import { PRIVATE_NOTE_MAX_LENGTH } from './note-limits';

export { PRIVATE_NOTE_MAX_LENGTH };
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

/** The queue's sort orders: newest submitted first (default), oldest submitted first, latest activity first. */
export const QUEUE_SORTS = ['depot', 'anciens', 'activite'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
/** "à moi", "non attribués". */
export const ASSIGNMENT_FILTERS = ['moi', 'aucun'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// A keyset cursor: the sort key as PostgreSQL prints a timestamptz (microseconds kept), then the dossier id.
const CURSOR = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?[+-]\d{2}(?::\d{2})?~[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional()).catch(undefined);
const validDay = z.string().regex(DAY).refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));

/**
 * Filters of the dossier queue, read from the query string (a GET form: works without JavaScript).
 * Anything malformed is dropped rather than refused: a bad bookmark still shows the list.
 * The status only counts once a procedure is chosen (each procedure has its own statuses).
 */
export const dossierListQuerySchema = z
  .object({
    q: optional(z.string().trim().max(100)),
    procedure: optional(z.string().regex(UUID_PATTERN)),
    status: optional(z.string().max(100).regex(statusKeyPattern)),
    du: optional(validDay),
    au: optional(validDay),
    tri: z.preprocess(emptyToUndefined, z.enum(QUEUE_SORTS).default('depot')).catch('depot'),
    attribution: optional(z.enum(ASSIGNMENT_FILTERS)),
    // "Avec réponse non lue": a citizen message or answer no agent has opened yet.
    nonlu: optional(z.literal('1')),
    apres: optional(z.string().max(80).regex(CURSOR)),
  })
  .transform((query) => ({ ...query, status: query.procedure ? query.status : undefined }));
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


/** "Ajouter une note interne": visible to the agents of the procedure only. */
export const privateNoteSchema = z.object({
  body: z
    .string({ error: 'Saisissez le texte de la note.' })
    .trim()
    .min(1, 'Saisissez le texte de la note.')
    .max(PRIVATE_NOTE_MAX_LENGTH, `La note doit contenir au plus ${PRIVATE_NOTE_MAX_LENGTH} caractères.`),
});

export const assignSchema = z.object({
  agentId: z.string({ error: 'Choisissez un agent.' }).regex(UUID_PATTERN, 'Choisissez un agent de la liste.'),
});

/** Bulk change from the queue: the chosen procedure, the ticked dossiers, the status and one comment. */
export const bulkStatusSchema = z.object({
  procedureId: z.string().regex(UUID_PATTERN, 'Choisissez d’abord une démarche.'),
  dossierIds: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z
      .array(z.string().regex(UUID_PATTERN, 'Sélectionnez des dossiers de la liste.'))
      .min(1, 'Cochez au moins un dossier.')
      .max(100, 'Cochez au plus 100 dossiers à la fois.'),
  ),
  status: z.string({ error: 'Choisissez le nouveau statut.' }).trim().min(1, 'Choisissez le nouveau statut.').max(100, 'Choisissez un statut de la liste.'),
  comment: optionalNote(`Le commentaire doit contenir au plus ${NOTE_MAX_LENGTH} caractères.`),
});
