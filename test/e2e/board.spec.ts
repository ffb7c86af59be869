import { expect, test, type Browser, type Page } from '@playwright/test';
import { hasChromium, isoDaysFromToday, noChromiumMessage } from './support/env';
import { expectNoSeriousA11yViolations, personPage, screenshot, signIn, writeHeaders } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

interface BoardItem {
  offerId: string;
  candidateName?: string;
  status: string;
  line: { text: string; nextAction: { text: string; owner: string | null } };
}

/** The board as the API answers it for this person, to compare the page with. */
async function boardItems(page: Page, query = ''): Promise<BoardItem[]> {
  const res = await page.request.get(`/api/v1/board?limit=200${query}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).items;
}

/**
 * Noah Fischer on ENG-101 (band max $245,000) at $250,000, submitted: above the band max, so the
 * sample policy asks finance (Dana Lee) in compensation review. Other journeys add Noah Fischer offers
 * too, so rows are told apart by the offer id.
 */
async function submitAboveBandOffer(page: Page): Promise<string> {
  const [candidate] = await (await page.request.get('/api/v1/candidates?q=Noah')).json();
  const requisitions: { id: string; code: string }[] = await (await page.request.get('/api/v1/requisitions')).json();
  const requisition = requisitions.find((r) => r.code === 'ENG-101')!;
  const prefill = await (await page.request.get(`/api/v1/intake/prefill?requisitionId=${requisition.id}`)).json();
  const created = await page.request.post('/api/v1/offers', {
    headers: { ...writeHeaders, 'Idempotency-Key': `board-e2e-${Date.now()}-${Math.random().toString(36).slice(2)}` },
    data: {
      candidateId: candidate.id,
      requisitionId: requisition.id,
      terms: { ...prefill.terms, compensation: { ...prefill.terms.compensation, baseSalaryCents: 250_000_00 }, startDate: isoDaysFromToday(30), expiresOn: isoDaysFromToday(10) },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const offer = await created.json();
  const submitted = await page.request.post(`/api/v1/offers/${offer.id}/submit`, {
    headers: { ...writeHeaders, 'If-Match': `"${offer.rowVersion}"`, 'Idempotency-Key': `board-submit-${offer.id}` },
  });
  expect(submitted.status(), await submitted.text()).toBe(200);
  return offer.id;
}

test('the board says who each offer waits on, shows finance what waits on them, and follows the offer as it moves', async ({ browser }) => {
  test.setTimeout(120_000);
  const recruiter = await personPage(browser, 'recruiter');
  const offerId = await submitAboveBandOffer(recruiter);

  // The recruiter opens the board from the navigation and finds the seeded offer waiting on finance, in the board's words.
  await recruiter.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Board' }).click();
  await expect(recruiter.getByRole('heading', { level: 1, name: 'Status board' })).toBeVisible();
  const lena = (await boardItems(recruiter)).find((i) => i.candidateName === 'Lena Park');
  expect(lena, 'the seeded offer for Lena Park is open').toBeTruthy();
  expect(lena!.line.text).toContain('Dana Lee');
  const board = recruiter.getByRole('table', { name: 'Status board' });
  const lenaRow = board.locator(`tr[data-offer-id="${lena!.offerId}"]`);
  await expect(lenaRow).toContainText('Lena Park');
  await expect(lenaRow).toContainText('Site Reliability Engineer');
  await expect(lenaRow.getByTestId('board-line')).toHaveText(lena!.line.text);
  await expect(lenaRow).toContainText(lena!.line.nextAction.text);
  await expect(lenaRow).toContainText('Owner: Dana Lee');
  await expect(lenaRow.getByRole('link', { name: 'Lena Park' })).toHaveAttribute('href', `/offers/${lena!.offerId}`);
  const ours = board.locator(`tr[data-offer-id="${offerId}"]`);
  await expect(ours).toHaveAttribute('data-stage', 'comp_review');
  await expect(ours.getByTestId('board-line')).toContainText('Dana Lee');
  await expect(recruiter.getByTestId('board-updated')).toContainText(/Updated \d{1,2}:\d{2}/);

  // A stage toggle narrows the board to that stage and says so in the address.
  await recruiter.getByRole('group', { name: 'Stages' }).getByRole('button', { name: /^Comp review \d+$/ }).click();
  await expect(recruiter).toHaveURL(/stage=comp_review/);
  await expect(board.locator('tbody tr:not([data-stage="comp_review"])')).toHaveCount(0);
  await expect(lenaRow).toBeVisible();
  await recruiter.mouse.move(0, 0); // no hover styles in the scan or the picture
  await expectNoSeriousA11yViolations(recruiter, 'status board');
  await screenshot(recruiter, 'board-recruiter');
  await recruiter.getByRole('group', { name: 'Stages' }).getByRole('button', { name: /^All stages \d+$/ }).click();
  await expect(recruiter).not.toHaveURL(/stage=/);

  // Finance switches to "Waiting on me": both offers wait on Dana; the view is in the address, to share.
  const finance = await personPage(browser, 'finance');
  await finance.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Board' }).click();
  await expect(finance.getByRole('heading', { level: 1, name: 'Status board' })).toBeVisible();
  await finance.getByText('Waiting on me', { exact: true }).click();
  await expect(finance).toHaveURL(/view=waiting_on_me/);
  const financeBoard = finance.getByRole('table', { name: 'Status board' });
  await expect(financeBoard.locator(`tr[data-offer-id="${lena!.offerId}"]`)).toContainText('Lena Park');
  const financeOurs = financeBoard.locator(`tr[data-offer-id="${offerId}"]`);
  await expect(financeOurs).toContainText('Noah Fischer');
  for (const item of await boardItems(finance, '&view=waiting_on_me')) {
    await expect(financeBoard.locator(`tr[data-offer-id="${item.offerId}"]`)).toBeVisible();
  }
  await finance.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(finance, 'status board, waiting on me');
  await screenshot(finance, 'board-finance-waiting-on-me');

  // Dana approves (through the API, as another desk would): both boards follow without a reload.
  const plan = await (await finance.request.get(`/api/v1/offers/${offerId}/approvals`)).json();
  const step = (plan.steps as { id: string; stepKey: string; status: string }[]).find((s) => s.stepKey === 'finance' && s.status === 'pending')!;
  const decided = await finance.request.post(`/api/v1/approvals/steps/${step.id}/decision`, {
    headers: { ...writeHeaders, 'Idempotency-Key': `board-decide-${step.id}` },
    data: { decision: 'approve', comment: 'Matches the competing offer.' },
  });
  expect(decided.status(), await decided.text()).toBe(200);
  // The refresh interval is 12 s: allow two rounds.
  await expect(financeOurs).toHaveCount(0, { timeout: 30_000 });
  await expect(ours).not.toHaveAttribute('data-stage', 'comp_review', { timeout: 30_000 });
  await expect(ours.getByTestId('board-line')).not.toHaveText(/compensation review/i);
  await screenshot(recruiter, 'board-recruiter-after-approval');

  for (const p of [recruiter, finance]) await p.context().close();
});

test('a shared board address opens the same view, and an empty view says what to do', async ({ browser }) => {
  const page = await personPage(browser, 'hrops');
  await page.goto('/board?view=mine&sort=newest');
  await expect(page.getByRole('heading', { level: 1, name: 'Status board' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'My offers' })).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Order' })).toHaveValue('Newest in stage first');
  // Casey (HR operations) recruits no offers.
  await expect(page.getByTestId('board-empty')).toContainText('Switch to "All offers"');
  await expectNoSeriousA11yViolations(page, 'status board, empty');
  await page.context().close();
});
