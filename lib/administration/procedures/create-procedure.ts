import 'server-only';
import type { Database } from '@/db/client';
import { procedureVersions, procedures } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import { parseDefinition } from '@/lib/procedures/definition';
import type { CreateProcedureInput } from './schemas';

export type CreateProcedureResult = { ok: true; id: string } | { ok: false; reason: 'slug-taken' };

/** A starting point the administrator then edits: one step, one field, the usual statuses. */
export function starterDefinition(beneficiaries: CreateProcedureInput['beneficiaries']) {
  return parseDefinition({
    beneficiaries,
    steps: [
      {
        key: 'demande',
        title: 'Votre demande',
        fields: [{ key: 'objet', type: 'textarea', label: 'Objet de votre demande', required: true }],
      },
    ],
    statuses: [
      { key: 'recue', label: 'Demande reçue', tone: 'info' },
      { key: 'en-cours', label: 'En cours de traitement', tone: 'progress' },
      { key: 'acceptee', label: 'Demande acceptée', tone: 'success', final: true },
      { key: 'refusee', label: 'Demande refusée', tone: 'error', final: true },
    ],
  });
}

/** A new procedure, out of the catalogue, with a draft version 1 to edit and publish. */
export async function createProcedure(db: Database, actor: AdminActor, input: CreateProcedureInput): Promise<CreateProcedureResult> {
  const definition = starterDefinition(input.beneficiaries);
  return db.transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const [row] = await tx
      .insert(procedures)
      .values({ slug: input.slug, title: input.title, summary: input.summary, category: input.category, published: false })
      .onConflictDoNothing({ target: procedures.slug })
      .returning({ id: procedures.id });
    if (!row) return { ok: false as const, reason: 'slug-taken' as const };
    await tx.insert(procedureVersions).values({ procedureId: row.id, version: 1, definition });
    await recordAudit(tx, { action: 'procedure.created', actorId: actor.id, targetType: 'procedure', targetId: row.id, meta: { slug: input.slug, title: input.title } });
    return { ok: true as const, id: row.id };
  });
}
