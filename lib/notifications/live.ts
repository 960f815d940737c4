import 'server-only';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '@/db/client';
import { getDatabaseHandle } from '@/lib/db';

// Live updates for open pages: a change commits a NOTIFY on one channel; each app process LISTENs
// once and hands each event to the open streams of the user it concerns (Server-Sent Events, see
// app/api/notifications/flux). NOTIFY goes through the database, so it reaches every instance
// behind a load balancer; PGlite delivers it inside the one process that holds it.

export const LIVE_CHANNEL = 'portal_live';

/** `userId`: the citizen whose pages should refresh (null when no citizen is concerned). */
export type LiveEvent = { userId: string | null; dossierId: string | null; kind: string };
type Listener = (event: LiveEvent) => void;

/**
 * Subscription keys: a citizen's own events, every event of one dossier (agents' dossier pages),
 * or every dossier event (the back-office queue; its route keeps only what is in the agent's scope).
 */
export const liveKeys = {
  user: (userId: string) => `user:${userId}`,
  dossier: (dossierId: string) => `dossier:${dossierId}`,
  backOffice: () => 'back-office',
};

/** Inside the caller's transaction: delivered to listeners at commit, never if it rolls back. */
export async function publishLiveEvent(tx: Executor, event: LiveEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`);
}

function parseEvent(payload: string): LiveEvent | null {
  try {
    const value = JSON.parse(payload) as Partial<LiveEvent>;
    if (typeof value.kind !== 'string') return null;
    return { userId: typeof value.userId === 'string' ? value.userId : null, dossierId: typeof value.dossierId === 'string' ? value.dossierId : null, kind: value.kind };
  } catch {
    return null;
  }
}

export type LiveHub = {
  /** `key` from liveKeys. Resolves once the process listens; the returned function stops this subscription. */
  subscribe(key: string, listener: Listener): Promise<() => void>;
  close(): Promise<void>;
};

/** One LISTEN per database handle, fanned out to the subscribers of each user. */
export function createLiveHub(handle: DatabaseHandle): LiveHub {
  const listeners = new Map<string, Set<Listener>>();
  let listening: Promise<() => Promise<void>> | undefined;

  function dispatch(payload: string) {
    const event = parseEvent(payload);
    if (!event) return;
    const keys = [
      event.userId ? liveKeys.user(event.userId) : null,
      event.dossierId ? liveKeys.dossier(event.dossierId) : null,
      event.dossierId ? liveKeys.backOffice() : null,
    ];
    for (const key of keys) if (key) for (const listener of listeners.get(key) ?? []) listener(event);
  }

  function listen(): Promise<() => Promise<void>> {
    listening ??= (async () => {
      if (handle.kind === 'pglite') {
        const stop = await handle.pglite!.listen(LIVE_CHANNEL, dispatch);
        return () => stop();
      }
      // postgres.js keeps a dedicated connection for LISTEN and re-listens after a reconnect.
      const request = await handle.client!.listen(LIVE_CHANNEL, dispatch);
      return () => request.unlisten();
    })();
    listening.catch(() => {
      listening = undefined;
    });
    return listening;
  }

  return {
    async subscribe(key, listener) {
      await listen();
      const set = listeners.get(key) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(key, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(key);
      };
    },
    async close() {
      listeners.clear();
      const pending = listening;
      listening = undefined;
      if (pending) await (await pending.catch(() => async () => {}))();
    },
  };
}

const globalForLive = globalThis as unknown as { __portalLiveHub?: Promise<LiveHub> };

/** The process's hub, over the process's database handle. */
export function getLiveHub(): Promise<LiveHub> {
  globalForLive.__portalLiveHub ??= getDatabaseHandle().then(createLiveHub);
  globalForLive.__portalLiveHub.catch(() => {
    globalForLive.__portalLiveHub = undefined;
  });
  return globalForLive.__portalLiveHub;
}
