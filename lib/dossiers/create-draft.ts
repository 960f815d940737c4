import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossiers, procedureVersions } from '@/db/schema';
import { getProfile } from '@/lib/accounts/profile';
import { getPublishedProcedureBySlug } from '@/lib/procedures/catalogue';
import type { ProcedureDefinition } from '@/lib/procedures/definition';
import { computePrefill } from '@/lib/procedures/prefill';
import { todayInParis } from '@/lib/procedures/compile-step';
import { canStart } from '@/lib/procedures/opening';
import { resolveBeneficiary, type BeneficiaryChoice } from './beneficiary';
import { cachedDefinition, definitionOfVersion } from './definitions';

export type CreateDraftInput = { procedureSlug: string; beneficiary: BeneficiaryChoice };

export type CreateDraftResult = { ok: true; id: string; firstStepKey: string } | { ok: false; reason: 'not-found' | 'beneficiary-not-allowed' | 'closed' | 'archived' };

/**
 * "Commencer": a draft of the procedure's current published version, prefilled from the profile
 * and from the beneficiary. The relation must belong to the citizen, else it is not found.
 */
export async function createDraft(db: Executor, owner: { id: string; email: string }, input: CreateDraftInput): Promise<CreateDraftResult> {
  const procedure = await getPublishedProcedureBySlug(db, input.procedureSlug);
  if (!procedure) return { ok: false, reason: 'not-found' };
  // Taken out of the catalogue: nobody may start, whatever the dates say (decision 024).
  if (procedure.archived) return { ok: false, reason: 'archived' };
  // Before its opening day or after its closing day, nobody may start (decision 024).
  if (!canStart(procedure.opening, todayInParis())) return { ok: false, reason: 'closed' };
  const definition = await loadDefinition(db, procedure.versionId);
  const profile = await getProfile(db, owner.id);
  const resolved = await resolveBeneficiary(db, owner.id, definition, input.beneficiary, profile);
  if (!resolved.ok) return resolved;
  const { beneficiary } = resolved;
  const data = computePrefill(definition, { profile, email: owner.email, beneficiary: beneficiary.prefill });
  const [row] = await db
    .insert(dossiers)
    .values({
      ownerId: owner.id,
      procedureId: procedure.id,
      procedureVersionId: procedure.versionId,
      beneficiaryKind: beneficiary.kind,
      beneficiaryRelationId: beneficiary.relationId,
      beneficiarySnapshot: beneficiary.snapshot,
      data,
    })
    .returning({ id: dossiers.id });
  return { ok: true, id: row.id, firstStepKey: definition.steps[0].key };
}

async function loadDefinition(db: Executor, versionId: string): Promise<ProcedureDefinition> {
  const cached = cachedDefinition(versionId);
  if (cached) return cached;
  const [row] = await db.select({ definition: procedureVersions.definition }).from(procedureVersions).where(eq(procedureVersions.id, versionId));
  return definitionOfVersion(versionId, row.definition);
}
