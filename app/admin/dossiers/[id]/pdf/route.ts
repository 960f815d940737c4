import { getCurrentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { contentDisposition, createFileNotFoundResponse } from '@/lib/documents/download-response';
import { getEnv } from '@/lib/env';
import { exportDossierPdf } from '@/lib/processing/dossier-pdf';
import { isBackOfficeRole } from '@/lib/processing/rules';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** The whole dossier as a PDF, for an agent of its procedure (or an administrator). Anyone else, any other id: 404. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user) return Response.redirect(new URL(`/connexion?callbackUrl=${encodeURIComponent(`/admin/dossiers/${id}`)}`, request.url), 303);
  if (!isBackOfficeRole(user.role)) return createFileNotFoundResponse('Dossier introuvable.');
  const pdf = await exportDossierPdf(await getDb(), { id: user.id, role: user.role }, id, { portalName: getEnv().PORTAL_NAME });
  if (!pdf) return createFileNotFoundResponse('Dossier introuvable.');
  return new Response(new Uint8Array(pdf.bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition(pdf.filename),
      'Content-Length': String(pdf.bytes.length),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  });
}
