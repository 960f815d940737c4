import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { openDraftAttachment } from '@/lib/documents/attachments';
import { createDownloadResponse, createFileNotFoundResponse } from '@/lib/documents/download-response';
import { toWebStream } from '@/lib/documents/blobs';
import { createStorageOutageResponse, STORAGE_DOWN, unlessStorageDown } from '@/lib/documents/storage-outage';
import { getBlobStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string; attachmentId: string }> };

/** A file attached to one of the citizen's drafts, as a download; 404 for anything else. */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { id, attachmentId } = await params;
  const user = await requireCitizen('/brouillons');
  const opened = await unlessStorageDown(async () => openDraftAttachment(await getDb(), getBlobStore(), user.id, id, attachmentId));
  if (opened === STORAGE_DOWN) return createStorageOutageResponse();
  if (!opened) return createFileNotFoundResponse('Fichier introuvable.');
  return createDownloadResponse(toWebStream(opened.stream), opened);
}
