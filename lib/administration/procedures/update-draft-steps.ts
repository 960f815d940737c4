import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { dossiers } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import type { StepsFormInput } from './schemas';
import { applyStepsForm, removedFieldKeys } from './steps-edit';
import { StepEditError, type RawStep } from './step-texts-edit';
import type { ProcedureAdminOutcome } from './outcomes';
import { findCurrentVersion, findDraftVersion, lockProcedure, saveWorkingDefinition } from './working-version';

/** Drafts of the procedure (any version) holding an answer to one of these fields. */
async function countDraftsAnswering(db: Executor, procedureId: string, keys: string[]): Promise<number> {
  if (!keys.length) return 0;
  const keyList = sql.join(keys.map((k) => sql`${k}`), sql`, `);
  return db.$count(dossiers, and(eq(dossiers.procedureId, procedureId), eq(dossiers.status, 'draft'), sql`${dossiers.data} ?| array[${keyList}]::text[]`));
}

/**
 * Reorders, removes and adds steps of the working version. Removing a step whose fields hold
 * answers in drafts needs the confirmation box: those drafts keep their own version (decision
 * 024), but the administrator should know that people are filling that step.
 */
export async function updateDraftSteps(db: Database, actor: AdminActor, input: StepsFormInput): Promise<ProcedureAdminOutcome<{ version: number }>> {
  try {
    return await db.transaction(async (tx) => {
      await assertAdmin(tx, actor);
      if (!(await lockProcedure(tx, input.procedureId))) return { ok: false as const, reason: 'not-found' as const };
      const working = (await findDraftVersion(tx, input.procedureId)) ?? (await findCurrentVersion(tx, input.procedureId));
      if (working && working.revision === input.revision && !input.confirmRemoval) {
        const steps = (working.definition as { steps: RawStep[] }).steps;
        const answering = await countDraftsAnswering(tx, input.procedureId, removedFieldKeys(steps, input));
        if (answering) {
          return {
            ok: false as const,
            reason: 'invalid-form' as const,
            fieldErrors: {
              confirmRemoval: [
                `${answering} brouillon${answering > 1 ? 's ont' : ' a'} des réponses dans l’étape à retirer. Ces brouillons gardent leur version ; cochez « Je confirme le retrait » pour retirer l’étape des prochaines demandes.`,
              ],
            },
          };
        }
      }
      const outcome = await saveWorkingDefinition(tx, input.procedureId, input.revision, (definition) => ({
        ...definition,
        steps: applyStepsForm(definition.steps as RawStep[], input),
      }));
      if (!outcome.ok) return outcome;
      await recordAudit(tx, { action: 'procedure.draft_updated', actorId: actor.id, targetType: 'procedure', targetId: input.procedureId, meta: { version: outcome.version, part: 'steps' } });
      return { ok: true as const, data: { version: outcome.version } };
    });
  } catch (error) {
    if (error instanceof StepEditError) return { ok: false, reason: 'invalid-form', fieldErrors: error.fieldErrors, formError: error.formError };
    throw error;
  }
}
