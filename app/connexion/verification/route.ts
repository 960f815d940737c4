import type { NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/auth/guards';
import { afterSignInPath, landingFor } from '../paths';

// After a successful sign-in the session cookie has just been set. If the browser refused it, the
// next page would silently show the citizen as anonymous: this hop checks that the cookie came back.

function seeOther(location: string): Response {
  // A relative Location: the path comes from afterSignInPath, so it stays on this site, and it is
  // percent-encoded ASCII (a raw "/\u3000" made the Response constructor throw: a 500).
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });
}

export async function GET(request: NextRequest) {
  // Next renders a server action's redirect target on the server with the cookies the action has
  // just set, which proves nothing about the browser. Answering that render with a non-RSC body makes
  // the client load this URL itself, with the cookies it really kept.
  if (request.headers.has('rsc')) {
    return new Response('Vérification de la connexion…', { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const next = afterSignInPath(request.nextUrl.searchParams.get('next'));
  const user = await getCurrentUser();
  if (user) return seeOther(landingFor(next, user.role));
  return seeOther(`/connexion?cookies=refuses&callbackUrl=${encodeURIComponent(next)}`);
}
