import { cookies } from 'next/headers';
import { clearSessionCookies } from '@/lib/auth/guards';
import { readSessionCookie, reissueSessionCookie } from '@/lib/auth/session-token';
import { findValidSessionUser } from '@/lib/auth/session-user';
import { isSameOrigin } from '@/lib/dossiers/autosave-request';
import { getEnv } from '@/lib/env';
import { getPeerAddressHeader } from '@/lib/platform/peer-address';

export const dynamic = 'force-dynamic';

function reply(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * "Prolonger la session" (components/auth/session-timeout-warning.tsx): re-issues the session
 * cookie for another 30 minutes, within its absolute lifetime, once the database still accepts
 * it → 200 `{ expires }`. A refused session gets a 401 and its cookie cleared, nothing else.
 * The portal's own endpoint: Auth.js's /api/auth/* endpoints are not exposed (decision 009).
 */
export async function POST(request: Request): Promise<Response> {
  const { publicOrigin, TRUSTED_PROXIES } = getEnv();
  if (!isSameOrigin(request, publicOrigin, { peerAddressHeader: getPeerAddressHeader(), trustedProxies: TRUSTED_PROXIES })) return reply(403, { error: 'forbidden' });
  const store = await cookies();
  const cookie = await readSessionCookie((name) => store.get(name)?.value);
  const renewed = cookie && (await findValidSessionUser(cookie.token)) ? await reissueSessionCookie(cookie) : null;
  if (!renewed) {
    await clearSessionCookies();
    return reply(401, { error: 'unauthenticated' });
  }
  store.set(renewed.name, renewed.value, renewed.options);
  return reply(200, { expires: new Date(Date.now() + renewed.options.maxAge * 1000).toISOString() });
}
