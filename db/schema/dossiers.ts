import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { procedureVersions, procedures } from './procedures';
import { relations } from './relations';
import { users } from './users';

/** A PostgreSQL tsvector, read and written by SQL only (the search triggers); never mapped in TypeScript. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

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
    // The agent who took or was given the dossier (back-office queue); null: not assigned.
    assigneeId: uuid().references(() => users.id, { onDelete: 'set null' }),
    // Last timeline event (submission, status change, message, response, assignment), kept by a
    // trigger on dossier_events (migration 0006_queue-triggers): the queue's "dernière activité" sort.
    lastActivityAt: timestamp({ withTimezone: true }),
    // The search words of a numbered dossier (the same as dossier_search_terms) as lexemes, kept by
    // the search triggers (migration 0010_search-vector): a name search of several common words
    // intersects their GIN posting lists (decision 022).
    searchVector: tsvector(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dossiers_number_unique').on(t.number),
    index('dossiers_owner_idx').on(t.ownerId, t.status),
    index('dossiers_procedure_idx').on(t.procedureId, t.status),
    index('dossiers_agent_unread_idx').on(t.procedureId, t.agentUnreadSince).where(sql`${t.agentUnreadSince} is not null`),
    // Back-office queue (keyset pagination): newest submitted / latest activity first, per procedure and status.
    index('dossiers_queue_submitted_idx').on(t.submittedAt.desc(), t.id.desc()).where(sql`number is not null`),
    index('dossiers_queue_procedure_submitted_idx').on(t.procedureId, t.submittedAt.desc(), t.id.desc()).where(sql`number is not null`),
    index('dossiers_queue_procedure_status_submitted_idx').on(t.procedureId, t.status, t.submittedAt.desc(), t.id.desc()).where(sql`number is not null`),
    index('dossiers_queue_activity_idx').on(t.lastActivityAt.desc(), t.id.desc()).where(sql`number is not null`),
    index('dossiers_queue_procedure_activity_idx').on(t.procedureId, t.lastActivityAt.desc(), t.id.desc()).where(sql`number is not null`),
    index('dossiers_assignee_idx').on(t.assigneeId, t.submittedAt.desc()),
    index('dossiers_search_vector_idx').using('gin', t.searchVector),
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

// Search words of a submitted dossier (its number, the beneficiary's and the account holder's
// names), folded to lower case without accents, one row per word; kept by triggers (migration
// 0003). A prefix search (`term like 'dur%'`) walks the text_pattern_ops index: no unaccent nor
// pg_trgm needed, so the same migration runs on PostgreSQL and PGlite (decision 022).
export const dossierSearchTerms = pgTable(
  'dossier_search_terms',
  {
    term: text().notNull(),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.term, t.dossierId] }),
    index('dossier_search_terms_prefix_idx').on(t.term.op('text_pattern_ops'), t.dossierId),
    index('dossier_search_terms_dossier_idx').on(t.dossierId),
  ],
);

// How many submitted dossiers each procedure holds per status, kept by a trigger on dossiers
// (migration 0009_queue-counts): the queue's counts per status read a handful of rows instead of
// counting hundreds of thousands (decision 022). Rows may stay at n = 0; readers skip them.
export const queueStatusCounts = pgTable(
  'queue_status_counts',
  {
    procedureId: uuid()
      .notNull()
      .references(() => procedures.id, { onDelete: 'cascade' }),
    status: text().notNull(),
    n: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.procedureId, t.status] })],
);
