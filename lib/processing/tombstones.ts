import 'server-only';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossierTombstones } from '@/db/schema';
import { isDossierId } from '@/lib/dossiers/ids';
import { dossierScopeOf } from './rules';
import type { BackOfficeUser } from './scope';

// What agents see of a deleted dossier (lib/lifecycle/tombstones.ts writes them): number,
// procedure, dates and why it was deleted. Never a name, an answer or a file.

export type TombstoneView = {
  id: string;
  number: string;
  procedureTitle: string;
  submittedAt: Date | null;
  deletedAt: Date;
  reason: 'account_deleted' | 'retention';
};

/** Same scope as live dossiers: an agent sees the tombstones of the procedures granted to them. */
function tombstonesInScope(user: BackOfficeUser): SQL {
  switch (dossierScopeOf(user.role)) {
    case 'all-procedures':
      return sql`true`;
    case 'granted-procedures':
      return sql`exists (select 1 from agent_assignments aa where aa.agent_id = ${user.id} and aa.procedure_id = ${dossierTombstones.procedureId})`;
    case 'none':
      return sql`false`;
  }
}

const columns = {
  id: dossierTombstones.id,
  number: dossierTombstones.number,
  procedureTitle: dossierTombstones.procedureTitle,
  submittedAt: dossierTombstones.submittedAt,
  deletedAt: dossierTombstones.deletedAt,
  reason: dossierTombstones.reason,
};

const asView = (row: { reason: string } & Omit<TombstoneView, 'reason'>): TombstoneView => ({
  ...row,
  reason: row.reason === 'retention' ? 'retention' : 'account_deleted',
});

/** Deleted dossiers with this exact number (the queue's search by number). */
export async function findTombstonesByNumber(db: Executor, user: BackOfficeUser, number: string): Promise<TombstoneView[]> {
  const rows = await db
    .select(columns)
    .from(dossierTombstones)
    .where(and(eq(dossierTombstones.number, number), tombstonesInScope(user)))
    .orderBy(desc(dossierTombstones.deletedAt))
    .limit(5);
  return rows.map(asView);
}

/** The tombstone left by a deleted dossier, by the dossier's old id or by the tombstone's own id. */
export async function findTombstoneInScope(db: Executor, user: BackOfficeUser, id: string): Promise<TombstoneView | null> {
  if (!isDossierId(id)) return null;
  const [row] = await db
    .select(columns)
    .from(dossierTombstones)
    .where(and(sql`(${dossierTombstones.dossierId} = ${id} or ${dossierTombstones.id} = ${id})`, tombstonesInScope(user)))
    .orderBy(desc(dossierTombstones.deletedAt))
    .limit(1);
  return row ? asView(row) : null;
}
