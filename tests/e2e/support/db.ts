import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import postgres from 'postgres';
import { e2eServerEnv } from '../../../playwright.config';

// Direct access to the e2e database, for arranging fixtures and reading the development outbox.
// (lib/ modules are server-only; the tests reach the same tables with plain SQL.)
let sql: postgres.Sql | undefined;

export function e2eSql(): postgres.Sql {
  sql ??= postgres(e2eServerEnv.DATABASE_URL, { max: 2, onnotice: () => {} });
  return sql;
}

export type OutboxEmail = { id: string; to: string; subject: string; text: string };

/** Waits for an email to `to` whose subject contains `subject`, sent after `since` (emails go through the job queue). */
export async function waitForEmail(to: string, subject: string, since = new Date(0), timeoutMs = 15_000): Promise<OutboxEmail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rows = await e2eSql()<OutboxEmail[]>`
      select id, "to", subject, text from mail_outbox
      where lower("to") = lower(${to}) and subject like ${'%' + subject + '%'} and created_at >= ${since}
      order by created_at desc limit 1`;
    if (rows[0]) return rows[0];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no email "${subject}" to ${to} within ${timeoutMs} ms`);
}

/** The path of the first link in an email's text that starts with `path` (e.g. '/confirmer/'). */
export function linkPath(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s/]+(${path.replace(/\//g, '\\/')}[A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}

export function uniqueEmail(prefix = 'e2e'): string {
  return `${prefix}.${randomUUID().slice(0, 8)}@exemple.fr`;
}

/** A confirmed citizen account with a profile, created straight in the database (fast fixture). */
export async function createCitizen(options: { email?: string; password?: string; firstNames?: string; birthName?: string } = {}) {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? 'une phrase de passe pour les tests';
  const passwordHash = await hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const [user] = await e2eSql()<{ id: string }[]>`
    insert into users (email, password_hash, email_verified_at) values (${email}, ${passwordHash}, now()) returning id`;
  await e2eSql()`insert into profiles (user_id, first_names, birth_name) values (${user.id}, ${options.firstNames ?? 'Camille'}, ${options.birthName ?? 'Martin'})`;
  await e2eSql()`insert into preferences (user_id) values (${user.id})`;
  return { id: user.id, email, password };
}
