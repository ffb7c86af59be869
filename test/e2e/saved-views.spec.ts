import { expect, test, type Browser } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { chooseOption, expectNoSeriousA11yViolations, personPage, screenshot, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

test('a recruiter saves a board view shared with finance; finance sees it, labelled, and opens it', async ({ browser }) => {
  test.setTimeout(90_000);
  const name = `Comp review, newest first ${Date.now().toString(36)}`;

  // Riley (recruiter) narrows the board and saves the filters as a view shared with finance.
  const recruiter = await personPage(browser, 'recruiter');
  await recruiter.goto('/board?stage=comp_review&sort=newest');
  await expect(recruiter.getByRole('heading', { level: 1, name: 'Status board' })).toBeVisible();
  await recruiter.getByRole('button', { name: 'Views' }).click();
  await recruiter.getByRole('menuitem', { name: 'Save current filters…' }).click();
  const dialog = recruiter.getByRole('dialog', { name: 'Save these filters as a view' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await chooseOption(recruiter, 'Share with a role', '', 'Finance');
  await expectNoSeriousA11yViolations(recruiter, 'save a board view');
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog).toBeHidden();
  await recruiter.getByRole('button', { name: 'Views' }).click();
  await expect(recruiter.getByRole('menuitem', { name })).toBeVisible();
  await recruiter.keyboard.press('Escape');

  // Dana (finance) opens a plain board and finds the view under "Shared with me", saying who shared it.
  const finance = await personPage(browser, 'finance');
  await finance.goto('/board');
  await expect(finance.getByRole('heading', { level: 1, name: 'Status board' })).toBeVisible();
  await expect(finance.getByRole('combobox', { name: 'Order' })).toHaveValue('Longest in stage first');
  await finance.getByRole('button', { name: 'Views' }).click();
  const shared = finance.getByRole('menuitem', { name: new RegExp(name) });
  await expect(shared).toContainText('Shared by Riley Chen');
  await expectNoSeriousA11yViolations(finance, 'board views menu');
  await screenshot(finance, 'board-views-shared');
  // Finance cannot delete it: the view is not theirs, so there is nothing of theirs to delete.
  await expect(finance.getByRole('menuitem', { name: 'Delete my views…' })).toHaveCount(0);
  await shared.click();

  // Opening it puts its filters in the address bar; the board shows what Dana may see under them.
  await expect(finance).toHaveURL(/[?&]stage=comp_review/);
  await expect(finance).toHaveURL(/[?&]sort=newest/);
  await expect(finance.getByRole('combobox', { name: 'Order' })).toHaveValue('Newest in stage first');
  const res = await finance.request.get('/api/v1/board?stage=comp_review&sort=newest&limit=200');
  expect(res.status()).toBe(200);
  const items: { offerId: string; status: string }[] = (await res.json()).items;
  for (const item of items) expect(item.status).toBe('comp_review');
  if (items.length === 0) await expect(finance.getByTestId('board-empty')).toBeVisible();
  else await expect(finance.getByRole('table', { name: 'Status board' }).locator('tbody tr')).toHaveCount(Math.min(items.length, 50));

  // Riley deletes the view; finance no longer finds it.
  await recruiter.getByRole('button', { name: 'Views' }).click();
  await recruiter.getByRole('menuitem', { name: 'Delete my views…' }).click();
  await recruiter.getByRole('dialog', { name: 'My saved views' }).getByRole('button', { name: `Delete the view "${name}"` }).click();
  await expect(recruiter.getByRole('button', { name: `Delete the view "${name}"` })).toHaveCount(0);
  await finance.reload();
  await finance.getByRole('button', { name: 'Views' }).click();
  await expect(finance.getByRole('menuitem', { name: new RegExp(name) })).toHaveCount(0);

  for (const p of [recruiter, finance]) await p.context().close();
});
