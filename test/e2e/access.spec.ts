import { expect, test, type Page } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { screenshot, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

/** Elena Sokolova's offer is submitted in the demo seed (status drafting), so both finance and IT may see it. */
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
  await screenshot(page, 'access-finance-offer');
});

test('IT sees the same offer without any pay', async ({ page }) => {
  await signIn(page, 'it');
  await openSubmittedOffer(page);
  await expect(page.getByRole('region', { name: 'Dates' })).toBeVisible();
  await expect(page.getByTestId('comp-panel')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Pay' })).toHaveCount(0);
  await expect(page.getByText('$138,000')).toHaveCount(0);
  // IT writes nothing, so no action buttons either.
  await expect(page.getByRole('region', { name: 'Actions' })).toHaveCount(0);
  await screenshot(page, 'access-it-offer');
});
