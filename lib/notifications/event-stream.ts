import 'server-only';
import type { LiveEvent } from './live';
import { getLiveHub } from './live';
import { isShuttingDown, onDrain } from '@/lib/platform/shutdown';
import { logger } from '@/lib/platform/logger';
import { getMetrics } from '@/lib/platform/metrics';

// Server-Sent Events over the live hub, for a route handler that has already checked who asks and
// what they may follow. A comment every 25 s keeps proxies from closing the connection; a stream
// lasts at most 2 minutes, then EventSource reconnects by itself and the route checks the session
// again, so a signed-out or revoked session stops receiving within that time. proxy.ts never
// renews the session cookie for these routes: an idle page must still time out.

const HEARTBEAT_MS = 25_000;
const MAX_STREAM_MS = 120_000;
const RECONNECT_MS = 5_000;
// When this instance stops, browsers come back within 1 to 3 s (spread out, so that the instances
// that remain are not hit by every stream at once) and the load balancer sends them elsewhere.
const DRAIN_RECONNECT_MS = 1_000;
const DRAIN_JITTER_MS = 2_000;

function drainRetryLine(): string {
  return `retry: ${DRAIN_RECONNECT_MS + Math.floor(Math.random() * DRAIN_JITTER_MS)}\n: reconnectez-vous\n\n`;
}

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

export type EventStreamOptions = {
  /** Subscription key (liveKeys). */
  key: string;
  /** The data sent for one event; null sends nothing. */
  describe: (event: LiveEvent) => Promise<Record<string, unknown> | null>;
};

export async function openEventStream(request: Request, { key, describe }: EventStreamOptions): Promise<Response> {
  // A stream asked of a stopping instance (over a connection still open) is told to come back.
  if (isShuttingDown()) return new Response(drainRetryLine(), { headers: SSE_HEADERS });
  let unsubscribe: () => void = () => {};
  let stopDrain: () => void = () => {};
  try {
    const hub = await getLiveHub();
    const encoder = new TextEncoder();
    let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;
    let closed = false;
    let counted = false;
    const timers: NodeJS.Timeout[] = [];
    const close = () => {
      if (closed) return;
      closed = true;
      if (counted) getMetrics().sseConnections.dec();
      unsubscribe();
      stopDrain();
      // clearTimeout clears an interval too in Node.
      timers.forEach((timer) => clearTimeout(timer));
      try {
        controllerRef?.close();
      } catch {
        // Already closed by the client.
      }
    };
    const send = (text: string) => {
      if (!closed) controllerRef?.enqueue(encoder.encode(text));
    };

    unsubscribe = await hub.subscribe(key, (event) => {
      void describe(event)
        .catch(() => ({ kind: event.kind }))
        .then((data) => {
          if (data) send(`event: notification\ndata: ${JSON.stringify(data)}\n\n`);
        });
    });

    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controllerRef = controller;
        counted = true;
        getMetrics().sseConnections.inc();
        controller.enqueue(encoder.encode(`retry: ${RECONNECT_MS}\n: ouvert\n\n`));
        timers.push(setInterval(() => send(': ping\n\n'), HEARTBEAT_MS));
        timers.push(setTimeout(close, MAX_STREAM_MS));
        request.signal.addEventListener('abort', close);
        stopDrain = onDrain(() => {
          send(drainRetryLine());
          close();
        });
      },
      cancel: close,
    });
    return new Response(stream, { headers: SSE_HEADERS });
  } catch (error) {
    unsubscribe();
    stopDrain();
    // No live updates for now (the database does not answer): the page retries later with backoff
    // (components/notifications/live-updates.tsx) and catches up when it is back.
    logger.error({ err: error }, 'event stream unavailable');
    return new Response(null, { status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': '5' } });
  }
}
