import 'server-only';
import { and, asc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossiers, procedures, relations } from '@/db/schema';
import type { PostalAddress } from '@/db/schema/users';
import { recordAudit } from '@/lib/audit';
import {
  organisationSubtypeLabels,
  organisationSubtypes,
  personSubtypeNouns,
  personSubtypes,
  type OrganisationSubtype,
  type PersonSubtype,
  type RelationInput,
} from './schemas';
import { formatSiret } from './siret';
import { isUuid } from '@/lib/common/uuid';

export type { PostalAddress };

// "Mes relations": the people and organisations a citizen acts for. Every query is scoped by
// owner in its WHERE clause, so another citizen's id behaves exactly like an unknown one.

export type PersonRelation = {
  id: string;
  kind: 'person';
  subtype: PersonSubtype;
  civility: 'Madame' | 'Monsieur' | null;
  birthName: string;
  usageName: string | null;
  firstNames: string;
  birthDate: string | null;
  birthPlace: string | null;
  address: PostalAddress | null;
  updatedAt: Date;
};

export type OrganisationRelation = {
  id: string;
  kind: 'organisation';
  subtype: OrganisationSubtype;
  legalName: string;
  siret: string;
  /** The citizen's role in the organisation ("Présidente", "Gérant"…). */
  ownerRole: string | null;
  address: PostalAddress | null;
  updatedAt: Date;
};

export type Relation = PersonRelation | OrganisationRelation;

/** The frozen copy of a beneficiary kept in dossiers.beneficiarySnapshot: submitted data outlives edits and deletion. */
export type BeneficiarySnapshot =
  | (Omit<PersonRelation, 'id' | 'updatedAt'> & { relationId: string; label: string; lastName: string })
  | (Omit<OrganisationRelation, 'id' | 'updatedAt'> & { relationId: string; label: string });

export type DossierRef = { id: string; procedureTitle: string; number: string | null };
export type RelationUsage = { drafts: DossierRef[]; submitted: DossierRef[] };

export type DeleteRelationResult =
  | { ok: true; deletedDraftIds: string[]; keptSubmitted: number }
  | { ok: false; reason: 'not-found' }
  /** The drafts using the relation are not those the citizen confirmed (one was started or submitted meanwhile). */
  | { ok: false; reason: 'drafts-changed' };

// A malformed id would make PostgreSQL throw; it is simply "not found".

const columns = {
  id: relations.id,
  kind: relations.kind,
  subtype: relations.subtype,
  civility: relations.civility,
  birthName: relations.birthName,
  usageName: relations.usageName,
  firstNames: relations.firstNames,
  birthDate: relations.birthDate,
  birthPlace: relations.birthPlace,
  legalName: relations.legalName,
  siret: relations.siret,
  ownerRole: relations.ownerRole,
  address: relations.address,
  updatedAt: relations.updatedAt,
};

type Row = Pick<typeof relations.$inferSelect, keyof typeof columns>;

function owned(ownerId: string, id: string): SQL {
  return and(eq(relations.ownerId, ownerId), eq(relations.id, id))!;
}

/** Older rows (the demo seed) may say "M." or "Mme". */
function normalizeCivility(value: string | null): PersonRelation['civility'] {
  if (!value) return null;
  if (/^(madame|mme)$/i.test(value)) return 'Madame';
  if (/^(monsieur|m\.?)$/i.test(value)) return 'Monsieur';
  return null;
}

function toRelation(row: Row): Relation {
  if (row.kind === 'organisation') {
    return {
      id: row.id,
      kind: 'organisation',
      subtype: (organisationSubtypes as readonly string[]).includes(row.subtype) ? (row.subtype as OrganisationSubtype) : 'association',
      legalName: row.legalName ?? '',
      siret: row.siret ?? '',
      ownerRole: row.ownerRole,
      address: row.address,
      updatedAt: row.updatedAt,
    };
  }
  return {
    id: row.id,
    kind: 'person',
    subtype: (personSubtypes as readonly string[]).includes(row.subtype) ? (row.subtype as PersonSubtype) : 'other',
    civility: normalizeCivility(row.civility),
    birthName: row.birthName ?? '',
    usageName: row.usageName,
    firstNames: row.firstNames ?? '',
    birthDate: row.birthDate,
    birthPlace: row.birthPlace,
    address: row.address,
    updatedAt: row.updatedAt,
  };
}

function toColumns(input: RelationInput) {
  const address: PostalAddress | null = input.addressLine1
    ? {
        line1: input.addressLine1,
        ...(input.addressLine2 ? { line2: input.addressLine2 } : {}),
        postalCode: input.postalCode!,
        city: input.city!,
        country: 'France',
      }
    : null;
  const none = { civility: null, birthName: null, usageName: null, firstNames: null, birthDate: null, birthPlace: null, legalName: null, siret: null, ownerRole: null };
  if (input.kind === 'organisation') {
    return { ...none, kind: input.kind, subtype: input.subtype, legalName: input.legalName, siret: input.siret, ownerRole: input.ownerRole, address };
  }
  return {
    ...none,
    kind: input.kind,
    subtype: input.subtype,
    civility: input.civility ?? null,
    birthName: input.birthName,
    usageName: input.usageName ?? null,
    firstNames: input.firstNames,
    birthDate: input.birthDate,
    birthPlace: input.birthPlace ?? null,
    address,
  };
}

/** People first, then organisations, each in the order they were added. */
export async function listRelations(db: Executor, ownerId: string): Promise<Relation[]> {
  const rows = await db.select(columns).from(relations).where(eq(relations.ownerId, ownerId)).orderBy(asc(relations.kind), asc(relations.createdAt), asc(relations.id));
  return rows.map(toRelation);
}

/** null when the relation does not exist or belongs to someone else: the caller answers 404 either way. */
export async function getRelation(db: Executor, ownerId: string, id: string): Promise<Relation | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select(columns).from(relations).where(owned(ownerId, id));
  return row ? toRelation(row) : null;
}

export async function createRelation(db: Executor, ownerId: string, input: RelationInput): Promise<Relation> {
  const [row] = await db.insert(relations).values({ ownerId, ...toColumns(input) }).returning(columns);
  await recordAudit(db, { action: 'relation.created', actorId: ownerId, targetType: 'relation', targetId: row.id, meta: { kind: input.kind } });
  return toRelation(row);
}

/**
 * Returns false when there is no such relation of this kind for this owner. Submitted dossiers
 * are not touched: they carry their own snapshot of the beneficiary.
 */
export async function updateRelation(db: Executor, ownerId: string, id: string, input: RelationInput): Promise<boolean> {
  if (!isUuid(id)) return false;
  const updated = await db
    .update(relations)
    .set({ ...toColumns(input), updatedAt: sql`now()` })
    .where(and(owned(ownerId, id), eq(relations.kind, input.kind)))
    .returning({ id: relations.id });
  if (updated.length === 0) return false;
  await recordAudit(db, { action: 'relation.updated', actorId: ownerId, targetType: 'relation', targetId: id });
  return true;
}

/** The owner's dossiers whose beneficiary is this relation, drafts and submitted apart. */
export async function relationUsage(db: Executor, ownerId: string, id: string): Promise<RelationUsage> {
  if (!isUuid(id)) return { drafts: [], submitted: [] };
  const rows = await db
    .select({ id: dossiers.id, status: dossiers.status, number: dossiers.number, procedureTitle: procedures.title })
    .from(dossiers)
    .innerJoin(relations, and(eq(relations.id, dossiers.beneficiaryRelationId), eq(relations.ownerId, ownerId)))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(and(eq(dossiers.ownerId, ownerId), eq(dossiers.beneficiaryRelationId, id)))
    .orderBy(asc(dossiers.createdAt), asc(dossiers.id));
  const ref = (r: (typeof rows)[number]): DossierRef => ({ id: r.id, procedureTitle: r.procedureTitle, number: r.number });
  return { drafts: rows.filter((r) => r.status === 'draft').map(ref), submitted: rows.filter((r) => r.status !== 'draft').map(ref) };
}

class DraftsChangedError extends Error {}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/**
 * Deletes a relation in one transaction. Drafts filed for it are deleted with it, but only those the
 * citizen confirmed (`confirmedDraftIds`, listed on the confirmation page): if the drafts changed
 * meanwhile, nothing is deleted. Submitted dossiers keep their snapshot; the foreign key sets their
 * beneficiary_relation_id to NULL. The caller removes the deleted drafts' files afterwards.
 */
export async function deleteRelation(
  db: Executor,
  ownerId: string,
  id: string,
  options: { confirmedDraftIds?: string[] } = {},
): Promise<DeleteRelationResult> {
  if (!isUuid(id)) return { ok: false, reason: 'not-found' };
  try {
    return await db.transaction(async (tx) => {
      // The row lock makes a draft being started for this relation wait, then fail on the foreign key.
      const [row] = await tx.select(columns).from(relations).where(owned(ownerId, id)).for('update');
      if (!row) return { ok: false, reason: 'not-found' } as const;
      const usage = await relationUsage(tx, ownerId, id);
      const draftIds = usage.drafts.map((d) => d.id);
      if (!sameIds(draftIds, options.confirmedDraftIds ?? [])) return { ok: false, reason: 'drafts-changed' } as const;
      if (draftIds.length > 0) {
        const deleted = await tx
          .delete(dossiers)
          .where(and(eq(dossiers.ownerId, ownerId), eq(dossiers.status, 'draft'), inArray(dossiers.id, draftIds)))
          .returning({ id: dossiers.id });
        // A listed draft was submitted in between: roll back rather than delete half of what was confirmed.
        if (deleted.length !== draftIds.length) throw new DraftsChangedError();
      }
      // A submitted dossier must never lose its beneficiary: fill a missing snapshot before the link goes.
      await tx
        .update(dossiers)
        .set({ beneficiarySnapshot: toBeneficiarySnapshot(toRelation(row)) })
        .where(and(eq(dossiers.ownerId, ownerId), eq(dossiers.beneficiaryRelationId, id), ne(dossiers.status, 'draft'), isNull(dossiers.beneficiarySnapshot)));
      await tx.delete(relations).where(owned(ownerId, id));
      await recordAudit(tx, {
        action: 'relation.deleted',
        actorId: ownerId,
        targetType: 'relation',
        targetId: id,
        meta: { deletedDrafts: draftIds.length, keptSubmitted: usage.submitted.length },
      });
      return { ok: true, deletedDraftIds: draftIds, keptSubmitted: usage.submitted.length } as const;
    });
  } catch (error) {
    if (error instanceof DraftsChangedError) return { ok: false, reason: 'drafts-changed' };
    throw error;
  }
}

/** "Léo Durand (enfant)", "Association Les Amis du Parc (SIRET 421 039 587 00017)". */
export function describeRelation(relation: Relation): string {
  if (relation.kind === 'organisation') {
    return `${organisationSubtypeLabels[relation.subtype]} ${relation.legalName} (SIRET ${formatSiret(relation.siret)})`;
  }
  return `${relation.firstNames} ${relation.usageName ?? relation.birthName} (${personSubtypeNouns[relation.subtype]})`;
}

export function toBeneficiarySnapshot(relation: Relation): BeneficiarySnapshot {
  const label = describeRelation(relation);
  if (relation.kind === 'organisation') {
    const { id, updatedAt: _updatedAt, ...rest } = relation;
    return { ...rest, relationId: id, label };
  }
  const { id, updatedAt: _updatedAt, ...rest } = relation;
  return { ...rest, relationId: id, label, lastName: relation.usageName ?? relation.birthName };
}
