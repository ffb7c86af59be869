import { expect, test, type Page } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { screenshot, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

/** Elena Sokolova's offer is submitted in the demo seed (its packet is generated and it moves on), so both finance and IT may see it. */
async function openSubmittedOffer(page: Page) {
  await page.goto('/offers?q=Sokolova');
  await page.getByRole('table', { name: 'Offers' }).getByRole('row', { name: /Elena Sokolova/ }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Elena Sokolova' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Role' })).toBeVisible();
}

test('finance sees the Pay section of a submitted offer', async ({ page }) => {
  await signIn(page, 'finance');
  await openSubmittedOffer(page);
  const pay = page.getByTestId('comp-panel');
  await expect(pay).toBeVisible();
  await expect(pay.getByRole('heading', { name: 'Pay' })).toBeVisible();
  await expect(pay).toContainText('$138,000');
  // Finance reads pay, so it reads the packet that states it.
  await expect(page.getByTestId('documents-panel').getByRole('link', { name: /^Download/ }).first()).toBeVisible({ timeout: 20_000 });
  await screenshot(page, 'access-finance-offer');
});

test('IT sees the same offer without any pay', async ({ page }) => {
  await signIn(page, 'it');
  const packets = page.waitForResponse((r) => /\/api\/v1\/offers\/[^/]+\/packets$/.test(new URL(r.url()).pathname));
  await openSubmittedOffer(page);
  // The documents state pay: the server refuses them to IT, and the page shows no Documents panel.
  expect((await packets).status()).toBe(403);
  await expect(page.getByTestId('documents-panel')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Dates' })).toBeVisible();
  await expect(page.getByTestId('comp-panel')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Pay' })).toHaveCount(0);
  await expect(page.getByText('$138,000')).toHaveCount(0);
  // IT writes nothing, so no action buttons either.
  await expect(page.getByRole('region', { name: 'Actions' })).toHaveCount(0);
  await screenshot(page, 'access-it-offer');
});
