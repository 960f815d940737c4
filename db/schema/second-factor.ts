import { bigint, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

// The back office's second factor (TOTP, RFC 6238). One row per enrolled agent or administrator;
// no row means "not enrolled": the next sign-in goes through enrolment. An administrator's reset
// deletes the row and the recovery codes.
export const secondFactors = pgTable('second_factors', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  // AES-256-GCM of the raw secret (lib/auth/second-factor/secret-box.ts); never stored in clear.
  secretCiphertext: text().notNull(),
  // The time-step (unix time / 30 s) of the last accepted code: a code of that step or an earlier
  // one is refused, so a code seen over a shoulder or in a log cannot be used again.
  lastUsedStep: bigint({ mode: 'number' }).notNull(),
  enabledAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // SHA-256 of the normalised code (80 bits of randomness each: a fast hash is enough).
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // Also serves the lookups by user (its leading column).
  (t) => [uniqueIndex('recovery_codes_user_hash_unique').on(t.userId, t.codeHash)],
);
