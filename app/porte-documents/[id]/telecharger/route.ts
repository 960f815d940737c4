import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { createDownloadResponse, createFileNotFoundResponse } from '@/lib/documents/download-response';
import { toWebStream } from '@/lib/documents/blobs';
import { createStorageOutageResponse, STORAGE_DOWN, unlessStorageDown } from '@/lib/documents/storage-outage';
import { openLockerDocument } from '@/lib/documents/locker';
import { getBlobStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** One of the citizen's locker documents, as a download; 404 for anything else, whoever asks. */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const user = await requireCitizen('/porte-documents');
  const opened = await unlessStorageDown(async () => openLockerDocument(await getDb(), getBlobStore(), user.id, id));
  if (opened === STORAGE_DOWN) return createStorageOutageResponse();
  if (!opened) return createFileNotFoundResponse();
  return createDownloadResponse(toWebStream(opened.stream), opened);
}
