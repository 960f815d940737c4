import { expect, test } from '@playwright/test';
import { decode, encode } from 'next-auth/jwt';
import { e2eServerEnv } from '../../playwright.config';
import { createCitizen, e2eSql } from './support/db';

// The autosave endpoint runs without the proxy (see proxy.ts): it renews an active session itself.
// The cookie is minted here as the sign-in would (same secret and salt), so its age can be chosen.
const COOKIE = 'authjs.session-token';
const secret = e2eServerEnv.AUTH_SECRET;

async function draftOf(userId: string): Promise<string> {
  const [procedure] = await e2eSql()<{ procedure_id: string; version_id: string }[]>`
    select p.id as procedure_id, v.id as version_id from procedures p join procedure_versions v on v.procedure_id = p.id
    where p.slug = 'signalement-voirie' and v.published_at is not null order by v.version desc limit 1`;
  const [draft] = await e2eSql()<{ id: string }[]>`
    insert into dossiers (owner_id, procedure_id, procedure_version_id, beneficiary_kind, beneficiary_snapshot, data)
    values (${userId}, ${procedure.procedure_id}, ${procedure.version_id}, 'self', ${e2eSql().json({ label: 'Vous-même' })}, ${e2eSql().json({})})
    returning id`;
  return draft.id;
}

async function sessionCookie(userId: string, email: string, ageSeconds: number): Promise<string> {
  // maxAge is the session's 30 minutes minus its age: as if issued `ageSeconds` ago.
  const signedIn = Math.floor(Date.now() / 1000) - ageSeconds;
  return encode({ token: { sub: userId, email, userId, role: 'citizen', sessionVersion: 1, auth_time: signedIn }, secret, salt: COOKIE, maxAge: 30 * 60 - ageSeconds });
}

test.describe('autosave keeps an active session alive', () => {
  test('a save with a session older than a minute re-issues it for 30 minutes; a fresh one is left alone', async ({ request, baseURL }) => {
    const citizen = await createCitizen();
    const draftId = await draftOf(citizen.id);
    const save = (cookie: string, version: number) =>
      request.patch(`/api/brouillons/${draftId}`, {
        headers: { cookie: `${COOKIE}=${cookie}`, origin: baseURL!, 'content-type': 'application/json' },
        data: { baseVersion: version, changes: { lieu: `Rue de la Paix, essai ${version}` } },
      });

    const fresh = await save(await sessionCookie(citizen.id, citizen.email, 5), 1);
    expect(fresh.status()).toBe(200);
    expect(fresh.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${COOKIE}=`))).toHaveLength(0);

    const old = await save(await sessionCookie(citizen.id, citizen.email, 20 * 60), 2);
    expect(old.status()).toBe(200);
    const setCookie = old.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${COOKIE}=`));
    expect(setCookie?.value).toMatch(/HttpOnly/i);
    expect(setCookie?.value).toMatch(/SameSite=Lax/i);
    const renewed = await decode({ token: setCookie!.value.slice(COOKIE.length + 1).split(';')[0], secret, salt: COOKIE });
    expect(renewed).toMatchObject({ userId: citizen.id, sessionVersion: 1 });
    expect(renewed!.exp! * 1000 - Date.now()).toBeGreaterThan(29 * 60 * 1000);
  });

  test('a revoked session is neither saved nor renewed: its cookie is cleared', async ({ request, baseURL }) => {
    const citizen = await createCitizen();
    const draftId = await draftOf(citizen.id);
    await e2eSql()`update users set session_version = session_version + 1 where id = ${citizen.id}`;
    const response = await request.patch(`/api/brouillons/${draftId}`, {
      headers: { cookie: `${COOKIE}=${await sessionCookie(citizen.id, citizen.email, 20 * 60)}`, origin: baseURL!, 'content-type': 'application/json' },
      data: { baseVersion: 1, changes: { lieu: 'Rue rejouée' } },
    });
    expect(response.status()).toBe(401);
    const sessionCookies = response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${COOKIE}=`));
    expect(sessionCookies).toHaveLength(1);
    expect(sessionCookies[0].value).toMatch(new RegExp(`^${COOKIE}=;.*Max-Age=0`, 'i'));
    const [row] = await e2eSql()<{ version: number }[]>`select version from dossiers where id = ${draftId}`;
    expect(row.version).toBe(1);
  });
});
