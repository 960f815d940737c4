import { DEMO_TOTP_SECRETS } from '@/db/seed/demo-second-factor';
import type { Env } from '@/lib/env';
import { encodeTotpSecret } from './totp';
import type { Role } from '@/db/schema';

// Small pure rules of the second factor (unit-tested).


export function requiresSecondFactor(role: Role): boolean {
  return role === 'agent' || role === 'admin';
}

/**
 * Whether a session may act with this role: a back-office role only with a session opened through
 * the second factor (its `mfa` claim, set by the 'second-factor' provider alone). A citizen
 * promoted while signed in, or any session opened another way, does not reach the back office.
 */
export function sessionSatisfiesSecondFactor(role: Role, sessionHasSecondFactor: boolean): boolean {
  return !requiresSecondFactor(role) || sessionHasSecondFactor;
}

/**
 * The demo secrets are published (README, `npm run demo`): outside the demo they would let anyone
 * who also knows the demo password in. Refused at sign-in rather than only at seeding, because a
 * database seeded for a demo can later be served in production mode.
 */
export function refusesDemoSecrets(env: Pick<Env, 'NODE_ENV' | 'PORTAL_MODE'>): boolean {
  return env.NODE_ENV === 'production' && env.PORTAL_MODE !== 'demo';
}

const demoSecrets = new Set<string>(Object.values(DEMO_TOTP_SECRETS));

export function isDemoSecret(secret: Uint8Array): boolean {
  return demoSecrets.has(encodeTotpSecret(secret));
}
