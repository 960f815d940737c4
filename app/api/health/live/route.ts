export const dynamic = 'force-dynamic';

// Liveness: the process is up and answers; no dependency is touched (same as /api/ping).
// A container is restarted when this fails, so a database outage must never fail it.
export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
