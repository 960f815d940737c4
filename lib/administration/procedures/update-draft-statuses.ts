import 'server-only';
import type { Database } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import type { StatusesFormInput } from './schemas';
import { applyStatusesForm, type StatusesEdit } from './statuses-edit';
import type { ProcedureAdminOutcome } from './outcomes';
import { saveWorkingDefinition } from './working-version';

class StatusesFormError extends Error {
  constructor(readonly edit: Extract<StatusesEdit, { ok: false }>) {
    super('statuses form');
  }
}

/** Adds, renames, reorders and removes statuses, and chooses the initial one, in the working version. */
export async function updateDraftStatuses(db: Database, actor: AdminActor, input: StatusesFormInput): Promise<ProcedureAdminOutcome<{ version: number }>> {
  try {
    return await db.transaction(async (tx) => {
      await assertAdmin(tx, actor);
      const outcome = await saveWorkingDefinition(tx, input.procedureId, input.revision, (definition) => {
        const edit = applyStatusesForm((definition.statuses as Record<string, unknown>[]) ?? [], input);
        if (!edit.ok) throw new StatusesFormError(edit);
        return { ...definition, statuses: edit.statuses };
      });
      if (!outcome.ok) return outcome;
      await recordAudit(tx, {
        action: 'procedure.draft_updated',
        actorId: actor.id,
        targetType: 'procedure',
        targetId: input.procedureId,
        meta: { version: outcome.version, part: 'statuses', added: input.added?.key, removed: input.rows.filter((r) => r.remove).map((r) => r.key) },
      });
      return { ok: true as const, data: { version: outcome.version } };
    });
  } catch (error) {
    if (error instanceof StatusesFormError) return { ok: false, reason: 'invalid-form', fieldErrors: error.edit.fieldErrors, formError: error.edit.formError };
    throw error;
  }
}
