import 'server-only';
import type { Database } from '@/db/client';
import type { Answers } from '@/lib/procedures/answers';
import { isFieldVisible } from '@/lib/procedures/step-rules';
import type { Field, ProcedureDefinition, Step } from '@/lib/procedures/definition';
import type { BlobStore } from '@/lib/storage';
import { chosenFile, FILE_ACTIONS, fileInputNames, type AttachedFile } from './file-inputs';
import { attachFromLocker, attachUpload, listDraftAttachments, removeDraftAttachment, type FileFieldRef } from './attachments';
import { getLockerDocument } from './locker';
import { screenUpload } from './screen-upload';
import { checkDocumentValidity, todayInParis, validityMessage } from './validity';

// The file inputs of a posted step form: files from the computer and locker documents are
// attached, a "Retirer" button removes one attachment. Refusals are returned per field, in French.

export type StepFilesResult = {
  /** Field key → refusal messages. */
  errors: Record<string, string[]>;
  /** What changed, for the status line: "« x.pdf » a été joint." */
  notices: string[];
  /** Attached, but not what the field asks for (too old, expired): the citizen is told, not refused. */
  warnings: string[];
  /** Whether an attach or remove button was pressed, or there is a warning to read: the page stays on the step. */
  stay: boolean;
};

function fieldRef(field: Extract<Field, { type: 'file' }>): FileFieldRef {
  return { key: field.key, label: field.label, multiple: field.multiple, accept: field.accept, maxSizeMb: field.maxSizeMb };
}

export async function applyStepFiles(
  db: Database,
  store: BlobStore,
  ownerId: string,
  draft: { id: string; definition: ProcedureDefinition },
  step: Step,
  answers: Answers,
  form: FormData,
): Promise<StepFilesResult> {
  const result: StepFilesResult = { errors: {}, notices: [], warnings: [], stay: form.has(FILE_ACTIONS.attach) || form.has(FILE_ACTIONS.remove) };
  const removeId = form.get(FILE_ACTIONS.remove);
  if (typeof removeId === 'string' && removeId) {
    const filename = await removeDraftAttachment(db, store, ownerId, draft.id, removeId);
    result.notices.push(filename ? `Le fichier « ${filename} » a été retiré.` : 'Ce fichier avait déjà été retiré.');
  }
  for (const field of step.fields) {
    // A hidden question gets no file: what it had stays, and is left out at submission.
    if (field.type !== 'file' || !isFieldVisible(field, answers, draft.definition)) continue;
    const names = fileInputNames(field.key);
    const refuse = (message: string) => (result.errors[field.key] ??= []).push(message);
    const file = chosenFile(form, names.upload);
    if (file) {
      const checked = await screenUpload(file);
      if (!checked.ok) refuse(checked.message);
      else {
        const attached = await attachUpload(db, store, ownerId, draft.id, fieldRef(field), checked);
        if (attached.ok) result.notices.push(`Le fichier « ${attached.attachment.filename} » a été joint à « ${field.label} ».`);
        else refuse(attached.message);
      }
    }
    const lockerId = form.get(names.locker);
    if (typeof lockerId === 'string' && lockerId) {
      const attached = await attachFromLocker(db, store, ownerId, draft.id, fieldRef(field), lockerId);
      if (attached.ok) {
        result.notices.push(`Une copie de « ${attached.attachment.filename} » a été jointe à « ${field.label} ».`);
        const warning = await lockerValidityWarning(db, ownerId, lockerId, field.maxAgeMonths);
        if (warning) result.warnings.push(`« ${field.label} » : ${warning}`);
      } else refuse(attached.message);
    }
    if (result.stay && !file && !lockerId && form.get(FILE_ACTIONS.attach) === field.key) {
      refuse(`Choisissez un fichier sur votre ordinateur ou un document de votre porte-documents pour « ${field.label} ».`);
    }
  }
  // Without JavaScript too, the citizen reads the warning before moving on: the next "Continuer" goes on.
  if (result.warnings.length) result.stay = true;
  return result;
}

/**
 * A warning, in French, when the locker document is expired or older than the field asks; null
 * when it is fine or its dates are unknown. A warning, not a refusal: see decision 016.
 */
export async function lockerValidityWarning(db: Database, ownerId: string, lockerId: string, maxAgeMonths: number | undefined, now = new Date()): Promise<string | null> {
  const document = await getLockerDocument(db, ownerId, lockerId);
  if (!document) return null;
  const problem = checkDocumentValidity(document, maxAgeMonths, todayInParis(now));
  return problem ? validityMessage(problem) : null;
}

/** The answer of every file field of the draft, read from its attachments. */
export async function fileAnswersOf(db: Database, ownerId: string, draft: { id: string; definition: ProcedureDefinition }): Promise<Answers> {
  const attachments = await listDraftAttachments(db, ownerId, draft.id);
  const answers: Answers = {};
  for (const field of draft.definition.steps.flatMap((s) => s.fields)) {
    if (field.type !== 'file') continue;
    const ids = attachments.filter((a) => a.fieldKey === field.key).map((a) => a.id);
    answers[field.key] = ids.length ? ids : null;
  }
  return answers;
}

/** Attached files by field, for the step page. */
export async function attachedFilesByField(db: Database, ownerId: string, dossierId: string): Promise<Record<string, AttachedFile[]>> {
  const byField: Record<string, AttachedFile[]> = {};
  for (const a of await listDraftAttachments(db, ownerId, dossierId)) (byField[a.fieldKey] ??= []).push({ id: a.id, filename: a.filename, sizeBytes: a.sizeBytes });
  return byField;
}
