import 'server-only';
import type { Database } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import type { StepTextsInput } from './schemas';
import { applyStepTexts, StepEditError, type RawStep } from './step-texts-edit';
import type { ProcedureAdminOutcome } from './outcomes';
import { saveWorkingDefinition } from './working-version';

export async function updateDraftStep(db: Database, actor: AdminActor, input: StepTextsInput): Promise<ProcedureAdminOutcome<{ version: number }>> {
  try {
    return await db.transaction(async (tx) => {
      await assertAdmin(tx, actor);
      const outcome = await saveWorkingDefinition(tx, input.procedureId, input.revision, (definition) => ({
        ...definition,
        steps: applyStepTexts(definition.steps as RawStep[], input),
      }));
      if (!outcome.ok) return outcome;
      await recordAudit(tx, {
        action: 'procedure.draft_updated',
        actorId: actor.id,
        targetType: 'procedure',
        targetId: input.procedureId,
        meta: { version: outcome.version, part: 'step', step: input.stepKey, added: input.newField?.key, removed: input.fields.filter((f) => f.remove).map((f) => f.key) },
      });
      return { ok: true as const, data: { version: outcome.version } };
    });
  } catch (error) {
    if (error instanceof StepEditError) return { ok: false, reason: 'invalid-form', fieldErrors: error.fieldErrors, formError: error.formError };
    throw error;
  }
}
