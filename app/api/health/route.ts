import { checkHealth } from '@/lib/platform/health';

export const dynamic = 'force-dynamic';

// Public by design (load balancers call it); it reveals only ok/error and driver names.
export async function GET() {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
