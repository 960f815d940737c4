import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import {
  assertValidBlobKey,
  assertValidBlobPrefix,
  findBlobKeyProblem,
  InvalidBlobKeyError,
  isValidBlobKey,
  resolveBlobStoreConfig,
} from '@/lib/storage';

const user = '3f1c2a9e-8b7d-4c6a-9e21-5d4b3a2f1e0c';
const doc = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';

describe('blob keys', () => {
  it.each([`locker/${user}/${doc}`, `dossiers/${user}/${doc}`, 'exports/2026-01-31_report.v2.zip', 'a'])('accepts %s', (key) => {
    expect(findBlobKeyProblem(key)).toBeNull();
    expect(() => assertValidBlobKey(key)).not.toThrow();
  });

  it.each([
    ['', 'empty'],
    ['..', 'path traversal'],
    [`locker/../${user}`, 'path traversal'],
    [`locker/${user}/..`, 'path traversal'],
    ['locker/./x', 'path traversal'],
    ['/etc/passwd', 'absolute path'],
    ['locker\\..\\x', 'backslash'],
    ['locker//x', 'empty segment'],
    ['locker/x/', 'empty segment'],
  ])('refuses %j (%s)', (key, reason) => {
    expect(findBlobKeyProblem(key)).toBe(reason);
    expect(isValidBlobKey(key)).toBe(false);
    expect(() => assertValidBlobKey(key)).toThrow(InvalidBlobKeyError);
  });

  // Characters that mean something to a file system or a shell never reach the local-disk adapter.
  it.each(['locker/.hidden', 'locker/.tmp/x', 'C:/x', 'locker/a b', 'locker/a\0b', 'locker/é', 'locker/a%2F..'])(
    'refuses %j (outside the allowed alphabet)',
    (key) => {
      expect(findBlobKeyProblem(key)).toMatch(/^segment /);
    },
  );

  it('refuses overlong keys', () => {
    expect(isValidBlobKey(`locker/${'a'.repeat(600)}`)).toBe(false);
  });

  it('names the key and the reason in the error', () => {
    expect(() => assertValidBlobKey('locker/../x')).toThrow('Invalid blob key "locker/../x": path traversal');
  });
});

describe('blob prefixes', () => {
  it('accepts a key followed by a slash', () => {
    expect(() => assertValidBlobPrefix(`locker/${user}/`)).not.toThrow();
  });

  // An empty prefix would delete every blob of every user.
  it.each(['', '/', `locker/${user}`, '../', 'locker/../', 'locker//'])('refuses %j', (prefix) => {
    expect(() => assertValidBlobPrefix(prefix)).toThrow(InvalidBlobKeyError);
  });
});

describe('resolveBlobStoreConfig', () => {
  it('uses <DATA_DIR>/blobs on local disk when S3_ENDPOINT is unset', () => {
    expect(resolveBlobStoreConfig(parseEnv({ DATA_DIR: '/srv/portail', S3_ENDPOINT: '' }))).toEqual({
      kind: 'local-disk',
      rootDir: path.resolve('/srv/portail', 'blobs'),
    });
  });

  it('uses S3 as soon as S3_ENDPOINT is set, with the start-up timeout', () => {
    const env = parseEnv({
      S3_ENDPOINT: 'http://127.0.0.1:4569',
      S3_BUCKET: 'documents',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'false',
      STARTUP_CHECK_TIMEOUT_MS: '1500',
    });
    expect(resolveBlobStoreConfig(env)).toEqual({
      kind: 's3',
      endpoint: 'http://127.0.0.1:4569',
      bucket: 'documents',
      region: 'us-east-1',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      forcePathStyle: false,
      timeoutMs: 1500,
    });
  });
});
