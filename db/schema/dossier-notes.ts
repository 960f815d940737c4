import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from './dossiers';
import { users } from './users';

// Private notes of the agents on a dossier ("notes internes"). Never read by a citizen-facing
// query: the citizen's pages, receipt, emails and data export select from other tables only.
export const dossierNotes = pgTable(
  'dossier_notes',
  {
    id: uuid().primaryKey().defaultRandom(),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dossier_notes_dossier_idx').on(t.dossierId, t.createdAt)],
);
