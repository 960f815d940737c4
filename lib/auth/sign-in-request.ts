import 'server-only';
import { cookies } from 'next/headers';
import type { AuthenticateResult } from '@/lib/accounts/sign-in';
import { getEnv } from '@/lib/env';
import { getClientKey } from '@/lib/security/client-key';
import { addDeviceClaim, createDeviceNonce, DEVICE_COOKIE_MAX_AGE_SECONDS, readDeviceCookie } from '@/lib/security/device-cookie';
import { getAuthSecret } from '@/lib/security/auth-secret';

// The password step of a sign-in from a request: who is asking (address, device cookie), then
// lib/accounts/sign-in.ts decides. After a right password the browser gets a fresh device token
// for the account (decision 010): it proves this browser knew the password, whatever step follows.

function deviceCookie(): { name: string; secure: boolean } {
  const secure = getEnv().publicOrigin.startsWith('https://');
  // __Host-: Secure, Path=/ and no Domain, so no sibling site can plant or overwrite it.
  return { name: secure ? '__Host-portail-appareil' : 'portail-appareil', secure };
}

export async function authenticateSignIn(email: string, password: string): Promise<AuthenticateResult> {
  const [{ authenticate }, { getDb }] = await Promise.all([import('@/lib/accounts/sign-in'), import('@/lib/db')]);
  const jar = await cookies();
  const { name, secure } = deviceCookie();
  const secret = getAuthSecret();
  const current = jar.get(name)?.value;
  const result = await authenticate(await getDb(), email, password, { clientKey: await getClientKey(), devices: readDeviceCookie(secret, current) });
  if (result.ok) {
    jar.set(name, addDeviceClaim(secret, current, { userId: result.user.id, nonce: createDeviceNonce() }), {
      httpOnly: true,
      secure,
      sameSite: 'strict',
      path: '/',
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    });
  }
  return result;
}
