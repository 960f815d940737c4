import 'server-only';
import { cookies } from 'next/headers';
import { getEnv } from '@/lib/env';

// Carries the typed address to "Vérifiez votre messagerie" without putting it in the URL (history, logs).
const SIGNUP_EMAIL_COOKIE = 'portail_inscription';

export async function rememberSignupEmail(email: string): Promise<void> {
  (await cookies()).set(SIGNUP_EMAIL_COOKIE, email, {
    httpOnly: true,
    sameSite: 'lax',
    secure: getEnv().publicOrigin.startsWith('https://'),
    path: '/inscription',
    maxAge: 3600,
  });
}

export async function readSignupEmail(): Promise<string | undefined> {
  return (await cookies()).get(SIGNUP_EMAIL_COOKIE)?.value || undefined;
}
