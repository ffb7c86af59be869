import { expect, test } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { screenshot, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

test('wrong credentials get a clear message and no session', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill('recruiter@northwind.example');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The e-mail or password is not right.');
  await screenshot(page, 'sign-in-error-1280');
  await page.goto('/offers');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('signing out ends the session', async ({ page }) => {
  await signIn(page, 'recruiter');
  await expect(page.getByText('Signed in as Riley Chen')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/offers');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a finance user can read offers but is not offered intake actions', async ({ page }) => {
  await signIn(page, 'finance');
  await expect(page.getByRole('link', { name: 'New offer' })).toHaveCount(0);
  await page.goto('/offers?q=Priya');
  await page.getByRole('table', { name: 'Offers' }).getByRole('row', { name: /Priya Raman/ }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Priya Raman' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit for approval' })).toHaveCount(0);
});
