import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { auditLog } from '@/db/schema';
import { recordAudit, type AuditAction } from '@/lib/audit';
import type { BackOfficeUser } from './scope';

// Reads by agents go to the journal too (issue 10): who opened which dossier, downloaded which
// file, exported what. Only ids and counts: never a name, a file name or an answer.
// Callers record a read only after the scoped query found the dossier or file.

/** How long one "Dossier consulté" entry stands for an agent's visit (decision 022). */
export const DOSSIER_VIEW_WINDOW_MINUTES = 30;
const VIEWED: AuditAction = 'backoffice.dossier_viewed';

/**
 * "Dossier consulté", at most once per agent and dossier every 30 minutes: the page renders again
 * after each action's redirect (status, message, note, assignment), and the journal should say who
 * opened which dossier and when, not count renders. The actions themselves have their own entries.
 * One statement (insert … where not exists) over the (actor, target, date) index; two renders at
 * the very same instant may both write, which is harmless.
 */
export async function recordDossierRead(db: Executor, user: BackOfficeUser, dossierId: string): Promise<void> {
  await db.execute(sql`
    insert into ${auditLog} (action, actor_id, target_type, target_id)
    select ${VIEWED}, ${user.id}::uuid, 'dossier', ${dossierId}
    where not exists (
      select 1 from ${auditLog} a
      where a.actor_id = ${user.id}::uuid and a.target_id = ${dossierId} and a.action = ${VIEWED}
        and a.created_at > now() - make_interval(mins => ${DOSSIER_VIEW_WINDOW_MINUTES})
    )`);
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
