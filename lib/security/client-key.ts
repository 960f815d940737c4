import 'server-only';
import { headers } from 'next/headers';
import { getEnv } from '@/lib/env';
import { getPeerAddressHeader } from '@/lib/platform/peer-address';
import { clientKeyOf, resolveClientAddress } from '@/lib/common/client-address';
import { logger } from '@/lib/platform/logger';

// The key per-client limits (sign-up, resend, reset, sign-in) count under: the socket address, or
// X-Forwarded-For only as far as TRUSTED_PROXIES allows (lib/common/client-address.ts). Never a
// header the client alone writes.

export const UNKNOWN_CLIENT = 'unknown';
let warned = false;

/** The client's address, or null when the socket address was not captured (see lib/platform/peer-address.ts). */
export async function getClientAddress(): Promise<string | null> {
  const name = getPeerAddressHeader();
  const h = await headers();
  const socketAddress = name ? h.get(name) || undefined : undefined;
  if (!socketAddress && !warned) {
    warned = true;
    logger.error('the socket address of a request is unknown (instrumentation did not run first?): per-client limits share one counter');
  }
  return resolveClientAddress(socketAddress, h.get('x-forwarded-for') ?? undefined, getEnv().TRUSTED_PROXIES);
}

/** Requests whose address is unknown share one key: that fails closed (they are limited together). */
export async function getClientKey(): Promise<string> {
  const address = await getClientAddress();
  return address ? clientKeyOf(address) : UNKNOWN_CLIENT;
}
