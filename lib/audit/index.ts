import 'server-only';
import { auditLog } from '@/db/schema';
import type { Executor } from '@/db/client';

// Every action the journal records: a closed list, so that each one has a French label
// (lib/administration/audit-labels.ts). The strings are stored in audit_log.action: never rename one.
export const AUDIT_ACTIONS = [
  'account.signup',
  'account.email_confirmed',
  'account.signin',
  'account.signin_failed',
  'account.signin_throttled',
  'account.second_factor_enrolled',
  'account.second_factor_signin',
  'account.second_factor_failed',
  'account.second_factor_throttled',
  'account.recovery_code_used',
  'account.signout',
  'account.signout_everywhere',
  'account.password_changed',
  'account.password_reset_requested',
  'account.password_reset',
  'account.email_change_requested',
  'account.email_changed',
  'account.profile_updated',
  'account.preferences_updated',
  'account.data_exported',
  'account.deleted',
  'relation.created',
  'relation.updated',
  'relation.deleted',
  'procedure.created',
  'procedure.catalogue_updated',
  'procedure.draft_updated',
  'procedure.draft_discarded',
  'procedure.version_published',
  'procedure.archived',
  'procedure.restored',
  'agent.added',
  'agent.role_changed',
  'agent.access_withdrawn',
  'agent.second_factor_reset',
  'agent.procedure_assigned',
  'agent.procedure_unassigned',
  'backoffice.status_changed',
  'backoffice.message_sent',
  'backoffice.response_published',
  'backoffice.dossier_viewed',
  'backoffice.file_downloaded',
  'backoffice.dossier_pdf_exported',
  'backoffice.dossier_zip_exported',
  'backoffice.note_added',
  'backoffice.completion_requested',
  'backoffice.completion_withdrawn',
  'backoffice.dossier_assigned',
  'backoffice.dossier_unassigned',
  'backoffice.queue_exported',
  'locker.document_added',
  'locker.document_deleted',
  'account.reauth_failed',
  'account.signup_repeated',
  'maintenance.account_data_swept',
  'maintenance.orphan_files_swept',
  'maintenance.retention_applied',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

// Never put passwords, tokens or full addresses in meta: the journal is readable by administrators.
export async function recordAudit(
  db: Executor,
  entry: { action: AuditAction; actorId?: string | null; targetType?: string; targetId?: string; meta?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditLog).values({
    action: entry.action,
    actorId: entry.actorId ?? null,
    targetType: entry.targetType,
    targetId: entry.targetId,
    meta: entry.meta,
  });
}
