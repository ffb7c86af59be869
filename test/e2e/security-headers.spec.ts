import { expect, test, type Page } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

/** Collects what the browser reports when the Content-Security-Policy blocks something. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test('the web app runs under its Content-Security-Policy without violations', async ({ page }) => {
  const violations = cspViolations(page);
  await signIn(page, 'recruiter');
  await page.goto('/offers/new');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test('the API docs page renders under its own CSP', async ({ page }) => {
  const violations = cspViolations(page);
  const res = await page.goto('/api/docs');
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: /Offerline API/ })).toBeVisible();
  expect(violations).toEqual([]);
});
