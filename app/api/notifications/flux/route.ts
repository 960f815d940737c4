import { getCurrentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { getLiveHub } from '@/lib/notifications/live';
import { countUnreadNotifications } from '@/lib/notifications/queries';

export const dynamic = 'force-dynamic';

// Server-Sent Events for the signed-in user's open pages: "notification" when something arrives
// (with the unread count), a comment every 25 s so proxies keep the connection. A stream lasts at
// most 2 minutes: the browser reconnects by itself (EventSource) and the session is checked again,
// so a signed-out or revoked session stops receiving within that time. This route never renews
// the session cookie (proxy.ts), or an idle page would never time out.

const HEARTBEAT_MS = 25_000;
const MAX_STREAM_MS = 120_000;
const RECONNECT_MS = 5_000;

export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 401, headers: { 'Cache-Control': 'no-store' } });

  let unsubscribe: () => void = () => {};
  try {
    const hub = await getLiveHub();
    const encoder = new TextEncoder();
    let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;
    let closed = false;
    const timers: NodeJS.Timeout[] = [];
    // Both kinds of timer: clearTimeout clears an interval too in Node.
    const close = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
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

    unsubscribe = await hub.subscribe(user.id, (event) => {
      void (async () => {
        const unread = await countUnreadNotifications(await getDb(), user.id).catch(() => null);
        send(`event: notification\ndata: ${JSON.stringify({ unread, kind: event.kind, dossierId: event.dossierId })}\n\n`);
      })();
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
    console.error(`[live] notification stream unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  }
}
