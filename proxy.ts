import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { auth } from '@/lib/auth/config';
import { readSessionToken, RENEW_AFTER_SECONDS, tokenAgeSeconds } from '@/lib/auth/session-token';
import { getEnv } from '@/lib/env';
import { MAX_POST_BYTES, TOO_LARGE_POST } from '@/lib/documents/limits';
import { buildContentSecurityPolicy, createNonce } from '@/lib/security/csp';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/platform/request-id';

// Runs on every request (but autosave's: see `config` below). Never an access gate: guards live in every page, action and route handler.
// - Sets a fresh CSP nonce and forwards it to the renderer (Next reads the request-side header to
//   put the nonce on its own scripts).
// - Renews the session cookie of an active user (Auth.js's wrapper), so only an idle session
//   expires — at most once a minute (a renewal costs an encryption and re-sends the cookie;
//   autosave sends many requests), and not on prefetches and static files: a slow background
//   request answered after a password change would otherwise put the old cookie back.
// - An anonymous plain-HTML form POST (no JavaScript) to the personal space gets a 303 to the
//   sign-in page, so the browser does not re-post the form (a 307 would) when a session expired
//   while a page was open. With JavaScript (a `Next-Action` fetch) the action answers itself with
//   the "session expired" message and the form keeps what was typed.

const PERSONAL_SPACE = /^\/(compte|relations|brouillons|demandes|notifications|porte-documents|admin)(\/|$)/;

// File downloads answer with their own, stricter policy (lib/documents/download-response.ts:
// default-src 'none'; sandbox). A header set here would replace it, so these paths get none from
// the proxy: the locker, a draft's, a request's and the back office's dossier files.
const FILE_DOWNLOAD = /^\/(porte-documents\/[^/]+\/telecharger|(brouillons|demandes|admin\/dossiers)\/[^/]+\/pieces\/[^/]+)\/?$/;

function withContentSecurityPolicy(request: NextRequest): NextResponse {
  if (FILE_DOWNLOAD.test(request.nextUrl.pathname)) return NextResponse.next();
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
  const requestId = requestIdFrom(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

function isAnonymousPlainPost(request: NextRequest): boolean {
  return request.method === 'POST' && !request.headers.has('next-action') && PERSONAL_SPACE.test(request.nextUrl.pathname);
}

function redirectToSignIn(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const signIn = new URL('/connexion', request.nextUrl);
  signIn.searchParams.set('callbackUrl', pathname + search);
  signIn.searchParams.set('expiree', '1');
  return NextResponse.redirect(signIn, 303);
}

function isBackgroundRequest(request: NextRequest): boolean {
  const { pathname } = request.nextUrl;
  return (
    request.headers.has('next-router-prefetch') ||
    request.headers.get('purpose') === 'prefetch' ||
    pathname === '/icon.svg' ||
    pathname === '/favicon.ico' ||
    pathname === '/api/ping' ||
    pathname === '/api/health' ||
    pathname.startsWith('/api/health/') ||
    // Live-updates streams reconnect by themselves: they must not keep an idle session alive.
    pathname === '/api/notifications/flux' ||
    /^\/admin\/dossiers\/[^/]+\/flux$/.test(pathname)
  );
}

// With a lazily configured Auth.js, auth(handler) resolves to the wrapped handler: keep that promise.
const renewSessionThen = auth(withContentSecurityPolicy as never) as unknown as Promise<(request: NextRequest, event: NextFetchEvent) => Promise<Response>>;

// Same value as serverActions.bodySizeLimit and proxyClientMaxBodySize in next.config.ts. A plain
// HTML post (no JavaScript) over it would reach the action cut short and fail with a bare error
// page: it is sent back to its page with a message instead (uploads are limited to 10 Mo each;
// with JavaScript the forms check the size before sending).
function isOversizedPlainPost(request: NextRequest): boolean {
  return request.method === 'POST' && !request.headers.has('next-action') && Number(request.headers.get('content-length') ?? 0) > MAX_POST_BYTES;
}

function redirectTooLarge(request: NextRequest): NextResponse {
  const back = new URL(request.nextUrl.pathname, request.nextUrl);
  back.searchParams.set(TOO_LARGE_POST.param, TOO_LARGE_POST.value);
  return NextResponse.redirect(back, 303);
}

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  if (isOversizedPlainPost(request)) return redirectTooLarge(request);
  if (isBackgroundRequest(request)) return withContentSecurityPolicy(request);
  const token = await readSessionToken((name) => request.cookies.get(name)?.value);
  if (!token) return isAnonymousPlainPost(request) ? redirectToSignIn(request) : withContentSecurityPolicy(request);
  if (tokenAgeSeconds(token) < RENEW_AFTER_SECONDS) return withContentSecurityPolicy(request);
  return (await renewSessionThen)(request, event);
}

export const config = {
  // Static build assets carry no HTML to protect. The autosave endpoint (/api/brouillons/…) answers
  // JSON, checks its session in its own statement and renews the cookie itself: running the proxy
  // there (Next clones every request body for it) cost about a quarter of autosave's throughput
  // (`npm run bench`). Every other page, action and route handler goes through here.
  matcher: ['/((?!_next/static|_next/image|api/brouillons/).*)'],
};
