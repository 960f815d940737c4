import { index, jsonb, pgEnum, pgTable, text, date, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users, type PostalAddress } from './users';

export const relationKind = pgEnum('relation_kind', ['person', 'organisation']);

export const relations = pgTable(
  'relations',
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: relationKind().notNull(),
    // person: child | spouse | parent | other; organisation: association | company
    subtype: text().notNull(),
    civility: text(),
    birthName: text(),
    usageName: text(),
    firstNames: text(),
    birthDate: date({ mode: 'string' }),
    birthPlace: text(),
    legalName: text(),
    siret: text(),
    // The citizen's role in the organisation (président·e, gérant·e…).
    ownerRole: text(),
    address: jsonb().$type<PostalAddress>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('relations_owner_idx').on(t.ownerId)],
);
