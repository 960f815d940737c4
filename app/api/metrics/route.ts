import { notFound } from 'next/navigation';
import { getEnv } from '@/lib/env';
import { collectScrapeGauges } from '@/lib/runtime/metrics-scrape';
import { isMetricsRequestAllowed } from '@/lib/platform/metrics-access';
import { renderMetrics } from '@/lib/platform/metrics';

export const dynamic = 'force-dynamic';

// Prometheus metrics of this process (docs/deploy.md, decision 020). Each instance answers for
// itself: scrape every instance (and no worker: it serves no HTTP). Without METRICS_TOKEN, or with
// a wrong bearer token, this address does not exist (proxy.ts already shows the usual 404 page).
export async function GET(request: Request): Promise<Response> {
  if (!isMetricsRequestAllowed(request.headers.get('authorization'), getEnv().METRICS_TOKEN)) notFound();
  await collectScrapeGauges();
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}
