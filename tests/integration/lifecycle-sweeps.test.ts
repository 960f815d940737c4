import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, emailTokens, lockerDocuments, rateLimits, users } from '@/db/schema';
import { sweepOrphanFiles } from '@/lib/lifecycle/orphan-files';
import { sweepExpiredAccountData } from '@/lib/lifecycle/sweep-accounts';
import { createBlobStore, type BlobStore } from '@/lib/storage';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createTestBucket, type TestBucket } from '../helpers/s3';

let db: TestDatabase;
let bucket: TestBucket;
let diskRoot: string;
const stores: Record<'local disk' | 'S3', BlobStore> = {} as never;
const DAY = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

beforeAll(async () => {
  db = await createTestDatabase();
  bucket = await createTestBucket({ listPageSize: 2 });
  diskRoot = await mkdtemp(path.join(tmpdir(), 'orphan-sweep-'));
  stores['local disk'] = createBlobStore({ kind: 'local-disk', rootDir: diskRoot });
  stores.S3 = createBlobStore({ kind: 's3', ...bucket.config });
});

afterAll(async () => {
  await db?.drop();
  await bucket?.drop();
  if (diskRoot) await rm(diskRoot, { recursive: true, force: true });
});

async function createUser(values: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await db.db
    .insert(users)
    .values({ email: `sweep.${randomUUID()}@exemple.fr`, passwordHash: 'x', emailVerifiedAt: new Date(), ...values })
    .returning({ id: users.id });
  return user.id;
}

describe.each(['local disk', 'S3'] as const)('orphan file sweeper on %s', (name) => {
  it('deletes a file no row points at once it is a day old; keeps owned files and young orphans', async () => {
    const store = stores[name];
    const owner = await createUser();
    const ownedKey = `locker/${owner}/${randomUUID()}`;
    await store.put(ownedKey, Buffer.from('%PDF-1.7 possédé'));
    await db.db.insert(lockerDocuments).values({ ownerId: owner, title: 'Facture', filename: 'f.pdf', mimeType: 'application/pdf', sizeBytes: 16, sha256: 'x', storageKey: ownedKey });
    // A crash between the storage write and the row: files nobody owns, in both key spaces.
    const orphans = [`locker/${owner}/${randomUUID()}`, `dossiers/${randomUUID()}/${randomUUID()}`, `dossiers/${randomUUID()}/${randomUUID()}`];
    for (const key of orphans) await store.put(key, Buffer.from('orphelin'));

    // Today they are young: an upload may still be about to commit its row.
    expect(await sweepOrphanFiles(db.db, store)).toMatchObject({ deleted: 0 });
    for (const key of orphans) expect(await store.head(key)).not.toBeNull();

    // Two days later (test clock): the orphans go, the owned file stays.
    const swept = await sweepOrphanFiles(db.db, store, { now: inDays(2) });
    expect(swept.deleted).toBe(3);
    for (const key of orphans) expect(await store.head(key)).toBeNull();
    expect(await store.head(ownedKey)).not.toBeNull();
    expect(await sweepOrphanFiles(db.db, store, { now: inDays(2) })).toMatchObject({ deleted: 0 });
  });
});

describe('account data sweep', () => {
  it('deletes unconfirmed accounts after 7 days, expired tokens, stale rate-limit rows and old journal entries', async () => {
    const now = new Date();
    const stale = await createUser({ emailVerifiedAt: null, createdAt: new Date(now.getTime() - 8 * DAY) });
    const fresh = await createUser({ emailVerifiedAt: null, createdAt: new Date(now.getTime() - 6 * DAY) });
    const oldButConfirmed = await createUser({ createdAt: new Date(now.getTime() - 400 * DAY) });
    const agentNeverConfirmed = await createUser({ emailVerifiedAt: null, role: 'agent', createdAt: new Date(now.getTime() - 30 * DAY) });
    const token = (userId: string, expiresAt: Date) => ({ userId, kind: 'reset_password' as const, tokenHash: randomUUID(), expiresAt });
    const tokens = await db.db
      .insert(emailTokens)
      .values([token(oldButConfirmed, new Date(now.getTime() - 1000)), token(oldButConfirmed, new Date(now.getTime() + 3600_000))])
      .returning({ id: emailTokens.id });
    const prefix = `test-${randomUUID()}`;
    await db.db.insert(rateLimits).values([
      { key: `${prefix}:old`, count: 3, windowStartedAt: new Date(now.getTime() - 3 * DAY) },
      { key: `${prefix}:old-blocked`, count: 30, windowStartedAt: new Date(now.getTime() - 3 * DAY), blockedUntil: new Date(now.getTime() + DAY) },
      { key: `${prefix}:current`, count: 1, windowStartedAt: new Date(now.getTime() - 3600_000) },
    ]);
    const [oldEntry, recentEntry] = await db.db
      .insert(auditLog)
      .values([
        { action: 'test.old', createdAt: new Date(now.getTime() - 400 * DAY) },
        { action: 'test.recent', createdAt: new Date(now.getTime() - 10 * DAY) },
      ])
      .returning({ id: auditLog.id });

    const result = await sweepExpiredAccountData(db.db, { now });
    expect(result).toMatchObject({ unconfirmedAccounts: 1, expiredTokens: 1, rateLimitRows: 1, auditEntries: 1 });

    const left = (await db.db.select({ id: users.id }).from(users).where(inArray(users.id, [stale, fresh, oldButConfirmed, agentNeverConfirmed]))).map((u) => u.id);
    expect(left.sort()).toEqual([fresh, oldButConfirmed, agentNeverConfirmed].sort());
    expect((await db.db.select({ id: emailTokens.id }).from(emailTokens).where(inArray(emailTokens.id, tokens.map((t) => t.id)))).map((t) => t.id)).toEqual([tokens[1].id]);
    const keys = await db.db.select({ key: rateLimits.key }).from(rateLimits).where(sql`${rateLimits.key} like ${prefix + '%'}`);
    expect(keys.map((k) => k.key).sort()).toEqual([`${prefix}:current`, `${prefix}:old-blocked`]);
    expect(await db.db.select().from(auditLog).where(eq(auditLog.id, oldEntry.id))).toEqual([]);
    expect(await db.db.select().from(auditLog).where(eq(auditLog.id, recentEntry.id))).toHaveLength(1);
  });
});
