import { expect, test, type APIRequestContext } from '@playwright/test';
import { hasChromium, isoDaysFromToday, noChromiumMessage } from './support/env';
import { signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

/** Enough extra drafts through the API (with the page's session) to need a second page of 25. */
async function createDrafts(request: APIRequestContext, count: number) {
  const [candidate] = await (await request.get('/api/v1/candidates?q=Elena')).json();
  const [department] = await (await request.get('/api/v1/departments')).json();
  for (let i = 0; i < count; i++) {
    const res = await request.post('/api/v1/offers', {
      headers: { 'Idempotency-Key': `list-paging-${Date.now()}-${i}`, 'X-Requested-With': 'offerline' },
      data: {
        candidateId: candidate.id,
        terms: {
          title: `Paging Analyst ${String(i + 1).padStart(2, '0')}`,
          level: 'L3',
          departmentId: department.id,
          location: { city: 'Denver', state: 'CO', remote: true },
          employmentType: 'full_time',
          flsaStatus: 'exempt',
          compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 120_000_00 },
          startDate: isoDaysFromToday(40),
        },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
}

test('filters by status, sorts, and pages with Load more', async ({ page }) => {
  await signIn(page, 'recruiter');
  const table = page.getByRole('table', { name: 'Offers' });

  // Status filter: only offers waiting on compensation review remain (the demo's offer for Lena Park
  // waits on finance), and the choice is kept in the address.
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Comp review' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/status=comp_review/);
  const rows = table.getByRole('row').filter({ hasNot: page.getByRole('columnheader') });
  await expect(rows.first()).toContainText('Comp review');
  for (const row of await rows.all()) await expect(row).toContainText('Comp review');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/status=/);

  // Sorting by candidate puts the names in order.
  await page.getByRole('combobox', { name: 'Sort by' }).click();
  await page.getByRole('option', { name: 'Candidate, A to Z' }).click();
  await expect(page).toHaveURL(/sort=candidateName/);
  await expect
    .poll(async () => {
      const names = await rows.locator('td:nth-child(2)').allTextContents();
      return names.length > 1 && names.join('|') === [...names].sort((x, y) => x.localeCompare(y)).join('|');
    })
    .toBe(true);
  await expect(table.getByRole('columnheader', { name: 'Candidate' })).toHaveAttribute('aria-sort', 'ascending');

  // Paging: 25 a page, the rest behind Load more. Drafts only: the demo's year of finished offers
  // would need many pages.
  await createDrafts(page.request, 25);
  await page.getByRole('combobox', { name: 'Sort by' }).click();
  await page.getByRole('option', { name: 'Recently updated', exact: true }).click();
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Draft', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/status=draft/);
  await page.reload();
  await expect(rows).toHaveCount(25);
  await expect(page.getByText('Showing 25; more available')).toBeVisible();
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(rows).not.toHaveCount(25);
  // Other journeys add drafts too; keep loading until the list says there is no more.
  for (let i = 0; i < 10 && (await page.getByRole('button', { name: 'Load more' }).count()) > 0; i++) {
    const before = await rows.count();
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(rows).not.toHaveCount(before);
  }
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  const total = await rows.count();
  // The 25 just made and the demo's own drafts.
  expect(total).toBeGreaterThanOrEqual(28);
  for (const row of await rows.all()) await expect(row).toContainText('Draft');
  await expect(page.getByText(`Showing ${total}`, { exact: true })).toBeVisible();
});
