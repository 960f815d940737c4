import 'server-only';
import { auditLog } from '@/db/schema';
import type { Executor } from '@/db/client';

export type AuditAction =
  | 'account.signup'
  | 'account.email_confirmed'
  | 'account.signin'
  | 'account.signin_failed'
  | 'account.signin_throttled'
  | 'account.signout'
  | 'account.signout_everywhere'
  | 'account.password_changed'
  | 'account.password_reset_requested'
  | 'account.password_reset'
  | 'account.email_change_requested'
  | 'account.email_changed'
  | 'account.profile_updated'
  | 'account.preferences_updated'
  | 'account.deleted'
  | (string & {});

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
