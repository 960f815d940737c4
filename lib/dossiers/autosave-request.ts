import { z } from 'zod';
import { isTrustedProxy, normalizeAddress, type TrustedProxies } from '@/lib/common/client-address';

// HTTP checks of the autosave endpoint (PATCH /api/brouillons/[id]), apart from the route so that
// they are tested directly. Pure module: no database.

export const autosaveBodySchema = z.object({
  baseVersion: z.int().min(1),
  changes: z.record(z.string(), z.unknown()),
});

/** How the request's own address is told: the socket address header and the trusted proxies. */
export type RequestHostSource = { peerAddressHeader?: string; trustedProxies: TrustedProxies };

/**
 * The host the browser asked for: `Host`, or `X-Forwarded-Host` when the request comes straight
 * from a trusted proxy (TRUSTED_PROXIES), which rewrites Host. Anybody else's X-Forwarded-Host is
 * ignored: it is only what the client wrote.
 */
function requestHostOf(request: Request, source: RequestHostSource | undefined): string | null {
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0].trim();
  const peer = source?.peerAddressHeader ? request.headers.get(source.peerAddressHeader) : null;
  if (forwarded && peer && isTrustedProxy(normalizeAddress(peer), source!.trustedProxies)) return forwarded.toLowerCase();
  return request.headers.get('host')?.toLowerCase() ?? null;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * A cookie-authenticated JSON endpoint must refuse other sites (CSRF): browsers always send
 * Origin on a cross-site PATCH. Accepted: the public origin, or the address the request was made
 * to (its Host, as Next checks server actions), so that the portal also saves when opened at
 * another address of the same server (http://127.0.0.1:3000 for http://localhost:3000). Another
 * site's page cannot make a browser send our Host with its Origin. No Origin (same-origin tools,
 * old clients) is let through; the session cookie is SameSite=Lax as a second line.
 */
export function isSameOrigin(request: Request, publicOrigin: string, hostSource?: RequestHostSource): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  if (origin === publicOrigin || origin === new URL(request.url).origin) return true;
  const originHost = hostOf(origin);
  return originHost !== null && originHost === requestHostOf(request, hostSource);
}

export function isJsonContentType(request: Request): boolean {
  const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

export type BodyRead = { ok: true; text: string } | { ok: false; reason: 'too-large' };

/**
 * Reads the body up to `maxBytes`: refused on the announced Content-Length first, then by
 * counting while reading, since the header can be absent (chunked) or lie.
 */
export async function readBodyWithLimit(request: Request, maxBytes: number): Promise<BodyRead> {
  const announced = Number(request.headers.get('content-length') ?? '0');
  if (announced > maxBytes) return { ok: false, reason: 'too-large' };
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: 'too-large' };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}
