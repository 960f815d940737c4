import 'server-only';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { procedures } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import type { ArchiveInput, RestoreInput } from './schemas';

export type ArchiveOutcome = { ok: true; changed: boolean } | { ok: false; reason: 'not-found' };

/**
 * "Archiver": out of the catalogue at once, "Commencer" refused. Drafts already started follow
 * the opening and closing rule as before; submitted dossiers keep being processed (decision 024).
 * Idempotent: archiving an archived procedure changes nothing and records nothing.
 */
export async function archiveProcedure(db: Database, actor: AdminActor, input: ArchiveInput): Promise<ArchiveOutcome> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [exists] = await tx.select({ id: procedures.id }).from(procedures).where(eq(procedures.id, input.procedureId)).for('update');
    if (!exists) return { ok: false, reason: 'not-found' };
    const changed = await tx
      .update(procedures)
      .set({ archivedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(procedures.id, input.procedureId), isNull(procedures.archivedAt)))
      .returning({ id: procedures.id });
    if (changed.length) await recordAudit(tx, { action: 'procedure.archived', actorId: actor.id, targetType: 'procedure', targetId: input.procedureId });
    return { ok: true, changed: changed.length > 0 };
  });
}

/** "Remettre au catalogue": offered again, with its current published version. */
export async function restoreProcedure(db: Database, actor: AdminActor, input: RestoreInput): Promise<ArchiveOutcome> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [exists] = await tx.select({ id: procedures.id }).from(procedures).where(eq(procedures.id, input.procedureId)).for('update');
    if (!exists) return { ok: false, reason: 'not-found' };
    const changed = await tx
      .update(procedures)
      .set({ archivedAt: null, updatedAt: sql`now()` })
      .where(and(eq(procedures.id, input.procedureId), isNotNull(procedures.archivedAt)))
      .returning({ id: procedures.id });
    if (changed.length) await recordAudit(tx, { action: 'procedure.restored', actorId: actor.id, targetType: 'procedure', targetId: input.procedureId });
    return { ok: true, changed: changed.length > 0 };
  });
}
