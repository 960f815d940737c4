import 'server-only';
import { getEnv } from '@/lib/env';

/** The secret that signs and encrypts session cookies, pending sign-ins and device cookies. */
export function getAuthSecret(): string {
  // Production requires AUTH_SECRET (checked at start-up); development gets a fixed local secret.
  return getEnv().AUTH_SECRET ?? 'development-only-secret-never-used-in-production-0000';
}
