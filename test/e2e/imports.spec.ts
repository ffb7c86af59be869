import { expect, test } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { expectNoSeriousA11yViolations, openAdminPage, screenshot, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

const csv = (text: string, name: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

/**
 * An admin checks a candidates file with a bad row (the dry run lists it by line and column),
 * sees the import refuse it whole, then imports the fixed file; the progress bar shows meanwhile.
 */
test('an admin dry-runs a CSV file, reads the bad rows by line and column, and imports the fixed file', async ({ page }) => {
  await signIn(page, 'admin');
  await openAdminPage(page, 'Import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import from CSV' })).toBeVisible();
  await page.getByRole('radio', { name: 'Candidates' }).check({ force: true });

  const bad = 'email,first_name,last_name,state\nmarie@e2e.example,Marie,Curie,NY\nnot-an-email,Pierre,Curie,XX\n';
  await page.locator('input[type=file]').setInputFiles(csv(bad, 'bad.csv'));
  await page.getByRole('button', { name: 'Check file (dry run)' }).click();
  await expect(page.getByRole('status')).toContainText('2 rows: 1 good, 1 bad.');
  await expect(page.getByRole('status')).toContainText('Dry run: fix the bad rows');
  const problems = page.getByRole('table', { name: 'Problems by line and column' });
  await expect(problems.getByRole('row', { name: /3 email .*not an e-mail address/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /3 state .*US state code/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'import page with a report');
  await screenshot(page, 'import-dry-run-report');

  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('Nothing was imported: the file has bad rows (all-or-nothing).');

  const rows = Array.from({ length: 3000 }, (_, i) => `person${i}@e2e.example,Person,Number ${i},CA`);
  await page.locator('input[type=file]').setInputFiles(csv(['email,first_name,last_name,state', ...rows].join('\n'), 'good.csv'));
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('Imported 3,000 rows.', { timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Problems by line and column' })).toHaveCount(0);
});
