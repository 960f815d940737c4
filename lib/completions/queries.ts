import 'server-only';
import { and, asc, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossierAttachments, dossierRequestItems, dossierRequests, dossiers } from '@/db/schema';
import { isDossierId } from '@/lib/dossiers/ids';

// Requests for documents or a correction ("À compléter") as both sides read them. The dossier id is
// one whose access the caller has already established (owner, or agent scope).

export type RequestedFile = { id: string; filename: string; mimeType: string; sizeBytes: number; at: Date };
export type RequestItemView = { id: string; label: string; file: RequestedFile | null };
export type CompletionRequestView = {
  id: string;
  correction: string | null;
  dueOn: string;
  askedAt: Date;
  answeredAt: Date | null;
  answerMessage: string | null;
  /** Withdrawn by an agent before any answer: closed, nothing more to send. */
  withdrawnAt: Date | null;
  items: RequestItemView[];
};

export async function listCompletionRequests(db: Executor, dossierId: string): Promise<CompletionRequestView[]> {
  const requests = await db
    .select({
      id: dossierRequests.id,
      correction: dossierRequests.correction,
      dueOn: dossierRequests.dueOn,
      askedAt: dossierRequests.createdAt,
      answeredAt: dossierRequests.answeredAt,
      answerMessage: dossierRequests.answerMessage,
      withdrawnAt: dossierRequests.withdrawnAt,
    })
    .from(dossierRequests)
    .where(eq(dossierRequests.dossierId, dossierId))
    .orderBy(asc(dossierRequests.createdAt), asc(dossierRequests.id));
  if (requests.length === 0) return [];
  const items = await db
    .select({
      id: dossierRequestItems.id,
      requestId: dossierRequestItems.requestId,
      label: dossierRequestItems.label,
      fileId: dossierAttachments.id,
      filename: dossierAttachments.filename,
      mimeType: dossierAttachments.mimeType,
      sizeBytes: dossierAttachments.sizeBytes,
      at: dossierAttachments.createdAt,
    })
    .from(dossierRequestItems)
    .leftJoin(dossierAttachments, eq(dossierAttachments.id, dossierRequestItems.attachmentId))
    .where(inArray(dossierRequestItems.requestId, requests.map((r) => r.id)))
    .orderBy(asc(dossierRequestItems.position));
  return requests.map((request) => ({
    ...request,
    items: items
      .filter((item) => item.requestId === request.id)
      .map((item) => ({
        id: item.id,
        label: item.label,
        file: item.fileId ? { id: item.fileId, filename: item.filename!, mimeType: item.mimeType!, sizeBytes: item.sizeBytes!, at: item.at! } : null,
      })),
  }));
}

/** The citizen's requests on one of their submitted dossiers; [] for anything else. */
export async function listCitizenCompletionRequests(db: Executor, ownerId: string, dossierId: string): Promise<CompletionRequestView[]> {
  if (!isDossierId(dossierId)) return [];
  const [owned] = await db
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), ne(dossiers.status, 'draft'), isNotNull(dossiers.submittedAt)));
  return owned ? listCompletionRequests(db, dossierId) : [];
}

/** Ids of the citizen's submitted dossiers with a request neither answered nor withdrawn ("À compléter" in "Mes demandes"). */
export async function listDossierIdsToComplete(db: Executor, ownerId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ id: dossiers.id })
    .from(dossierRequests)
    .innerJoin(dossiers, eq(dossiers.id, dossierRequests.dossierId))
    .where(and(eq(dossiers.ownerId, ownerId), ne(dossiers.status, 'draft'), isNull(dossierRequests.answeredAt), isNull(dossierRequests.withdrawnAt)));
  return new Set(rows.map((row) => row.id));
}
