import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { dossierAttachments, dossierEvents, dossiers, messages, procedureVersions, procedures } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { definitionOfVersion } from '@/lib/dossiers/definitions';
import { EVENT_KINDS } from '@/lib/dossiers/event-kinds';
import { dossierFileKey } from '@/lib/dossiers/follow-up';
import { isDossierId } from '@/lib/dossiers/ids';
import type { ProcedureDefinition } from '@/lib/procedures/definition';
import { notifyCitizen, type FollowUpContext } from '@/lib/notifications/notify';
import type { FollowUpDossier } from '@/lib/notifications/follow-up-messages';
import type { BlobStore } from '@/lib/storage';
import { discardStaged, stageUpload, type StagedFile } from '@/lib/documents/dossier-files';
import { messageFileRow } from '@/lib/messages/citizen-reply';
import { checkStatusChange } from './rules';
import { dossiersInScope, type BackOfficeUser } from './scope';

// What an agent does to a dossier. Each use case runs in ONE transaction: the change, its
// timeline event, the citizen's notification, the email job when their preferences allow it,
// and the audit entry. The dossier row is locked through the agent's scope: out of scope,
// a draft or an unknown id are the same "not-found".


type LockedDossier = { ownerId: string; procedureId: string; status: string; definition: ProcedureDefinition; ref: FollowUpDossier };

export async function lockDossierInScope(tx: Transaction, user: BackOfficeUser, dossierId: string): Promise<LockedDossier | null> {
  const [row] = await tx
    .select({
      id: dossiers.id,
      ownerId: dossiers.ownerId,
      procedureId: dossiers.procedureId,
      status: dossiers.status,
      number: dossiers.number,
      versionId: procedureVersions.id,
      definition: procedureVersions.definition,
      procedureTitle: procedures.title,
    })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(and(eq(dossiers.id, dossierId), dossiersInScope(user)))
    .for('update', { of: dossiers });
  if (!row) return null;
  return {
    ownerId: row.ownerId,
    procedureId: row.procedureId,
    status: row.status,
    definition: definitionOfVersion(row.versionId, row.definition),
    ref: { id: row.id, number: row.number!, procedureTitle: row.procedureTitle },
  };
}

export type ChangeStatusResult = { ok: true; statusLabel: string; emailed: boolean } | { ok: false; reason: 'not-found' | 'unknown-status' | 'same-status' };

type StatusInput = { status: string; comment?: string };

/** The change, its timeline event, the citizen's notification (and email job) and the audit entry, inside `tx`. */
async function applyStatusChange(tx: Transaction, ctx: FollowUpContext, user: BackOfficeUser, dossierId: string, dossier: LockedDossier, input: StatusInput) {
  const status = dossier.definition.statuses.find((s) => s.key === input.status)!;
  await tx
    .update(dossiers)
    .set({ status: status.key, updatedAt: new Date() })
    .where(eq(dossiers.id, dossierId));
  await tx.insert(dossierEvents).values({
    dossierId,
    kind: EVENT_KINDS.statusChanged,
    fromStatus: dossier.status,
    toStatus: status.key,
    actorId: user.id,
    note: input.comment ?? null,
  });
  // A status the administrator marked "ne prévient pas l'usager" (an internal step) only shows on
  // the timeline; definitions saved before that setting existed notify, as they always did.
  const { emailed } = status.notify === false
    ? { emailed: false }
    : await notifyCitizen(tx, ctx, dossier.ownerId, dossier.ref, { kind: 'status_change', statusLabel: status.label, hasComment: !!input.comment });
  await recordAudit(tx, {
    action: 'backoffice.status_changed',
    actorId: user.id,
    targetType: 'dossier',
    targetId: dossierId,
    meta: { from: dossier.status, to: status.key, withComment: !!input.comment },
  });
  return { statusLabel: status.label, emailed };
}

export async function changeDossierStatus(ctx: FollowUpContext, user: BackOfficeUser, dossierId: string, input: StatusInput): Promise<ChangeStatusResult> {
  if (!isDossierId(dossierId)) return { ok: false, reason: 'not-found' };
  return ctx.db.transaction(async (tx): Promise<ChangeStatusResult> => {
    const dossier = await lockDossierInScope(tx, user, dossierId);
    if (!dossier) return { ok: false, reason: 'not-found' };
    const check = checkStatusChange(dossier.definition.statuses, dossier.status, input.status);
    if (!check.ok) return check;
    return { ok: true, ...(await applyStatusChange(tx, ctx, user, dossierId, dossier, input)) };
  });
}

export type BulkStatusResult =
  | { ok: true; changed: number; statusLabel: string }
  | { ok: false; reason: 'not-found' | 'mixed-procedures' | 'unknown-status' }
  | { ok: false; reason: 'same-status'; numbers: string[] };

/**
 * The same status change (and comment) on several dossiers of ONE procedure, all or nothing: every
 * dossier is locked through the actor's scope first; one unreachable, of another procedure, or
 * already in that status, and nothing changes. Each citizen is then notified exactly as for a single change.
 */
export async function changeStatusInBulk(
  ctx: FollowUpContext,
  user: BackOfficeUser,
  input: StatusInput & { procedureId: string; dossierIds: string[] },
): Promise<BulkStatusResult> {
  const ids = [...new Set(input.dossierIds)];
  if (ids.length === 0 || !ids.every(isDossierId) || !isDossierId(input.procedureId)) return { ok: false, reason: 'not-found' };
  return ctx.db.transaction(async (tx): Promise<BulkStatusResult> => {
    // Locked in id order: two bulk changes over the same dossiers cannot deadlock.
    const locked: { id: string; procedureId: string; dossier: LockedDossier }[] = [];
    for (const id of [...ids].sort()) {
      const dossier = await lockDossierInScope(tx, user, id);
      if (!dossier) return { ok: false, reason: 'not-found' };
      locked.push({ id, procedureId: dossier.procedureId, dossier });
    }
    if (locked.some((entry) => entry.procedureId !== input.procedureId)) return { ok: false, reason: 'mixed-procedures' };
    const same: string[] = [];
    for (const { dossier } of locked) {
      const check = checkStatusChange(dossier.definition.statuses, dossier.status, input.status);
      if (!check.ok && check.reason === 'unknown-status') return { ok: false, reason: 'unknown-status' };
      if (!check.ok) same.push(dossier.ref.number);
    }
    if (same.length > 0) return { ok: false, reason: 'same-status', numbers: same };
    let statusLabel = '';
    for (const { id, dossier } of locked) statusLabel = (await applyStatusChange(tx, ctx, user, id, dossier, input)).statusLabel;
    return { ok: true, changed: locked.length, statusLabel };
  });
}

export type SimpleResult = { ok: true; emailed: boolean } | { ok: false; reason: 'not-found' };

export type AgentMessageResult = SimpleResult | { ok: false; reason: 'file-refused'; message: string };

/**
 * A message to the citizen, optionally with one file (the same checks and antivirus as every
 * upload). The file is stored only once the dossier is known to be in scope, and removed again if
 * the transaction refuses or fails.
 */
export async function sendAgentMessage(
  ctx: FollowUpContext,
  user: BackOfficeUser,
  dossierId: string,
  body: string,
  attachment?: { store: BlobStore; file: File },
): Promise<AgentMessageResult> {
  if (!isDossierId(dossierId)) return { ok: false, reason: 'not-found' };
  let staged: StagedFile | null = null;
  if (attachment) {
    const [reachable] = await ctx.db.select({ id: dossiers.id }).from(dossiers).where(and(eq(dossiers.id, dossierId), dossiersInScope(user)));
    if (!reachable) return { ok: false, reason: 'not-found' };
    const result = await stageUpload(attachment.store, dossierId, attachment.file);
    if (!result.ok) return { ok: false, reason: 'file-refused', message: result.message };
    staged = result.file;
  }
  const discard = async () => {
    if (staged && attachment) await discardStaged(attachment.store, [staged]);
  };
  try {
    const result = await ctx.db.transaction(async (tx): Promise<AgentMessageResult> => {
      const dossier = await lockDossierInScope(tx, user, dossierId);
      if (!dossier) return { ok: false, reason: 'not-found' };
      const [message] = await tx.insert(messages).values({ dossierId, authorId: user.id, authorRole: 'agent', body }).returning({ id: messages.id });
      if (staged) await tx.insert(dossierAttachments).values(messageFileRow(dossierId, message.id, user.id, staged));
      await tx.insert(dossierEvents).values({ dossierId, kind: EVENT_KINDS.agentMessage, actorId: user.id });
      const { emailed } = await notifyCitizen(tx, ctx, dossier.ownerId, dossier.ref, { kind: 'message' });
      // The journal records that a message was sent, never its content.
      await recordAudit(tx, {
        action: 'backoffice.message_sent',
        actorId: user.id,
        targetType: 'dossier',
        targetId: dossierId,
        meta: { length: body.length, withFile: !!staged },
      });
      return { ok: true, emailed };
    });
    if (!result.ok) await discard();
    return result;
  } catch (error) {
    await discard();
    throw error;
  }
}

/** A file already checked by content (lib/documents/check-upload.ts). */
export type CheckedFile = { bytes: Uint8Array; filename: string; mimeType: string; sizeBytes: number; sha256: string };

export type PublishResponseResult = { ok: true; attachmentId: string; emailed: boolean } | { ok: false; reason: 'not-found' };

/**
 * "Publier la réponse": the file is stored under the dossier's key space first, then the
 * attachment row, event, notification, email job and audit entry are written in one transaction.
 * If that transaction fails or the dossier is out of scope, the stored file is removed again.
 */
export async function publishResponse(
  ctx: FollowUpContext & { store: BlobStore },
  user: BackOfficeUser,
  dossierId: string,
  file: CheckedFile,
  note?: string,
): Promise<PublishResponseResult> {
  if (!isDossierId(dossierId)) return { ok: false, reason: 'not-found' };
  // Checked before storing anything: no file lands for a dossier the agent cannot reach.
  const [reachable] = await ctx.db.select({ id: dossiers.id }).from(dossiers).where(and(eq(dossiers.id, dossierId), dossiersInScope(user)));
  if (!reachable) return { ok: false, reason: 'not-found' };

  const attachmentId = randomUUID();
  const storageKey = dossierFileKey(dossierId, attachmentId);
  await ctx.store.put(storageKey, file.bytes, { contentType: file.mimeType, contentLength: file.sizeBytes });
  try {
    const result = await ctx.db.transaction(async (tx): Promise<PublishResponseResult> => {
      const dossier = await lockDossierInScope(tx, user, dossierId);
      if (!dossier) return { ok: false, reason: 'not-found' };
      await tx.insert(dossierAttachments).values({
        id: attachmentId,
        dossierId,
        kind: 'response',
        filename: file.filename,
        mimeType: file.mimeType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        storageKey,
        uploadedBy: user.id,
      });
      await tx.insert(dossierEvents).values({ dossierId, kind: EVENT_KINDS.responsePublished, actorId: user.id, note: note ?? null });
      const { emailed } = await notifyCitizen(tx, ctx, dossier.ownerId, dossier.ref, { kind: 'response' });
      await recordAudit(tx, {
        action: 'backoffice.response_published',
        actorId: user.id,
        targetType: 'dossier',
        targetId: dossierId,
        meta: { attachmentId, mimeType: file.mimeType, sizeBytes: file.sizeBytes },
      });
      return { ok: true, attachmentId, emailed };
    });
    if (!result.ok) await ctx.store.delete(storageKey);
    return result;
  } catch (error) {
    await ctx.store.delete(storageKey).catch(() => {});
    throw error;
  }
}
