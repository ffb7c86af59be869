import { expect, test } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { chooseOption, expectNoSeriousA11yViolations, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

test('sign-in, list, form and detail have no serious or critical axe violations', async ({ browser }) => {
  // A context of our own, as axe-core/playwright requires.
  const context = await browser.newContext();
  const page = await context.newPage();

  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to Offerline' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'sign-in');

  await signIn(page, 'recruiter');
  await expect(page.getByRole('table', { name: 'Offers' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'offers list');

  await page.goto('/offers/new');
  await chooseOption(page, 'Requisition', 'ENG-101', /ENG-101/);
  await expect(page.getByLabel('Title')).toHaveValue('Senior Backend Engineer');
  await page.getByRole('button', { name: 'Save draft' }).click(); // show the error states too
  await expectNoSeriousA11yViolations(page, 'intake form');

  await page.goto('/offers?q=Priya');
  await page.getByRole('table', { name: 'Offers' }).getByRole('row', { name: /Priya Raman/ }).getByRole('link').click();
  await expect(page.getByTestId('journal-verdict')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'offer detail');

  // From a fresh load, the first Tab reaches the skip link.
  await page.reload();
  await expect(page.getByTestId('journal-verdict')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await context.close();
});
