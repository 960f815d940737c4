import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTestLogger } from '@/lib/platform/logger';
import { describeError, scrubText, summarizeError } from '@/lib/platform/safe-error';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createTestLogger(stream) };
}

describe('logger', () => {
  it('writes one JSON line per event with an ISO time and a named level', () => {
    const { lines, logger } = capture();
    logger.info({ dossierNumber: '2026-000123' }, 'dossier submitted');
    expect(lines).toHaveLength(1);
    expect(lines[0].trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', msg: 'dossier submitted', dossierNumber: '2026-000123' });
    expect(JSON.parse(lines[0]).time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('redacts passwords, tokens, emails, answers and query parameters wherever they are logged', () => {
    const { lines, logger } = capture();
    logger.warn({ password: 'hunter2', email: 'camille@exemple.fr', user: { token: 'tok-123', email: 'a@b.fr' }, answers: { lieu: 'Rue X' }, params: ['p1'] }, 'event');
    const text = lines.join('');
    for (const secret of ['hunter2', 'camille@exemple.fr', 'tok-123', 'a@b.fr', 'Rue X', 'p1']) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ password: '[redacted]', user: { token: '[redacted]' } });
  });
});

describe('describeError', () => {
  it('keeps the SQL of a Drizzle query error and drops its parameters, however they are spelled', () => {
    const error = Object.assign(new Error('Failed query: select * from users where email = $1\nparams: camille@exemple.fr,ligne\ndeux'), {
      query: 'select * from users where email = $1',
      params: ['camille@exemple.fr', 'ligne\ndeux'],
    });
    const safe = describeError(error);
    expect(safe.type).toBe('DrizzleQueryError');
    expect(safe.message).toBe('Failed query: select * from users where email = $1');
    expect(JSON.stringify(safe)).not.toContain('camille');
  });

  it('keeps a PostgreSQL error code and names, never its detail', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
      severity: 'ERROR',
      code: '23505',
      routine: '_bt_check_unique',
      detail: 'Key (email)=(camille@exemple.fr) already exists.',
      constraint_name: 'users_email_unique',
      table_name: 'users',
    });
    const safe = describeError(error);
    expect(safe).toMatchObject({ type: 'PostgresError', code: '23505', constraint: 'users_email_unique', table: 'users' });
    expect(JSON.stringify(safe)).not.toContain('camille');
  });

  it('scrubs values PostgreSQL quotes, emails, credentials in URLs and bearer tokens from free text', () => {
    expect(scrubText('invalid input syntax for type uuid: "not-a-uuid"')).toBe('invalid input syntax for type uuid: "[redacted]"');
    expect(scrubText('Key (email)=(x@y.fr) already exists')).toBe('Key (email)=([redacted]) already exists');
    expect(scrubText('write to camille.martin@exemple.fr failed')).toBe('write to [email] failed');
    expect(scrubText('connect postgres://portail:s3cret@db:5432/portail')).toBe('connect postgres://***@db:5432/portail');
    expect(scrubText('Authorization: Bearer re_abc.def')).toBe('Authorization: Bearer [redacted]');
  });

  it('follows causes and keeps stack frames only', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const error = new Error('the database did not answer', { cause });
    const safe = describeError(error);
    expect(safe.cause?.message).toContain('ECONNREFUSED');
    expect(safe.stack?.split('\n').every((line) => line.startsWith('at '))).toBe(true);
    expect(summarizeError(error)).toBe('Error: the database did not answer ← Error: connect ECONNREFUSED 127.0.0.1:5432');
  });
});
