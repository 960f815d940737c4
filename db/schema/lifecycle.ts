import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { procedures } from './procedures';

// Data lifecycle: what the daily maintenance jobs need to run once and to leave a trace.

// One holder at a time per maintenance job, across every instance: a run takes the lease, and a
// crashed holder's lease expires so the next run is not blocked for ever.
export const maintenanceLeases = pgTable('maintenance_leases', {
  job: text().primaryKey(),
  holder: text().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});

// What agents still see of a dossier deleted at the end of its retention period (or with its
// owner's account): its number, its procedure and its dates. No answers, no name, no file.
export const dossierTombstones = pgTable(
  'dossier_tombstones',
  {
    id: uuid().primaryKey().defaultRandom(),
    // The deleted dossier's id (no foreign key: the row is gone), so its old back-office link still answers.
    dossierId: uuid(),
    number: text().notNull(),
    procedureId: uuid().references(() => procedures.id, { onDelete: 'set null' }),
    procedureTitle: text().notNull(),
    finalStatus: text(),
    submittedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    // 'retention' (end of the retention period) or 'account_deleted'.
    reason: text().notNull(),
    deletedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dossier_tombstones_procedure_idx').on(t.procedureId, t.deletedAt), index('dossier_tombstones_number_idx').on(t.number), index('dossier_tombstones_dossier_idx').on(t.dossierId)],
);
