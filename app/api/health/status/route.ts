import { checkStatus } from '@/lib/runtime/health';

export const dynamic = 'force-dynamic';

// Every dependency, for operators and monitoring: storage, mail or the queue in trouble make the
// report "degraded" with 200 (readiness is unaffected); 503 only when the database is unreachable
// or the instance is stopping. Public: statuses, driver names and queue counts, no detail.
export async function GET() {
  const report = await checkStatus();
  const unavailable = report.status === 'unavailable' || report.status === 'draining';
  return Response.json(report, { status: unavailable ? 503 : 200, headers: { 'Cache-Control': 'no-store' } });
}
