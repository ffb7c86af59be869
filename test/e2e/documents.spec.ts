import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { chooseOption, expectNoSeriousA11yViolations, screenshot, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

const LETTER = 'Offer letter (salaried, exempt)';
const editor = (page: Page) => page.getByRole('textbox', { name: 'Template source (Liquid)' });
const preview = (page: Page) => page.getByTestId('template-preview').locator('.ol-doc');

test('an admin edits the offer letter with a live preview, and downloads the packet of an offer', async ({ browser }) => {
  // A context of our own, as axe-core/playwright requires.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Templates' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Templates and packet rules' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Templates of your organisation' });
  await expect(table.getByRole('row', { name: new RegExp(LETTER.replace(/[()]/g, '\\$&')) })).toContainText('Letter');
  await table.getByRole('button', { name: `Edit ${LETTER}` }).click();
  await expect(editor(page)).toHaveValue(/# Offer of employment/);
  await expect(page.getByText('Based on version 1')).toBeVisible();
  const original = await editor(page).inputValue();

  // The preview fills the editor's text for a chosen offer.
  await chooseOption(page, 'Offer for the preview', 'Lena Park', /Lena Park/);
  await expect(preview(page)).toContainText('Offer of employment');
  await expect(preview(page)).toContainText('$184,000.00');
  await expect(preview(page)).not.toContainText('We are delighted to welcome');
  await page.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(page, 'templates page with a preview');
  await screenshot(page, 'documents-templates-1280');

  // A mistyped field: the preview and the save both name its line and column.
  const broken = `${original}\n\nYour salary is {{ offer.basesalary }}.\n`;
  const brokenLine = broken.split('\n').length - 1;
  await editor(page).fill(broken);
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  const previewProblems = page.getByTestId('template-check-problems');
  await expect(previewProblems).toContainText(`Line ${brokenLine}, column`);
  await expect(previewProblems).toContainText('offer.basesalary');
  await page.getByRole('button', { name: 'Save as new version' }).click();
  const saveProblems = page.getByTestId('template-save-problems');
  await expect(saveProblems).toContainText('The template was not saved');
  await expect(saveProblems).toContainText(`Line ${brokenLine}, column`);
  await expect(saveProblems).toContainText('offer.basesalary');
  await page.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(page, 'templates page with a refused template');
  await screenshot(page, 'documents-template-refused');
  // The position is a link to the place in the source.
  await saveProblems.getByRole('button', { name: /Go to line \d+, column \d+/ }).click();
  await expect(editor(page)).toBeFocused();
  await expect(editor(page)).toHaveAccessibleDescription(new RegExp(`^Line ${brokenLine}, column \\d+$`));

  // A welcome sentence with the candidate's first name: the preview follows the text as it is typed.
  const welcomed = original.replace('# Offer of employment\n', '# Offer of employment\n\nWe are delighted to welcome {{ candidate.firstName }}.\n');
  expect(welcomed).not.toEqual(original);
  await editor(page).fill(welcomed);
  await expect(preview(page)).toContainText('We are delighted to welcome Lena.');
  await expect(page.getByTestId('template-check-problems')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save as new version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 2' })).toBeVisible();
  await expect(page.getByText('Based on version 2')).toBeVisible();
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);
  await expect(table.getByRole('row', { name: new RegExp(LETTER.replace(/[()]/g, '\\$&')) }).getByRole('cell').nth(3)).toHaveText('2');
  await page.mouse.move(0, 0);
  await screenshot(page, 'documents-template-saved');

  // The rules read as words.
  await page.getByRole('tab', { name: 'Packet rules' }).click();
  const rules = page.getByRole('table', { name: 'Packet rules, in the order they are tried' });
  await expect(rules.getByRole('row', { name: /Salaried letter for exempt W-2 hires/ })).toContainText('FLSA exempt');
  await expect(rules.getByRole('row', { name: /At-will addendum/ })).toContainText('work state is any except Montana');
  await page.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(page, 'packet rules');
  await screenshot(page, 'documents-rules');
  await page.getByRole('tab', { name: 'Clauses' }).click();
  await expect(page.getByRole('article', { name: 'At-will employment' })).toContainText('at will');
  await expectNoSeriousA11yViolations(page, 'clauses');

  // An offer the demo submitted has its packet: the documents, why each is there, a preview and the PDF.
  await page.goto('/offers?q=Sokolova');
  await page.getByRole('table', { name: 'Offers' }).getByRole('row', { name: /Elena Sokolova/ }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Elena Sokolova' })).toBeVisible();
  const panel = page.getByTestId('documents-panel');
  const letter = panel.locator('[data-document="offer_letter_exempt"]');
  await expect(letter).toContainText(LETTER, { timeout: 20_000 });
  await expect(letter).toContainText('Chosen by: Salaried letter for exempt W-2 hires');
  await expect(panel.locator('[data-document="addendum_confidentiality"]')).toBeVisible();
  await letter.getByRole('button', { name: `Preview ${LETTER}` }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(LETTER.replace(/[()]/g, '\\$&')) });
  await expect(dialog.getByTestId('packet-preview').locator('.ol-doc')).toContainText('Elena');
  await screenshot(page, 'documents-packet-preview');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const [download] = await Promise.all([page.waitForEvent('download'), letter.getByRole('link', { name: `Download PDF: ${LETTER}` }).click()]);
  expect(download.suggestedFilename()).toMatch(/^offer_letter_exempt-v1\.pdf$/);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  await page.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(page, 'offer detail with documents');
  await screenshot(page, 'documents-offer-detail');
  await context.close();
});
