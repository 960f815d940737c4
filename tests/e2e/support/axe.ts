import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** RGAA 4.1 / WCAG 2.1 AA rules that axe checks automatically: no violation on the page as shown. */
export async function expectNoAxeViolations(page: Page) {
  // Next streams the <title> of dynamic pages after the first bytes: wait for it before auditing.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations).toEqual([]);
}
