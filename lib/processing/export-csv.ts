import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '@/db/client';
import { dossiers, procedureAccessGrants, procedureVersions, procedures, profiles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { beneficiaryLabelOf } from '@/lib/dossiers/beneficiary';
import { definitionOfVersion } from '@/lib/dossiers/definitions';
import { formatAnswer } from '@/lib/procedures/compile-step';
import type { Field, ProcedureDefinition } from '@/lib/procedures/definition';
import type { Answers } from '@/lib/procedures/answers';
import { formatDateTime } from '@/lib/common/dates';
import { beneficiaryLabelForAgents } from './labels';
import { dossierScopeOf } from './rules';
import { csvLine } from './csv';
import { cursorCondition, cursorKey, orderOf, personNameSql, queueConditions, queueScope, type QueueScope } from './queue';
import type { DossierListQuery } from './schemas';
import type { BackOfficeUser } from './scope';

// CSV of the filtered queue of ONE procedure (decision 022): read in keyset batches, each batch
// fetched only when the response stream asks for more, so memory stays flat whatever the count.

const BATCH = 500;
const FIXED_HEADERS = ['Numéro', 'Statut', 'Déposé le', 'Dernière activité', 'Bénéficiaire', 'Déposé par', 'Attribué à'];

const assignee = alias(users, 'assignee');
const assigneeProfile = alias(profiles, 'assignee_profile');

type Column = { key: string; label: string };

/** One column per field of the procedure's versions (newest version's order, then fields only older versions had). */
function columnsOf(definitions: ProcedureDefinition[]): Column[] {
  const columns = new Map<string, Column>();
  for (const definition of definitions) {
    for (const field of definition.steps.flatMap((step) => step.fields)) {
      if (field.type !== 'info' && !columns.has(field.key)) columns.set(field.key, { key: field.key, label: field.label });
    }
  }
  return [...columns.values()];
}

/** Same rule as dossiersInScope: an administrator reaches every procedure, an agent the granted ones. */
async function procedureInScope(db: Database, user: BackOfficeUser, procedureId: string): Promise<boolean> {
  const scope = dossierScopeOf(user.role);
  if (scope === 'all-procedures') return true;
  if (scope === 'none') return false;
  const [grant] = await db
    .select({ agentId: procedureAccessGrants.agentId })
    .from(procedureAccessGrants)
    .where(and(eq(procedureAccessGrants.agentId, user.id), eq(procedureAccessGrants.procedureId, procedureId)));
  return !!grant;
}

export type QueueExport = { filename: string; stream: ReadableStream<Uint8Array> };

/**
 * The export of the queue as filtered, or null when no procedure is chosen or it is out of the
 * user's scope (the route answers 404). The audit entry is written before the first byte.
 */
export async function exportQueueCsv(db: Database, user: BackOfficeUser, query: DossierListQuery): Promise<QueueExport | null> {
  if (!query.procedure) return null;
  const [procedure] = await db.select({ id: procedures.id, title: procedures.title }).from(procedures).where(eq(procedures.id, query.procedure));
  if (!procedure) return null;
  if (!(await procedureInScope(db, user, procedure.id))) return null;
  const versions = await db
    .select({ id: procedureVersions.id, definition: procedureVersions.definition })
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedure.id))
    .orderBy(desc(procedureVersions.version));
  const definitions = new Map(versions.map((v) => [v.id, definitionOfVersion(v.id, v.definition)]));
  const columns = columnsOf([...definitions.values()]);
  // Built once per version, not once per row: 100,000 rows would otherwise make 100,000 maps of garbage.
  const fieldsByVersion = new Map([...definitions].map(([id, definition]) => [id, new Map(definition.steps.flatMap((step) => step.fields).map((f) => [f.key, f] as [string, Field]))]));

  await recordAudit(db, {
    action: 'backoffice.queue_exported',
    actorId: user.id,
    targetType: 'procedure',
    targetId: procedure.id,
    // The filters, never the searched name.
    meta: { status: query.status ?? null, from: query.du ?? null, to: query.au ?? null, assignment: query.attribution ?? null, withSearch: !!query.q, sort: query.tri },
  });

  const scope = await queueScope(db, user);
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // The BOM makes spreadsheet software read UTF-8 (accents) rather than the local code page.
        controller.enqueue(encoder.encode(`\uFEFF${csvLine([...FIXED_HEADERS, ...columns.map((c) => c.label)])}`));
        return;
      }
      if (done) return controller.close();
      const rows = await readBatch(db, scope, user, { ...query, apres: cursor });
      let chunk = '';
      for (const row of rows) {
        const definition = definitions.get(row.versionId);
        const fields = fieldsByVersion.get(row.versionId) ?? new Map<string, Field>();
        const data = row.data as Answers;
        chunk += csvLine([
          row.number ?? '',
          definition?.statuses.find((s) => s.key === row.status)?.label ?? row.status,
          row.submittedAt ? formatDateTime(row.submittedAt) : '',
          row.lastActivityAt ? formatDateTime(row.lastActivityAt) : '',
          beneficiaryLabelForAgents(row.beneficiaryKind, beneficiaryLabelOf(row.beneficiaryKind, row.beneficiarySnapshot)),
          row.filedBy ?? '',
          row.assigneeName ?? '',
          ...columns.map((column) => {
            const field = fields.get(column.key);
            const value = data[column.key];
            return field && value !== undefined && value !== null ? formatAnswer(field, value) : '';
          }),
        ]);
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      const last = rows.at(-1);
      if (rows.length < BATCH || !last) done = true;
      else cursor = `${last.cursorKey}~${last.id}`;
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return { filename: `dossiers-${day}.csv`, stream };
}

async function readBatch(db: Database, scope: QueueScope, user: BackOfficeUser, query: DossierListQuery) {
  return db
    .select({
      id: dossiers.id,
      number: dossiers.number,
      status: dossiers.status,
      data: dossiers.data,
      submittedAt: dossiers.submittedAt,
      lastActivityAt: dossiers.lastActivityAt,
      cursorKey: cursorKey(query.tri),
      beneficiaryKind: dossiers.beneficiaryKind,
      beneficiarySnapshot: dossiers.beneficiarySnapshot,
      versionId: dossiers.procedureVersionId,
      filedBy: personNameSql(profiles),
      assigneeName: personNameSql(assigneeProfile, assignee),
    })
    .from(dossiers)
    .leftJoin(profiles, eq(profiles.userId, dossiers.ownerId))
    .leftJoin(assignee, eq(assignee.id, dossiers.assigneeId))
    .leftJoin(assigneeProfile, eq(assigneeProfile.userId, dossiers.assigneeId))
    .where(and(queueConditions(scope, user, query), cursorCondition(query)))
    .orderBy(...orderOf(query))
    .limit(BATCH);
}
