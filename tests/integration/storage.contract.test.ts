import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BlobLengthMismatchError,
  BlobNotFoundError,
  createBlobStore,
  createS3BlobStore,
  InvalidBlobKeyError,
  isStorageUnavailable,
  type BlobStore,
} from '@/lib/storage';
import { createTestBucket, dropTestBucket, getTestS3Config } from '../helpers/s3';

type Harness = {
  store: BlobStore;
  teardown(): Promise<void>;
  /** Local disk only: what exists beside the blob root, to prove nothing escaped it. */
  listBesideRoot?(): Promise<string[]>;
};

const adapters = [
  {
    name: 'local disk',
    storesContentType: false,
    async setUp(): Promise<Harness> {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'blob-contract-'));
      return {
        store: createBlobStore({ kind: 'local-disk', rootDir: path.join(dir, 'blobs') }),
        teardown: () => fs.rm(dir, { recursive: true, force: true }),
        listBesideRoot: () => fs.readdir(dir),
      };
    },
  },
  {
    name: 'S3 (s3rver)',
    storesContentType: true,
    async setUp(): Promise<Harness> {
      // A page size of 2 makes deletePrefix() go through several listing pages.
      const bucket = await createTestBucket({ listPageSize: 2 });
      const store = createS3BlobStore(bucket.config);
      const teardown = async () => {
        store.close();
        await bucket.drop();
      };
      return { store, teardown };
    },
  },
];

const MiB = 1024 * 1024;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function hashStream(stream: Readable): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    sizeBytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** Deterministic pseudo-random bytes (xorshift32), generated on demand and hashed as they are emitted. */
function createPseudoRandomStream(totalBytes: number, options: { seed?: number; failAfterBytes?: number } = {}) {
  const hash = createHash('sha256');
  let state = options.seed ?? 0x2545f491;
  let sent = 0;
  // A prime chunk size so that chunk and part boundaries never line up.
  const chunkSize = 65_521;
  const stream = new Readable({
    read() {
      if (options.failAfterBytes !== undefined && sent >= options.failAfterBytes) {
        this.destroy(new Error('client went away'));
        return;
      }
      if (sent >= totalBytes) {
        this.push(null);
        return;
      }
      const chunk = Buffer.allocUnsafe(Math.min(chunkSize, totalBytes - sent));
      for (let i = 0; i < chunk.length; i++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        chunk[i] = state & 0xff;
      }
      hash.update(chunk);
      sent += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

const newKey = (space = 'locker', owner = randomUUID()) => `${space}/${owner}/${randomUUID()}`;

describe.each(adapters)('BlobStore contract: $name', ({ setUp, storesContentType }) => {
  let harness: Harness;
  let store: BlobStore;

  beforeAll(async () => {
    harness = await setUp();
    store = harness.store;
  });
  afterAll(() => harness?.teardown());

  it('check() succeeds on a working backend', async () => {
    await expect(store.check()).resolves.toBeUndefined();
  });

  it('returns what was stored, with its size and SHA-256', async () => {
    const key = newKey();
    const content = Buffer.from('Attestation de domicile – 12 rue de la Paix, 75002 Paris\n');
    const result = await store.put(key, content, { contentType: 'application/pdf' });
    expect(result).toEqual({ sizeBytes: content.length, sha256: sha256(content) });
    expect(await readAll(await store.get(key))).toEqual(content);
  });

  it('accepts Uint8Array and Readable bodies, and an empty body', async () => {
    const fromBytes = newKey();
    await store.put(fromBytes, new Uint8Array([1, 2, 3]));
    expect([...(await readAll(await store.get(fromBytes)))]).toEqual([1, 2, 3]);

    const fromStream = newKey();
    const result = await store.put(fromStream, Readable.from(['Bonjour ', Buffer.from('Madame')]));
    expect(result).toEqual({ sizeBytes: 14, sha256: sha256('Bonjour Madame') });
    expect((await readAll(await store.get(fromStream))).toString()).toBe('Bonjour Madame');

    const empty = newKey();
    expect(await store.put(empty, Buffer.alloc(0))).toEqual({ sizeBytes: 0, sha256: sha256('') });
    expect(await store.head(empty)).toMatchObject({ sizeBytes: 0 });
    expect((await readAll(await store.get(empty))).length).toBe(0);
  });

  it('head() reports size (and content type where the backend keeps it), null when missing', async () => {
    const key = newKey();
    await store.put(key, Buffer.from('%PDF-1.7 fake'), { contentType: 'application/pdf' });
    expect(await store.head(key)).toEqual({
      sizeBytes: 13,
      contentType: storesContentType ? 'application/pdf' : undefined,
    });
    expect(await store.head(newKey())).toBeNull();
  });

  it('get() of a missing key, or of a key that is only a prefix of others, throws BlobNotFoundError', async () => {
    await expect(store.get(newKey())).rejects.toBeInstanceOf(BlobNotFoundError);
    const owner = randomUUID();
    await store.put(newKey('locker', owner), Buffer.from('x'));
    await expect(store.get(`locker/${owner}`)).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.head(`locker/${owner}`)).toBeNull();
  });

  it('delete() removes the blob and is idempotent', async () => {
    const key = newKey();
    await store.put(key, Buffer.from('à supprimer'));
    await store.delete(key);
    expect(await store.head(key)).toBeNull();
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.delete(key)).resolves.toBeUndefined();
    await expect(store.delete(newKey())).resolves.toBeUndefined();
  });

  it('deletePrefix() removes exactly one user\'s blobs and counts them', async () => {
    const user = randomUUID();
    const doomed = [newKey('locker', user), newKey('locker', user), newKey('locker', user)];
    // Same id in another key space, a sibling id sharing the same characters, another user.
    const survivors = [newKey('dossiers', user), newKey('locker', `${user}0`), newKey('locker')];
    for (const key of [...doomed, ...survivors]) await store.put(key, Buffer.from(key));

    expect(await store.deletePrefix(`locker/${user}/`)).toBe(3);
    for (const key of doomed) expect(await store.head(key)).toBeNull();
    for (const key of survivors) expect((await readAll(await store.get(key))).toString()).toBe(key);
    expect(await store.deletePrefix(`locker/${user}/`)).toBe(0);
  });

  it('list() yields every blob under a prefix across pages, with size and a recent last-modified date', async () => {
    const user = randomUUID();
    const before = Date.now() - 5_000;
    // Five blobs: more than two pages on S3 (page size 2), nested one level deeper on disk.
    const mine = Array.from({ length: 5 }, () => newKey('dossiers', user));
    const others = [newKey('locker', user), newKey('dossiers', `${user}0`)];
    for (const key of [...mine, ...others]) await store.put(key, Buffer.from(key));

    const listed = [];
    for await (const blob of store.list(`dossiers/${user}/`)) listed.push(blob);
    expect(listed.map((b) => b.key).sort()).toEqual([...mine].sort());
    for (const blob of listed) {
      expect(blob.sizeBytes).toBe(Buffer.byteLength(blob.key));
      expect(blob.lastModified.getTime()).toBeGreaterThanOrEqual(before);
      expect(blob.lastModified.getTime()).toBeLessThanOrEqual(Date.now() + 5_000);
    }
    const nothing = [];
    for await (const blob of store.list(`dossiers/${randomUUID()}/`)) nothing.push(blob);
    expect(nothing).toEqual([]);
    await expect(store.list('dossiers')[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(InvalidBlobKeyError);
  });

  it('put() over an existing key replaces it', async () => {
    const key = newKey();
    await store.put(key, Buffer.from('version 1, plus longue'));
    await store.put(key, Buffer.from('version 2'));
    expect((await readAll(await store.get(key))).toString()).toBe('version 2');
    expect(await store.head(key)).toMatchObject({ sizeBytes: 9 });
  });

  it('a body that does not match its declared length is refused and leaves the key as it was', async () => {
    const key = newKey();
    await store.put(key, Buffer.from('original'));
    await expect(store.put(key, Buffer.from('12345'), { contentLength: 10 })).rejects.toBeInstanceOf(BlobLengthMismatchError);
    await expect(store.put(key, Buffer.from('12345'), { contentLength: 3 })).rejects.toBeInstanceOf(BlobLengthMismatchError);
    expect((await readAll(await store.get(key))).toString()).toBe('original');
    const fresh = newKey();
    await expect(store.put(fresh, Buffer.from('12345'), { contentLength: 4 })).rejects.toThrow(BlobLengthMismatchError);
    expect(await store.head(fresh)).toBeNull();
  });

  it('refuses keys and prefixes that could escape the key space', async () => {
    const badKeys = ['../escape', 'locker/../../escape', '/etc/passwd', 'locker\\..\\escape', 'locker//x', 'locker/x/', ''];
    for (const key of badKeys) {
      await expect(store.put(key, Buffer.from('x')), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store.get(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store.head(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store.delete(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
    }
    for (const prefix of ['', '/', '../', 'locker', 'locker/../']) {
      await expect(store.deletePrefix(prefix), prefix).rejects.toBeInstanceOf(InvalidBlobKeyError);
    }
    if (harness.listBesideRoot) expect(await harness.listBesideRoot()).toEqual(['blobs']);
  });

  // 20 MB ends in a partial 5 MiB part; 10 and 5 MiB end exactly on a part boundary (S3 multipart
  // and single-request paths). None of them is ever held in memory by the test.
  it.each([20_000_000, 10 * MiB, 5 * MiB])('streams %i bytes of unknown length and reads back the same SHA-256', async (size) => {
    const key = newKey('dossiers');
    const { stream, digest } = createPseudoRandomStream(size);
    const result = await store.put(key, stream, { contentType: 'application/octet-stream' });
    const written = digest();

    expect(result).toEqual({ sizeBytes: size, sha256: written });
    expect(await store.head(key)).toMatchObject({ sizeBytes: size });
    expect(await hashStream(await store.get(key))).toEqual({ sizeBytes: size, sha256: written });
  });

  it('a stream that fails half-way rejects put() and stores nothing', async () => {
    const key = newKey('dossiers');
    // 12 MiB: past the first two 5 MiB parts, so S3 is mid-multipart when the stream breaks.
    const { stream } = createPseudoRandomStream(20 * MiB, { failAfterBytes: 12 * MiB });
    await expect(store.put(key, stream)).rejects.toThrow('client went away');
    expect(await store.head(key)).toBeNull();
  });
});

describe('S3 adapter check() and ensureBucket()', () => {
  const base = { ...getTestS3Config(), bucket: 'unused' };

  it('names S3_ENDPOINT, on one line, when nothing listens there', async () => {
    const store = createS3BlobStore({ ...base, endpoint: 'http://127.0.0.1:9', timeoutMs: 3000 });
    const started = Date.now();
    const error = await store.check().then(() => null, (e: Error) => e);
    store.close();
    expect(error?.message).toMatch(/^S3_ENDPOINT \(http:\/\/127\.0\.0\.1:9\) does not answer: .*ECONNREFUSED[^\n]*$/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('gives up after the timeout when the endpoint accepts connections but never answers', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const store = createS3BlobStore({ ...base, endpoint: `http://127.0.0.1:${port}`, timeoutMs: 800 });
    const started = Date.now();
    const error = await store.check().then(() => null, (e: Error) => e);
    const elapsed = Date.now() - started;
    store.close();
    silent.close();
    expect(error?.message).toBe(`S3_ENDPOINT (http://127.0.0.1:${port}) does not answer: no answer within 800 ms`);
    expect(elapsed).toBeGreaterThanOrEqual(750);
    expect(elapsed).toBeLessThan(3000);
  });

  it('names S3_BUCKET when the bucket is missing, and ensureBucket() creates it once', async () => {
    const bucket = `missing-${randomUUID().slice(0, 8)}`;
    const store = createS3BlobStore({ ...base, bucket });
    await expect(store.check()).rejects.toThrow(`S3_BUCKET "${bucket}" does not exist at S3_ENDPOINT (${base.endpoint})`);
    await store.ensureBucket();
    await store.ensureBucket();
    await expect(store.check()).resolves.toBeUndefined();
    store.close();
    await dropTestBucket({ ...base, bucket });
  });
});

describe('S3 adapter during an outage', () => {
  const base = { ...getTestS3Config(), bucket: 'unused' };

  it('a put or a get where nothing listens fails as "storage unavailable", within seconds', async () => {
    const store = createS3BlobStore({ ...base, endpoint: 'http://127.0.0.1:9', timeoutMs: 1000 });
    const started = Date.now();
    const put = await store.put('locker/u/d', Buffer.from('x')).then(() => null, (e: unknown) => e);
    const get = await store.get('locker/u/d').then(() => null, (e: unknown) => e);
    store.close();
    expect(isStorageUnavailable(put)).toBe(true);
    expect(isStorageUnavailable(get)).toBe(true);
    expect(get).not.toBeInstanceOf(BlobNotFoundError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a server that accepts and never answers fails after the idle bound, as "storage unavailable"', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const store = createS3BlobStore({ ...base, endpoint: `http://127.0.0.1:${port}`, timeoutMs: 800, idleTimeoutMs: 800 });
    const error = await store.get('locker/u/d').then(() => null, (e: unknown) => e);
    store.close();
    silent.close();
    expect(isStorageUnavailable(error)).toBe(true);
  });

  it('a missing object on a working server is still "not found", not an outage', async () => {
    const bucket = `outage-${randomUUID().slice(0, 8)}`;
    await createTestBucket({ ...base, bucket });
    const store = createS3BlobStore({ ...base, bucket });
    const error = await store.get('locker/u/absent').then(() => null, (e: unknown) => e);
    store.close();
    await dropTestBucket({ ...base, bucket });
    expect(error).toBeInstanceOf(BlobNotFoundError);
    expect(isStorageUnavailable(error)).toBe(false);
  });
});
