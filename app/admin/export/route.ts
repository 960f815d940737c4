import { getCurrentUser } from '@/lib/auth/guards';
import { exportQueueCsv } from '@/lib/processing/export-csv';
import { isBackOfficeRole } from '@/lib/processing/rules';
import { dossierListQuerySchema } from '@/lib/processing/schemas';
import { getDb } from '@/lib/db';

export const dynamic = 'force-dynamic';

function notFound(): Response {
  return new Response('Export introuvable.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/**
 * CSV of the queue as filtered (the same query string as /admin, a procedure chosen), streamed.
 * Signed out: to the sign-in page. A citizen, no procedure or one out of scope: 404.
 */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const user = await getCurrentUser();
  if (!user) return Response.redirect(new URL(`/connexion?callbackUrl=${encodeURIComponent('/admin')}`, request.url), 303);
  if (!isBackOfficeRole(user.role)) return notFound();
  const query = dossierListQuerySchema.parse(Object.fromEntries(url.searchParams));
  const result = await exportQueueCsv(await getDb(), { id: user.id, role: user.role }, { ...query, apres: undefined });
  if (!result) return notFound();
  return new Response(result.stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${result.filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
