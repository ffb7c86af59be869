import { expect, test, type Page } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { chooseOption, expectNoSeriousA11yViolations, screenshot, signIn, openAdminPage } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

const editor = (page: Page) => page.getByRole('textbox', { name: /^Policy source/ });

test('an admin checks, fixes and saves the approval policy, and simulates it on an offer', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Approval policy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Approval policy' })).toBeVisible();
  await expect(editor(page)).toHaveValue(/Northwind Labs approval policy/);
  await expect(page.getByText('Based on version 1')).toBeVisible();
  const history = page.getByRole('table', { name: 'Versions of the approval policy' });
  await expect(history.getByRole('row', { name: /Version 1/ })).toContainText('Avery Stone');
  await expect(history.getByRole('row', { name: /Version 1/ })).toContainText('Sample policy');
  await page.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(page, 'approval policy');

  // An unknown role is refused with its path and a way to its line.
  const sample = await editor(page).inputValue();
  await editor(page).fill(sample.replace('- { role: finance }', '- { role: treasurer }'));
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Check' }).click();
  const problems = page.getByTestId('policy-problems');
  await expect(problems).toContainText('1 problem found');
  await expect(problems).toContainText('stages[0].steps[0].approvers[0].role');
  await expect(problems).toContainText('unknown role "treasurer"');
  await expectNoSeriousA11yViolations(page, 'approval policy with a problem');
  await problems.getByRole('button', { name: /Go to line \d+/ }).click();
  await expect(editor(page)).toBeFocused();
  const line = (await problems.getByRole('button', { name: /Go to line \d+/ }).textContent())!.replace('Line ', '');
  await expect(page.getByText(`Line ${line}, column 1`, { exact: true })).toBeVisible();
  await expect(editor(page)).toHaveJSProperty('selectionStart', sample.split('\n').slice(0, Number(line) - 1).join('\n').length + 1);
  await screenshot(page, 'policy-problem-1280');

  // Saving it anyway is refused the same way.
  await page.getByRole('button', { name: 'Save as new version' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The policy was not saved' })).toContainText('stages[0].steps[0].approvers[0].role');

  // Fixed, with a faster finance SLA: checks clean and saves as version 2.
  const faster = sample.replace('approvers:\n          - { role: finance }\n        quorum: any\n        sla: { businessHours: 16 }', 'approvers:\n          - { role: finance }\n        quorum: any\n        sla: { businessHours: 20 }');
  expect(faster).not.toEqual(sample);
  await editor(page).fill(faster);
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('policy-check-ok')).toHaveText('No problems found. The policy can be saved.');

  // The simulator runs the editor's text on an existing offer (the demo offer waiting on finance).
  await chooseOption(page, 'Offer', 'Lena Park', /Lena Park/);
  await page.getByRole('button', { name: 'Simulate' }).click();
  const result = page.getByTestId('simulation-result');
  await expect(result).toContainText('Simulated with the policy in the editor.');
  const finance = result.locator('[data-step="finance"]');
  await expect(finance).toContainText('Runs');
  await expect(finance).toContainText('Base $184,000 is 105% of the band max $175,000');
  await expect(finance).toContainText('Approvers: Dana Lee');
  await expect(finance).toContainText('SLA 20 business hours');
  await expect(result.locator('[data-step="payroll"]')).toContainText('Not needed');
  await expect(result.locator('[data-step="payroll"]')).toContainText('FLSA status is exempt, not non-exempt');
  await expect(result.locator('[data-step="hiring_manager"]')).toContainText('Always required by the policy');
  await expect(result).toContainText('Out of band');
  const facts = page.getByRole('table', { name: 'Facts the policy reads for this offer' });
  await expect(facts.getByRole('row', { name: /Compa-ratio/ })).toContainText('1.21');
  await expect(facts.getByRole('row', { name: /Band/ })).toContainText('$130,000 – $152,000 – $175,000');
  await expect(facts.getByRole('row', { name: /Budget remaining/ })).toContainText('$260,000');
  await page.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(page, 'approval policy with a simulation');

  await page.getByLabel('Note for this version').fill('Finance has 20 business hours');
  await page.getByRole('button', { name: 'Save as new version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 2' })).toBeVisible();
  await expect(page.getByText('Based on version 2')).toBeVisible();
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);
  const v2 = history.getByRole('row', { name: /Version 2/ });
  await expect(v2).toContainText('Finance has 20 business hours');
  await expect(v2).toContainText('Current');
  await page.mouse.move(0, 0);
  await screenshot(page, 'policy-editor-1280');

  // An older version opens read-only.
  await page.getByRole('button', { name: 'View version 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Version 1 of the approval policy' });
  await expect(dialog.getByRole('textbox', { name: 'Source of version 1' })).toHaveValue(/businessHours: 16/);
  await expect(dialog.getByRole('textbox', { name: 'Source of version 1' })).toHaveAttribute('readonly', '');
  await expectNoSeriousA11yViolations(page, 'policy version dialog');
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toBeHidden();
});

test('the policy page stacks editor and simulator on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, 'recruiter');
  await page.goto('/admin/policy');
  await expect(page.getByText('You can read, check and simulate the policy.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save as new version' })).toHaveCount(0);
  await expect(editor(page)).toHaveValue(/stages:/);
  // The same policy as JSON checks clean too (comments do not survive the switch).
  await page.getByRole('radiogroup', { name: 'Format' }).getByText('JSON').click();
  await expect(editor(page)).toHaveValue(/^\{\n {2}"stages": \[/);
  await expect(page.getByRole('textbox', { name: 'Policy source (JSON)' })).toBeVisible();
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('policy-check-ok')).toBeVisible();
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  await screenshot(page, 'policy-editor-375');
});

test('an admin reads the approval e-mail held in the outbox', async ({ page }) => {
  await signIn(page, 'admin');
  await openAdminPage(page, 'Outbox');
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
  const row = page.getByRole('table', { name: 'Outgoing e-mail' }).getByRole('row', { name: /finance@northwind\.example/ }).filter({ hasText: 'Site Reliability Engineer' });
  await expect(row).toContainText('Approval needed: Site Reliability Engineer (Finance)');
  await expect(row).toContainText('Held');
  await page.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(page, 'outbox');
  await screenshot(page, 'outbox-1280');

  await row.getByRole('button', { name: /^Approval needed: Site Reliability Engineer \(Finance\), to finance@/ }).click();
  const mail = page.getByRole('dialog', { name: 'Approval needed: Site Reliability Engineer (Finance)' });
  await expect(mail.getByTestId('mail-body')).toContainText('Hello Dana Lee');
  await expect(mail.getByTestId('mail-body')).toContainText('/approve/');
  await expectNoSeriousA11yViolations(page, 'outbox e-mail');
  await screenshot(page, 'outbox-mail-1280');
  await page.keyboard.press('Escape');
  await expect(mail).toBeHidden();
});

test('the bell shows finance its approval request, and marks it read', async ({ page }) => {
  await signIn(page, 'finance');
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0); // the list under the popover has loaded
  const bell = page.getByTestId('notifications-bell');
  await expect(bell).toHaveAccessibleName(/^Notifications, \d+ unread$/);
  await bell.click();
  const panel = page.getByRole('dialog', { name: 'Notifications' });
  const item = panel.getByRole('listitem').filter({ hasText: 'Approval needed: Site Reliability Engineer (Finance)' });
  await expect(item).toContainText('Lena Park');
  await expect(item.getByRole('link', { name: 'Open offer' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'notifications');
  await screenshot(page, 'notifications-1280');
  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await expect(bell).toHaveAccessibleName('Notifications');
  await item.getByRole('link', { name: 'Open offer' }).click();
  await expect(page).toHaveURL(/\/offers\/[0-9a-f-]+$/);
  await expect(panel).toBeHidden();
});

test('an approver names a colleague to approve while away, then ends it', async ({ page }) => {
  await signIn(page, 'finance');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Away' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Away and delegation' })).toBeVisible();
  await expect(page.getByText('Nobody approves for you.')).toBeVisible();
  await page.getByRole('button', { name: 'Save delegation' }).click();
  await expect(page.getByText('Choose a colleague', { exact: true })).toBeVisible();
  await chooseOption(page, 'Colleague', 'Sam', 'Sam Rivera');
  const until = new Date(Date.now() + 3 * 86_400_000);
  const local = `${until.getFullYear()}-${String(until.getMonth() + 1).padStart(2, '0')}-${String(until.getDate()).padStart(2, '0')}T17:00`;
  await page.getByLabel('Until').fill(local);
  await page.getByRole('button', { name: 'Save delegation' }).click();
  await expect(page.getByTestId('delegation-current')).toContainText('Sam Rivera approves for you from');
  await expectNoSeriousA11yViolations(page, 'delegation');
  await screenshot(page, 'delegation-1280');
  await page.getByRole('button', { name: 'End now' }).click();
  await expect(page.getByText('Your delegation ended.')).toBeVisible();
});
