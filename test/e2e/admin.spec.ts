import { expect, test } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { chooseOption, expectNoSeriousA11yViolations, screenshot, signIn, openAdminPage } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

test('an admin adds a user with a role, and that user can sign in', async ({ page }) => {
  const email = `jordan.${Date.now()}@northwind.example`;
  const password = 'jordan picks a long passphrase';

  await signIn(page, 'admin');
  await openAdminPage(page, 'Users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users and roles' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Users of your organisation' })).toContainText('recruiter@northwind.example');
  await page.mouse.move(0, 0); // a hovered nav button is not what the page looks like
  await expectNoSeriousA11yViolations(page, 'users and roles');

  // A common password is refused next to its field, and nothing is added.
  await page.getByLabel('Name').fill('Jordan Lee');
  await page.getByLabel('E-mail').fill(email);
  await chooseOption(page, 'Role', '', 'Finance');
  await chooseOption(page, 'Applies to', '', 'Engineering');
  await page.getByLabel('Initial password').fill('password123');
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByText('is one of the most common passwords')).toBeVisible();

  await page.getByLabel('Initial password').fill(password);
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('status')).toContainText(`${email} was added`);
  const row = page.getByRole('row', { name: /Jordan Lee/ });
  await expect(row).toContainText('Finance · Engineering');
  await screenshot(page, 'admin-users-1280');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Offers' })).toBeVisible();
  await expect(page.getByText('Signed in as Jordan Lee')).toBeVisible();
  // Not an admin: no way to the users page.
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
});

test('an admin disables a user and grants a role from the table', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/users');
  const row = page.getByRole('row', { name: /it@northwind\.example/ });
  await row.getByRole('button', { name: /^Grant role to/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Grant role to/ });
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Payroll' }).click();
  await dialog.getByRole('button', { name: 'Grant', exact: true }).click();
  await expect(row).toContainText('Payroll');
  await row.getByRole('button', { name: /^Revoke Payroll from/ }).click();
  await expect(row).not.toContainText('Payroll');

  await row.getByRole('button', { name: /^Disable/ }).click();
  await expect(row).toContainText('Disabled');
  await row.getByRole('button', { name: /^Enable/ }).click();
  await expect(row).toContainText('Active');
});
