import { Readable } from 'node:stream';
import { getCurrentUser } from '@/lib/auth/guards';
import { findAttachmentInScope } from '@/lib/backoffice/queries';
import { isBackOfficeRole } from '@/lib/backoffice/rules';
import { getDb } from '@/lib/db';
import { createDownloadResponse } from '@/lib/documents/download-response';
import { BlobNotFoundError, getBlobStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string; attachmentId: string }> };

function notFoundResponse(): Response {
  return new Response('Document introuvable.', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}

/** A file of a dossier in the agent's scope, as a download. Anyone else, any other id: 404. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { id, attachmentId } = await params;
  const user = await getCurrentUser();
  if (!user) return Response.redirect(new URL(`/connexion?callbackUrl=${encodeURIComponent(`/admin/dossiers/${id}`)}`, request.url), 303);
  if (!isBackOfficeRole(user.role)) return notFoundResponse();
  const attachment = await findAttachmentInScope(await getDb(), { id: user.id, role: user.role }, id, attachmentId);
  if (!attachment) return notFoundResponse();
  try {
    const stream = await getBlobStore().get(attachment.storageKey);
    return createDownloadResponse(Readable.toWeb(stream) as ReadableStream, attachment);
  } catch (error) {
    if (error instanceof BlobNotFoundError) return notFoundResponse();
    throw error;
  }
}
