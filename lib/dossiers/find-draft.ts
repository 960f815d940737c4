import type { Opening } from '@/lib/procedures/opening';
import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossiers, procedureVersions, procedures } from '@/db/schema';
import type { Answers } from '@/lib/procedures/answers';
import type { ProcedureDefinition } from '@/lib/procedures/definition';
import { beneficiaryLabelOf, type BeneficiaryChoice } from './beneficiary';
import { definitionOfVersion } from './definitions';
import { isDossierId } from './ids';
import { summarizeProgress, type DraftProgress } from './progress';

export type DraftView = {
  id: string;
  version: number;
  data: Answers;
  updatedAt: Date;
  procedure: { id: string; slug: string; title: string; opening: Opening; archived: boolean };
  definition: ProcedureDefinition;
  beneficiaryLabel: string;
};

const draftColumns = {
  id: dossiers.id,
  version: dossiers.version,
  data: dossiers.data,
  updatedAt: dossiers.updatedAt,
  beneficiaryKind: dossiers.beneficiaryKind,
  beneficiaryRelationId: dossiers.beneficiaryRelationId,
  beneficiarySnapshot: dossiers.beneficiarySnapshot,
  versionId: procedureVersions.id,
  definition: procedureVersions.definition,
  procedureId: procedures.id,
  slug: procedures.slug,
  title: procedures.title,
  opensOn: procedures.opensOn,
  closesAfter: procedures.closesAfter,
  graceUntil: procedures.graceUntil,
  archivedAt: procedures.archivedAt,
};

/** One of the citizen's drafts, or null when it does not exist, is not theirs or is already submitted. */
export async function findDraft(db: Executor, ownerId: string, dossierId: string): Promise<DraftView | null> {
  if (!isDossierId(dossierId)) return null;
  const [row] = await db
    .select(draftColumns)
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(and(eq(dossiers.id, dossierId), eq(dossiers.ownerId, ownerId), eq(dossiers.status, 'draft')));
  if (!row) return null;
  return {
    id: row.id,
    version: row.version,
    data: row.data as Answers,
    updatedAt: row.updatedAt,
    procedure: { id: row.procedureId, slug: row.slug, title: row.title, opening: { opensOn: row.opensOn, closesAfter: row.closesAfter, graceUntil: row.graceUntil }, archived: row.archivedAt !== null },
    definition: definitionOfVersion(row.versionId, row.definition),
    beneficiaryLabel: beneficiaryLabelOf(row.beneficiaryKind, row.beneficiarySnapshot),
  };
}

export type ProcedureDraft = {
  id: string;
  updatedAt: Date;
  beneficiary: BeneficiaryChoice;
  beneficiaryLabel: string;
  progress: DraftProgress;
};

/** The citizen's drafts of one procedure, newest first, for "Reprendre mon brouillon"; optionally for one beneficiary. */
export async function findDraftsOfProcedure(
  db: Executor,
  ownerId: string,
  procedureSlug: string,
  beneficiary?: BeneficiaryChoice,
): Promise<ProcedureDraft[]> {
  const rows = await db
    .select(draftColumns)
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(and(eq(dossiers.ownerId, ownerId), eq(dossiers.status, 'draft'), eq(procedures.slug, procedureSlug)))
    .orderBy(desc(dossiers.updatedAt));
  return rows
    .map((row) => ({
      id: row.id,
      updatedAt: row.updatedAt,
      beneficiary: choiceOf(row),
      beneficiaryLabel: beneficiaryLabelOf(row.beneficiaryKind, row.beneficiarySnapshot),
      progress: summarizeProgress(definitionOfVersion(row.versionId, row.definition), row.data as Answers),
    }))
    .filter((draft) => !beneficiary || sameBeneficiary(draft.beneficiary, beneficiary));
}

function choiceOf(row: { beneficiaryKind: 'self' | 'person' | 'organisation'; beneficiaryRelationId: string | null }): BeneficiaryChoice {
  // A draft whose relation was deleted keeps its snapshot; it matches no current choice.
  if (row.beneficiaryKind === 'self') return { kind: 'self' };
  return { kind: row.beneficiaryKind, relationId: row.beneficiaryRelationId ?? '' };
}

export function sameBeneficiary(a: BeneficiaryChoice, b: BeneficiaryChoice): boolean {
  if (a.kind === 'self' || b.kind === 'self') return a.kind === b.kind;
  return a.kind === b.kind && a.relationId === b.relationId && a.relationId !== '';
}
