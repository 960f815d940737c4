import { checkReadiness } from '@/lib/runtime/health';

export const dynamic = 'force-dynamic';

// Readiness, for load balancers: 200 when this instance can serve pages (its database answers),
// 503 otherwise or while it stops. Storage, mail and the queue do not decide it: see /api/health/status.
// Public by design; it reveals only ok/error and the driver's name.
export async function GET() {
  const report = await checkReadiness();
  return Response.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
