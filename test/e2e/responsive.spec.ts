import { expect, test } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { expectNoHorizontalOverflow, screenshot, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);
test.use({ viewport: { width: 375, height: 812 } });

test('at phone width the list, detail and form fit the screen', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to Offerline' })).toBeVisible();
  await expectNoHorizontalOverflow(page, 'sign-in');
  await screenshot(page, 'sign-in-375');
  await signIn(page, 'recruiter');

  // The table becomes a list of cards.
  const cards = page.getByRole('list', { name: 'Offers' });
  await expect(cards.getByRole('listitem')).not.toHaveCount(0);
  await expect(page.getByRole('table')).toHaveCount(0);
  await expectNoHorizontalOverflow(page, 'offers list');
  await screenshot(page, 'list-375');

  // Filters fold away on a phone; opened, they still fit.
  await page.getByRole('button', { name: 'Filters and sorting' }).click();
  await expect(page.getByRole('combobox', { name: 'Business unit' })).toBeVisible();
  await expectNoHorizontalOverflow(page, 'offers list with filters open');

  // Other specs add offers; a search keeps this one on the first page.
  await page.goto('/offers?q=Priya');
  await cards.getByRole('listitem').filter({ hasText: 'Priya Raman' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Priya Raman' })).toBeVisible();
  await expect(page.getByTestId('journal-timeline')).toContainText('Offer created');
  await expectNoHorizontalOverflow(page, 'offer detail');
  await screenshot(page, 'detail-375');

  await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.getByRole('link', { name: 'New offer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New offer' })).toBeVisible();
  await expectNoHorizontalOverflow(page, 'intake form');
  await screenshot(page, 'form-375');
});
