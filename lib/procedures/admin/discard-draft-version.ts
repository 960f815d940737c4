import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { procedureVersions } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import type { ActionResult } from '@/lib/actions/result';
import { assertAdmin, type AdminActor } from '@/lib/backoffice-admin/admin-actor';
import type { VersionActionInput } from './schemas';
import { definitionRevision, findCurrentVersion, findDraftVersion, lockProcedure, NOT_FOUND_MESSAGE, STALE_MESSAGE } from './working-version';

/** Drops the draft version; the current published version is untouched. A never-published procedure keeps its draft. */
export async function discardDraftVersion(db: Database, actor: AdminActor, input: VersionActionInput): Promise<ActionResult> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    if (!(await lockProcedure(tx, input.procedureId))) return { ok: false, formError: NOT_FOUND_MESSAGE };
    const draft = await findDraftVersion(tx, input.procedureId);
    if (!draft) return { ok: false, formError: 'Il n’y a pas de version de travail à abandonner. Rechargez la page.' };
    if (definitionRevision(draft.definition) !== input.revision) return { ok: false, formError: STALE_MESSAGE };
    if (!(await findCurrentVersion(tx, input.procedureId))) {
      return { ok: false, formError: 'Cette démarche n’a encore jamais été publiée : sa version de travail ne peut pas être abandonnée.' };
    }
    await tx.delete(procedureVersions).where(and(eq(procedureVersions.id, draft.id), isNull(procedureVersions.publishedAt)));
    await recordAudit(tx, { action: 'procedure.draft_discarded', actorId: actor.id, targetType: 'procedure', targetId: input.procedureId, meta: { version: draft.version } });
    return { ok: true };
  });
}
