import { ACCEPTED_MIME_TYPES } from './check-upload';

// The one way a stored file leaves the portal: always as a download, never rendered by the browser
// in the portal's origin. Even if a hostile file slipped past the upload checks, it could not run
// script here: attachment disposition, no sniffing, and a sandboxing CSP if it is ever opened inline.

export type DownloadMeta = { filename: string; mimeType: string; sizeBytes: number };

/** Printable ASCII without the quote and backslash, for the legacy `filename="…"` parameter. */
export function asciiFallbackFilename(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_')
    .replace(/[;]/g, '_')
    .trim();
  return ascii || 'document';
}

/** RFC 5987 ext-value: UTF-8, percent-encoding everything outside attr-char. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266): modern browsers use the second. */
export function contentDisposition(filename: string): string {
  const clean = filename.replace(/[\u0000-\u001f\u007f]/g, '');
  return `attachment; filename="${asciiFallbackFilename(clean)}"; filename*=UTF-8''${encodeRfc5987(clean)}`;
}

export const DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

export function createDownloadResponse(body: ReadableStream | Uint8Array, meta: DownloadMeta): Response {
  // Only types we accept at upload are named; anything else is opaque bytes.
  const contentType = ACCEPTED_MIME_TYPES.includes(meta.mimeType) ? meta.mimeType : 'application/octet-stream';
  const headers = new Headers({
    'Content-Type': contentType,
    'Content-Disposition': contentDisposition(meta.filename),
    'X-Content-Type-Options': 'nosniff',
    // Personal documents: never in a shared cache, nor in the browser's cache or back-forward cache.
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': DOWNLOAD_CSP,
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  });
  if (Number.isSafeInteger(meta.sizeBytes) && meta.sizeBytes >= 0) headers.set('Content-Length', String(meta.sizeBytes));
  return new Response(body as BodyInit, { status: 200, headers });
}

/** The same 404 for a file that is not there and a file that is not yours: ids cannot be probed. */
export function createFileNotFoundResponse(message = 'Document introuvable.'): Response {
  return new Response(message, {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}
