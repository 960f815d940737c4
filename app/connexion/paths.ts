import { safeCallbackPath } from '@/lib/auth/guards';

export const DEFAULT_AFTER_SIGN_IN = '/compte';

/** Where to go after signing in: a same-site path, never back to the sign-in or sign-out pages. */
export function afterSignInPath(value: unknown): string {
  const path = safeCallbackPath(value, DEFAULT_AFTER_SIGN_IN);
  return /^\/(connexion|deconnexion)(\/|\?|$)/.test(path) ? DEFAULT_AFTER_SIGN_IN : path;
}

/** Agents and administrators land on the back office when no page was asked for. */
export function landingFor(path: string, role: string): string {
  return path === DEFAULT_AFTER_SIGN_IN && (role === 'agent' || role === 'admin') ? '/admin' : path;
}

export function verificationPath(callbackUrl: unknown): string {
  return `/connexion/verification?next=${encodeURIComponent(afterSignInPath(callbackUrl))}`;
}

/** The second step of a back-office sign-in: the code page, or the enrolment page the first time. */
export const SECOND_FACTOR_PAGES = { 'second-factor': '/connexion/code', enrol: '/connexion/activation' } as const;

export function secondFactorPath(page: string, callbackUrl: unknown): string {
  return `${page}?next=${encodeURIComponent(afterSignInPath(callbackUrl))}`;
}
