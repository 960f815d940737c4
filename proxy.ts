import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { auth } from '@/lib/auth/config';
import { getEnv } from '@/lib/env';
import { buildContentSecurityPolicy, createNonce } from '@/lib/security/csp';

// Runs on every request: sets a fresh CSP nonce and forwards it to the renderer (Next reads the
// request-side header to put the nonce on its own scripts), and renews the session cookie of an
// active user (Auth.js's wrapper), so that only an idle session expires.
// Never an access gate: guards live in every page, action and route handler.
function addContentSecurityPolicy(request: NextRequest) {
  const env = getEnv();
  const nonce = createNonce();
  const csp = buildContentSecurityPolicy({
    nonce,
    dev: env.NODE_ENV === 'development',
    https: env.publicOrigin.startsWith('https://'),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

// With a lazily configured Auth.js, auth(handler) resolves to the wrapped handler: keep that promise.
const renewSessionThen = auth(addContentSecurityPolicy) as unknown as Promise<(request: NextRequest, event: NextFetchEvent) => Promise<Response>>;

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  return (await renewSessionThen)(request, event);
}

export const config = {
  // Static build assets carry no HTML to protect; every page, action and route handler goes through here.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
