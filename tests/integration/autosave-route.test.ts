import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dossiers, profiles, users } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import type { CurrentUser } from '@/lib/auth/guards';
import { createDraft } from '@/lib/dossiers';
import { resetEnvCache } from '@/lib/env';
import { isSameOrigin } from '@/lib/dossiers/autosave-request';
import { AUTOSAVE_MAX_BYTES } from '@/lib/procedures/answers';
import { parseTrustedProxies } from '@/lib/common/client-address';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { CookieJar, mintSessionCookie, SESSION_COOKIE } from '../helpers/session-cookies';

// The autosave route handler called directly, against PostgreSQL. Only the request's cookie store
// (next/headers needs a Next request context) and the process database handle are replaced: the
// route reads a real session cookie, and whether it still holds is checked by the save itself.
const state = vi.hoisted(() => ({ user: null as CurrentUser | null, db: null as unknown, jar: null as unknown }));
vi.mock('next/headers', () => ({ cookies: async () => state.jar }));
vi.mock('@/lib/db', () => ({ getDb: async () => state.db }));

const { PATCH } = await import('@/app/api/brouillons/[id]/route');

const ORIGIN = 'https://demarches.test';
const jar = new CookieJar();
state.jar = jar;

let database: TestDatabase;
let alice: CurrentUser;
let bob: CurrentUser;
let draftId: string;

async function createCitizen(name: string): Promise<CurrentUser> {
  const email = `${name}.${randomUUID().slice(0, 8)}@exemple.fr`;
  const [user] = await database.db.insert(users).values({ email, passwordHash: 'not-used', emailVerifiedAt: new Date() }).returning({ id: users.id });
  await database.db.insert(profiles).values({ userId: user.id, birthName: name, firstNames: 'Test', phone: '06 00 00 00 00' });
  return { id: user.id, email, role: 'citizen', displayName: name, sessionVersion: 1 };
}

type PatchOptions = { id?: string; body?: BodyInit; headers?: Record<string, string>; url?: string; cookieAgeSeconds?: number };

async function patch({ id = draftId, body, headers = {}, url, cookieAgeSeconds = 0 }: PatchOptions) {
  // The request carries the session cookie of state.user, as the sign-in issued it.
  const user = state.user;
  jar.reset(user ? { [SESSION_COOKIE]: await mintSessionCookie({ userId: user.id, sessionVersion: user.sessionVersion, ageSeconds: cookieAgeSeconds }) } : {});
  const request = new Request(url ?? `${ORIGIN}/api/brouillons/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body,
    // Needed by undici for a streamed body.
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return PATCH(request, { params: Promise.resolve({ id }) });
}

const json = (value: unknown) => JSON.stringify(value);

async function stored() {
  const [row] = await database.db.select({ data: dossiers.data, version: dossiers.version }).from(dossiers).where(eq(dossiers.id, draftId));
  return row;
}

beforeAll(async () => {
  process.env.PUBLIC_ORIGIN = ORIGIN;
  resetEnvCache();
  database = await createTestDatabase();
  state.db = database.db;
  await seedDatabase(database.db, { hashPassword: async () => 'not-a-real-hash' });
  alice = await createCitizen('alice');
  bob = await createCitizen('bob');
  const created = await createDraft(database.db, alice, { procedureSlug: 'signalement-voirie', beneficiary: { kind: 'self' } });
  if (!created.ok) throw new Error(created.reason);
  draftId = created.id;
});
afterAll(async () => {
  await database?.drop();
  delete process.env.PUBLIC_ORIGIN;
  resetEnvCache();
});
beforeEach(() => {
  state.user = alice;
});

describe('PATCH /api/brouillons/[id]', () => {
  it('saves the changes and answers with the new version, never cached', async () => {
    const { version } = await stored();
    const response = await patch({ body: json({ baseVersion: version, changes: { lieu: 'Place Bellecour' } }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toEqual({ version: version + 1, savedAt: expect.any(String) });
    expect(Date.now() - Date.parse(body.savedAt)).toBeLessThan(60_000);
    expect((await stored()).data).toMatchObject({ lieu: 'Place Bellecour', telephone: '06 00 00 00 00' });
  });

  it('answers 409 with what is stored when the version is stale', async () => {
    const current = await stored();
    const response = await patch({ body: json({ baseVersion: current.version - 1 > 0 ? current.version - 1 : 1, changes: { lieu: 'ancienne version' } }) });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: 'conflict', version: current.version, data: current.data });
    expect(await stored()).toEqual(current);
  });

  it('answers 401 without a session', async () => {
    state.user = null;
    const before = await stored();
    const response = await patch({ body: json({ baseVersion: before.version, changes: { lieu: 'x' } }) });
    expect(response.status).toBe(401);
    expect(await stored()).toEqual(before);
  });

  it('answers 401 to a replayed session after sign-out or a password change, and changes nothing', async () => {
    await database.db.update(users).set({ sessionVersion: 2 }).where(eq(users.id, alice.id));
    try {
      const before = await stored();
      // The cookie still claims version 1: valid JWT, revoked session. Whatever it sends, it learns only "401".
      for (const body of [json({ baseVersion: before.version, changes: { lieu: 'rejoué' } }), json({ baseVersion: before.version, changes: { inconnu: 'x' } })]) {
        expect((await patch({ body })).status).toBe(401);
      }
      expect((await patch({ id: randomUUID(), body: json({ baseVersion: 1, changes: { lieu: 'x' } }) })).status).toBe(401);
      expect(await stored()).toEqual(before);

      state.user = { ...alice, sessionVersion: 2 };
      expect((await patch({ body: json({ baseVersion: before.version, changes: { lieu: 'nouvelle session' } }) })).status).toBe(200);
    } finally {
      await database.db.update(users).set({ sessionVersion: 1 }).where(eq(users.id, alice.id));
    }
  });

  it('renews a cookie older than a minute after a save, and clears a revoked one without renewing it', async () => {
    const before = await stored();
    expect((await patch({ body: json({ baseVersion: before.version, changes: { lieu: 'frais' } }) })).status).toBe(200);
    expect(jar.sets).toEqual([]);
    expect((await patch({ body: json({ baseVersion: before.version + 1, changes: { lieu: 'ancien' } }), cookieAgeSeconds: 20 * 60 })).status).toBe(200);
    expect(jar.sets).toEqual([{ name: SESSION_COOKIE, value: expect.stringMatching(/^ey/), options: expect.objectContaining({ httpOnly: true, maxAge: 30 * 60 }) }]);

    await database.db.update(users).set({ sessionVersion: 2 }).where(eq(users.id, alice.id));
    try {
      const response = await patch({ body: json({ baseVersion: before.version + 2, changes: { lieu: 'rejoué' } }), cookieAgeSeconds: 20 * 60 });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthenticated' });
      expect(jar.sets).toEqual([{ name: SESSION_COOKIE, value: '', options: expect.objectContaining({ maxAge: 0, path: '/' }) }]);
    } finally {
      await database.db.update(users).set({ sessionVersion: 1 }).where(eq(users.id, alice.id));
    }
  });

  it('answers 401 when the account’s email is no longer confirmed', async () => {
    await database.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, alice.id));
    try {
      const before = await stored();
      expect((await patch({ body: json({ baseVersion: before.version, changes: { lieu: 'x' } }) })).status).toBe(401);
      expect(await stored()).toEqual(before);
    } finally {
      await database.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, alice.id));
    }
  });

  it('answers 404 for someone else’s draft, an unknown id and a malformed one, alike', async () => {
    const before = await stored();
    state.user = bob;
    const others = await Promise.all([draftId, randomUUID(), 'not-a-uuid'].map((id) => patch({ id, body: json({ baseVersion: before.version, changes: { lieu: 'x' } }) })));
    for (const response of others) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'not-found' });
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses another site (403) but accepts its own origin, the public one, or none', async () => {
    const before = await stored();
    const evil = await patch({ body: json({ baseVersion: before.version, changes: { lieu: 'x' } }), headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    const nullOrigin = await patch({ body: json({ baseVersion: before.version, changes: { lieu: 'x' } }), headers: { origin: 'null' } });
    expect(nullOrigin.status).toBe(403);
    expect(await stored()).toEqual(before);

    const own = await patch({ url: `http://localhost:3100/api/brouillons/${draftId}`, headers: { origin: 'http://localhost:3100' }, body: json({ baseVersion: before.version, changes: { lieu: 'a' } }) });
    expect(own.status).toBe(200);
    const { version } = await own.json();
    const none = new Request(`${ORIGIN}/api/brouillons/${draftId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: json({ baseVersion: version, changes: { lieu: 'b' } }) });
    expect((await PATCH(none, { params: Promise.resolve({ id: draftId }) })).status).toBe(200);
  });

  it('accepts the address the page was opened at (its Host), and still refuses a forged Origin', async () => {
    // Opened at http://127.0.0.1:3100 while PUBLIC_ORIGIN is another address of the same server.
    const before = await stored();
    const viaAddress = await patch({
      url: `http://localhost:3100/api/brouillons/${draftId}`,
      headers: { origin: 'http://127.0.0.1:3100', host: '127.0.0.1:3100' },
      body: json({ baseVersion: before.version, changes: { lieu: 'par une autre adresse' } }),
    });
    expect(viaAddress.status).toBe(200);
    const after = await stored();
    expect(after.data).toMatchObject({ lieu: 'par une autre adresse' });

    // Another site: its Origin is not the Host the browser sent; nor is a Forwarded-Host it wrote
    // itself believed (no trusted proxy here). The refusal names the public address.
    for (const headers of [
      { origin: 'https://evil.example', host: 'demarches.test' },
      { origin: 'https://evil.example', host: 'demarches.test', 'x-forwarded-host': 'evil.example' },
      { origin: 'http://127.0.0.1:3100', host: 'localhost:3100' },
    ] as Record<string, string>[]) {
      const forged = await patch({ body: json({ baseVersion: after.version, changes: { lieu: 'x' } }), headers });
      expect(forged.status).toBe(403);
      expect(await forged.json()).toEqual({ error: 'forbidden-origin', publicOrigin: ORIGIN });
    }
    expect(await stored()).toEqual(after);
  });

  it('believes X-Forwarded-Host only from a trusted proxy', () => {
    const trusted = parseTrustedProxies('10.0.0.1');
    if (!trusted.ok) throw new Error('bad list');
    const source = { peerAddressHeader: 'x-test-peer', trustedProxies: trusted.value };
    const request = (peer: string) =>
      new Request('http://intern:3000/api/brouillons/x', { method: 'PATCH', headers: { origin: 'https://autre.demarches.test', host: 'intern:3000', 'x-forwarded-host': 'autre.demarches.test', 'x-test-peer': peer } });
    expect(isSameOrigin(request('10.0.0.1'), ORIGIN, source)).toBe(true);
    expect(isSameOrigin(request('192.0.2.7'), ORIGIN, source)).toBe(false);
  });

  it('requires a JSON content type (415)', async () => {
    const before = await stored();
    const response = await patch({ body: json({ baseVersion: before.version, changes: { lieu: 'x' } }), headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(415);
    expect(await stored()).toEqual(before);
  });

  it('refuses an oversized body (413), announced or streamed without a length', async () => {
    const before = await stored();
    const big = json({ baseVersion: before.version, changes: { description: 'x'.repeat(AUTOSAVE_MAX_BYTES) } });
    expect((await patch({ body: big })).status).toBe(413);

    // Chunked: no Content-Length, so the bytes are counted while reading.
    const encoder = new TextEncoder();
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > AUTOSAVE_MAX_BYTES * 4) return controller.close();
        sent += 8192;
        controller.enqueue(encoder.encode('x'.repeat(8192)));
      },
    });
    const streamed = await patch({ body: stream });
    expect(streamed.status).toBe(413);
    // Reading stopped shortly after the limit, instead of buffering everything.
    expect(sent).toBeLessThan(AUTOSAVE_MAX_BYTES * 2);
    expect(await stored()).toEqual(before);
  });

  it('answers 400 to malformed JSON, a malformed envelope and changes the draft cannot hold', async () => {
    const before = await stored();
    const bodies = [
      '{"baseVersion": 1, "changes": {',
      '',
      json({ changes: { lieu: 'x' } }),
      json({ baseVersion: 0, changes: { lieu: 'x' } }),
      json({ baseVersion: 1.5, changes: { lieu: 'x' } }),
      json({ baseVersion: before.version, changes: ['x'] }),
      json({ baseVersion: before.version, changes: { inconnu: 'x' } }),
      json({ baseVersion: before.version, changes: { recontact: 'oui' } }),
    ];
    for (const body of bodies) {
      const response = await patch({ body });
      expect(response.status, body).toBe(400);
      expect((await response.json()).error).toMatch(/^(malformed|invalid)$/);
    }
    expect(await stored()).toEqual(before);
  });
});
