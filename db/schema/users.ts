import { boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['citizen', 'agent', 'admin']);
/** A user's role: citizen, or a back-office agent or administrator. The one declaration of the word. */
export type Role = (typeof userRole.enumValues)[number];

export type PostalAddress = {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  country?: string;
};

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Always stored lower-cased and trimmed: the login identifier.
    email: text().notNull(),
    passwordHash: text().notNull(),
    role: userRole().notNull().default('citizen'),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    // Bumped on sign-out everywhere, password or email change, deletion: JWTs carrying an older value are refused.
    sessionVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

export const profiles = pgTable('profiles', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  civility: text(),
  birthName: text(),
  usageName: text(),
  firstNames: text(),
  birthDate: date({ mode: 'string' }),
  birthPlace: text(),
  address: jsonb().$type<PostalAddress>(),
  phone: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const preferences = pgTable('preferences', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  emailOnStatusChange: boolean().notNull().default(true),
  emailOnMessage: boolean().notNull().default(true),
  emailOnResponse: boolean().notNull().default(true),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const emailTokenKind = pgEnum('email_token_kind', ['confirm_signup', 'reset_password', 'change_email']);

export const emailTokens = pgTable(
  'email_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: emailTokenKind().notNull(),
    // Only a SHA-256 of the token is stored: a database leak does not leak usable links.
    tokenHash: text().notNull(),
    newEmail: text(),
    // confirm_signup only: the password typed in the sign-up that sent this link. The link
    // confirms the account only while that is still the account's password (decision 010).
    passwordHash: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('email_tokens_hash_unique').on(t.tokenHash), index('email_tokens_user_idx').on(t.userId, t.kind)],
);
