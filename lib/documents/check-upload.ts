import { createHash } from 'node:crypto';

// Checks an uploaded file before anything is stored, and strips photo metadata (strip-metadata.ts).
// Pure (no database, storage or environment),
// so the same checks serve the citizen's locker, the pièces justificatives and the administration's
// responses. The declared MIME type and the file name sent by the browser are never trusted: the
// type comes from the first bytes of the content, and the name only lends its base, never its extension.
//
// Accepted: PDF, JPEG and PNG — what administrations ask for (scans, photos of documents,
// certificates) and what an agent can open safely in any browser or viewer.
// Refused on purpose:
// - HTML, SVG, XML: active content (scripts) that a browser would run if ever displayed inline.
// - Office files (docx/xlsx/odt are ZIP containers): can carry macros and external links, and
//   cannot be told from any other ZIP (or a JAR) by their first bytes.
// - GIF, WebP, HEIC, TIFF: rarely needed, unevenly supported by agents' viewers; a phone photo can be
//   exported as JPEG. Adding one is a line in FILE_TYPES once the need is real.
// - Executables and scripts: never a supporting document.

import { ACCEPTED_FORMATS_LABEL, MAX_UPLOAD_BYTES, tooLargeMessage } from './limits';
import { stripImageMetadata } from './strip-metadata';

export { ACCEPT_ATTRIBUTE, ACCEPTED_FORMATS_LABEL, MAX_UPLOAD_BYTES } from './limits';

export type DetectedFileType = { mimeType: string; extension: string; label: string };

const FILE_TYPES = {
  pdf: { mimeType: 'application/pdf', extension: 'pdf', label: 'PDF' },
  jpeg: { mimeType: 'image/jpeg', extension: 'jpg', label: 'JPEG' },
  png: { mimeType: 'image/png', extension: 'png', label: 'PNG' },
} as const satisfies Record<string, DetectedFileType>;

export const ACCEPTED_MIME_TYPES: readonly string[] = Object.values(FILE_TYPES).map((t) => t.mimeType);

function startsWith(head: Uint8Array, signature: readonly number[]): boolean {
  if (head.length < signature.length) return false;
  return signature.every((byte, i) => head[i] === byte);
}

// "%PDF-" must open the file: readers tolerate junk before it, but a file that starts with
// anything else (an HTML page with a PDF inside, say) is exactly the polyglot we refuse.
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
// SOI marker followed by the first marker's 0xFF.
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The type of a file from its first bytes (16 are enough), or null when it is not an accepted type. */
export function detectFileType(head: Uint8Array): DetectedFileType | null {
  if (startsWith(head, PDF)) return FILE_TYPES.pdf;
  if (startsWith(head, PNG)) return FILE_TYPES.png;
  if (startsWith(head, JPEG)) return FILE_TYPES.jpeg;
  return null;
}

const MAX_BASENAME_LENGTH = 100;

/**
 * A file name safe to store and to send back in Content-Disposition: no path, no control or
 * reserved characters, no leading dots, at most 100 characters before the extension, and the
 * extension of the detected type (so "facture.html" that is really a PDF becomes "facture.pdf").
 */
export function sanitizeFilename(original: string, extension: string): string {
  const lastSegment = original.split(/[/\\]/).pop() ?? '';
  const withoutExtension = lastSegment.includes('.') ? lastSegment.slice(0, lastSegment.lastIndexOf('.')) : lastSegment;
  const cleaned = withoutExtension
    .normalize('NFC')
    // Control characters, bidi overrides (which disguise "fdp.exe" as "exe.pdf") and characters reserved by file systems.
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const base = Array.from(cleaned).slice(0, MAX_BASENAME_LENGTH).join('').trim() || 'document';
  return `${base}.${extension}`;
}

export type CheckedUpload = { ok: true; bytes: Buffer; filename: string; mimeType: string; sizeBytes: number; sha256: string };
export type RefusedUpload = { ok: false; message: string };
export type UploadCheck = CheckedUpload | RefusedUpload;

const ACTIVE_CONTENT = /^\s*(<!doctype|<html|<svg|<\?xml|<script|<head|<body)/i;

function refusalForUnknownType(name: string, head: Uint8Array): string {
  const looksActive = ACTIVE_CONTENT.test(Buffer.from(head.subarray(0, 256)).toString('latin1'));
  const exe = startsWith(head, [0x4d, 0x5a]) || startsWith(head, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(head, [0x23, 0x21]);
  const claimed = /\.(pdf|jpe?g|png)$/i.test(name);
  if (looksActive || exe) {
    return `Le fichier « ${name} » n’est pas accepté : son contenu est une page web, une image SVG ou un programme, quel que soit son nom. Formats acceptés : ${ACCEPTED_FORMATS_LABEL}.`;
  }
  if (claimed) {
    return `Le fichier « ${name} » n’est pas accepté : son contenu ne correspond pas à un fichier ${ACCEPTED_FORMATS_LABEL}, malgré son extension. Enregistrez-le à nouveau au format PDF, JPEG ou PNG.`;
  }
  return `Le fichier « ${name} » n’est pas accepté. Formats acceptés : ${ACCEPTED_FORMATS_LABEL}.`;
}

function displayName(file: File): string {
  const name = (file.name ?? '').split(/[/\\]/).pop() ?? '';
  // The name is echoed in a message: keep it short and printable (React escapes it anyway).
  const printable = name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return printable.length > 80 ? `${printable.slice(0, 77)}…` : printable || 'sans nom';
}

/** Checks an uploaded file by its content. Never throws for a bad file: returns a French message instead. */
export async function checkUpload(file: File): Promise<UploadCheck> {
  const name = displayName(file);
  if (!file || typeof file.arrayBuffer !== 'function') {
    return { ok: false, message: 'Aucun fichier n’a été reçu. Choisissez un fichier.' };
  }
  if (file.size === 0) {
    return { ok: false, message: `Le fichier « ${name} » est vide (0 octet). Choisissez un autre fichier.` };
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    return { ok: false, message: tooLargeMessage(name) };
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  // File.size is what the multipart parser counted; the bytes read are what we store, so check them too.
  if (bytes.length === 0) {
    return { ok: false, message: `Le fichier « ${name} » est vide (0 octet). Choisissez un autre fichier.` };
  }
  if (bytes.length > MAX_UPLOAD_BYTES) {
    return { ok: false, message: tooLargeMessage(name) };
  }
  const type = detectFileType(bytes.subarray(0, 16));
  if (!type) return { ok: false, message: refusalForUnknownType(name, bytes.subarray(0, 256)) };
  // Photos lose their EXIF (GPS position, device) here, the one place every upload goes through:
  // what is stored, hashed, scanned and later downloaded is the stripped image.
  const stripped = await stripImageMetadata(bytes, type.mimeType);
  if (!stripped.ok) {
    return { ok: false, message: `L’image « ${name} » est illisible ou endommagée. Enregistrez-la à nouveau, puis envoyez-la.` };
  }
  return {
    ok: true,
    bytes: stripped.bytes,
    filename: sanitizeFilename(file.name ?? '', type.extension),
    mimeType: type.mimeType,
    sizeBytes: stripped.bytes.length,
    sha256: createHash('sha256').update(stripped.bytes).digest('hex'),
  };
}
