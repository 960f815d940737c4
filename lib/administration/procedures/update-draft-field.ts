import 'server-only';
import type { Database } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import { applyFieldForm, FieldFormError } from './field-settings';
import type { FieldFormInput } from './schemas';
import type { ProcedureAdminOutcome } from './outcomes';
import { saveWorkingDefinition } from './working-version';

/** One field's settings page: label, hint, required, its type's settings, prefill, condition and cross-field rule. */
export async function updateDraftField(db: Database, actor: AdminActor, input: FieldFormInput): Promise<ProcedureAdminOutcome<{ version: number }>> {
  try {
    return await db.transaction(async (tx) => {
      await assertAdmin(tx, actor);
      const outcome = await saveWorkingDefinition(tx, input.procedureId, input.revision, (definition) => applyFieldForm(definition as Parameters<typeof applyFieldForm>[0], input));
      if (!outcome.ok) return outcome;
      await recordAudit(tx, { action: 'procedure.draft_updated', actorId: actor.id, targetType: 'procedure', targetId: input.procedureId, meta: { version: outcome.version, part: 'field', field: input.fieldKey } });
      return { ok: true as const, data: { version: outcome.version } };
    });
  } catch (error) {
    if (error instanceof FieldFormError) return { ok: false, reason: 'invalid-form', fieldErrors: error.fieldErrors, formError: error.formError };
    throw error;
  }
}
