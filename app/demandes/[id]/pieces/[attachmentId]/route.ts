import { getCurrentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { openBlob, toWebStream } from '@/lib/documents/blobs';
import { createDownloadResponse, createFileNotFoundResponse } from '@/lib/documents/download-response';
import { createStorageOutageResponse, STORAGE_DOWN, unlessStorageDown } from '@/lib/documents/storage-outage';
import { findCitizenAttachment } from '@/lib/dossiers/follow-up';
import { getBlobStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string; attachmentId: string }> };

/**
 * A file of one of the citizen's submitted requests (the administration's response or a
 * supporting document), as a download. Another citizen's ids answer 404, like unknown ones.
 */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { id, attachmentId } = await params;
  const user = await getCurrentUser();
  if (!user) return Response.redirect(new URL(`/connexion?callbackUrl=${encodeURIComponent(`/demandes/${id}`)}`, request.url), 303);
  const attachment = await findCitizenAttachment(await getDb(), user.id, id, attachmentId);
  if (!attachment) return createFileNotFoundResponse();
  const stream = await unlessStorageDown(() => openBlob(getBlobStore(), attachment.storageKey));
  if (stream === STORAGE_DOWN) return createStorageOutageResponse();
  if (!stream) return createFileNotFoundResponse();
  return createDownloadResponse(toWebStream(stream), attachment);
}
