import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { procedureVersions } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import type { VersionActionInput } from './schemas';
import type { ProcedureAdminOutcome } from './outcomes';
import { staleFailure, findCurrentVersion, findDraftVersion, lockProcedure, recordRevision } from './working-version';

/** Drops the draft version; the current published version is untouched. A never-published procedure keeps its draft. */
export async function discardDraftVersion(db: Database, actor: AdminActor, input: VersionActionInput): Promise<ProcedureAdminOutcome> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    if (!(await lockProcedure(tx, input.procedureId))) return { ok: false, reason: 'not-found' };
    const draft = await findDraftVersion(tx, input.procedureId);
    if (!draft) return { ok: false, reason: 'no-draft' };
    if (draft.revision !== input.revision) return staleFailure(tx, input.procedureId, input.revision, draft);
    if (!(await findCurrentVersion(tx, input.procedureId))) return { ok: false, reason: 'never-published' };
    // Its revision stays taken: a page that showed it must never match a later draft.
    await recordRevision(tx, input.procedureId, draft.revision, draft.version, draft.definition);
    await tx.delete(procedureVersions).where(and(eq(procedureVersions.id, draft.id), isNull(procedureVersions.publishedAt)));
    await recordAudit(tx, { action: 'procedure.draft_discarded', actorId: actor.id, targetType: 'procedure', targetId: input.procedureId, meta: { version: draft.version } });
    return { ok: true };
  });
}
