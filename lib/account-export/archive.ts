import 'server-only';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { Executor } from '@/db/client';
import { renderReceiptPdf } from '@/lib/dossiers/receipt';
import { findSubmittedDossier } from '@/lib/dossiers/submitted';
import type { BlobStore } from '@/lib/storage';
import { readBlobWhenReached } from '@/lib/storage/lazy-zip-entry';
import { collectAccountExport } from './collect';
import { readmeText } from './readme';

// The export as a ZIP streamed to the browser: LISEZMOI.txt, donnees.json, then every file, each
// read from storage only when the archive reaches it. Memory stays that of one storage chunk and
// yazl's buffers, whatever the size of the account (measured in tests/integration/export-archive).
// Files are stored without compression: PDF, JPEG and PNG are compressed already.

export type AccountArchive = { stream: Readable; fileCount: number; totalBytes: number };

function lazyReceipt(db: Executor, userId: string, dossierId: string, portalName: string) {
  return (callback: (error: Error | null, stream: NodeJS.ReadableStream) => void) => {
    findSubmittedDossier(db, userId, dossierId)
      .then((dossier) => (dossier ? renderReceiptPdf(dossier, { portalName }) : Buffer.alloc(0)))
      .then(
        (pdf) => callback(null, Readable.from([pdf])),
        (error: unknown) => callback(error as Error, Readable.from([])),
      );
  };
}

/** The citizen's archive, or null when the account is gone. */
export async function openAccountArchive(db: Executor, store: BlobStore, userId: string, options: { portalName: string }): Promise<AccountArchive | null> {
  const collected = await collectAccountExport(db, userId);
  if (!collected) return null;
  const { data, files, receipts } = collected;
  const zip = new yazl.ZipFile();
  const mtime = new Date(data.exportedAt);
  zip.addBuffer(Buffer.from(readmeText(options.portalName, data.exportedAt), 'utf8'), 'LISEZMOI.txt', { mtime });
  zip.addBuffer(Buffer.from(JSON.stringify(data, null, 2), 'utf8'), 'donnees.json', { mtime });
  for (const file of files) zip.addReadStreamLazy(file.path, { mtime, compress: false }, readBlobWhenReached(store, file.storageKey, 'export'));
  for (const receipt of receipts) {
    zip.addReadStreamLazy(receipt.path, { mtime, compress: false }, lazyReceipt(db, userId, receipt.dossierId, options.portalName));
  }
  zip.end();
  const stream = zip.outputStream as Readable;
  return { stream, fileCount: files.length + receipts.length, totalBytes: files.reduce((sum, f) => sum + f.sizeBytes, 0) };
}
