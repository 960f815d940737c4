import 'server-only';
import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '@/db/client';
import { dossiers, dossierTombstones } from '@/db/schema';
import { formatDay } from '@/lib/common/dates';
import type { Mailer } from '@/lib/mail';
import type { BlobStore } from '@/lib/storage';
import { draftDeletionWarningEmail } from './emails';
import { getRetentionDefaults, monthsAfter, RETENTION } from './retention-rules';

// The retention rules applied, once a day (lib/lifecycle/jobs.ts):
// - a draft untouched for its procedure version's draft period (6 months by default) is deleted,
//   but only once its owner was warned by email at least 15 days before, and has not saved since;
// - a dossier in a final status is deleted once its version's period after that status (2 years by
//   default) has passed, leaving a tombstone for agents (number, procedure, dates; nothing personal).
// Rows go first, in a transaction, then the files: a crash in between leaves orphan files, which
// the orphan sweeper deletes, never a row pointing at a missing file.

export type RetentionDependencies = { db: Database; store: BlobStore; mailer: Mailer; origin: string; portalName: string; now: Date };
export type RetentionCounts = { draftWarnings: number; draftsDeleted: number; dossiersDeleted: number; filesDeleted: number };

const BATCH = 200;

type DraftToWarn = { id: string; email: string; procedure: string; updated_at: Date | string; months: number };

function draftMonths(defaultMonths: number): SQL {
  return sql`make_interval(months => coalesce(v.draft_retention_months, ${defaultMonths}))`;
}

/** Drafts that reach their deletion date within 15 days and whose owner has not been warned since their last save. */
function findDraftsToWarn(db: Executor, now: Date, defaultMonths: number) {
  return queryRows<DraftToWarn>(
    db,
    sql`select d.id, u.email, p.title as procedure, d.updated_at, coalesce(v.draft_retention_months, ${defaultMonths})::int as months
        from dossiers d
        join procedure_versions v on v.id = d.procedure_version_id
        join procedures p on p.id = d.procedure_id
        join users u on u.id = d.owner_id
        where d.status = 'draft'
          and d.updated_at + ${draftMonths(defaultMonths)} <= ${now.toISOString()}::timestamptz + make_interval(days => ${RETENTION.draftWarningDays})
          and (d.retention_warned_at is null or d.retention_warned_at < d.updated_at)
        order by d.updated_at limit ${BATCH}`,
  );
}

/** Drafts past their period, warned at least 15 days ago and untouched since the warning. */
function findDraftsToDelete(db: Executor, now: Date, defaultMonths: number) {
  return queryRows<{ id: string }>(
    db,
    sql`select d.id from dossiers d join procedure_versions v on v.id = d.procedure_version_id
        where d.status = 'draft'
          and d.updated_at + ${draftMonths(defaultMonths)} <= ${now.toISOString()}::timestamptz
          and d.retention_warned_at >= d.updated_at
          and d.retention_warned_at <= ${now.toISOString()}::timestamptz - make_interval(days => ${RETENTION.draftWarningDays})
        order by d.updated_at limit ${BATCH}`,
  );
}

type ClosedDossier = { id: string; number: string; status: string; submitted_at: Date | string | null; procedure_id: string; procedure_title: string; closed_at: Date | string };

/** Final status keys of every version that has submitted dossiers, read loosely from the definition. */
async function findFinalStatuses(db: Executor): Promise<Map<string, string[]>> {
  const rows = await queryRows<{ id: string; definition: unknown }>(
    db,
    sql`select v.id, v.definition from procedure_versions v where exists (select 1 from dossiers d where d.procedure_version_id = v.id and d.status <> 'draft')`,
  );
  const finals = new Map<string, string[]>();
  for (const row of rows) {
    const definition = (typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition) as { statuses?: { key?: unknown; final?: unknown }[] };
    const keys = (definition?.statuses ?? []).filter((s) => s.final === true && typeof s.key === 'string').map((s) => s.key as string);
    if (keys.length > 0) finals.set(row.id, keys);
  }
  return finals;
}

function findClosedDossiersToDelete(db: Executor, now: Date, versionId: string, finalKeys: string[], defaultMonths: number) {
  return queryRows<ClosedDossier>(
    db,
    sql`select d.id, d.number, d.status, d.submitted_at, p.id as procedure_id, p.title as procedure_title, closed.at as closed_at
        from dossiers d
        join procedures p on p.id = d.procedure_id
        join procedure_versions v on v.id = d.procedure_version_id
        cross join lateral (
          select coalesce(max(e.created_at), d.updated_at) as at from dossier_events e where e.dossier_id = d.id and e.to_status = d.status
        ) closed
        where d.procedure_version_id = ${versionId}
          and d.number is not null
          and d.status in (${sql.join(finalKeys.map((k) => sql`${k}`), sql`, `)})
          and closed.at + make_interval(months => coalesce(v.closed_dossier_retention_months, ${defaultMonths})) <= ${now.toISOString()}::timestamptz
        order by closed.at limit ${BATCH}`,
  );
}

const toDate = (value: Date | string | null) => (value === null ? null : new Date(value));

async function warnDraftOwners(deps: RetentionDependencies, defaultMonths: number): Promise<number> {
  let warned = 0;
  for (const draft of await findDraftsToWarn(deps.db, deps.now, defaultMonths)) {
    // Never less than 15 days' notice, even when the job did not run for a while.
    const due = monthsAfter(new Date(draft.updated_at), draft.months);
    const earliest = new Date(deps.now.getTime() + RETENTION.draftWarningDays * 24 * 3600 * 1000);
    const deletionDate = due < earliest ? earliest : due;
    await deps.mailer.send(
      draftDeletionWarningEmail({
        to: draft.email,
        origin: deps.origin,
        portalName: deps.portalName,
        procedure: draft.procedure,
        deletionDay: formatDay(deletionDate),
        draftId: draft.id,
      }),
      { idempotencyKey: `draft-warning/${draft.id}/${new Date(draft.updated_at).getTime()}` },
    );
    // Recorded only once the email is sent: a failed send is tried again on the next run.
    await deps.db.update(dossiers).set({ retentionWarnedAt: deps.now }).where(eq(dossiers.id, draft.id));
    warned++;
  }
  return warned;
}

async function deleteFilesOf(store: BlobStore, ids: string[]): Promise<number> {
  let files = 0;
  for (const id of ids) files += await store.deletePrefix(`dossiers/${id}/`);
  return files;
}

async function deleteExpiredDrafts(deps: RetentionDependencies, defaultMonths: number, counts: RetentionCounts) {
  for (;;) {
    const ids = (await findDraftsToDelete(deps.db, deps.now, defaultMonths)).map((d) => d.id);
    if (ids.length === 0) return;
    // The same conditions again in the DELETE: a save that lands between the select and here wins.
    const deleted = await queryRows<{ id: string }>(
      deps.db,
      sql`delete from dossiers d where d.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) and d.status = 'draft'
          and d.retention_warned_at >= d.updated_at returning d.id`,
    );
    counts.draftsDeleted += deleted.length;
    counts.filesDeleted += await deleteFilesOf(deps.store, deleted.map((d) => d.id));
    if (ids.length < BATCH) return;
  }
}

async function deleteClosedDossiers(deps: RetentionDependencies, defaultMonths: number, counts: RetentionCounts) {
  for (const [versionId, finalKeys] of await findFinalStatuses(deps.db)) {
    for (;;) {
      const closed = await findClosedDossiersToDelete(deps.db, deps.now, versionId, finalKeys, defaultMonths);
      if (closed.length === 0) break;
      await deps.db.transaction(async (tx) => {
        await tx.insert(dossierTombstones).values(
          closed.map((d) => ({
            dossierId: d.id,
            number: d.number,
            procedureId: d.procedure_id,
            procedureTitle: d.procedure_title,
            finalStatus: d.status,
            submittedAt: toDate(d.submitted_at),
            closedAt: toDate(d.closed_at),
            reason: 'retention',
            deletedAt: deps.now,
          })),
        );
        await queryRows(tx, sql`delete from dossiers where id in (${sql.join(closed.map((d) => sql`${d.id}`), sql`, `)}) returning id`);
      });
      counts.dossiersDeleted += closed.length;
      counts.filesDeleted += await deleteFilesOf(deps.store, closed.map((d) => d.id));
      if (closed.length < BATCH) break;
    }
  }
}

export async function applyRetention(deps: RetentionDependencies): Promise<RetentionCounts> {
  const defaults = getRetentionDefaults();
  const counts: RetentionCounts = { draftWarnings: 0, draftsDeleted: 0, dossiersDeleted: 0, filesDeleted: 0 };
  // Deletion first: a draft warned today cannot be deleted today anyway (15 days' notice).
  await deleteExpiredDrafts(deps, defaults.draftMonths, counts);
  counts.draftWarnings = await warnDraftOwners(deps, defaults.draftMonths);
  await deleteClosedDossiers(deps, defaults.closedDossierMonths, counts);
  return counts;
}
