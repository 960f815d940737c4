import { requireCitizen } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { receiptFilename, renderReceiptPdf } from '@/lib/dossiers/receipt';
import { findSubmittedDossier } from '@/lib/dossiers/submitted';
import { getEnv } from '@/lib/env';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** The receipt of one of the citizen's submitted dossiers, as a download; 404 for anything else. */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const user = await requireCitizen(`/demandes/${encodeURIComponent(id)}/recepisse`);
  const dossier = await findSubmittedDossier(await getDb(), user.id, id);
  if (!dossier) {
    return new Response('Demande introuvable.', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
    });
  }
  const pdf = await renderReceiptPdf(dossier, { portalName: getEnv().PORTAL_NAME });
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${receiptFilename(dossier.number)}"`,
      'Content-Length': String(pdf.length),
      'X-Content-Type-Options': 'nosniff',
      // Personal data: never kept by a shared cache or the browser's back-forward cache.
      'Cache-Control': 'private, no-store',
    },
  });
}
