import 'server-only';
import { and, desc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossiers, procedureVersions, procedures } from '@/db/schema';
import type { Answers } from '@/lib/procedures/answers';
import { attachmentFilenames } from '@/lib/documents/attachments';
import { formatAnswer } from '@/lib/procedures/step-rules';
import type { ProcedureDefinition, Status } from '@/lib/procedures/definition';
import { beneficiaryLabelOf } from './beneficiary';
import { definitionOfVersion } from './definitions';
import { isDossierId } from './ids';

// Submitted dossiers as their owner sees them ("Mes demandes"), read through the frozen procedure
// version: its status labels and field labels, whatever was published since.

export type DossierStatusView = Pick<Status, 'key' | 'label' | 'tone' | 'final' | 'description'>;

export type SubmittedDossierSummary = {
  id: string;
  number: string;
  submittedAt: Date;
  procedure: { slug: string; title: string };
  beneficiaryLabel: string;
  status: DossierStatusView;
};

export type AnswerSection = { stepKey: string; title: string; items: { key: string; label: string; value: string }[] };

export type SubmittedDossierView = SubmittedDossierSummary & {
  /** Every answer with its label, step by step (steps without answers are left out). */
  answers: AnswerSection[];
  processingTime?: string;
};

const columns = {
  id: dossiers.id,
  number: dossiers.number,
  submittedAt: dossiers.submittedAt,
  status: dossiers.status,
  data: dossiers.data,
  beneficiaryKind: dossiers.beneficiaryKind,
  beneficiarySnapshot: dossiers.beneficiarySnapshot,
  versionId: procedureVersions.id,
  definition: procedureVersions.definition,
  slug: procedures.slug,
  title: procedures.title,
};

type Row = {
  id: string;
  number: string | null;
  submittedAt: Date | null;
  status: string;
  beneficiaryKind: 'self' | 'person' | 'organisation';
  beneficiarySnapshot: Record<string, unknown> | null;
  slug: string;
  title: string;
};

function submittedOf(ownerId: string) {
  return and(eq(dossiers.ownerId, ownerId), ne(dossiers.status, 'draft'), isNotNull(dossiers.number), isNotNull(dossiers.submittedAt));
}

/** "Mes demandes": the citizen's submitted dossiers, newest first, with their current status. */
export async function listSubmittedDossiers(db: Executor, ownerId: string): Promise<SubmittedDossierSummary[]> {
  const rows = await db
    .select(columns)
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(submittedOf(ownerId))
    .orderBy(desc(dossiers.submittedAt));
  return rows.map((row) => toSummary(row, definitionOfVersion(row.versionId, row.definition)));
}

/** One submitted dossier of the citizen, or null (not found, not theirs, or still a draft). */
export async function findSubmittedDossier(db: Executor, ownerId: string, dossierId: string): Promise<SubmittedDossierView | null> {
  if (!isDossierId(dossierId)) return null;
  const [row] = await db
    .select(columns)
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(and(eq(dossiers.id, dossierId), submittedOf(ownerId)));
  if (!row) return null;
  const definition = definitionOfVersion(row.versionId, row.definition);
  return {
    ...toSummary(row, definition),
    // File fields show the names of the attached files (on the page and in the PDF receipt).
    answers: describeAnswers(definition, row.data as Answers, await attachmentFilenames(db, ownerId, dossierId)),
    processingTime: definition.processingTime,
  };
}

function toSummary(row: Row, definition: ProcedureDefinition): SubmittedDossierSummary {
  return {
    id: row.id,
    number: row.number!,
    submittedAt: row.submittedAt!,
    procedure: { slug: row.slug, title: row.title },
    beneficiaryLabel: beneficiaryLabelOf(row.beneficiaryKind, row.beneficiarySnapshot),
    status: statusOf(definition, row.status),
  };
}

export function statusOf(definition: ProcedureDefinition, key: string): DossierStatusView {
  const status = definition.statuses.find((s) => s.key === key);
  // A key outside the frozen list should not happen; show it rather than hide the dossier.
  return status ? { key, label: status.label, tone: status.tone, final: status.final, description: status.description } : { key, label: key, tone: 'info', final: false };
}

export function describeAnswers(definition: ProcedureDefinition, data: Answers, fileNames?: Record<string, string>): AnswerSection[] {
  return definition.steps
    .map((step) => ({
      stepKey: step.key,
      title: step.title,
      items: step.fields
        .filter((field) => field.type !== 'info' && data[field.key] !== undefined && data[field.key] !== null)
        .map((field) => ({ key: field.key, label: field.label, value: formatAnswer(field, data[field.key], fileNames) })),
    }))
    .filter((section) => section.items.length > 0);
}
