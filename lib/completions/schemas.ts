import { z } from 'zod';
import { MESSAGE_MAX_LENGTH } from '@/lib/messages/schemas';
import { CORRECTION_MAX_LENGTH, DOCUMENT_LABEL_MAX_LENGTH, MAX_DUE_DAYS, MAX_REQUESTED_DOCUMENTS, parisToday } from './inputs';

export { answerInputNames, formatDueDay, parisToday } from './inputs';

// "À compléter": what an agent asks for on a submitted dossier, and the citizen's answer.
// Pure module (browser and server).

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** "Documents demandés", one per line: blank lines dropped. */
const linesOf = (value: unknown) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((item) => (typeof item === 'string' ? item.split(/\r?\n/) : []))
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * The agent's request. `documents` is a textarea, one document per line (blank lines dropped);
 * `now` is a parameter so that the "not in the past" rule is testable.
 */
export function askCompletionSchemaAt(now: () => Date = () => new Date()) {
  return z
    .object({
      documents: z.preprocess(
        linesOf,
        z
          .array(z.string().max(DOCUMENT_LABEL_MAX_LENGTH, `Le nom d’un document doit contenir au plus ${DOCUMENT_LABEL_MAX_LENGTH} caractères.`))
          .max(MAX_REQUESTED_DOCUMENTS, `Demandez au plus ${MAX_REQUESTED_DOCUMENTS} documents à la fois.`),
      ),
      correction: z
        .string()
        .trim()
        .max(CORRECTION_MAX_LENGTH, `La correction demandée doit contenir au plus ${CORRECTION_MAX_LENGTH} caractères.`)
        .optional()
        .transform((value) => value || undefined),
      dueOn: z
        .string({ error: 'Indiquez la date limite de réponse.' })
        .trim()
        .min(1, 'Indiquez la date limite de réponse.')
        .regex(DAY, 'Indiquez la date limite au format jj/mm/aaaa.')
        .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'Cette date n’existe pas : vérifiez-la.')
        .refine((day) => day >= parisToday(now()), 'La date limite ne peut pas être dans le passé.')
        .refine((day) => day <= addDays(parisToday(now()), MAX_DUE_DAYS), 'La date limite doit être dans moins d’un an.'),
    })
    .refine((input) => input.documents.length > 0 || !!input.correction, {
      path: ['documents'],
      message: 'Indiquez au moins un document demandé ou la correction attendue.',
    });
}

export const askCompletionSchema = askCompletionSchemaAt();
export type AskCompletionInput = z.infer<typeof askCompletionSchema>;

/** The citizen's answer: which request, and a message (required when a correction was asked; checked by the use case). */
export const answerCompletionSchema = z.object({
  requestId: z.string({ error: 'Cette demande de complément est introuvable.' }),
  message: z
    .string()
    .trim()
    .max(MESSAGE_MAX_LENGTH, `Votre message doit contenir au plus ${MESSAGE_MAX_LENGTH} caractères.`)
    .optional()
    .transform((value) => value || undefined),
});
