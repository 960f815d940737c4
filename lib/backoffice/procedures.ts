import 'server-only';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { agentAssignments, dossiers, procedureVersions, procedures } from '@/db/schema';
import { definitionOfVersion } from '@/lib/dossiers/definitions';
import { isDossierId } from '@/lib/dossiers/ids';
import type { Status } from '@/lib/procedures/definition';
import { dossierScopeOf } from './rules';
import type { BackOfficeUser } from './scope';

// "Démarches" in the back office (read-only for now): the procedures in the user's scope, their
// published versions, and the statuses each version defines — what agents choose from.

export type ProcedureOverview = { id: string; title: string; published: boolean; latestVersion: number; submitted: number };

function procedureInScope(user: BackOfficeUser) {
  switch (dossierScopeOf(user.role)) {
    case 'all-procedures':
      return sql`true`;
    case 'assigned-procedures':
      return sql`exists (select 1 from ${agentAssignments} aa where aa.agent_id = ${user.id} and aa.procedure_id = ${procedures.id})`;
    case 'none':
      return sql`false`;
  }
}

// In the select list of a one-table query Drizzle writes columns without their table ("id"), which
// inside a subquery would name the subquery's own column: spell the outer one out.
const procedureIdRef = sql`${sql.identifier('procedures')}.${sql.identifier('id')}`;

export async function listProcedureOverviews(db: Executor, user: BackOfficeUser): Promise<ProcedureOverview[]> {
  const rows = await db
    .select({
      id: procedures.id,
      title: procedures.title,
      published: procedures.published,
      latestVersion: sql<number>`(select max(v.version) from ${procedureVersions} v where v.procedure_id = ${procedureIdRef})`.mapWith(Number),
      submitted: sql<number>`(select count(*) from ${dossiers} d where d.procedure_id = ${procedureIdRef} and d.status <> 'draft' and d.submitted_at is not null)`.mapWith(Number),
    })
    .from(procedures)
    .where(procedureInScope(user))
    .orderBy(asc(procedures.title));
  return rows.map((row) => ({ ...row, latestVersion: row.latestVersion || 0 }));
}

export type ProcedureVersionView = {
  version: number;
  publishedAt: Date | null;
  submitted: number;
  statuses: Pick<Status, 'key' | 'label' | 'tone' | 'final' | 'description'>[];
  steps: { key: string; title: string; fields: number }[];
};

export type ProcedureView = { id: string; title: string; slug: string; published: boolean; versions: ProcedureVersionView[] };

/** One procedure in scope with its versions, newest first; null when out of scope or unknown. */
export async function findProcedureInScope(db: Executor, user: BackOfficeUser, procedureId: string): Promise<ProcedureView | null> {
  if (!isDossierId(procedureId)) return null;
  const [procedure] = await db
    .select({ id: procedures.id, title: procedures.title, slug: procedures.slug, published: procedures.published })
    .from(procedures)
    .where(and(eq(procedures.id, procedureId), procedureInScope(user)));
  if (!procedure) return null;
  const versions = await db
    .select({ id: procedureVersions.id, version: procedureVersions.version, publishedAt: procedureVersions.publishedAt, definition: procedureVersions.definition })
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedureId))
    .orderBy(desc(procedureVersions.version));
  const counts = await db
    .select({ versionId: dossiers.procedureVersionId, n: count() })
    .from(dossiers)
    .where(and(eq(dossiers.procedureId, procedureId), sql`${dossiers.status} <> 'draft'`, sql`${dossiers.submittedAt} is not null`))
    .groupBy(dossiers.procedureVersionId);
  return {
    ...procedure,
    versions: versions.map((row) => {
      const definition = definitionOfVersion(row.id, row.definition);
      return {
        version: row.version,
        publishedAt: row.publishedAt,
        submitted: counts.find((c) => c.versionId === row.id)?.n ?? 0,
        statuses: definition.statuses.map(({ key, label, tone, final, description }) => ({ key, label, tone, final, description })),
        steps: definition.steps.map((step) => ({ key: step.key, title: step.title, fields: step.fields.filter((f) => f.type !== 'info').length })),
      };
    }),
  };
}
