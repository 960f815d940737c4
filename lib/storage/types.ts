import 'server-only';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export type BlobBody = Buffer | Uint8Array | Readable;

export type PutOptions = {
  contentType?: string;
  /** When given, put() rejects (and stores nothing) if the body turns out to have another length. */
  contentLength?: number;
};

export type PutResult = { sizeBytes: number; sha256: string };
export type HeadResult = { sizeBytes: number; contentType?: string };
/** One stored blob as a listing sees it: lastModified is when it was (last) written. */
export type ListedBlob = { key: string; sizeBytes: number; lastModified: Date };

export interface BlobStore {
  put(key: string, body: BlobBody, opts?: PutOptions): Promise<PutResult>;
  /** Throws BlobNotFoundError when the key holds nothing. */
  get(key: string): Promise<Readable>;
  head(key: string): Promise<HeadResult | null>;
  /** Idempotent: deleting a missing key succeeds. */
  delete(key: string): Promise<void>;
  /** Prefix must end with "/" (e.g. `locker/<userId>/`); returns how many blobs were deleted. */
  deletePrefix(prefix: string): Promise<number>;
  /**
   * Every blob whose key starts with `prefix` (ending with "/"), page by page as they are read, so
   * that a sweep over millions of keys holds one page in memory. Order is not specified.
   */
  list(prefix: string): AsyncIterable<ListedBlob>;
  /** Throws one clear line when the backend is unreachable or misconfigured. */
  check(): Promise<void>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No blob stored under "${key}"`);
    this.name = 'BlobNotFoundError';
  }
}

/**
 * The storage service cannot be reached or fails on its side (refused or lost connection, timeout,
 * a 5xx): try again later. Recognised by its code, not by class: Next may load this module from
 * several bundles, and the store is shared by all of them.
 */
export class StorageUnavailableError extends Error {
  readonly code = 'STORAGE_UNAVAILABLE';
  constructor(cause: unknown) {
    super(`File storage unavailable: ${cause instanceof Error ? `${cause.name} ${cause.message}` : String(cause)}`.slice(0, 300), { cause });
    this.name = 'StorageUnavailableError';
  }
}

export function isStorageUnavailable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'STORAGE_UNAVAILABLE';
}

export class InvalidBlobKeyError extends Error {
  constructor(key: string, reason: string) {
    super(`Invalid blob key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidBlobKeyError';
  }
}

export class BlobLengthMismatchError extends Error {
  constructor(key: string, declared: number, actual: number) {
    const had = actual > declared ? `more than ${declared}` : String(actual);
    super(`Blob "${key}" was declared as ${declared} bytes but the body had ${had}`);
    this.name = 'BlobLengthMismatchError';
  }
}

// Keys become file paths in the local-disk adapter, so the alphabet is deliberately narrow:
// a segment cannot be "." or ".." or start with a dot (the adapter keeps its temp files in ".tmp"),
// and separators other than "/" (backslash, colon) never reach the file system.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const MAX_KEY_LENGTH = 512;

/** Returns why `key` is not an acceptable blob key, or null when it is. */
export function findBlobKeyProblem(key: string): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'empty';
  if (key.length > MAX_KEY_LENGTH) return `longer than ${MAX_KEY_LENGTH} characters`;
  if (key.startsWith('/')) return 'absolute path';
  if (key.includes('\\')) return 'backslash';
  const segments = key.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return 'path traversal';
  if (segments.some((s) => s === '')) return 'empty segment';
  const bad = segments.find((s) => !SEGMENT.test(s));
  return bad === undefined ? null : `segment ${JSON.stringify(bad)} has characters outside [A-Za-z0-9._-] or starts with a dot`;
}

export function isValidBlobKey(key: string): boolean {
  return findBlobKeyProblem(key) === null;
}

export function assertValidBlobKey(key: string): void {
  const problem = findBlobKeyProblem(key);
  if (problem) throw new InvalidBlobKeyError(key, problem);
}

/** A prefix is a valid key followed by "/": an empty prefix would mean "everything". */
export function assertValidBlobPrefix(prefix: string): void {
  if (typeof prefix !== 'string' || !prefix.endsWith('/')) {
    throw new InvalidBlobKeyError(prefix, 'a prefix must end with "/"');
  }
  const problem = findBlobKeyProblem(prefix.slice(0, -1));
  if (problem) throw new InvalidBlobKeyError(prefix, problem);
}

/** Yields the body as Buffers, whatever its form (string chunks included), without copying. */
export async function* iterateBody(body: BlobBody): AsyncGenerator<Buffer> {
  if (body instanceof Uint8Array) {
    yield Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    return;
  }
  for await (const chunk of body) {
    if (typeof chunk === 'string') yield Buffer.from(chunk);
    else yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
  }
}

/**
 * Wraps a body so that size and SHA-256 are computed while it streams through, in one pass.
 * finish() checks the declared length (if any) and must be called once the chunks are consumed.
 */
export function measureBody(key: string, body: BlobBody, declaredLength?: number) {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of iterateBody(body)) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      // Stop reading an oversized body early instead of storing it first.
      if (declaredLength !== undefined && sizeBytes > declaredLength) {
        throw new BlobLengthMismatchError(key, declaredLength, sizeBytes);
      }
      yield chunk;
    }
  }
  return {
    chunks: chunks(),
    finish(): PutResult {
      if (declaredLength !== undefined && declaredLength !== sizeBytes) {
        throw new BlobLengthMismatchError(key, declaredLength, sizeBytes);
      }
      return { sizeBytes, sha256: hash.digest('hex') };
    },
  };
}
