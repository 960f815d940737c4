import 'server-only';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import {
  assertValidBlobKey,
  assertValidBlobPrefix,
  BlobNotFoundError,
  measureBody,
  StorageUnavailableError,
  type BlobBody,
  type BlobStore,
  type HeadResult,
  type ListedBlob,
  type PutOptions,
  type PutResult,
} from './types';

export type S3BlobStoreConfig = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** Bounds check() and every connection attempt. Default 5000 ms. */
  timeoutMs?: number;
  /** A request whose socket stays silent this long fails (an S3 that accepts and never answers). Default 30000 ms. */
  idleTimeoutMs?: number;
  /** Multipart part size; S3 refuses parts under 5 MiB (except the last). Default 5 MiB. */
  partSizeBytes?: number;
  /** Keys listed per request in deletePrefix(); S3 caps it at 1000. */
  listPageSize?: number;
};

export type S3BlobStore = BlobStore & {
  /** Creates the bucket when missing (tests, embedded/dev start-up). */
  ensureBucket(): Promise<void>;
  /** Releases the client's sockets. */
  close(): void;
};

const MIN_PART_SIZE = 5 * 1024 * 1024;

type SdkError = Error & { $metadata?: { httpStatusCode?: number }; code?: string };
const statusOf = (error: unknown) => (error as SdkError).$metadata?.httpStatusCode;
const isNotFound = (error: unknown) =>
  statusOf(error) === 404 || ['NoSuchKey', 'NotFound', 'NoSuchBucket'].includes((error as Error).name);

// A connection that could not be made or was lost, no answer in time, or the service failing on its side.
const TRANSPORT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);
function isUnavailable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined && status >= 500) return true;
  const { code, name } = error as { code?: string; name?: string };
  return (code !== undefined && TRANSPORT_CODES.has(code)) || name === 'TimeoutError' || name === 'RequestTimeout';
}

/** The endpoint as shown in error messages, without any credentials embedded in the URL. */
function describeEndpoint(endpoint: string): string {
  const url = new URL(endpoint);
  url.username = '';
  url.password = '';
  return url.toString().replace(/\/$/, '');
}

export function createS3BlobStore(config: S3BlobStoreConfig): S3BlobStore {
  const timeoutMs = config.timeoutMs ?? 5000;
  const partSize = Math.max(config.partSizeBytes ?? MIN_PART_SIZE, MIN_PART_SIZE);
  const Bucket = config.bucket;
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Recent SDKs otherwise send streamed bodies aws-chunked with a trailing CRC32, which some
    // S3-compatible servers (s3rver) store verbatim inside the object without any error (STACK.md).
    // Bodies sent here are Buffers, but a future streamed Body must not silently corrupt objects.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // socketTimeout is an idle bound (a large upload that keeps sending is not cut).
    requestHandler: { connectionTimeout: timeoutMs, socketTimeout: config.idleTimeoutMs ?? 30_000 },
  });

  // Every call goes through here: an outage becomes StorageUnavailableError, which the upload forms
  // and downloads turn into a French "momentanément indisponible" (decision 020).
  const send = (async (...args: unknown[]) => {
    try {
      return await (client.send as (...a: unknown[]) => Promise<unknown>).apply(client, args);
    } catch (error) {
      throw isUnavailable(error) ? new StorageUnavailableError(error) : error;
    }
  }) as S3Client['send'];

  async function uploadMultipart(key: string, contentType: string | undefined, parts: AsyncIterable<Buffer>, finish: () => PutResult) {
    const { UploadId } = await send(new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: contentType }));
    try {
      const completed: CompletedPart[] = [];
      for await (const part of parts) {
        const PartNumber = completed.length + 1;
        const { ETag } = await send(
          new UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber, Body: part, ContentLength: part.length }),
        );
        completed.push({ ETag, PartNumber });
      }
      const result = finish();
      await send(new CompleteMultipartUploadCommand({ Bucket, Key: key, UploadId, MultipartUpload: { Parts: completed } }));
      return result;
    } catch (error) {
      // Best effort: some S3-compatible servers (s3rver) do not implement the abort; the original
      // error is the one worth reporting. Real S3 also expires incomplete uploads by lifecycle rule.
      await send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId })).catch(() => {});
      throw error;
    }
  }

  async function deleteKeys(keys: string[], prefix: string): Promise<void> {
    const Objects = keys.map((Key) => ({ Key }));
    const { Errors = [] } = await send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }));
    // DeleteObjects answers 200 even when some keys fail: the failures are in the body.
    if (Errors.length > 0) {
      throw new Error(`S3 refused to delete ${Errors.length} object(s) under "${prefix}", e.g. "${Errors[0].Key}": ${Errors[0].Code}`);
    }
  }

  return {
    async put(key: string, body: BlobBody, opts: PutOptions = {}): Promise<PutResult> {
      assertValidBlobKey(key);
      const measured = measureBody(key, body, opts.contentLength);
      const parts = cutIntoParts(measured.chunks, partSize);
      try {
        const body = await peekParts(parts);
        if ('many' in body) return await uploadMultipart(key, opts.contentType, body.many, measured.finish);
        const result = measured.finish();
        const Body = body.single;
        await send(new PutObjectCommand({ Bucket, Key: key, Body, ContentLength: Body.length, ContentType: opts.contentType }));
        return result;
      } finally {
        // On failure, stop reading (and release) the caller's stream; a no-op once it is consumed.
        await parts.return(undefined);
      }
    },

    async get(key: string): Promise<Readable> {
      assertValidBlobKey(key);
      try {
        const { Body } = await send(new GetObjectCommand({ Bucket, Key: key }));
        if (!(Body instanceof Readable)) throw new Error(`S3 GetObject for "${key}" did not return a Node stream`);
        return Body;
      } catch (error) {
        throw isNotFound(error) ? new BlobNotFoundError(key) : error;
      }
    },

    async head(key: string): Promise<HeadResult | null> {
      assertValidBlobKey(key);
      try {
        const head = await send(new HeadObjectCommand({ Bucket, Key: key }));
        return { sizeBytes: head.ContentLength ?? 0, contentType: head.ContentType };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async delete(key: string): Promise<void> {
      assertValidBlobKey(key);
      await send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async deletePrefix(prefix: string): Promise<number> {
      assertValidBlobPrefix(prefix);
      let deleted = 0;
      let Marker: string | undefined;
      // ListObjects (v1) with a marker, not v2: s3rver's v2 continuation tokens use DES, which
      // OpenSSL 3 (Node 17+) refuses, so every truncated v2 listing fails there with a 500.
      for (;;) {
        const page = await send(new ListObjectsCommand({ Bucket, Prefix: prefix, Marker, MaxKeys: config.listPageSize }));
        const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
        if (keys.length > 0) {
          await deleteKeys(keys, prefix);
          deleted += keys.length;
        }
        if (!page.IsTruncated || keys.length === 0) return deleted;
        Marker = keys[keys.length - 1];
      }
    },

    async *list(prefix: string): AsyncGenerator<ListedBlob> {
      assertValidBlobPrefix(prefix);
      // ListObjects (v1) paginated with a marker, as in deletePrefix: s3rver answers every truncated
      // ListObjectsV2 page with a 500 (its continuation tokens use DES, which Node 17+ refuses), even
      // with StartAfter. Pages hold at most 1000 keys, one page in memory at a time.
      let Marker: string | undefined;
      for (;;) {
        const page = await send(new ListObjectsCommand({ Bucket, Prefix: prefix, Marker, MaxKeys: config.listPageSize }));
        const objects = page.Contents ?? [];
        for (const object of objects) {
          if (!object.Key) continue;
          yield { key: object.Key, sizeBytes: object.Size ?? 0, lastModified: object.LastModified ?? new Date(0) };
        }
        const last = objects.at(-1)?.Key;
        if (!page.IsTruncated || !last) return;
        Marker = last;
      }
    },

    async check(): Promise<void> {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        await client.send(new HeadBucketCommand({ Bucket }), { abortSignal: signal });
      } catch (error) {
        throw new Error(describeCheckFailure(config, error, signal.aborted ? `no answer within ${timeoutMs} ms` : undefined));
      }
    },

    async ensureBucket(): Promise<void> {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
        return;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      try {
        await client.send(new CreateBucketCommand({ Bucket }));
      } catch (error) {
        // Another instance may have created it in between.
        if ((error as Error).name !== 'BucketAlreadyOwnedByYou') throw error;
      }
    },

    close(): void {
      client.destroy();
    },
  };
}

/** One line naming the variable to fix, e.g. `S3_BUCKET "x" does not exist at S3_ENDPOINT (...)`. */
function describeCheckFailure(config: S3BlobStoreConfig, error: unknown, timeout?: string): string {
  const endpoint = describeEndpoint(config.endpoint);
  const status = statusOf(error);
  const reason = (timeout ?? (error instanceof Error ? error.message : String(error))).replace(/\s+/g, ' ');
  if (timeout || status === undefined) return `S3_ENDPOINT (${endpoint}) does not answer: ${reason}`;
  if (status === 404) return `S3_BUCKET "${config.bucket}" does not exist at S3_ENDPOINT (${endpoint})`;
  if (status === 401 || status === 403) {
    return `S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY are refused for S3_BUCKET "${config.bucket}" at S3_ENDPOINT (${endpoint}) (HTTP ${status})`;
  }
  if (status === 301) return `S3_REGION "${config.region}" does not match S3_BUCKET "${config.bucket}" at S3_ENDPOINT (${endpoint})`;
  return `S3_ENDPOINT (${endpoint}) answered HTTP ${status} for S3_BUCKET "${config.bucket}": ${(error as Error).name}`;
}

/** Re-cuts a chunk stream into parts of exactly partSize bytes (the last one may be shorter). */
async function* cutIntoParts(chunks: AsyncIterable<Buffer>, partSize: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of chunks) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    while (pendingBytes >= partSize) {
      const joined = Buffer.concat(pending, pendingBytes);
      yield joined.subarray(0, partSize);
      const rest = joined.subarray(partSize);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

/**
 * Reading at most two parts tells a small body (one PutObject) from a large one (multipart)
 * without knowing the length in advance and without buffering the whole body.
 */
async function peekParts(parts: AsyncGenerator<Buffer>): Promise<{ single: Buffer } | { many: AsyncGenerator<Buffer> }> {
  const first = await parts.next();
  if (first.done) return { single: Buffer.alloc(0) };
  const second = await parts.next();
  if (second.done) return { single: first.value };
  return { many: prependParts([first.value, second.value], parts) };
}

async function* prependParts(head: Buffer[], rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  // shift() rather than yield*: each peeked part can be garbage-collected once uploaded.
  for (let part = head.shift(); part; part = head.shift()) yield part;
  yield* rest;
}
