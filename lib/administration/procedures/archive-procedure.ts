import 'server-only';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { procedures } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import type { ArchiveInput, RestoreInput } from './schemas';

export type ArchiveOutcome = { ok: true; changed: boolean } | { ok: false; reason: 'not-found' };

/**
 * Out of the catalogue (`archived`) or back in it, in one transaction under the procedure's row
 * lock. Idempotent: a procedure already in the asked state changes nothing and records nothing.
 */
async function setArchived(db: Database, actor: AdminActor, procedureId: string, archived: boolean): Promise<ArchiveOutcome> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [exists] = await tx.select({ id: procedures.id }).from(procedures).where(eq(procedures.id, procedureId)).for('update');
    if (!exists) return { ok: false, reason: 'not-found' };
    const changed = await tx
      .update(procedures)
      .set({ archivedAt: archived ? sql`now()` : null, updatedAt: sql`now()` })
      .where(and(eq(procedures.id, procedureId), archived ? isNull(procedures.archivedAt) : isNotNull(procedures.archivedAt)))
      .returning({ id: procedures.id });
    if (changed.length) await recordAudit(tx, { action: archived ? 'procedure.archived' : 'procedure.restored', actorId: actor.id, targetType: 'procedure', targetId: procedureId });
    return { ok: true, changed: changed.length > 0 };
  });
}

/**
 * "Archiver": out of the catalogue at once, "Commencer" refused. Drafts already started follow
 * the opening and closing rule as before; submitted dossiers keep being processed (decision 024).
 */
export function archiveProcedure(db: Database, actor: AdminActor, input: ArchiveInput): Promise<ArchiveOutcome> {
  return setArchived(db, actor, input.procedureId, true);
}

/** "Remettre au catalogue": offered again, with its current published version. */
export function restoreProcedure(db: Database, actor: AdminActor, input: RestoreInput): Promise<ArchiveOutcome> {
  return setArchived(db, actor, input.procedureId, false);
}
