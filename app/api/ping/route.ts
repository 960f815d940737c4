export const dynamic = 'force-dynamic';

// Liveness: answers without touching the database or storage (/api/health is the readiness check).
// Also the bare route handler that `npm run bench` measures as the machine's baseline.
export function GET() {
  return Response.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
}
