import 'server-only';
import { and, eq, notInArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { dossierAttachments, dossierEvents, dossiers, procedureVersions, users } from '@/db/schema';
import { deleteBlobQuietly } from '@/lib/documents/blobs';
import { getBlobStore, type BlobStore } from '@/lib/storage';
import { getEnv } from '@/lib/env';
import { sendEmailAfterCommit } from '@/lib/jobs';
import type { MailPort } from '@/lib/mail';
import type { Answers } from '@/lib/procedures/answers';
import { todayInParis, validateStep } from '@/lib/procedures/compile-step';
import { canSubmit, lastSubmissionDay } from '@/lib/procedures/opening';
import { notifications, procedures } from '@/db/schema';
import { refreshBeneficiarySnapshot } from './beneficiary';
import { submissionConfirmationEmail } from './confirmation-email';
import { definitionOfVersion } from './definitions';
import { assignDossierNumber } from './dossier-number';
import { forgetDraft } from './draft-cache';
import { freezeAnswers, stripHiddenAnswers } from './freeze-answers';
import { isDossierId } from './ids';
import { renderReceiptPdf } from './receipt';
import { findSubmittedDossier } from './submitted';
import { logger } from '@/lib/platform/logger';

// A queue that does not answer must not keep the citizen waiting on the submission page.
const QUEUE_TIMEOUT_MS = 10_000;

export type SubmitDossierResult =
  | { ok: true; number: string; dossierId: string }
  | { ok: false; reason: 'not-found' | 'conflict' }
  | { ok: false; reason: 'closed'; lastDay: string }
  | { ok: false; reason: 'invalid'; stepKey: string; fieldErrors: Record<string, string[]> };

/** How the confirmation leaves: the job queue in the app; tests pass a collector or a failing stub. */
export type SubmitDependencies = {
  sendEmail?: MailPort['sendEmail'];
  origin?: string;
  portalName?: string;
  /** Where the files of attachments left out of the submission are removed; the app's store by default. */
  store?: BlobStore;
};

/**
 * "Déposer ma demande": validates every step, freezes the visible answers and, in one
 * transaction, assigns the number, records the first status and a 'submitted' event.
 * Submitting twice from the same version (a double click, two tabs) files once: the second call
 * gets the same number. The confirmation email is queued after the commit and never undoes it.
 */
export async function submitDossier(
  db: Database,
  ownerId: string,
  dossierId: string,
  { baseVersion }: { baseVersion: number },
  deps: SubmitDependencies = {},
): Promise<SubmitDossierResult> {
  if (!isDossierId(dossierId)) return { ok: false, reason: 'not-found' };
  const [row] = await db
    .select({
      status: dossiers.status,
      version: dossiers.version,
      number: dossiers.number,
      data: dossiers.data,
      beneficiaryKind: dossiers.beneficiaryKind,
      beneficiaryRelationId: dossiers.beneficiaryRelationId,
      beneficiarySnapshot: dossiers.beneficiarySnapshot,
      versionId: procedureVersions.id,
      definition: procedureVersions.definition,
      procedureTitle: procedures.title,
      opensOn: procedures.opensOn,
      closesAfter: procedures.closesAfter,
      graceUntil: procedures.graceUntil,
    })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId)));
  if (!row) return { ok: false, reason: 'not-found' };
  if (row.status !== 'draft' || row.version !== baseVersion) return explainStale(row, dossierId, baseVersion);
  // After the closing day, drafts already started may still be submitted until the grace day.
  if (!canSubmit(row, todayInParis())) return { ok: false, reason: 'closed', lastDay: lastSubmissionDay(row)! };

  const definition = definitionOfVersion(row.versionId, row.definition);
  const visible = stripHiddenAnswers(definition, row.data as Answers);
  const validated: Record<string, unknown>[] = [];
  for (const step of definition.steps) {
    const result = validateStep(definition, step.key, visible);
    if (!result.ok) return { ok: false, reason: 'invalid', stepKey: step.key, fieldErrors: result.fieldErrors };
    validated.push(result.values as Record<string, unknown>);
  }
  const frozen = freezeAnswers(visible, validated);
  const firstStatus = definition.statuses[0].key;

  // The files the frozen answers reference: any other supporting file (of a question that ended up
  // hidden) is removed with the submission, so an agent never sees a file the citizen did not send.
  const keptAttachmentIds = definition.steps
    .flatMap((s) => s.fields)
    .filter((f) => f.type === 'file')
    .flatMap((f) => (Array.isArray(frozen[f.key]) ? (frozen[f.key] as string[]) : []));
  let droppedKeys: string[] = [];

  const number = await db.transaction(async (tx) => {
    // Locks the draft as validated: a save or a second submission in between makes this empty.
    const [locked] = await tx
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), eq(dossiers.status, 'draft'), eq(dossiers.version, baseVersion)))
      .for('update');
    if (!locked) return null;
    const now = new Date();
    const snapshot = await refreshBeneficiarySnapshot(tx, ownerId, row);
    const assigned = await assignDossierNumber(tx, now);
    // The first entry of /notifications for this request; later ones come from the back office.
    await tx.insert(notifications).values({
      userId: ownerId,
      dossierId,
      kind: 'submitted',
      title: `Demande déposée n° ${assigned}`,
      body: `${row.procedureTitle}. Statut : ${definition.statuses[0].label}.`,
      link: `/demandes/${dossierId}`,
    });
    await tx
      .update(dossiers)
      .set({ status: firstStatus, number: assigned, submittedAt: now, updatedAt: now, data: frozen, beneficiarySnapshot: snapshot, version: baseVersion + 1 })
      .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId)));
    await tx.insert(dossierEvents).values({ dossierId, kind: 'submitted', fromStatus: 'draft', toStatus: firstStatus, actorId: ownerId });
    const dropped = await tx
      .delete(dossierAttachments)
      .where(
        and(
          eq(dossierAttachments.dossierId, dossierId),
          eq(dossierAttachments.kind, 'supporting'),
          keptAttachmentIds.length ? notInArray(dossierAttachments.id, keptAttachmentIds) : undefined,
        ),
      )
      .returning({ storageKey: dossierAttachments.storageKey });
    droppedKeys = dropped.map((d) => d.storageKey);
    return assigned;
  });
  if (!number) return explainStaleAfterRace(db, ownerId, dossierId, baseVersion);
  if (droppedKeys.length) {
    const store = deps.store ?? getBlobStore();
    for (const key of droppedKeys) await deleteBlobQuietly(store, key);
  }

  forgetDraft(ownerId, dossierId);
  await sendConfirmation(db, ownerId, dossierId, deps);
  return { ok: true, number, dossierId };
}

// Submitted from this very version (version moved by exactly the submission): the same filing.
function explainStale(row: { status: string; version: number; number: string | null }, dossierId: string, baseVersion: number): SubmitDossierResult {
  if (row.status !== 'draft' && row.number && row.version === baseVersion + 1) return { ok: true, number: row.number, dossierId };
  return { ok: false, reason: 'conflict' };
}

async function explainStaleAfterRace(db: Database, ownerId: string, dossierId: string, baseVersion: number): Promise<SubmitDossierResult> {
  const [row] = await db
    .select({ status: dossiers.status, version: dossiers.version, number: dossiers.number })
    .from(dossiers)
    .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId)));
  return row ? explainStale(row, dossierId, baseVersion) : { ok: false, reason: 'not-found' };
}

async function sendConfirmation(db: Database, ownerId: string, dossierId: string, deps: SubmitDependencies): Promise<void> {
  try {
    const env = deps.origin && deps.portalName ? null : getEnv();
    const origin = deps.origin ?? env!.publicOrigin;
    const portalName = deps.portalName ?? env!.PORTAL_NAME;
    const [owner] = await db.select({ email: users.email }).from(users).where(eq(users.id, ownerId));
    const dossier = await findSubmittedDossier(db, ownerId, dossierId);
    if (!owner || !dossier) return;
    const receipt = await renderReceiptPdf(dossier, { portalName });
    const message = submissionConfirmationEmail({ to: owner.email, origin, portalName, dossier, receipt });
    await withTimeout((deps.sendEmail ?? sendEmailAfterCommit)(message), QUEUE_TIMEOUT_MS);
  } catch (error) {
    // The dossier is filed; the citizen sees the number and the receipt online.
    logger.error({ err: error, dossierId }, 'submission confirmation could not be queued');
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the job queue within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
