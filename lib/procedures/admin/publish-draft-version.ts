import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { procedureVersions, procedures } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import type { ActionResult } from '@/lib/actions/result';
import { assertAdmin, type AdminActor } from '@/lib/backoffice-admin/admin-actor';
import { safeParseDefinition } from '@/lib/procedures/definition';
import type { VersionActionInput } from './schemas';
import {
  definitionRevision,
  describeStatusesInUse,
  findCurrentVersion,
  findDraftVersion,
  findStatusesInUse,
  lockProcedure,
  NOT_FOUND_MESSAGE,
  removedStatuses,
  STALE_MESSAGE,
} from './working-version';

/**
 * "Publier cette version": the draft becomes the current version, the one new drafts are filed
 * with, and the procedure appears in the catalogue. Dossiers already started keep their version.
 */
export async function publishDraftVersion(db: Database, actor: AdminActor, input: VersionActionInput): Promise<ActionResult<{ version: number; slug: string }>> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const procedure = await lockProcedure(tx, input.procedureId);
    if (!procedure) return { ok: false, formError: NOT_FOUND_MESSAGE };
    const draft = await findDraftVersion(tx, input.procedureId);
    if (!draft) return { ok: false, formError: 'Il n’y a pas de version de travail à publier : elle a peut-être déjà été publiée. Rechargez la page.' };
    if (definitionRevision(draft.definition) !== input.revision) return { ok: false, formError: STALE_MESSAGE };
    const parsed = safeParseDefinition(draft.definition);
    if (!parsed.success) return { ok: false, formError: `Cette version n’est pas valide : ${parsed.errors.join(' ; ')}` };
    const current = await findCurrentVersion(tx, input.procedureId);
    if (current) {
      const inUse = await findStatusesInUse(tx, input.procedureId, removedStatuses(current.definition, parsed.data));
      if (inUse.length) return { ok: false, formError: describeStatusesInUse(inUse) };
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
