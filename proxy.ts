import { NextResponse, type NextRequest } from 'next/server';
import {
  clearedSessionCookie,
  presentSessionCookieNames,
  readSessionCookie,
  renewSessionCookie,
  RENEW_AFTER_SECONDS,
  tokenAgeSeconds,
} from '@/lib/auth/session-token';
import { findValidSessionUser } from '@/lib/auth/session-user';
import { getEnv } from '@/lib/env';
import { MAX_POST_BYTES, TOO_LARGE_POST } from '@/lib/documents/limits';
import { buildContentSecurityPolicy, createNonce } from '@/lib/security/csp';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/platform/request-id';
import { isDatabaseKnownDown, isDatabaseUnavailableError, markDatabaseDown } from '@/lib/platform/database-status';
import { createOutageResponse, databaseOutagePage } from '@/lib/platform/outage-page';
import { isMetricsRequestAllowed } from '@/lib/platform/metrics-access';

// Runs on every request (but autosave's: see `config` below). Never an access gate: guards live in every page, action and route handler.
// - Sets a fresh CSP nonce and forwards it to the renderer (Next reads the request-side header to
//   put the nonce on its own scripts).
// - Renews the session cookie of an active user, so only an idle session expires — at most once a
//   minute (a renewal costs a database read, an encryption and re-sends the cookie), and only once
//   the database still accepts the session (sessionVersion, absolute lifetime): a revoked cookie
//   is cleared, never renewed. Not on prefetches and static files, nor on server actions (sign-out
//   and a password change set the cookie themselves: a renewal in the same answer could undo it).
// - A session cookie that is no longer accepted (tampered with, past its absolute lifetime,
//   revoked when found at renewal) is cleared; a page of the personal space then goes to the
//   sign-in page with the callback, for a fresh sign-in.
// - An anonymous plain-HTML form POST (no JavaScript) to the personal space gets a 303 to the
//   sign-in page, so the browser does not re-post the form (a 307 would) when a session expired
//   while a page was open. With JavaScript (a `Next-Action` fetch) the action answers itself with
//   the "session expired" message and the form keeps what was typed.

const PERSONAL_SPACE = /^\/(compte|relations|brouillons|demandes|notifications|porte-documents|admin)(\/|$)/;

// File downloads answer with their own, stricter policy (lib/documents/download-response.ts:
// default-src 'none'; sandbox). A header set here would replace it, so these paths get none from
// the proxy: the locker, a draft's, a request's and the back office's dossier files.
const FILE_DOWNLOAD = /^\/(porte-documents\/[^/]+\/telecharger|(brouillons|demandes|admin\/dossiers)\/[^/]+\/pieces\/[^/]+)\/?$/;

// Pages that read nothing from the database: served during an outage (the layout then shows the
// signed-out header and a banner). API routes answer for themselves (503 JSON, health checks).
const DATABASE_FREE = /^\/(aide|cookies|mentions-legales|accessibilite|donnees-personnelles)(\/|$)/;

function needsOutagePage(request: NextRequest): boolean {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith('/api/') || pathname.startsWith('/_next/') || DATABASE_FREE.test(pathname)) return false;
  if (pathname === '/icon.svg' || pathname === '/favicon.ico' || pathname === '/robots.txt') return false;
  // A server action's fetch expects Next's own answer: it fails, and the form keeps what was typed.
  return request.method === 'GET' || request.method === 'HEAD' || (request.method === 'POST' && !request.headers.has('next-action'));
}

function answerDatabaseOutage(request: NextRequest): Response {
  const response = createOutageResponse(databaseOutagePage(getEnv().PORTAL_NAME), request.method);
  response.headers.set(REQUEST_ID_HEADER, requestIdFrom(request.headers));
  return response;
}

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
    // "Prolonger la session" checks and renews the session itself (app/api/session/route.ts).
    pathname === '/api/session' ||
    // Prometheus scrapes: no session, and a page of their own (app/api/metrics/route.ts).
    pathname === '/api/metrics' ||
    pathname.startsWith('/api/health/') ||
    // Live-updates streams reconnect by themselves: they must not keep an idle session alive.
    pathname === '/api/notifications/flux' ||
    pathname === '/admin/flux' ||
    /^\/admin\/dossiers\/[^/]+\/flux$/.test(pathname)
  );
}

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

/** Clears a refused session cookie; a page of the personal space (not a server action) goes to the sign-in page. */
function endSession(request: NextRequest, names: ReturnType<typeof presentSessionCookieNames>): NextResponse {
  const toSignIn = PERSONAL_SPACE.test(request.nextUrl.pathname) && !request.headers.has('next-action');
  const response = toSignIn ? redirectToSignIn(request) : withContentSecurityPolicy(request);
  for (const name of names) {
    const cleared = clearedSessionCookie(name);
    response.cookies.set(cleared.name, cleared.value, cleared.options);
  }
  return response;
}

// A metrics request without the right token is shown the portal's ordinary 404 page, the same as
// any unknown address (the route handler checks again, and answers a bare 404).
function hideMetrics(request: NextRequest): NextResponse | null {
  if (request.nextUrl.pathname !== '/api/metrics') return null;
  if (isMetricsRequestAllowed(request.headers.get('authorization'), getEnv().METRICS_TOKEN)) return null;
  return NextResponse.rewrite(new URL('/introuvable', request.nextUrl));
}

export async function proxy(request: NextRequest) {
  const hidden = hideMetrics(request);
  if (hidden) return hidden;
  if (isOversizedPlainPost(request)) return redirectTooLarge(request);
  if (isDatabaseKnownDown() && needsOutagePage(request)) return answerDatabaseOutage(request);
  if (isBackgroundRequest(request)) return withContentSecurityPolicy(request);
  const readCookie = (name: string) => request.cookies.get(name)?.value;
  const present = presentSessionCookieNames(readCookie);
  if (present.length === 0) return isAnonymousPlainPost(request) ? redirectToSignIn(request) : withContentSecurityPolicy(request);
  const cookie = await readSessionCookie(readCookie);
  if (!cookie) return endSession(request, present);
  if (request.headers.has('next-action') || tokenAgeSeconds(cookie.token) < RENEW_AFTER_SECONDS) return withContentSecurityPolicy(request);
  // About to renew (at most once a minute per session): only now is the database asked.
  let valid;
  try {
    valid = await findValidSessionUser(cookie.token);
  } catch (error) {
    if (!isDatabaseUnavailableError(error)) throw error;
    // The outage begins with this request: it gets the page at once, and so do the next ones.
    markDatabaseDown();
    return needsOutagePage(request) ? answerDatabaseOutage(request) : withContentSecurityPolicy(request);
  }
  if (!valid) return endSession(request, present);
  const response = withContentSecurityPolicy(request);
  const renewed = await renewSessionCookie(cookie);
  if (renewed) response.cookies.set(renewed.name, renewed.value, renewed.options);
  return response;
}

export const config = {
  // Static build assets carry no HTML to protect. The autosave endpoint (/api/brouillons/…) answers
  // JSON, checks its session in its own statement and renews the cookie itself: running the proxy
  // there (Next clones every request body for it) cost about a quarter of autosave's throughput
  // (`npm run bench`). Every other page, action and route handler goes through here.
  matcher: ['/((?!_next/static|_next/image|api/brouillons/).*)'],
};
