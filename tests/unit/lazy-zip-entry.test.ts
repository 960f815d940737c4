import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BlobNotFoundError, type BlobStore } from '@/lib/storage';
import { readBlobWhenReached } from '@/lib/storage/lazy-zip-entry';

function storeAnswering(get: (key: string) => Promise<NodeJS.ReadableStream>): BlobStore {
  return { get } as unknown as BlobStore;
}

function open(store: BlobStore): Promise<{ error: Error | null; text: string }> {
  return new Promise((resolve) => {
    readBlobWhenReached(store, 'cle', 'test')(async (error, stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream as Readable) chunks.push(Buffer.from(chunk));
      resolve({ error, text: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

describe('a stored file as a lazy ZIP entry', () => {
  it('streams the stored bytes when the archive reaches it', async () => {
    expect(await open(storeAnswering(async () => Readable.from([Buffer.from('contenu')])))).toEqual({ error: null, text: 'contenu' });
  });

  it('leaves an empty entry, not a broken archive, when the file is gone', async () => {
    expect(await open(storeAnswering(async () => Promise.reject(new BlobNotFoundError('cle'))))).toEqual({ error: null, text: '' });
  });

  it('fails the archive on any other storage error', async () => {
    const { error } = await open(storeAnswering(async () => Promise.reject(new Error('S3 indisponible'))));
    expect(error?.message).toBe('S3 indisponible');
  });
});
