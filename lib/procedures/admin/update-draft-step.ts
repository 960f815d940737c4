import 'server-only';
import type { Database } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import type { ActionResult } from '@/lib/auth/action';
import { assertAdmin, type AdminActor } from '@/lib/backoffice-admin/admin-actor';
import type { StepTextsInput } from './schemas';
import { applyStepTexts, OutdatedStepError, type RawStep } from './step-texts-edit';
import { saveWorkingDefinition, toActionFailure } from './working-version';

export async function updateDraftStep(db: Database, actor: AdminActor, input: StepTextsInput): Promise<ActionResult<{ version: number }>> {
  try {
    return await db.transaction(async (tx) => {
      await assertAdmin(tx, actor);
      const outcome = await saveWorkingDefinition(tx, input.procedureId, input.revision, (definition) => ({
        ...definition,
        steps: applyStepTexts(definition.steps as RawStep[], input),
      }));
      if (!outcome.ok) return toActionFailure(outcome);
      await recordAudit(tx, {
        action: 'procedure.draft_updated',
        actorId: actor.id,
        targetType: 'procedure',
        targetId: input.procedureId,
        meta: { version: outcome.version, part: 'step', step: input.stepKey },
      });
      return { ok: true as const, data: { version: outcome.version } };
    });
  } catch (error) {
    if (error instanceof OutdatedStepError) {
      return { ok: false, formError: 'Cette étape a changé depuis l’affichage de cette page (champs ajoutés, retirés ou déplacés) : rechargez la page.' };
    }
    throw error;
  }
}
