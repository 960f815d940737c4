import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { procedures } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import type { CatalogueEntryInput } from './schemas';

/** Title, summary, category, opening and closing days: catalogue data, not part of a version, changed at once. */
export async function updateCatalogueEntry(db: Database, actor: AdminActor, input: CatalogueEntryInput): Promise<{ ok: true } | { ok: false; reason: 'not-found' }> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [before] = await tx
      .select({ title: procedures.title, summary: procedures.summary, category: procedures.category, opensOn: procedures.opensOn, closesAfter: procedures.closesAfter, graceUntil: procedures.graceUntil })
      .from(procedures).where(eq(procedures.id, input.procedureId)).for('update');
    if (!before) return { ok: false, reason: 'not-found' };
    await tx
      .update(procedures)
      .set({
        title: input.title,
        summary: input.summary,
        category: input.category,
        opensOn: input.opensOn ?? null,
        closesAfter: input.closesAfter ?? null,
        graceUntil: input.graceUntil ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(procedures.id, input.procedureId));
    const changed = (['title', 'summary', 'category', 'opensOn', 'closesAfter', 'graceUntil'] as const).filter((k) => (before[k] ?? undefined) !== input[k]);
    await recordAudit(tx, { action: 'procedure.catalogue_updated', actorId: actor.id, targetType: 'procedure', targetId: input.procedureId, meta: { changed } });
    return { ok: true };
  });
}
