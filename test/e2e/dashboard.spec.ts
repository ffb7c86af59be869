import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { chooseOption, expectNoSeriousA11yViolations, screenshot, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

const metricTitles = [
  'Cycle time by stage',
  'Time to approve',
  'Acceptance rate and decline reasons',
  'Exception rate by reason',
  'Fall-through after verbal acceptance',
  'Revisions per offer',
  'Approval to send',
];

test('the recruiting-operations lead filters the dashboard by business unit, reads a chart as a table and downloads its CSV', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, 'ops');

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Metrics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Metrics' })).toBeVisible();
  for (const title of metricTitles) await expect(page.getByRole('region', { name: title })).toBeVisible();
  const cycle = page.getByRole('region', { name: 'Cycle time by stage' });
  // Every offer has left a draft or a stage by now: the chart is drawn, with its named figure and units.
  await expect(cycle.getByRole('figure', { name: 'Cycle time by stage' })).toBeVisible();
  await expect(cycle.locator('.recharts-surface')).toBeVisible();
  await expect(cycle.getByText(/^Time \((minutes|hours|days)\)$/)).toBeVisible();

  // Engineering only: every chart asks again with the unit, and the address keeps the filter.
  const units: { id: string; name: string }[] = await (await page.request.get('/api/v1/business-units')).json();
  const engineering = units.find((u) => u.name === 'Engineering')!;
  const asked = page.waitForResponse((r) => r.url().includes('/api/v1/metrics/cycle-time') && r.url().includes(`businessUnitId=${engineering.id}`));
  await chooseOption(page, 'Business unit', '', 'Engineering');
  expect((await asked).status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`bu=${engineering.id}`));
  await expect(page.getByRole('combobox', { name: 'Business unit' })).toHaveValue('Engineering');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(cycle.getByRole('figure', { name: 'Cycle time by stage' })).toBeVisible();
  await page.mouse.move(0, 0);
  // The picture a human looks at, in the run's output folder and with the other screenshots.
  await page.getByTestId('metrics-charts').screenshot({ path: testInfo.outputPath('metrics-engineering.png') });
  await screenshot(page, 'metrics-engineering');
  await expectNoSeriousA11yViolations(page, 'metrics dashboard');

  // The same numbers as an accessible table.
  await cycle.getByRole('button', { name: 'Table' }).click();
  await expect(cycle.getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');
  const table = cycle.getByRole('table', { name: 'Cycle time by stage: table' });
  await expect(table.getByRole('columnheader')).toHaveText(['Stage', 'Count', 'Median', '90th percentile']);
  await expect(table.getByRole('row')).not.toHaveCount(1);
  await expect(table.getByRole('cell').nth(1)).toHaveText(/^(\d[\d.,]* (min|h|days)|—)$/);
  await expectNoSeriousA11yViolations(page, 'metrics dashboard with a table');
  await screenshot(page, 'metrics-engineering-table');

  // The CSV of the same chart, with the same filters.
  const link = cycle.getByRole('link', { name: 'Download CSV: Cycle time by stage' });
  await expect(link).toHaveAttribute('href', new RegExp(`businessUnitId=${engineering.id}.*format=csv`));
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^metrics-cycle-time-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const [header, ...rows] = csv.trim().split(/\r\n/);
  expect(header).toBe('from,to,filters,measure,stage,count,median_minutes,p90_minutes');
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.includes(`businessUnitId=${engineering.id}`))).toBe(true);

  await context.close();
});

test('a shared dashboard address opens with its filters, and people without metrics roles get no Metrics link', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'recruiter');
  await page.goto('/dashboard?period=365&type=full_time');
  await expect(page.getByRole('combobox', { name: 'Period' })).toHaveValue('Last 365 days');
  await expect(page.getByRole('combobox', { name: 'Employment type' })).toHaveValue('Full-time');
  await expect(page.getByRole('region', { name: 'Revisions per offer' }).getByRole('link', { name: /Download CSV/ })).toHaveAttribute('href', /employmentType=full_time/);
  await context.close();

  const it = await browser.newContext();
  const itPage = await it.newPage();
  await signIn(itPage, 'it');
  const nav = itPage.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Board' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Metrics' })).toHaveCount(0);
  await it.close();
});
