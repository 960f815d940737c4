import { createHash, randomBytes } from 'node:crypto';

// Emailed links carry a 256-bit random token; only its SHA-256 is stored, so a copy of the
// database does not contain usable links.
export function createRawToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}

/** Tokens are 43 base64url characters; anything else is refused before touching the database. */
export function isWellFormedToken(raw: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(raw);
}
