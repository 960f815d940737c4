import type { Answers } from '@/lib/procedures/answers';
import { isFieldVisible } from '@/lib/procedures/step-rules';
import type { Field, ProcedureDefinition } from '@/lib/procedures/definition';
import { MAX_UPLOAD_BYTES, tooLargeMessage } from './limits';
import { isChosenFile } from './chosen-file';

// The inputs of a `file` field on a step page, and what the browser makes of them before posting.
// The server never reads these to decide what is attached: it attaches what is posted, then reads
// the attachments from the database. Pure module (browser and server).

export type AttachedFile = { id: string; filename: string; sizeBytes: number };

/** Names of the inputs of a file field. "<key>.<part>": fieldKeyOfInput() maps them to the field. */
export const fileInputNames = (key: string) => ({ upload: `${key}.fichier`, locker: `${key}.porteDocuments` });

/** Submit buttons that attach or remove a file and stay on the step. */
export const FILE_ACTIONS = { attach: 'joindre', remove: 'retirerPiece' } as const;

/** Id of the "from your Porte-documents" select. */
export const lockerSelectId = (key: string) => `${key}-porte-documents`;

/** The file chosen in an input, or null when it was left untouched (see isChosenFile). */
export function chosenFile(form: FormData, name: string): File | null {
  const value = form.get(name);
  return isChosenFile(value) ? value : null;
}

const PENDING_UPLOAD = 'fichier-a-envoyer';
const PENDING_LOCKER = 'document-du-porte-documents';

/**
 * The answers of the step's file fields as the compiled schema should see them in the browser:
 * the files already attached, plus a placeholder for a file chosen but not yet sent, so a
 * required field is satisfied by choosing a file.
 */
export function readFileAnswers(fields: Field[], form: FormData, attached: Record<string, AttachedFile[]>): Answers {
  const answers: Answers = {};
  for (const field of fields) {
    if (field.type !== 'file') continue;
    const names = fileInputNames(field.key);
    const ids = (attached[field.key] ?? []).map((a) => a.id);
    if (chosenFile(form, names.upload)) ids.push(PENDING_UPLOAD);
    if (form.get(names.locker)) ids.push(PENDING_LOCKER);
    answers[field.key] = ids.length ? ids : null;
  }
  return answers;
}

/** Files chosen in the browser that are over the limit: caught before a long upload. */
export function tooLargeChoices(definition: ProcedureDefinition, fields: Field[], form: FormData, answers: Answers): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    if (field.type !== 'file' || !isFieldVisible(field, answers, definition)) continue;
    const file = chosenFile(form, fileInputNames(field.key).upload);
    const limit = Math.min(MAX_UPLOAD_BYTES, field.maxSizeMb * 1024 * 1024);
    if (file && file.size > limit) errors[field.key] = limit < MAX_UPLOAD_BYTES ? `Le fichier « ${file.name} » dépasse la taille maximale de ${field.maxSizeMb} Mo pour cette pièce.` : tooLargeMessage(file.name);
  }
  return errors;
}

/**
 * Files chosen on the page that would take one post over MAX_UPLOAD_BYTES of files in all (the
 * server's body limit, MAX_POST_BYTES, leaves little more), in page order: the browser leaves them
 * out of its choice and sends the others first. Files over their own limit are tooLargeChoices'.
 */
export function filesOverPostLimit(definition: ProcedureDefinition, fields: Field[], form: FormData, answers: Answers): { key: string; filename: string }[] {
  const over: { key: string; filename: string }[] = [];
  let total = 0;
  for (const field of fields) {
    if (field.type !== 'file' || !isFieldVisible(field, answers, definition)) continue;
    const file = chosenFile(form, fileInputNames(field.key).upload);
    if (!file || file.size > Math.min(MAX_UPLOAD_BYTES, field.maxSizeMb * 1024 * 1024)) continue;
    if (total + file.size > MAX_UPLOAD_BYTES) over.push({ key: field.key, filename: file.name });
    else total += file.size;
  }
  return over;
}

export function postLimitMessage(filename: string): string {
  return `« ${filename} » a été retiré de votre choix : avec les autres fichiers choisis sur cette page, l’envoi aurait dépassé ${MAX_UPLOAD_BYTES / 1024 / 1024} Mo. Envoyez d’abord les autres, puis choisissez-le de nouveau.`;
}
