import 'server-only';
import type { Executor } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import type { BackOfficeUser } from './scope';

// Reads by agents go to the journal too (issue 10): who opened which dossier, downloaded which
// file, exported what. Only ids and counts: never a name, a file name or an answer.
// Callers record a read only after the scoped query found the dossier or file.

export async function recordDossierRead(db: Executor, user: BackOfficeUser, dossierId: string): Promise<void> {
  await recordAudit(db, { action: 'backoffice.dossier_viewed', actorId: user.id, targetType: 'dossier', targetId: dossierId });
}

export async function recordFileDownload(db: Executor, user: BackOfficeUser, dossierId: string, attachmentId: string): Promise<void> {
  await recordAudit(db, { action: 'backoffice.file_downloaded', actorId: user.id, targetType: 'dossier', targetId: dossierId, meta: { attachment: attachmentId } });
}

export async function recordDossierExport(
  db: Executor,
  user: BackOfficeUser,
  dossierId: string,
  export_: { format: 'pdf'; pages: number } | { format: 'zip'; files: number; bytes: number },
): Promise<void> {
  const { format, ...meta } = export_;
  await recordAudit(db, {
    action: format === 'pdf' ? 'backoffice.dossier_pdf_exported' : 'backoffice.dossier_zip_exported',
    actorId: user.id,
    targetType: 'dossier',
    targetId: dossierId,
    meta,
  });
}
