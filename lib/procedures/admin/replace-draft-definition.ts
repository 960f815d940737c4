import 'server-only';
import type { Database } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import type { ActionResult } from '@/lib/auth/action';
import { assertAdmin, type AdminActor } from '@/lib/backoffice-admin/admin-actor';
import type { DefinitionJsonInput } from './schemas';
import { saveWorkingDefinition, toActionFailure } from './working-version';

/** Reads the JSON typed in the advanced editor; a syntax error names the line and column. */
export function parseDefinitionJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(detail);
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      return { ok: false, message: `JSON invalide, ligne ${line}, colonne ${column} : vérifiez les guillemets, virgules et accolades autour de cet endroit.` };
    }
    return { ok: false, message: 'JSON invalide : vérifiez les guillemets, virgules et accolades (le texte est peut-être incomplet).' };
  }
}

/** The advanced editor: the whole definition (steps, fields, options, bounds, conditions, statuses) at once. */
export async function replaceDraftDefinition(db: Database, actor: AdminActor, input: DefinitionJsonInput): Promise<ActionResult<{ version: number }>> {
  const json = parseDefinitionJson(input.definition);
  if (!json.ok) return { ok: false, fieldErrors: { definition: [json.message] } };
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const outcome = await saveWorkingDefinition(tx, input.procedureId, input.revision, () => json.value);
    if (!outcome.ok) return toActionFailure(outcome, 'definition');
    await recordAudit(tx, { action: 'procedure.draft_updated', actorId: actor.id, targetType: 'procedure', targetId: input.procedureId, meta: { version: outcome.version, part: 'definition' } });
    return { ok: true as const, data: { version: outcome.version } };
  });
}
