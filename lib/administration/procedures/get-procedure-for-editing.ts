import 'server-only';
import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { dossiers, procedureVersions, procedures } from '@/db/schema';
import { assertAdmin, type AdminActor } from '@/lib/administration/admin-actor';
import { describeDefinitionChanges } from './definition-diff';
import { parseDefinition, type ProcedureDefinition } from '@/lib/procedures/definition';

export type VersionSummary = { version: number; publishedAt: Date | null; submittedCount: number; draftCount: number };

export type ProcedureEditing = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  category: string;
  opensOn: string | null;
  closesAfter: string | null;
  graceUntil: string | null;
  inCatalogue: boolean;
  /** Taken out of the catalogue ("Archiver"); `inCatalogue` is then false. */
  archived: boolean;
  versions: VersionSummary[];
  currentVersion: number | null;
  /** The version being edited: the draft when there is one, else the current one (a save creates the draft). */
  working: {
    isDraft: boolean;
    version: number;
    definition: ProcedureDefinition;
    /** The stored JSON, as the advanced editor shows it. */
    json: string;
    revision: number;
  };
  /** What publishing the draft would change from the current version (empty without a draft). */
  changesToPublish: string[];
  /** Submitted dossiers per status key, all versions together. */
  statusUsage: Record<string, number>;
};

export async function getProcedureForEditing(db: Database, actor: AdminActor, procedureId: string): Promise<ProcedureEditing | null> {
  await assertAdmin(db, actor);
  const [procedure] = await db.select().from(procedures).where(eq(procedures.id, procedureId));
  if (!procedure) return null;
  const versions = await db
    .select({
      id: procedureVersions.id,
      version: procedureVersions.version,
      publishedAt: procedureVersions.publishedAt,
      definition: procedureVersions.definition,
      revision: procedureVersions.revision,
      submittedCount: sql<number>`(select count(*) from dossiers d where d.procedure_version_id = procedure_versions.id and d.status <> 'draft')`,
      draftCount: sql<number>`(select count(*) from dossiers d where d.procedure_version_id = procedure_versions.id and d.status = 'draft')`,
    })
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedureId))
    .orderBy(asc(procedureVersions.version));
  const published = versions.filter((v) => v.publishedAt);
  const current = published[published.length - 1] ?? null;
  const draft = versions.find((v) => !v.publishedAt) ?? null;
  const working = draft ?? current;
  if (!working) return null;
  const usage = await db
    .select({ status: dossiers.status, count: count() })
    .from(dossiers)
    .where(and(eq(dossiers.procedureId, procedureId), ne(dossiers.status, 'draft')))
    .groupBy(dossiers.status);
  return {
    id: procedure.id,
    slug: procedure.slug,
    title: procedure.title,
    summary: procedure.summary,
    category: procedure.category,
    opensOn: procedure.opensOn,
    closesAfter: procedure.closesAfter,
    graceUntil: procedure.graceUntil,
    inCatalogue: procedure.published && !!current && procedure.archivedAt === null,
    archived: procedure.archivedAt !== null,
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, submittedCount: Number(v.submittedCount), draftCount: Number(v.draftCount) })),
    currentVersion: current?.version ?? null,
    working: {
      isDraft: !!draft,
      version: draft ? draft.version : current!.version,
      definition: parseDefinition(working.definition),
      json: JSON.stringify(working.definition, null, 2),
      revision: working.revision,
    },
    changesToPublish: draft ? describeDefinitionChanges(current?.definition ?? null, draft.definition) : [],
    statusUsage: Object.fromEntries(usage.map((u) => [u.status, Number(u.count)])),
  };
}
