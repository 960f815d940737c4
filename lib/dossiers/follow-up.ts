import 'server-only';
import { and, asc, eq, isNotNull, ne, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossierAttachments, dossierEvents, dossiers, messages, procedureVersions } from '@/db/schema';
import type { ProcedureDefinition } from '@/lib/procedures/definition';
import { definitionOfVersion } from './definitions';
import { EVENT_KINDS, type DossierEventKind } from './event-kinds';
import { isDossierId } from './ids';

// What happened to a submitted dossier, shared by "Ma demande" and the back office. These
// functions take a dossier id whose access the caller has already established (owner or agent
// scope); the citizen-facing ones below scope by owner themselves.

export type TimelineEntry = {
  id: string;
  kind: DossierEventKind;
  at: Date;
  /** For a submission or a status change: the label of the status reached. */
  statusLabel?: string;
  /** Comment to the citizen (status change) or note (response). */
  note?: string;
};

/** A file joined to a message: downloaded through the same routes as the dossier's other files. */
export type MessageFile = { id: string; filename: string; mimeType: string; sizeBytes: number; at: Date };
export type ThreadMessage = { id: string; author: 'citizen' | 'agent'; body: string; at: Date; files: MessageFile[] };

/** Attachment as a screen shows it: never its storage key or hash. */
export type AttachmentView = { id: string; kind: 'supporting' | 'response' | 'request_answer' | 'message'; filename: string; mimeType: string; sizeBytes: number; at: Date };

const knownKinds = new Set<string>(Object.values(EVENT_KINDS));

export async function listTimeline(db: Executor, dossierId: string, definition: ProcedureDefinition): Promise<TimelineEntry[]> {
  const rows = await db
    .select({ id: dossierEvents.id, kind: dossierEvents.kind, toStatus: dossierEvents.toStatus, note: dossierEvents.note, at: dossierEvents.createdAt })
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, dossierId))
    .orderBy(asc(dossierEvents.createdAt), asc(dossierEvents.id));
  return rows
    .filter((row) => knownKinds.has(row.kind))
    .map((row) => ({
      id: row.id,
      kind: row.kind as DossierEventKind,
      at: row.at,
      statusLabel: row.toStatus ? (definition.statuses.find((s) => s.key === row.toStatus)?.label ?? row.toStatus) : undefined,
      note: row.note ?? undefined,
    }));
}

export async function listThread(db: Executor, dossierId: string): Promise<ThreadMessage[]> {
  const rows = await db
    .select({ id: messages.id, author: messages.authorRole, body: messages.body, at: messages.createdAt })
    .from(messages)
    .where(eq(messages.dossierId, dossierId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const files = await db
    .select({
      id: dossierAttachments.id,
      messageId: dossierAttachments.messageId,
      filename: dossierAttachments.filename,
      mimeType: dossierAttachments.mimeType,
      sizeBytes: dossierAttachments.sizeBytes,
      at: dossierAttachments.createdAt,
    })
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.dossierId, dossierId), eq(dossierAttachments.kind, 'message')))
    .orderBy(asc(dossierAttachments.createdAt), asc(dossierAttachments.id));
  return rows.map((row) => ({ ...row, files: files.filter((f) => f.messageId === row.id).map(({ messageId: _m, ...file }) => file) }));
}

export async function listAttachments(db: Executor, dossierId: string): Promise<AttachmentView[]> {
  return db
    .select({
      id: dossierAttachments.id,
      kind: dossierAttachments.kind,
      filename: dossierAttachments.filename,
      mimeType: dossierAttachments.mimeType,
      sizeBytes: dossierAttachments.sizeBytes,
      at: dossierAttachments.createdAt,
    })
    .from(dossierAttachments)
    .where(eq(dossierAttachments.dossierId, dossierId))
    .orderBy(asc(dossierAttachments.createdAt), asc(dossierAttachments.id));
}

export type StoredAttachment = { filename: string; mimeType: string; sizeBytes: number; storageKey: string };

/**
 * One file of one dossier, read within `scope`: a condition on `dossiers` that says who may reach
 * it (the owner of a submitted dossier here; the agent's assignments in the back office).
 */
export async function findAttachmentWithin(db: Executor, scope: SQL, dossierId: string, attachmentId: string): Promise<StoredAttachment | null> {
  if (!isDossierId(dossierId) || !isDossierId(attachmentId)) return null;
  const [row] = await db
    .select({
      filename: dossierAttachments.filename,
      mimeType: dossierAttachments.mimeType,
      sizeBytes: dossierAttachments.sizeBytes,
      storageKey: dossierAttachments.storageKey,
    })
    .from(dossierAttachments)
    .innerJoin(dossiers, eq(dossiers.id, dossierAttachments.dossierId))
    .where(and(eq(dossierAttachments.id, attachmentId), eq(dossierAttachments.dossierId, dossierId), scope));
  return row ?? null;
}

/** One attachment of one of the citizen's submitted dossiers (supporting or response), or null. */
export async function findCitizenAttachment(db: Executor, ownerId: string, dossierId: string, attachmentId: string): Promise<StoredAttachment | null> {
  const scope = and(eq(dossiers.ownerId, ownerId), ne(dossiers.status, 'draft'), isNotNull(dossiers.submittedAt))!;
  return findAttachmentWithin(db, scope, dossierId, attachmentId);
}

/** Storage key of a dossier's file (ARCHITECTURE.md): the dossier owns its copy. */
export function dossierFileKey(dossierId: string, attachmentId: string): string {
  return `dossiers/${dossierId}/${attachmentId}`;
}

export type CitizenFollowUp = {
  timeline: TimelineEntry[];
  thread: ThreadMessage[];
  responses: AttachmentView[];
  supporting: AttachmentView[];
};

/** Timeline, messages and files of one of the citizen's submitted dossiers, or null (not theirs, draft, unknown). */
export async function findCitizenFollowUp(db: Executor, ownerId: string, dossierId: string): Promise<CitizenFollowUp | null> {
  if (!isDossierId(dossierId)) return null;
  const [row] = await db
    .select({ versionId: procedureVersions.id, definition: procedureVersions.definition })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), ne(dossiers.status, 'draft'), isNotNull(dossiers.submittedAt)));
  if (!row) return null;
  const definition = definitionOfVersion(row.versionId, row.definition);
  const [timeline, thread, attachments] = await Promise.all([listTimeline(db, dossierId, definition), listThread(db, dossierId), listAttachments(db, dossierId)]);
  return {
    timeline,
    thread,
    responses: attachments.filter((a) => a.kind === 'response'),
    supporting: attachments.filter((a) => a.kind === 'supporting'),
  };
}
