import { expect, test } from '@playwright/test';
import { createCitizen, e2eSql } from './support/db';
import { signIn } from './support/session';

// The live-updates stream during an outage answers an error status, after which the browser's
// EventSource never reconnects by itself. The page retries with backoff and, once back, catches up
// with what happened meanwhile.

test('after the stream failed with 503, the page reconnects by itself and shows what it missed', async ({ page }) => {
  test.setTimeout(60_000);
  const citizen = await createCitizen();
  await signIn(page, citizen.email, citizen.password);

  // The outage: the stream answers 503 (what it answers when the database does not).
  let refused = 0;
  await page.route('**/api/notifications/flux', async (route) => {
    refused += 1;
    await route.fulfill({ status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': '5' }, body: '' });
  });
  await page.goto('/demandes');
  await expect.poll(() => refused, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);

  // Something happens while the page cannot listen…
  await e2eSql()`insert into notifications (user_id, kind, title, body) values (${citizen.id}, 'status_change', 'Statut modifié', 'Votre demande a avancé.')`;
  await expect(page.getByRole('link', { name: /Notifications 1 non lue/ })).toHaveCount(0);

  // …then the service is back: the next attempt connects, and the page catches up without a reload.
  const connected = page.waitForResponse((response) => response.url().endsWith('/api/notifications/flux') && response.status() === 200, { timeout: 30_000 });
  await page.unroute('**/api/notifications/flux');
  await connected;
  await expect(page.getByRole('link', { name: /Notifications 1 non lue/ })).toBeVisible();
});
