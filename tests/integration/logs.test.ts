import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossiers } from '@/db/schema';
import { createTestLogger, installConsoleBridge } from '@/lib/platform/logger';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Real PostgreSQL errors, real Drizzle errors, the real logger: what reaches the log when a query
// that carries a citizen's answers fails.

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createTestLogger(stream) };
}

describe('logs of failing queries (PostgreSQL)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function failingSave(answer: string): Promise<unknown> {
    try {
      // A NUL character is refused in jsonb: the statement fails with the answers as its parameter.
      await database.db
        .update(dossiers)
        .set({ data: sql`${JSON.stringify({ lieu: `${answer}\u0000` })}::jsonb` })
        .where(eq(dossiers.ownerId, '5d1f2a6c-0000-4000-8000-000000000001'));
    } catch (error) {
      return error;
    }
    throw new Error('the query was expected to fail');
  }

  it('an error logged by the portal names the query and the PostgreSQL code, not the answer', async () => {
    const answer = 'Mon voisin M. Dupont, 3 rue des Lilas';
    const error = await failingSave(answer);
    // The premise: Drizzle's own message and properties do carry the answer.
    expect(String((error as Error).message)).toContain('Dupont');
    const { lines, logger } = capture();
    logger.error({ err: error }, 'autosave failed');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry.err.message).toMatch(/^Failed query: update "dossiers"/);
    expect(entry.err.cause).toMatchObject({ type: 'PostgresError', code: '22P05' });
    expect(lines[0]).not.toContain('Dupont');
    expect(lines[0]).not.toContain('5d1f2a6c');
  });

  it('what Next prints through console.error (the error, or its inspected text) is scrubbed too', async () => {
    const answer = 'Réponse secrète sur deux lignes\nseconde ligne, mail camille@exemple.fr';
    const error = await failingSave(answer);
    const { lines, logger } = capture();
    const original = { error: console.error, warn: console.warn, log: console.log, info: console.info, debug: console.debug, trace: console.trace };
    const marker = console as unknown as { __portalBridge?: boolean };
    try {
      installConsoleBridge(logger);
      console.error(error);
      console.error('⨯ request failed:', error);
      // Some code formats the error itself before printing it.
      console.error(`⨯ ${(error as Error).stack}`);
    } finally {
      Object.assign(console, original);
      marker.__portalBridge = false;
    }
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(() => JSON.parse(line)).not.toThrow();
      expect(line).not.toContain('secrète');
      expect(line).not.toContain('seconde ligne');
      expect(line).not.toContain('camille@exemple.fr');
      expect(line).not.toContain('5d1f2a6c');
    }
  });
});
