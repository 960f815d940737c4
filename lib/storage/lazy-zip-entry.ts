import 'server-only';
import { Readable } from 'node:stream';
import { logger } from '@/lib/platform/logger';
import { BlobNotFoundError, type BlobStore } from './types';

type ZipEntryCallback = (error: Error | null, stream: NodeJS.ReadableStream) => void;

/**
 * A stored file as a lazy ZIP entry (yazl's `addReadStreamLazy`): read from storage only when the
 * archive reaches it, so a streamed archive holds one storage chunk at a time whatever its size.
 * A row whose file is gone must not break the whole archive: its entry is left empty and logged
 * under `archive` (which archive, never which file: keys can name their owner).
 */
export function readBlobWhenReached(store: BlobStore, key: string, archive: string) {
  return (callback: ZipEntryCallback) => {
    store.get(key).then(
      (stream) => callback(null, stream),
      (error: unknown) => {
        if (error instanceof BlobNotFoundError) {
          logger.error(`${archive}: a stored file is missing; its archive entry is empty`);
          callback(null, Readable.from([]));
        } else callback(error as Error, Readable.from([]));
      },
    );
  };
}
