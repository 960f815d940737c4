import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossierAttachments } from './documents';
import { dossiers } from './dossiers';
import { users } from './users';

// "À compléter": an agent asks the citizen for documents and/or a correction on a submitted
// dossier (docs/decisions/021-request-and-complete.md). Answered once: `answered_at` is set by a
// conditional update in the transaction that files the answer, and never changes afterwards.
// Or withdrawn by an agent while still open (`withdrawn_at`, the same kind of conditional update).
export const dossierRequests = pgTable(
  'dossier_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    askedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    // The correction asked, in the agent's words (null when only documents are asked).
    correction: text(),
    dueOn: date({ mode: 'string' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp({ withTimezone: true }),
    answerMessage: text(),
    // Withdrawn by an agent before any answer (asked by mistake, or no longer needed): closed
    // like an answered request, and an answer is then refused. At most one of the two is set.
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('dossier_requests_dossier_idx').on(t.dossierId, t.createdAt)],
);

/** One named document asked for; `attachment_id` is the file the citizen sent for it. */
export const dossierRequestItems = pgTable(
  'dossier_request_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => dossierRequests.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    label: text().notNull(),
    attachmentId: uuid().references(() => dossierAttachments.id, { onDelete: 'set null' }),
  },
  (t) => [index('dossier_request_items_request_idx').on(t.requestId, t.position)],
);
