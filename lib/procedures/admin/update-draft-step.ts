import 'server-only';
import type { Database } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import type { ActionResult } from '@/lib/auth/action';
import { assertAdmin, type AdminActor } from '@/lib/backoffice-admin/admin-actor';
import type { StepTextsInput } from './schemas';
import { saveWorkingDefinition, toActionFailure } from './working-version';

type RawField = Record<string, unknown> & { key: string; type: string };
type RawStep = Record<string, unknown> & { key: string; fields: RawField[] };

class OutdatedStepError extends Error {}

/** Pure: the step's title and description, and each field's label, hint and "required" (body for an information text). */
export function applyStepTexts(steps: RawStep[], input: StepTextsInput): RawStep[] {
  const step = steps.find((s) => s.key === input.stepKey);
  if (!step || step.fields.length !== input.fields.length || step.fields.some((f, i) => f.key !== input.fields[i].key)) throw new OutdatedStepError();
  const fields = step.fields.map((field, i) => {
    const row = input.fields[i];
    const next: RawField = { ...field, label: row.label };
    if (row.hint) next.hint = row.hint;
    else delete next.hint;
    if (field.type === 'info') next.body = row.body ?? '';
    else next.required = row.required;
    return next;
  });
  const edited: RawStep = { ...step, title: input.title, fields };
  if (input.description) edited.description = input.description;
  else delete edited.description;
  return steps.map((s) => (s.key === input.stepKey ? edited : s));
}

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
