import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { procedureVersions, procedures } from './procedures';
import { relations } from './relations';
import { users } from './users';

export const beneficiaryKind = pgEnum('beneficiary_kind', ['self', 'person', 'organisation']);

export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    procedureId: uuid()
      .notNull()
      .references(() => procedures.id, { onDelete: 'restrict' }),
    procedureVersionId: uuid()
      .notNull()
      .references(() => procedureVersions.id, { onDelete: 'restrict' }),
    beneficiaryKind: beneficiaryKind().notNull().default('self'),
    // Kept while the relation exists; the snapshot below keeps submitted data intact after it is gone.
    beneficiaryRelationId: uuid().references(() => relations.id, { onDelete: 'set null' }),
    beneficiarySnapshot: jsonb().$type<Record<string, unknown>>(),
    // 'draft' until submitted, then a key of the procedure version's status list.
    status: text().notNull().default('draft'),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    // Optimistic concurrency: every save names the version it started from.
    version: integer().notNull().default(1),
    number: text(),
    submittedAt: timestamp({ withTimezone: true }),
    // When the owner was told this untouched draft would be deleted; a save after it (updatedAt
    // later) voids the warning, so the save code needs no change.
    retentionWarnedAt: timestamp({ withTimezone: true }),
    // Set at the citizen's first message or answer no agent has read yet; cleared when an agent
    // opens the dossier. Partial index below: the back-office count reads only marked rows.
    agentUnreadSince: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dossiers_number_unique').on(t.number),
    index('dossiers_owner_idx').on(t.ownerId, t.status),
    index('dossiers_procedure_idx').on(t.procedureId, t.status),
    index('dossiers_agent_unread_idx').on(t.procedureId, t.agentUnreadSince).where(sql`${t.agentUnreadSince} is not null`),
  ],
);

// Status history and timeline: every status change, submission, message and response is an event.
export const dossierEvents = pgTable(
  'dossier_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dossier_events_dossier_idx').on(t.dossierId, t.createdAt)],
);

// One row per year: readable numbers such as 2026-000123, assigned under a row lock.
export const dossierNumberCounters = pgTable('dossier_number_counters', {
  year: integer().primaryKey(),
  lastValue: integer().notNull().default(0),
});
