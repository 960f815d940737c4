import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { procedureVersions, procedures } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import { safeParseDefinition } from '@/lib/procedures/definition';
import type { ProcedureAdminOutcome } from './outcomes';
import type { VersionActionInput } from './schemas';
import {
  staleFailure,
  findCurrentVersion,
  findDraftVersion,
  findStatusesInUse,
  lockProcedure,
  removedStatuses,
} from './working-version';

/**
 * "Publier cette version": the draft becomes the current version, the one new drafts are filed
 * with, and the procedure appears in the catalogue. Dossiers already started keep their version.
 */
export async function publishDraftVersion(db: Database, actor: AdminActor, input: VersionActionInput): Promise<ProcedureAdminOutcome<{ version: number; slug: string }>> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const procedure = await lockProcedure(tx, input.procedureId);
    if (!procedure) return { ok: false, reason: 'not-found' };
    const draft = await findDraftVersion(tx, input.procedureId);
    if (!draft) return { ok: false, reason: 'no-draft' };
    if (draft.revision !== input.revision) return staleFailure(tx, input.procedureId, input.revision, draft);
    const parsed = safeParseDefinition(draft.definition);
    if (!parsed.success) return { ok: false, reason: 'invalid-definition', errors: parsed.errors };
    const current = await findCurrentVersion(tx, input.procedureId);
    if (current) {
      const inUse = await findStatusesInUse(tx, input.procedureId, removedStatuses(current.definition, parsed.data));
      if (inUse.length) return { ok: false, reason: 'status-in-use', inUse };
    }
    await tx
      .update(procedureVersions)
      .set({ publishedAt: sql`now()` })
      .where(and(eq(procedureVersions.id, draft.id), isNull(procedureVersions.publishedAt)));
    await tx.update(procedures).set({ published: true, updatedAt: sql`now()` }).where(eq(procedures.id, input.procedureId));
    await recordAudit(tx, {
      action: 'procedure.version_published',
      actorId: actor.id,
      targetType: 'procedure',
      targetId: input.procedureId,
      meta: { version: draft.version, previousVersion: current?.version ?? null },
    });
    return { ok: true as const, data: { version: draft.version, slug: procedure.slug } };
  });
}
