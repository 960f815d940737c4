import { bigint, date, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from './dossiers';
import { messages } from './messages';
import { users } from './users';

// The citizen's private locker (Porte-documents): no agent query ever reads this table.
export const lockerDocuments = pgTable(
  'locker_documents',
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    filename: text().notNull(),
    mimeType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    // What the citizen says of the document (lib/documents/validity.ts); null for older rows.
    kind: text(),
    issuedOn: date({ mode: 'string' }),
    expiresOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('locker_documents_owner_idx').on(t.ownerId)],
);

// supporting: filed with the dossier; response: the administration's answer; request_answer: sent by
// the citizen to answer a request for documents (dossier_request_items); message: joined to a message.
export const attachmentKind = pgEnum('attachment_kind', ['supporting', 'response', 'request_answer', 'message']);

// A copy owned by the dossier: deleting the locker original never changes a submitted dossier.
export const dossierAttachments = pgTable(
  'dossier_attachments',
  {
    id: uuid().primaryKey().defaultRandom(),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    kind: attachmentKind().notNull().default('supporting'),
    fieldKey: text(),
    filename: text().notNull(),
    mimeType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    // The message this file is joined to (kind 'message').
    messageId: uuid().references(() => messages.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dossier_attachments_dossier_idx').on(t.dossierId)],
);
