import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/lib/env';

describe('parseEnv', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.S3_ENDPOINT).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.publicOrigin).toBe('http://localhost:3000');
    expect(env.PORTAL_MODE).toBe('production');
  });

  it('treats empty strings as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', S3_ENDPOINT: '', PORT: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it('refuses a malformed DATABASE_URL with one line naming the variable, without echoing it', () => {
    const secret = 'mysql://root:hunter2@db/portail';
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: secret });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid configuration: DATABASE_URL must be a postgres:\/\//);
    expect(message).not.toContain('hunter2');
    expect(message.split('\n')).toHaveLength(1);
  });

  it('accepts postgres and postgresql URLs', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@localhost:5432/db' }).DATABASE_URL).toContain('localhost');
    expect(parseEnv({ DATABASE_URL: 'postgresql://localhost/db' }).DATABASE_URL).toContain('localhost');
  });

  it('requires the bucket and keys when an S3 endpoint is set', () => {
    expect(() => parseEnv({ S3_ENDPOINT: 'http://127.0.0.1:4569' })).toThrow(/S3_BUCKET is required when S3_ENDPOINT is set/);
    expect(() => parseEnv({ S3_ENDPOINT: 'http://127.0.0.1:4569', S3_BUCKET: 'b' })).toThrow(/S3_ACCESS_KEY_ID is required/);
  });

  it('refuses a port out of range and a non-http public origin', () => {
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => parseEnv({ PUBLIC_ORIGIN: 'ftp://example.org' })).toThrow(/PUBLIC_ORIGIN must be an http\(s\) URL/);
  });

  it('derives the public origin from PUBLIC_ORIGIN, not from a request', () => {
    expect(parseEnv({ PUBLIC_ORIGIN: 'https://demarches.ville.fr/' }).publicOrigin).toBe('https://demarches.ville.fr');
  });

  it('shows the development outbox only outside production', () => {
    expect(parseEnv({ NODE_ENV: 'production' }).showsDevOutbox).toBe(false);
    expect(parseEnv({ NODE_ENV: 'production', PORTAL_MODE: 'demo' }).showsDevOutbox).toBe(true);
    expect(parseEnv({ NODE_ENV: 'development' }).showsDevOutbox).toBe(true);
  });
});
