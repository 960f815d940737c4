import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { DEMO_TOTP_SECRETS } from '@/db/seed/demo-second-factor';
import { createSecretBox } from '@/lib/auth/second-factor/secret-box';
import { decodeTotpSecret, encodeTotpSecret, generateTotpCode, TOTP_PERIOD_SECONDS, timeStep } from '@/lib/auth/second-factor/totp';
import { e2eServerEnv } from '../../../playwright.config';
import { e2eSql } from './db';

// TOTP secrets this test process knows, by login email: the seeded demo ones, and those read from
// the enrolment page when signIn() enrolled an account (an authenticator app would do the same).
const knownSecrets = new Map<string, string>([
  ['agent@demo.localhost', DEMO_TOTP_SECRETS.agent],
  ['admin@demo.localhost', DEMO_TOTP_SECRETS.admin],
]);

export function rememberTotpSecret(email: string, secret: string): void {
  knownSecrets.set(email.toLowerCase(), secret.replace(/\s/g, ''));
}

export function totpSecretOf(email: string): string {
  const secret = knownSecrets.get(email.toLowerCase());
  if (!secret) throw new Error(`no TOTP secret known for ${email}: enrol it through signIn() first`);
  return secret;
}

/**
 * A fixture: the account is enrolled straight in the database (the secret encrypted with the e2e
 * server's key), as if it had enrolled before. Journeys about enrolment itself go through the page.
 */
export async function enrolSecondFactorInDatabase(user: { id: string; email: string }): Promise<string> {
  const secret = new Uint8Array(randomBytes(20));
  const ciphertext = createSecretBox(e2eServerEnv.AUTH_SECRET).encrypt(user.id, secret);
  await e2eSql()`insert into second_factors (user_id, secret_ciphertext, last_used_step) values (${user.id}, ${ciphertext}, 0)`;
  rememberTotpSecret(user.email, encodeTotpSecret(secret));
  return encodeTotpSecret(secret);
}

async function lastUsedStep(email: string): Promise<number> {
  const [row] = await e2eSql()<{ step: string | null }[]>`
    select sf.last_used_step::text as step from second_factors sf join users u on u.id = sf.user_id where u.email = ${email.toLowerCase()}`;
  return row?.step ? Number(row.step) : 0;
}

/**
 * A code the portal will accept now: the current step's, or the next one's (the portal accepts one
 * step either side) when the current step was used by a previous sign-in. When both are used,
 * waits for the clock to reach the next step, as a person would wait for a new code.
 */
export async function nextTotpCode(email: string): Promise<string> {
  const secret = decodeTotpSecret(totpSecretOf(email));
  const last = await lastUsedStep(email);
  let now = timeStep(Date.now());
  while (last + 1 > now + 1) {
    await new Promise((resolve) => setTimeout(resolve, (now + 1) * TOTP_PERIOD_SECONDS * 1000 - Date.now() + 50));
    now = timeStep(Date.now());
  }
  return generateTotpCode(secret, Math.max(now, last + 1));
}

/** On the enrolment page: reads the key as a person would copy it, confirms with a code, keeps the recovery codes. */
export async function enrolFromPage(page: Page, email: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const secret = ((await page.locator('#cle-secrete').textContent()) ?? '').replace(/\s/g, '');
  rememberTotpSecret(email, secret);
  await page.getByLabel('Code à 6 chiffres').fill(generateTotpCode(decodeTotpSecret(secret), timeStep(Date.now())));
  await page.getByRole('button', { name: 'Activer la double authentification' }).click();
  await expect(page).toHaveURL(/\/connexion\/codes-de-secours/);
  const recoveryCodes = (await page.getByRole('list', { name: 'Codes de secours' }).getByRole('listitem').allTextContents()).map((c) => c.trim());
  await page.getByRole('button', { name: 'J’ai conservé mes codes de secours, continuer' }).click();
  return { secret, recoveryCodes };
}

/** On the code page: types a fresh code; another test signing in the same account may take it first, then retries. */
export async function typeTotpCode(page: Page, email: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await page.getByLabel('Code à 6 chiffres').fill(await nextTotpCode(email));
    await page.getByRole('button', { name: 'Valider le code' }).click();
    const outcome = await Promise.race([
      page.waitForURL((url) => !url.pathname.startsWith('/connexion/code'), { timeout: 15_000 }).then(() => 'signed-in' as const, () => 'timeout' as const),
      page.getByText('Ce code a déjà été utilisé').first().waitFor({ timeout: 15_000 }).then(() => 'replayed' as const, () => 'timeout' as const),
    ]);
    if (outcome === 'signed-in') return;
  }
  throw new Error(`the portal refused three fresh codes for ${email}`);
}

/**
 * Signs in through the real sign-in form. Agents and administrators then go through the second
 * factor: the code of a known secret, or the enrolment the first time (the secret is read from the page).
 */
export async function signIn(page: Page, email: string, password: string, callbackUrl?: string) {
  await page.goto(callbackUrl ? `/connexion?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/connexion');
  await page.getByLabel('Adresse de courriel').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname !== '/connexion', { timeout: 15_000 });
  const { pathname } = new URL(page.url());
  if (pathname === '/connexion/activation') await enrolFromPage(page, email);
  else if (pathname === '/connexion/code') await typeTotpCode(page, email);
  await expect(page).not.toHaveURL(/\/connexion/);
}
