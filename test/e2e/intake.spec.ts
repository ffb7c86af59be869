import { expect, test } from '@playwright/test';
import { hasChromium, isoDaysFromToday, noChromiumMessage } from './support/env';
import { chooseOption, screenshot, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

test.describe('recruiter journey: intake to submitted offer', () => {
  test('signs in, creates an offer from a requisition, edits it, finds it and submits it', async ({ page }) => {
    // Unauthenticated readers land on sign-in and return where they were going.
    await page.goto('/offers');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Foffers/);
    await signIn(page, 'recruiter');
    await expect(page).toHaveURL(/\/offers$/);

    // The seeded offers are listed with readable statuses.
    const table = page.getByRole('table', { name: 'Offers' });
    await expect(table.getByRole('row', { name: /Priya Raman/ })).toBeVisible();
    await expect(table.getByRole('row', { name: /Marcus Webb/ })).toContainText('Draft');
    // Noah Fischer also has offers from the approvals journeys; the seeded one is the cancelled one.
    await expect(table.getByRole('row', { name: /Noah Fischer/ }).filter({ hasText: 'Cancelled' })).toBeVisible();
    for (const name of ['Elena Sokolova', 'Jamal Carter', 'Sofia Alvarez']) {
      await expect(table.getByRole('row', { name: new RegExp(name) })).toBeVisible();
    }
    await screenshot(page, 'list-1280');

    // Intake: candidate, then a requisition that fills in the role and the band's midpoint.
    await page.getByRole('link', { name: 'New offer' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'New offer' })).toBeVisible();
    await chooseOption(page, 'Candidate', 'Aiko', /Aiko Tanaka/);
    await chooseOption(page, 'Requisition', 'ENG-102', /ENG-102/);
    await expect(page.getByRole('status').filter({ hasText: 'Filled in from ENG-102' })).toBeVisible();
    await expect(page.getByLabel('Title')).toHaveValue('Site Reliability Engineer');
    await expect(page.getByLabel('City')).toHaveValue('Austin');
    const base = page.getByLabel(/Base salary/);
    await expect(base).toHaveValue('$152,000');
    await expect(page.getByTestId('band-range')).toHaveText('Band $130,000 – $175,000 (mid $152,000)');

    await base.fill('158000');
    await page.getByLabel('Start date').fill(isoDaysFromToday(30));
    await page.getByLabel('Offer expires on').fill(isoDaysFromToday(10));
    await page.getByLabel('Sign-on bonus').fill('5000');
    await screenshot(page, 'form-1280');
    await page.getByRole('button', { name: 'Save draft' }).click();

    // The detail page shows the saved terms in dollars and the first journal entry.
    await expect(page).toHaveURL(/\/offers\/[0-9a-f-]{36}$/);
    const offerUrl = page.url();
    await expect(page.getByRole('heading', { level: 1, name: 'Aiko Tanaka' })).toBeVisible();
    await expect(page.getByText('Site Reliability Engineer · L4')).toBeVisible();
    const pay = page.getByRole('region', { name: 'Pay' });
    await expect(pay).toContainText('$158,000');
    await expect(pay).toContainText('$5,000');
    const journal = page.getByTestId('journal-timeline');
    await expect(journal).toContainText('Offer created');
    await expect(journal).toContainText('Riley Chen');
    await expect(page.getByTestId('journal-verdict')).toContainText('Journal verified ✓');

    // Editing the draft records which fields changed.
    await page.getByRole('link', { name: 'Edit draft' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edit draft offer' })).toBeVisible();
    await page.getByLabel(/Base salary/).fill('160000');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page).toHaveURL(offerUrl);
    await expect(page.getByRole('region', { name: 'Pay' })).toContainText('$160,000');
    await expect(journal).toContainText('Draft updated: Base salary');

    // Back on the list, a search by candidate name finds it.
    await page.getByRole('link', { name: 'All offers' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Aiko');
    await expect(table.getByRole('row')).toHaveCount(2);
    const row = table.getByRole('row', { name: /Aiko Tanaka/ });
    await expect(row).toContainText('Site Reliability Engineer');
    await expect(row).toContainText('Draft');
    await expect(page).toHaveURL(/q=Aiko/);

    // Submit from the detail page: the status moves on and the journal says how.
    await row.getByRole('link', { name: 'Site Reliability Engineer' }).click();
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    const dialog = page.getByRole('dialog', { name: 'Submit this offer?' });
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await expect(dialog).toBeHidden();
    await expect(journal).toContainText('Version 1 frozen');
    await expect(journal).toContainText('Submitted: Draft → Drafting packet');
    // The packet is generated from the template library, and the offer moves on by itself.
    await expect(journal).toContainText('Packet generated for version 1', { timeout: 20_000 });
    await expect(journal).toContainText('Packet ready: Drafting packet →');
    await expect(page.getByTestId('documents-panel').getByRole('link', { name: /^Download/ }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Submit for approval' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Edit draft' })).toHaveCount(0);
    await screenshot(page, 'detail-1280');
  });

  test('the form checks fields live with the shared schema before anything is sent', async ({ page }) => {
    await signIn(page, 'recruiter');
    await page.goto('/offers/new');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The offer cannot be saved yet' })).toBeVisible();
    await expect(page.getByText('Candidate is required')).toBeVisible();
    await expect(page.getByText('Title is required')).toBeVisible();
    await expect(page.getByText('Start date is required')).toBeVisible();

    await page.getByLabel('Start date').fill(isoDaysFromToday(-1));
    await expect(page.getByText(/Start date must be after today/)).toBeVisible();
    await page.getByLabel('Start date').fill(isoDaysFromToday(20));
    await page.getByLabel('Offer expires on').fill(isoDaysFromToday(25));
    await expect(page.getByText(/Offer expires on must be before the start date/)).toBeVisible();
    await screenshot(page, 'form-errors-1280');
  });

  test('a draft changed by someone else is not overwritten: the editor is told and can reload', async ({ page }) => {
    await signIn(page, 'recruiter');
    await page.goto('/offers?q=Marcus');
    const table = page.getByRole('table', { name: 'Offers' });
    await table.getByRole('row', { name: /Marcus Webb/ }).getByRole('link').click();
    const offerUrl = page.url();
    await page.getByRole('link', { name: 'Edit draft' }).click();
    await expect(page.getByLabel('Title')).toHaveValue('Site Reliability Engineer');

    // Another tab saves first, moving the row version on.
    const id = offerUrl.split('/').pop()!;
    const current = await (await page.request.get(`/api/v1/offers/${id}`)).json();
    const other = await page.request.put(`/api/v1/offers/${id}/draft`, {
      headers: { 'If-Match': `"${current.rowVersion}"`, 'X-Requested-With': 'offerline' },
      data: { terms: { ...current.terms, level: 'L5' } },
    });
    expect(other.status()).toBe(200);

    await page.getByLabel(/Base salary/).fill('165000');
    await page.getByRole('button', { name: 'Save draft' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'This offer changed' });
    await expect(conflict).toBeVisible();
    await conflict.getByRole('button', { name: 'Reload offer' }).click();
    await expect(page.getByLabel('Level')).toHaveValue('L5');
    await expect(conflict).toBeHidden();
  });
  test('an hourly draft opens with its rate in dollars and cents and saves back the same cents', async ({ page }) => {
    await signIn(page, 'recruiter');
    await page.goto('/offers?q=Sofia');
    await page.getByRole('table', { name: 'Offers' }).getByRole('row', { name: /Sofia Alvarez/ }).getByRole('link').click();
    const pay = page.getByRole('region', { name: 'Pay' });
    await expect(pay).toContainText('Hourly');
    await expect(pay).toContainText('$26.50');
    await expect(page.getByRole('region', { name: 'Role' })).toContainText('Non-exempt');
    await expect(page.getByRole('region', { name: 'Role' })).toContainText('Part-time');

    await page.getByRole('link', { name: 'Edit draft' }).click();
    await expect(page.getByLabel(/Hourly rate/)).toHaveValue('$26.50');
    await expect(page.getByLabel(/Base salary/)).toHaveCount(0);
    await expect(page.getByRole('radio', { name: 'Non-exempt' })).toBeChecked();
    await page.getByLabel(/Hourly rate/).fill('27.25');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(pay).toContainText('$27.25');
    await expect(page.getByTestId('journal-timeline')).toContainText('Draft updated: Hourly rate');
  });
  test("the server's field problems appear next to their inputs, the rest in the banner", async ({ page }) => {
    await signIn(page, 'recruiter');
    await page.goto('/offers/new');
    await chooseOption(page, 'Candidate', 'Jamal', /Jamal Carter/);
    await chooseOption(page, 'Requisition', 'SAL-301', /SAL-301/);
    await expect(page.getByLabel('Title')).toHaveValue('Account Executive');
    await page.getByLabel('Start date').fill(isoDaysFromToday(30));
    // Rules only the server knows (budgets, references) come back as problem+json; stand one in.
    await page.route('**/api/v1/offers', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: '/docs/problems#validation_failed',
          title: 'Cannot be processed',
          status: 422,
          code: 'validation_failed',
          detail: 'terms.compensation.baseSalaryCents: exceeds the remaining budget; requisitionId: is closed',
          errors: [
            { field: 'terms.compensation.baseSalaryCents', message: 'exceeds the remaining budget' },
            { field: 'terms.clauses.0.key', message: 'is not a clause this organisation uses' },
          ],
        }),
      }),
    );
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByText('Base salary exceeds the remaining budget')).toBeVisible();
    await expect(page.getByLabel(/Base salary/)).toHaveAttribute('aria-invalid', 'true');
    const banner = page.getByRole('alert').filter({ hasText: 'Cannot be processed' });
    await expect(banner).toContainText('Check these fields: Base salary.');
    await expect(banner).toContainText('Clauses is not a clause this organisation uses');
    await expect(page).toHaveURL(/\/offers\/new$/);

    // Changing the field clears the server's complaint about it.
    await page.getByLabel(/Base salary/).fill('80000');
    await expect(page.getByText('Base salary exceeds the remaining budget')).toHaveCount(0);
  });
});
