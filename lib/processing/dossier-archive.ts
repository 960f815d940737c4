import 'server-only';
import { Readable } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import yazl from 'yazl';
import type { Executor } from '@/db/client';
import { dossierAttachments, dossiers } from '@/db/schema';
import { isDossierId } from '@/lib/dossiers/ids';
import type { BlobStore } from '@/lib/storage';
import { readBlobWhenReached } from '@/lib/storage/lazy-zip-entry';
import { archiveEntryNames } from './archive-names';
import { dossiersInScope, type BackOfficeUser } from './scope';

// "Télécharger les fichiers (ZIP)": every file of one dossier in scope, streamed as the citizen's
// export is (lib/account-export/archive.ts): each file is read from storage only when the archive
// reaches it, so memory stays that of one storage chunk whatever the size of the dossier.
// Stored without compression: PDF, JPEG and PNG are compressed already.

export type DossierArchive = { stream: Readable; filename: string; files: number; bytes: number };

type StoredFile = { kind: string; filename: string; sizeBytes: number; storageKey: string };

async function listStoredFilesInScope(db: Executor, user: BackOfficeUser, dossierId: string): Promise<{ number: string; files: StoredFile[] } | null> {
  const [dossier] = await db.select({ number: dossiers.number }).from(dossiers).where(and(eq(dossiers.id, dossierId), dossiersInScope(user)));
  if (!dossier) return null;
  const files = await db
    .select({ kind: dossierAttachments.kind, filename: dossierAttachments.filename, sizeBytes: dossierAttachments.sizeBytes, storageKey: dossierAttachments.storageKey })
    .from(dossierAttachments)
    .innerJoin(dossiers, eq(dossiers.id, dossierAttachments.dossierId))
    .where(and(eq(dossierAttachments.dossierId, dossierId), dossiersInScope(user)))
    .orderBy(asc(dossierAttachments.createdAt), asc(dossierAttachments.id));
  return { number: dossier.number!, files };
}

/** The ZIP of a dossier in scope, or null (out of scope, draft, unknown id: the same answer). */
export async function openDossierArchive(db: Executor, store: BlobStore, user: BackOfficeUser, dossierId: string, now = new Date()): Promise<DossierArchive | null> {
  if (!isDossierId(dossierId)) return null;
  const found = await listStoredFilesInScope(db, user, dossierId);
  if (!found) return null;
  const zip = new yazl.ZipFile();
  const names = archiveEntryNames(found.files);
  found.files.forEach((file, i) => zip.addReadStreamLazy(names[i], { mtime: now, compress: false }, readBlobWhenReached(store, file.storageKey, 'dossier archive')));
  zip.end();
  return {
    stream: zip.outputStream as Readable,
    filename: `dossier-${found.number}-fichiers.zip`,
    files: found.files.length,
    bytes: found.files.reduce((sum, file) => sum + file.sizeBytes, 0),
  };
}
