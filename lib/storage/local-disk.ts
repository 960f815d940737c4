import 'server-only';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertValidBlobKey,
  assertValidBlobPrefix,
  BlobNotFoundError,
  measureBody,
  type BlobBody,
  type BlobStore,
  type HeadResult,
  type ListedBlob,
  type PutOptions,
  type PutResult,
} from './types';

export type LocalDiskBlobStoreConfig = { rootDir: string };

// Temp files and detached subtrees live here, inside the root so that rename() never crosses a
// file system; key segments cannot start with a dot, so no key can reach it.
const WORK_DIR = '.tmp';

const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

/**
 * Blobs as plain files under rootDir (the embedded default, one app instance).
 * Content types are not stored: head() returns none, and downloads sniff the bytes anyway.
 */
/** Files under `dir`, depth first, one directory handle open per level (constant memory per level). */
async function* walk(dir: string, segments: string[]): AsyncGenerator<ListedBlob> {
  let handle;
  try {
    handle = await fs.opendir(dir);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for await (const entry of handle) {
    // Dot-names are the adapter's work directory or a half-written temp file: never a key.
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* walk(full, [...segments, entry.name]);
    } else if (entry.isFile()) {
      const stat = await fs.stat(full).catch((error: unknown) => (isMissing(error) ? null : Promise.reject(error)));
      if (stat) yield { key: [...segments, entry.name].join('/'), sizeBytes: stat.size, lastModified: stat.mtime };
    }
  }
}

export function createLocalDiskBlobStore(config: LocalDiskBlobStoreConfig): BlobStore {
  const root = path.resolve(config.rootDir);
  const workDir = path.join(root, WORK_DIR);

  function resolveKeyPath(key: string): string {
    assertValidBlobKey(key);
    const file = path.join(root, ...key.split('/'));
    // Defence in depth: the validator already refuses anything that could leave the root.
    if (!file.startsWith(root + path.sep)) throw new Error(`Blob key "${key}" resolves outside the blob root`);
    return file;
  }

  async function makeWorkPath(): Promise<string> {
    await fs.mkdir(workDir, { recursive: true });
    return path.join(workDir, randomUUID());
  }

  return {
    async put(key: string, body: BlobBody, opts: PutOptions = {}): Promise<PutResult> {
      const file = resolveKeyPath(key);
      const measured = measureBody(key, body, opts.contentLength);
      const temp = await makeWorkPath();
      try {
        // flush: the bytes reach the disk before the rename publishes them under the key.
        await pipeline(measured.chunks, createWriteStream(temp, { flush: true }));
        const result = measured.finish();
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.rename(temp, file);
        return result;
      } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
      }
    },

    async get(key: string): Promise<Readable> {
      const file = resolveKeyPath(key);
      const handle = await fs.open(file, 'r').catch((error: unknown) => {
        throw isMissing(error) ? new BlobNotFoundError(key) : error;
      });
      try {
        // A key naming a "directory" (a prefix of other keys) holds no blob.
        if (!(await handle.stat()).isFile()) throw new BlobNotFoundError(key);
      } catch (error) {
        await handle.close();
        throw error;
      }
      return handle.createReadStream();
    },

    async head(key: string): Promise<HeadResult | null> {
      const file = resolveKeyPath(key);
      try {
        const stat = await fs.stat(file);
        return stat.isFile() ? { sizeBytes: stat.size } : null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key: string): Promise<void> {
      const file = resolveKeyPath(key);
      try {
        await fs.unlink(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (!isMissing(error) && code !== 'EISDIR') throw error;
      }
    },

    async *list(prefix: string): AsyncGenerator<ListedBlob> {
      assertValidBlobPrefix(prefix);
      const base = prefix.slice(0, -1).split('/');
      yield* walk(path.join(root, ...base), base);
    },

    async deletePrefix(prefix: string): Promise<number> {
      assertValidBlobPrefix(prefix);
      // The trailing separator makes rename() refuse a plain file (ENOTDIR): a prefix names a directory.
      const dir = path.join(root, ...prefix.slice(0, -1).split('/')) + path.sep;
      // Detach the subtree first: readers stop seeing it at once, and the count is exact even if
      // a put lands under the prefix meanwhile (that put fails instead of surviving the deletion).
      const detached = await makeWorkPath();
      try {
        await fs.rename(dir, detached);
      } catch (error) {
        if (isMissing(error)) return 0;
        throw error;
      }
      const entries = await fs.readdir(detached, { recursive: true, withFileTypes: true });
      await fs.rm(detached, { recursive: true, force: true });
      return entries.filter((entry) => entry.isFile()).length;
    },

    async check(): Promise<void> {
      try {
        const probe = await makeWorkPath();
        await fs.writeFile(probe, '');
        await fs.rm(probe);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`DATA_DIR blob directory "${root}" is not writable: ${reason}`);
      }
    },
  };
}
