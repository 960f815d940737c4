import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
