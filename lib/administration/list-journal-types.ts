import 'server-only';
import type { Database } from '@/db/client';
import { auditLog } from '@/db/schema';
import { assertAdmin, type AdminActor } from './admin-actor';
import { auditActionLabel, auditGroupLabel } from './audit-labels';

export type JournalTypeOption = { value: string; label: string; group: string };

/** The filter choices: each kind of event present in the journal, grouped by domain. */
export async function listJournalTypes(db: Database, actor: AdminActor): Promise<JournalTypeOption[]> {
  await assertAdmin(db, actor);
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((r) => ({ value: r.action, label: auditActionLabel(r.action), group: auditGroupLabel(r.action.split('.')[0]) }));
}
