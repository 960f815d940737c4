import { Readable } from 'node:stream';
import { getCurrentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { contentDisposition, createFileNotFoundResponse } from '@/lib/documents/download-response';
import { openDossierArchive } from '@/lib/processing/dossier-archive';
import { recordDossierExport } from '@/lib/processing/reads';
import { isBackOfficeRole } from '@/lib/processing/rules';
import { getBlobStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** The files of a dossier as a ZIP, streamed, for an agent of its procedure (or an administrator). Anyone else: 404. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user) return Response.redirect(new URL(`/connexion?callbackUrl=${encodeURIComponent(`/admin/dossiers/${id}`)}`, request.url), 303);
  if (!isBackOfficeRole(user.role)) return createFileNotFoundResponse('Dossier introuvable.');
  const backOfficeUser = { id: user.id, role: user.role };
  const db = await getDb();
  const archive = await openDossierArchive(db, getBlobStore(), backOfficeUser, id);
  if (!archive) return createFileNotFoundResponse('Dossier introuvable.');
  await recordDossierExport(db, backOfficeUser, id, { format: 'zip', files: archive.files, bytes: archive.bytes });
  return new Response(Readable.toWeb(archive.stream) as ReadableStream, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': contentDisposition(archive.filename),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  });
}
