import type { Instrumentation } from 'next';

// Next calls register() once when a server process starts.
export async function register() {
  // NEXT_RUNTIME is set by Next itself; the portal's own settings are read through lib/env.ts.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // First: requests are tagged with their socket address from here on (per-client limits).
    const { installPeerAddressCapture } = await import('./lib/platform/peer-address');
    installPeerAddressCapture();
    // Durations per route pattern for /api/metrics, from the spans Next reports to OpenTelemetry.
    const { installRequestTiming } = await import('./lib/platform/request-timing');
    installRequestTiming();
    const { installConsoleBridge } = await import('./lib/platform/logger');
    // What Next itself prints (every error a page or an action throws) becomes one scrubbed JSON
    // line; `next dev` keeps its readable output.
    if (process.env.NODE_ENV === 'production') installConsoleBridge();
    const { startPortal } = await import('./lib/runtime/startup');
    await startPortal({ role: 'web' });
  }
}

// One structured line per failed request, with its request id and route pattern (never the
// concrete path or query, which may carry ids or search terms); the error is described safely.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { logger } = await import('./lib/platform/logger');
  const requestId = [request.headers['x-request-id']].flat()[0];
  logger.error({ err: error, requestId, method: request.method, route: context.routePath, routeType: context.routeType }, 'request failed');
};
