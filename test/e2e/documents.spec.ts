import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { hasChromium, isoDaysFromToday, noChromiumMessage } from './support/env';
import { chooseOption, expectNoHorizontalOverflow, expectNoSeriousA11yViolations, personPage, screenshot, signIn, writeHeaders } from './support/helpers';

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
  // Eight navigation items for an admin still fit at the md breakpoint; on a phone the page fits the screen.
  await page.setViewportSize({ width: 992, height: 800 });
  await expectNoHorizontalOverflow(page, 'templates page at 992px');
  await page.setViewportSize({ width: 375, height: 812 });
  await expectNoHorizontalOverflow(page, 'templates page at phone width');
  await screenshot(page, 'documents-templates-375');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Another template opens with the same offer in its preview, and nothing to save until it changes.
  await table.getByRole('button', { name: 'Edit At-will employment' }).click();
  await expect(editor(page)).toHaveValue(/at will/);
  await expect(page.getByRole('combobox', { name: 'Offer for the preview' })).toHaveValue(/Lena Park/);
  await expect(preview(page)).toContainText('Lena Park');
  await expect(page.getByRole('button', { name: 'Save as new version' })).toBeDisabled();

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
  await page.setViewportSize({ width: 375, height: 812 });
  await expectNoHorizontalOverflow(page, 'offer detail with documents at phone width');
  await screenshot(page, 'documents-offer-detail-375');
  await context.close();
});

const idempotency = (what: string) => ({ 'Idempotency-Key': `documents-${what}-${Date.now()}-${Math.random().toString(36).slice(2)}` });

/**
 * Waits for the packet of `version`: when the offer waits on compensation review (the requisition's
 * budget may be spent by other journeys' offers), finance approves it first, as in the approvals journey.
 */
async function waitForPacket(page: Page, finance: Page, offerId: string, version: number) {
  await expect
    .poll(
      async () => {
        const offer = await (await page.request.get(`/api/v1/offers/${offerId}`)).json();
        if (offer.status === 'comp_review') {
          const plan = await (await finance.request.get(`/api/v1/offers/${offerId}/approvals`)).json();
          for (const step of (plan.steps as { id: string; status: string; phase: string }[]).filter((s) => s.status === 'pending' && s.phase === 'compensation')) {
            await finance.request.post(`/api/v1/approvals/steps/${step.id}/decision`, { headers: { ...writeHeaders, ...idempotency('finance') }, data: { decision: 'approve', comment: 'Within budget for this hire.' } });
          }
        }
        const packets = (await (await page.request.get(`/api/v1/offers/${offerId}/packets`)).json()) as { versionNumber: number }[];
        return packets.map((p) => p.versionNumber);
      },
      { timeout: 30_000 },
    )
    .toContain(version);
}

test('a second version gets its own packet, and the page shows what changed from the first', async ({ browser }) => {
  // Noah Fischer on ENG-101 within the band.
  const recruiter = await personPage(browser, 'recruiter');
  const [candidate] = await (await recruiter.request.get('/api/v1/candidates?q=Noah')).json();
  const requisitions: { id: string; code: string }[] = await (await recruiter.request.get('/api/v1/requisitions')).json();
  const requisition = requisitions.find((r) => r.code === 'ENG-101')!;
  const prefill = await (await recruiter.request.get(`/api/v1/intake/prefill?requisitionId=${requisition.id}`)).json();
  const terms = { ...prefill.terms, compensation: { ...prefill.terms.compensation, baseSalaryCents: 215_000_00 }, startDate: isoDaysFromToday(30), expiresOn: isoDaysFromToday(10) };
  const created = await recruiter.request.post('/api/v1/offers', { headers: { ...writeHeaders, ...idempotency('create') }, data: { candidateId: candidate.id, requisitionId: requisition.id, terms } });
  expect(created.status(), await created.text()).toBe(201);
  const offer: { id: string; rowVersion: number } = await created.json();
  const submit = async (rowVersion: number) => {
    const res = await recruiter.request.post(`/api/v1/offers/${offer.id}/submit`, { headers: { ...writeHeaders, ...idempotency('submit'), 'If-Match': `"${rowVersion}"` } });
    expect(res.status(), await res.text()).toBe(200);
  };
  const finance = await personPage(browser, 'finance');
  await submit(offer.rowVersion);
  await waitForPacket(recruiter, finance, offer.id, 1);

  // The hiring manager asks for changes; the recruiter raises the base and submits version 2.
  const manager = await personPage(browser, 'manager');
  await expect
    .poll(async () => ((await (await manager.request.get(`/api/v1/offers/${offer.id}/approvals`)).json()).steps as { status: string }[]).some((s) => s.status === 'pending'), { timeout: 20_000 })
    .toBe(true);
  const plan = await (await manager.request.get(`/api/v1/offers/${offer.id}/approvals`)).json();
  const step = (plan.steps as { id: string; status: string }[]).find((s) => s.status === 'pending')!;
  const decided = await manager.request.post(`/api/v1/approvals/steps/${step.id}/decision`, {
    headers: { ...writeHeaders, ...idempotency('decide') },
    data: { decision: 'request_changes', comment: 'Match the competing offer at $220,000.' },
  });
  expect(decided.status(), await decided.text()).toBe(200);
  const draft = await (await recruiter.request.get(`/api/v1/offers/${offer.id}`)).json();
  expect(draft.status).toBe('draft');
  const updated = await recruiter.request.put(`/api/v1/offers/${offer.id}/draft`, {
    headers: { ...writeHeaders, 'If-Match': `"${draft.rowVersion}"` },
    data: { terms: { ...terms, compensation: { ...terms.compensation, baseSalaryCents: 220_000_00 } } },
  });
  expect(updated.status(), await updated.text()).toBe(200);
  await submit((await updated.json()).rowVersion);
  await waitForPacket(recruiter, finance, offer.id, 2);

  // The page lists version 2's documents, keeps version 1's folded, and compares the two.
  await recruiter.goto(`/offers/${offer.id}`);
  const panel = recruiter.getByTestId('documents-panel');
  await expect(panel).toContainText('Packet of version 2');
  await expect(panel.getByRole('button', { name: /Packet of version 1/ })).toHaveAttribute('aria-expanded', 'false');
  await panel.getByRole('button', { name: 'Compare with version 1' }).first().click();
  const diff = recruiter.getByTestId('packet-diff');
  await expect(diff.locator('[data-op="removed"]').filter({ hasText: '$215,000.00' }).first()).toBeVisible();
  await expect(diff.locator('[data-op="added"]').filter({ hasText: '$220,000.00' }).first()).toBeVisible();
  await expect(diff.locator('[data-op="removed"]').first()).toContainText('−');
  await recruiter.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(recruiter, 'offer detail with a packet diff');
  await screenshot(recruiter, 'documents-packet-diff');
  for (const p of [recruiter, manager, finance]) await p.context().close();
});
