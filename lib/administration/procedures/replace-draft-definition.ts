import 'server-only';
import type { Database } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import { parseDefinitionJson } from './definition-json';
import type { DefinitionJsonInput } from './schemas';
import type { ProcedureAdminOutcome } from './outcomes';
import { saveWorkingDefinition } from './working-version';

/** The advanced editor: the whole definition (steps, fields, options, bounds, conditions, statuses) at once. */
export async function replaceDraftDefinition(db: Database, actor: AdminActor, input: DefinitionJsonInput): Promise<ProcedureAdminOutcome<{ version: number }>> {
  const json = parseDefinitionJson(input.definition);
  if (!json.ok) return { ok: false, reason: 'invalid-json', message: json.message };
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const outcome = await saveWorkingDefinition(tx, input.procedureId, input.revision, () => json.value);
    if (!outcome.ok) return outcome;
    await recordAudit(tx, { action: 'procedure.draft_updated', actorId: actor.id, targetType: 'procedure', targetId: input.procedureId, meta: { version: outcome.version, part: 'definition' } });
    return { ok: true as const, data: { version: outcome.version } };
  });
}
