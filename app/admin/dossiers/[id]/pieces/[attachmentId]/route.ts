import { getCurrentUser } from '@/lib/auth/guards';
import { findAttachmentInScope } from '@/lib/processing/queries';
import { isBackOfficeRole } from '@/lib/processing/rules';
import { getDb } from '@/lib/db';
import { openBlob, toWebStream } from '@/lib/documents/blobs';
import { createDownloadResponse, createFileNotFoundResponse } from '@/lib/documents/download-response';
import { createStorageOutageResponse, STORAGE_DOWN, unlessStorageDown } from '@/lib/documents/storage-outage';
import { getBlobStore } from '@/lib/storage';
import { recordFileDownload } from '@/lib/processing/reads';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string; attachmentId: string }> };

/** A file of a dossier in the agent's scope, as a download. Anyone else, any other id: 404. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { id, attachmentId } = await params;
  const user = await getCurrentUser();
  if (!user) return Response.redirect(new URL(`/connexion?callbackUrl=${encodeURIComponent(`/admin/dossiers/${id}`)}`, request.url), 303);
  if (!isBackOfficeRole(user.role)) return createFileNotFoundResponse();
  const backOfficeUser = { id: user.id, role: user.role };
  const db = await getDb();
  const attachment = await findAttachmentInScope(db, backOfficeUser, id, attachmentId);
  if (!attachment) return createFileNotFoundResponse();
  const stream = await unlessStorageDown(() => openBlob(getBlobStore(), attachment.storageKey));
  if (stream === STORAGE_DOWN) return createStorageOutageResponse();
  if (!stream) return createFileNotFoundResponse();
  await recordFileDownload(db, backOfficeUser, id, attachmentId);
  return createDownloadResponse(toWebStream(stream), attachment);
}
