import 'server-only';
import { Readable } from 'node:stream';
import { BlobNotFoundError, type BlobStore } from '@/lib/storage';
import { logger } from '@/lib/platform/logger';

// Small helpers around the blob store shared by the locker and the attachments.

export type OpenedFile = { filename: string; mimeType: string; sizeBytes: number; sha256: string; stream: Readable };

export async function openBlob(store: BlobStore, key: string): Promise<Readable | null> {
  try {
    return await store.get(key);
  } catch (error) {
    if (error instanceof BlobNotFoundError) {
      logger.error({ key }, '[documents] blob missing for a stored row');
      return null;
    }
    throw error;
  }
}

export async function deleteBlobQuietly(store: BlobStore, key: string): Promise<void> {
  try {
    await store.delete(key);
  } catch (error) {
    logger.error({ key, err: error }, '[documents] blob not deleted, left as an orphan');
  }
}

/** A Node stream as the web stream a Response wants. */
export function toWebStream(stream: Readable): ReadableStream {
  return Readable.toWeb(stream) as ReadableStream;
}
