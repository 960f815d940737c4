import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@/db/client';

// What agents keep of a submitted dossier once it is deleted (retention or the owner's account
// deletion): number, procedure, final status and dates. Never answers, names or files.

/** Records a tombstone for each submitted dossier of the owner; call it in the deleting transaction. */
export async function recordTombstonesForOwner(tx: Executor, ownerId: string, reason: 'account_deleted' | 'retention'): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`insert into dossier_tombstones (dossier_id, number, procedure_id, procedure_title, final_status, submitted_at, closed_at, reason)
        select d.id, d.number, p.id, p.title, d.status, d.submitted_at, null, ${reason}
        from dossiers d join procedures p on p.id = d.procedure_id
        where d.owner_id = ${ownerId} and d.number is not null
        returning id`,
  );
  return rows.length;
}
