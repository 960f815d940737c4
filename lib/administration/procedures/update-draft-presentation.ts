import 'server-only';
import type { Database } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import type { PresentationInput } from './schemas';
import { saveWorkingDefinition, type SaveOutcome } from './working-version';

/** Who may be the beneficiary and the descriptive text of the version (duration, requirements, processing time). */
export async function updateDraftPresentation(db: Database, actor: AdminActor, input: PresentationInput): Promise<SaveOutcome> {
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const outcome = await saveWorkingDefinition(tx, input.procedureId, input.revision, (definition) => {
      definition.beneficiaries = input.beneficiaries;
      // Person subtypes only make sense when a person may be the beneficiary; none ticked means any person.
      const subtypes = input.beneficiaries.includes('person') && input.personSubtypes.length ? input.personSubtypes : undefined;
      setOrDelete(definition, 'personSubtypes', subtypes);
      setOrDelete(definition, 'estimatedDuration', input.estimatedDuration);
      setOrDelete(definition, 'processingTime', input.processingTime);
      setOrDelete(definition, 'requirements', input.requirements.length ? input.requirements : undefined);
      return definition;
    });
    if (outcome.ok) {
      await recordAudit(tx, { action: 'procedure.draft_updated', actorId: actor.id, targetType: 'procedure', targetId: input.procedureId, meta: { version: outcome.version, part: 'presentation' } });
    }
    return outcome;
  });
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown) {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
