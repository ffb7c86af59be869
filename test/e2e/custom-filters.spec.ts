import { expect, test } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { chooseOption, expectNoSeriousA11yViolations, personPage, screenshot } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

test('a recruiter filters the offers list by a custom field, adds it as a column and saves the view for finance, who opens it', async ({ browser }) => {
  test.setTimeout(90_000);
  const name = `Visa sponsored ${Date.now().toString(36)}`;

  // Riley (recruiter) filters by the demo's "Visa sponsorship" field and shows it as a column.
  const recruiter = await personPage(browser, 'recruiter');
  await recruiter.goto('/offers');
  await expect(recruiter.getByRole('heading', { level: 1, name: 'Offers' })).toBeVisible();
  await recruiter.getByRole('button', { name: 'Filter by a custom field…' }).click();
  await chooseOption(recruiter, 'Custom field', '', 'Visa sponsorship');
  await chooseOption(recruiter, 'Value', '', 'Yes');
  await recruiter.getByRole('button', { name: 'Add filter' }).click();
  await expect(recruiter).toHaveURL(/[?&]custom\.visa_sponsorship=true/);
  await expect(recruiter.getByText('Visa sponsorship: Yes')).toBeVisible();
  await chooseOption(recruiter, 'Custom columns', '', 'Visa sponsorship');
  await recruiter.keyboard.press('Escape');
  await expect(recruiter).toHaveURL(/[?&]cols=custom\.visa_sponsorship/);

  // The rows are exactly those the API finds, each saying Yes in the new column.
  const res = await recruiter.request.get('/api/v1/offers?custom.visa_sponsorship=true&limit=100');
  expect(res.status()).toBe(200);
  const items: { id: string }[] = (await res.json()).items;
  expect(items.length).toBeGreaterThan(0);
  const table = recruiter.getByRole('table', { name: 'Offers' });
  await expect(table.getByRole('columnheader', { name: 'Visa sponsorship' })).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(Math.min(items.length, 25));
  for (const cell of await table.locator('td[data-column="custom.visa_sponsorship"]').all()) await expect(cell).toHaveText('Yes');
  await expectNoSeriousA11yViolations(recruiter, 'offers list with a custom filter and column');
  await screenshot(recruiter, 'offers-custom-filter');

  // Saved with the list's Views menu, shared with finance.
  await recruiter.getByRole('button', { name: 'Views' }).click();
  await recruiter.getByRole('menuitem', { name: 'Save current filters…' }).click();
  const dialog = recruiter.getByRole('dialog', { name: 'Save these filters as a view' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await chooseOption(recruiter, 'Share with a role', '', 'Finance');
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog).toBeHidden();

  // Dana (finance) opens a plain list and the shared view: the filter and the column come back.
  const finance = await personPage(browser, 'finance');
  await finance.goto('/offers');
  await finance.getByRole('button', { name: 'Views' }).click();
  const shared = finance.getByRole('menuitem', { name: new RegExp(name) });
  await expect(shared).toContainText('Shared by Riley Chen');
  await shared.click();
  await expect(finance).toHaveURL(/[?&]custom\.visa_sponsorship=true/);
  await expect(finance).toHaveURL(/[?&]cols=custom\.visa_sponsorship/);
  await expect(finance.getByText('Visa sponsorship: Yes')).toBeVisible();
  await expect(finance.getByRole('table', { name: 'Offers' }).getByRole('columnheader', { name: 'Visa sponsorship' })).toBeVisible();

  // Riley deletes the view again.
  await recruiter.getByRole('button', { name: 'Views' }).click();
  await recruiter.getByRole('menuitem', { name: 'Delete my views…' }).click();
  await recruiter.getByRole('dialog', { name: 'My saved views' }).getByRole('button', { name: `Delete the view "${name}"` }).click();
  await expect(recruiter.getByRole('button', { name: `Delete the view "${name}"` })).toHaveCount(0);

  for (const p of [recruiter, finance]) await p.context().close();
});

test('a recruiter filters the offers list by a range of a money field, in dollars, and a phone shows the custom column on each card', async ({ browser }) => {
  test.setTimeout(90_000);
  const recruiter = await personPage(browser, 'recruiter');
  await recruiter.goto('/offers');
  await expect(recruiter.getByRole('heading', { level: 1, name: 'Offers' })).toBeVisible();
  await recruiter.getByRole('button', { name: 'Filter by a custom field…' }).click();
  await chooseOption(recruiter, 'Custom field', '', 'Remote work stipend');
  // A min above the max is caught before it is sent.
  await recruiter.getByRole('textbox', { name: 'From' }).fill('300');
  await recruiter.getByRole('textbox', { name: 'To' }).fill('100');
  await expect(recruiter.getByText('From must not be above To')).toBeVisible();
  await expect(recruiter.getByRole('button', { name: 'Add filter' })).toBeDisabled();
  await recruiter.getByRole('textbox', { name: 'From' }).fill('100');
  await recruiter.getByRole('textbox', { name: 'To' }).fill('300');
  await screenshot(recruiter, 'offers-custom-range-picker');
  await recruiter.getByRole('button', { name: 'Add filter' }).click();
  // Typed in dollars, sent in cents.
  await expect(recruiter).toHaveURL(/[?&]custom\.remote_stipend\.min=10000(&|$)/);
  await expect(recruiter).toHaveURL(/[?&]custom\.remote_stipend\.max=30000(&|$)/);
  await expect(recruiter.getByText('Remote work stipend: $100.00 – $300.00')).toBeVisible();

  const res = await recruiter.request.get('/api/v1/offers?custom.remote_stipend.min=10000&custom.remote_stipend.max=30000&limit=100');
  expect(res.status()).toBe(200);
  const items: { id: string }[] = (await res.json()).items;
  expect(items.length).toBeGreaterThan(0);
  await chooseOption(recruiter, 'Custom columns', '', 'Remote work stipend');
  await recruiter.keyboard.press('Escape');
  const table = recruiter.getByRole('table', { name: 'Offers' });
  await expect(table.locator('tbody tr')).toHaveCount(Math.min(items.length, 25));
  await screenshot(recruiter, 'offers-custom-range');

  // The same address on a phone: one card per offer, each with the column as "label: value".
  const url = recruiter.url();
  const phone = await personPage(browser, 'recruiter', { width: 390, height: 844 });
  await phone.goto(url);
  const cards = phone.getByRole('list', { name: 'Offers' }).getByRole('listitem');
  await expect(cards).toHaveCount(Math.min(items.length, 25));
  for (const card of await cards.all()) await expect(card.locator('[data-column="custom.remote_stipend"]')).toContainText(/Remote work stipend:\s*\$\d/);
  await expectNoSeriousA11yViolations(phone, 'offer cards with a custom column');
  await screenshot(phone, 'offers-custom-range-phone');
  // The chip is with the other filters, behind their button on a phone.
  await phone.getByRole('button', { name: /Filters and sorting/ }).click();
  await expect(phone.getByText('Remote work stipend: $100.00 – $300.00')).toBeVisible();

  for (const p of [recruiter, phone]) await p.context().close();
});
