import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { createDownloadResponse } from '@/lib/documents/download-response';
import { toWebStream } from '@/lib/documents/blobs';
import { openLockerDocument } from '@/lib/documents/locker';
import { getBlobStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** One of the citizen's locker documents, as a download; 404 for anything else, whoever asks. */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const user = await requireCitizen('/porte-documents');
  const opened = await openLockerDocument(await getDb(), getBlobStore(), user.id, id);
  if (!opened) {
    return new Response('Document introuvable.', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' },
    });
  }
  return createDownloadResponse(toWebStream(opened.stream), opened);
}
