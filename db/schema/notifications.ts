import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from './dossiers';
import { users } from './users';

export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // status_change | message | response
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    dossierId: uuid().references(() => dossiers.id, { onDelete: 'cascade' }),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);
