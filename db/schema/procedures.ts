import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const procedures = pgTable(
  'procedures',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    title: text().notNull(),
    summary: text().notNull(),
    category: text().notNull(),
    published: boolean().notNull().default(false),
    // Opening and closing (decision 024): Paris days, not versioned, effective at once. From
    // closesAfter + 1 nobody may start; drafts may still be submitted up to graceUntil inclusive.
    opensOn: date({ mode: 'string' }),
    closesAfter: date({ mode: 'string' }),
    graceUntil: date({ mode: 'string' }),
    // Taken out of the catalogue (decision 024): hidden from the catalogue and "Commencer" refused,
    // whatever is published; drafts and dossiers already there carry on. Null: offered.
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('procedures_slug_unique').on(t.slug)],
);

// Immutable once published: a dossier points at the exact version it was filed with.
export const procedureVersions = pgTable(
  'procedure_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    procedureId: uuid()
      .notNull()
      .references(() => procedures.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    // Validated by lib/procedures/definition.ts before it is stored.
    definition: jsonb().notNull(),
    // Retention (lib/lifecycle/retention-rules.ts): months a closed dossier is kept after its final
    // status, and months an untouched draft is kept. Null means the portal's default.
    closedDossierRetentionMonths: integer(),
    draftRetentionMonths: integer(),
    publishedAt: timestamp({ withTimezone: true }),
    // Bumped by every save of the working version; a save names the revision it started from and
    // is refused when it changed meanwhile (decision 024). Unique per procedure, never reused.
    revision: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('procedure_versions_unique').on(t.procedureId, t.version), index('procedure_versions_procedure_idx').on(t.procedureId)],
);

export const procedureAccessGrants = pgTable(
  'agent_assignments',
  {
    agentId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    procedureId: uuid()
      .notNull()
      .references(() => procedures.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.procedureId] })],
);

// Every definition a working version has held, by revision: what changed since the revision a
// refused (stale) save started from is shown from here, and revisions are never reused (decision 024).
export const procedureRevisions = pgTable(
  'procedure_revisions',
  {
    procedureId: uuid()
      .notNull()
      .references(() => procedures.id, { onDelete: 'cascade' }),
    revision: integer().notNull(),
    version: integer().notNull(),
    definition: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.procedureId, t.revision] })],
);
