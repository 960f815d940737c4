import { expect, type Page } from '@playwright/test';

/** Signs in through the real sign-in form. */
export async function signIn(page: Page, email: string, password: string, callbackUrl?: string) {
  await page.goto(callbackUrl ? `/connexion?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/connexion');
  await page.getByLabel('Adresse de courriel').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).not.toHaveURL(/\/connexion/);
}
