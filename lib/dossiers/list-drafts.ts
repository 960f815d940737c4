import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossiers, procedureVersions, procedures } from '@/db/schema';
import type { Answers } from '@/lib/procedures/answers';
import { beneficiaryLabelOf } from './beneficiary';
import { definitionOfVersion } from './definitions';
import { summarizeProgress, type DraftProgress } from './progress';

export type DraftSummary = {
  id: string;
  procedure: { slug: string; title: string };
  beneficiaryLabel: string;
  updatedAt: Date;
  progress: DraftProgress;
};

/** "Mes brouillons": the citizen's drafts, last saved first. */
export async function listDrafts(db: Executor, ownerId: string): Promise<DraftSummary[]> {
  const rows = await db
    .select({
      id: dossiers.id,
      data: dossiers.data,
      updatedAt: dossiers.updatedAt,
      beneficiaryKind: dossiers.beneficiaryKind,
      beneficiarySnapshot: dossiers.beneficiarySnapshot,
      versionId: procedureVersions.id,
      definition: procedureVersions.definition,
      slug: procedures.slug,
      title: procedures.title,
    })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(and(eq(dossiers.ownerId, ownerId), eq(dossiers.status, 'draft')))
    .orderBy(desc(dossiers.updatedAt));
  return rows.map((row) => ({
    id: row.id,
    procedure: { slug: row.slug, title: row.title },
    beneficiaryLabel: beneficiaryLabelOf(row.beneficiaryKind, row.beneficiarySnapshot),
    updatedAt: row.updatedAt,
    progress: summarizeProgress(definitionOfVersion(row.versionId, row.definition), row.data as Answers),
  }));
}
