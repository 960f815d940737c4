import 'server-only';
import type { Executor } from '@/db/client';
import { getProfile, type ProfileView } from '@/lib/accounts/profile';
import type { Beneficiary, ProcedureDefinition } from '@/lib/procedures/definition';
import { lastNameOf, type PrefillBeneficiary } from '@/lib/procedures/prefill';
import { isAllowedBeneficiary } from './beneficiary-rules';
import { getRelation, toBeneficiarySnapshot, type Relation } from '@/lib/relations/relations';

// Whom a dossier is for. The snapshot is stored on the dossier and refreshed at submission, so
// a submitted dossier keeps its beneficiary's identity even if the relation is later deleted.

export type BeneficiaryChoice = { kind: 'self' } | { kind: 'person' | 'organisation'; relationId: string };

export type ResolvedBeneficiary = {
  kind: Beneficiary;
  relationId: string | null;
  /** "Léo Paul Durand (enfant)", "Camille Durand (vous-même)". */
  label: string;
  snapshot: Record<string, unknown>;
  prefill: PrefillBeneficiary;
};

export type ResolveBeneficiaryResult = { ok: true; beneficiary: ResolvedBeneficiary } | { ok: false; reason: 'not-found' | 'beneficiary-not-allowed' };

/** Checks the choice against the definition and the owner's relations, and describes the beneficiary. */
export async function resolveBeneficiary(
  db: Executor,
  ownerId: string,
  definition: ProcedureDefinition,
  choice: BeneficiaryChoice,
  profile: ProfileView | null,
): Promise<ResolveBeneficiaryResult> {
  if (!definition.beneficiaries.includes(choice.kind)) return { ok: false, reason: 'beneficiary-not-allowed' };
  if (choice.kind === 'self') return { ok: true, beneficiary: describeSelf(profile) };
  const relation = await getRelation(db, ownerId, choice.relationId);
  // A relation of the other kind is not the one the form offered: same answer as an unknown id.
  if (!relation || relation.kind !== choice.kind) return { ok: false, reason: 'not-found' };
  if (!isAllowedBeneficiary(definition, relation)) return { ok: false, reason: 'beneficiary-not-allowed' };
  return { ok: true, beneficiary: describeRelationBeneficiary(relation) };
}

/** At submission: the beneficiary as they are now; the stored snapshot when the relation is gone. */
export async function refreshBeneficiarySnapshot(
  db: Executor,
  ownerId: string,
  dossier: { beneficiaryKind: Beneficiary; beneficiaryRelationId: string | null; beneficiarySnapshot: Record<string, unknown> | null },
): Promise<Record<string, unknown> | null> {
  if (dossier.beneficiaryKind === 'self') return describeSelf(await getProfile(db, ownerId)).snapshot;
  if (!dossier.beneficiaryRelationId) return dossier.beneficiarySnapshot;
  const relation = await getRelation(db, ownerId, dossier.beneficiaryRelationId);
  return relation ? describeRelationBeneficiary(relation).snapshot : dossier.beneficiarySnapshot;
}

/** The label stored in a snapshot, with a fallback for snapshots written without one. */
export function beneficiaryLabelOf(kind: Beneficiary, snapshot: Record<string, unknown> | null): string {
  if (typeof snapshot?.label === 'string' && snapshot.label) return snapshot.label;
  return kind === 'self' ? 'Vous-même' : kind === 'person' ? 'Un proche' : 'Une organisation';
}

function describeSelf(profile: ProfileView | null): ResolvedBeneficiary {
  const name = [profile?.firstNames, profile ? lastNameOf(profile) : null].filter(Boolean).join(' ');
  const label = name ? `${name} (vous-même)` : 'Vous-même';
  const address = profile?.addressLine1
    ? { line1: profile.addressLine1, line2: profile.addressLine2 ?? undefined, postalCode: profile.postalCode ?? '', city: profile.city ?? '' }
    : null;
  const prefill: PrefillBeneficiary = {
    birthName: profile?.birthName,
    usageName: profile?.usageName,
    firstNames: profile?.firstNames,
    birthDate: profile?.birthDate,
    birthPlace: profile?.birthPlace,
    address,
  };
  return { kind: 'self', relationId: null, label, prefill, snapshot: { kind: 'self', label, civility: profile?.civility ?? null, ...prefill } };
}

function describeRelationBeneficiary(relation: Relation): ResolvedBeneficiary {
  const prefill: PrefillBeneficiary =
    relation.kind === 'person'
      ? {
          birthName: relation.birthName,
          usageName: relation.usageName,
          firstNames: relation.firstNames,
          birthDate: relation.birthDate,
          birthPlace: relation.birthPlace,
          address: relation.address,
        }
      : { legalName: relation.legalName, siret: relation.siret, address: relation.address };
  const snapshot = toBeneficiarySnapshot(relation);
  return { kind: relation.kind, relationId: relation.id, label: snapshot.label, prefill, snapshot: { ...snapshot, kind: relation.kind } };
}
