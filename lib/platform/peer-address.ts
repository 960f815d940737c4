import { randomBytes } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

// Next.js does not give server actions or route handlers the socket address. It only copies it
// into X-Forwarded-For when the client did not send that header itself (base-server.js:
// `x-forwarded-for ??= socket.remoteAddress`), so from inside the app a forged X-Forwarded-For and
// a real one look the same.
//
// Node publishes every incoming request on the `http.server.request.start` diagnostics channel
// (a public API) before the server's 'request' listener, i.e. before Next sees it. We copy the
// socket address into a request header whose name holds 128 random bits chosen at process start:
// a client cannot guess the name, and we overwrite whatever value it might carry anyway. The name
// lives on globalThis so that every bundle of the process (instrumentation, actions, routes) reads
// the same one. Requests accepted before register() subscribed (the first few, while Next starts)
// carry no such header: callers treat them as coming from an unknown address (fail closed).

type RequestStart = { request: IncomingMessage; socket: Socket };

const NAME = Symbol.for('portail.peer-address-header');
type Holder = { [NAME]?: string };

/** Subscribes once per process; returns the header name. Call from instrumentation's register(). */
export function installPeerAddressCapture(): string {
  const holder = globalThis as Holder;
  if (holder[NAME]) return holder[NAME];
  const header = `x-portail-peer-${randomBytes(16).toString('hex')}`;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as RequestStart;
    request.headers[header] = socket.remoteAddress ?? '';
  });
  holder[NAME] = header;
  return header;
}

/** The header carrying the socket address, or undefined when the capture is not installed. */
export function getPeerAddressHeader(): string | undefined {
  return (globalThis as Holder)[NAME];
}
