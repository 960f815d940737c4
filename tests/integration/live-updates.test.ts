import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLiveHub, liveKeys, publishLiveEvent, type LiveEvent, type LiveHub } from '@/lib/notifications/live';
import { createEmbeddedTestDatabase, createTestDatabase, type TestDatabase } from '../helpers/db';

// Live updates ride on LISTEN/NOTIFY: an event reaches the open streams of its user when the
// transaction that publishes it commits, never when it rolls back, and never another user's.

describe.each([
  ['PostgreSQL', createTestDatabase],
  ['PGlite', createEmbeddedTestDatabase],
])('live updates on %s', (_name, createDatabase) => {
  let database: TestDatabase;
  let hub: LiveHub;

  beforeAll(async () => {
    database = await createDatabase();
    hub = createLiveHub(database);
  });
  afterAll(async () => {
    await hub?.close();
    await database?.drop();
  });

  it('delivers a committed event to its user only, and nothing of a rolled-back one', async () => {
    const alice = randomUUID();
    const bob = randomUUID();
    const received: { alice: LiveEvent[]; bob: LiveEvent[] } = { alice: [], bob: [] };
    const stopAlice = await hub.subscribe(liveKeys.user(alice), (event) => received.alice.push(event));
    const stopBob = await hub.subscribe(liveKeys.user(bob), (event) => received.bob.push(event));

    await expect(
      database.db.transaction(async (tx) => {
        await publishLiveEvent(tx, { userId: alice, dossierId: null, kind: 'rolled-back' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const dossierId = randomUUID();
    await database.db.transaction(async (tx) => {
      await publishLiveEvent(tx, { userId: alice, dossierId, kind: 'status_change' });
    });

    await vi.waitFor(() => expect(received.alice).toHaveLength(1), { timeout: 10_000, interval: 50 });
    // Notifications are delivered in commit order: the rolled-back one would have come first.
    expect(received.alice).toEqual([{ userId: alice, dossierId, kind: 'status_change' }]);
    expect(received.bob).toEqual([]);

    stopAlice();
    await database.db.transaction(async (tx) => publishLiveEvent(tx, { userId: bob, dossierId: null, kind: 'message' }));
    await vi.waitFor(() => expect(received.bob).toHaveLength(1), { timeout: 10_000, interval: 50 });
    expect(received.alice).toHaveLength(1);
    stopBob();
  });

  it('lets agents follow one dossier: its citizen’s events and those without a citizen', async () => {
    const dossierId = randomUUID();
    const otherDossier = randomUUID();
    const seen: LiveEvent[] = [];
    const stop = await hub.subscribe(liveKeys.dossier(dossierId), (event) => seen.push(event));
    await database.db.transaction(async (tx) => {
      await publishLiveEvent(tx, { userId: randomUUID(), dossierId: otherDossier, kind: 'status_change' });
      await publishLiveEvent(tx, { userId: randomUUID(), dossierId, kind: 'status_change' });
      await publishLiveEvent(tx, { userId: null, dossierId, kind: 'citizen_message' });
    });
    await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 10_000, interval: 50 });
    expect(seen.map((e) => e.kind)).toEqual(['status_change', 'citizen_message']);
    expect(seen.every((e) => e.dossierId === dossierId)).toBe(true);
    stop();
  });
});
