import { Readable } from 'node:stream';
import { getCurrentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { createDownloadResponse } from '@/lib/documents/download-response';
import { findCitizenAttachment } from '@/lib/dossiers/follow-up';
import { BlobNotFoundError, getBlobStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string; attachmentId: string }> };

function notFoundResponse(): Response {
  return new Response('Document introuvable.', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * A file of one of the citizen's submitted requests (the administration's response or a
 * supporting document), as a download. Another citizen's ids answer 404, like unknown ones.
 */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { id, attachmentId } = await params;
  const user = await getCurrentUser();
  if (!user) return Response.redirect(new URL(`/connexion?callbackUrl=${encodeURIComponent(`/demandes/${id}`)}`, request.url), 303);
  const attachment = await findCitizenAttachment(await getDb(), user.id, id, attachmentId);
  if (!attachment) return notFoundResponse();
  try {
    const stream = await getBlobStore().get(attachment.storageKey);
    return createDownloadResponse(Readable.toWeb(stream) as ReadableStream, attachment);
  } catch (error) {
    if (error instanceof BlobNotFoundError) return notFoundResponse();
    throw error;
  }
}
