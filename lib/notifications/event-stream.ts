import 'server-only';
import type { LiveEvent } from './live';
import { getLiveHub } from './live';

// Server-Sent Events over the live hub, for a route handler that has already checked who asks and
// what they may follow. A comment every 25 s keeps proxies from closing the connection; a stream
// lasts at most 2 minutes, then EventSource reconnects by itself and the route checks the session
// again, so a signed-out or revoked session stops receiving within that time. proxy.ts never
// renews the session cookie for these routes: an idle page must still time out.

const HEARTBEAT_MS = 25_000;
const MAX_STREAM_MS = 120_000;
const RECONNECT_MS = 5_000;

export type EventStreamOptions = {
  /** Subscription key (liveKeys). */
  key: string;
  /** The data sent for one event; null sends nothing. */
  describe: (event: LiveEvent) => Promise<Record<string, unknown> | null>;
};

export async function openEventStream(request: Request, { key, describe }: EventStreamOptions): Promise<Response> {
  let unsubscribe: () => void = () => {};
  try {
    const hub = await getLiveHub();
    const encoder = new TextEncoder();
    let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;
    let closed = false;
    const timers: NodeJS.Timeout[] = [];
    const close = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
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
        controller.enqueue(encoder.encode(`retry: ${RECONNECT_MS}\n: ouvert\n\n`));
        timers.push(setInterval(() => send(': ping\n\n'), HEARTBEAT_MS));
        timers.push(setTimeout(close, MAX_STREAM_MS));
        request.signal.addEventListener('abort', close);
      },
      cancel: close,
    });
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    });
  } catch (error) {
    unsubscribe();
    // No live updates here (the database cannot LISTEN): 204 tells EventSource to stop retrying;
    // pages still show everything on the next load.
    console.error(`[live] event stream unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  }
}
