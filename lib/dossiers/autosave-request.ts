import { z } from 'zod';

// HTTP checks of the autosave endpoint (PATCH /api/brouillons/[id]), apart from the route so that
// they are tested directly. Pure module: no database.

export const autosaveBodySchema = z.object({
  baseVersion: z.int().min(1),
  changes: z.record(z.string(), z.unknown()),
});

/**
 * A cookie-authenticated JSON endpoint must refuse other sites (CSRF): browsers always send
 * Origin on a cross-site PATCH. No Origin (same-origin tools, old clients) is let through; the
 * session cookie is SameSite=Lax as a second line.
 */
export function isSameOrigin(request: Request, publicOrigin: string): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  return origin === publicOrigin || origin === new URL(request.url).origin;
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
