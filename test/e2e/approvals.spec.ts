import { expect, test, type Browser, type Page } from '@playwright/test';
import { hasChromium, isoDaysFromToday, noChromiumMessage } from './support/env';
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, personPage, screenshot, signIn, writeHeaders } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

/**
 * A draft for Noah Fischer on ENG-101 (Senior Backend Engineer, L5, San Francisco, exempt; band
 * $185,000 – $245,000, mid $215,000) at $250,000: above the band max, so the sample policy asks
 * finance and nothing else in compensation review (an exempt salary: no payroll; L5: no HRBP;
 * first-year cash not over $250,000: no skip-level). The seeded offer waiting on finance is a
 * Site Reliability Engineer for Lena Park, so other journeys can still tell it apart.
 */
async function createAboveBandDraft(page: Page): Promise<{ id: string; rowVersion: number }> {
  const [candidate] = await (await page.request.get('/api/v1/candidates?q=Noah')).json();
  const requisitions: { id: string; code: string }[] = await (await page.request.get('/api/v1/requisitions')).json();
  const requisition = requisitions.find((r) => r.code === 'ENG-101')!;
  const prefill = await (await page.request.get(`/api/v1/intake/prefill?requisitionId=${requisition.id}`)).json();
  const res = await page.request.post('/api/v1/offers', {
    headers: { ...writeHeaders, 'Idempotency-Key': `approvals-e2e-${Date.now()}-${Math.random().toString(36).slice(2)}` },
    data: {
      candidateId: candidate.id,
      requisitionId: requisition.id,
      terms: {
        ...prefill.terms,
        compensation: { ...prefill.terms.compensation, baseSalaryCents: 250_000_00 },
        startDate: isoDaysFromToday(30),
        expiresOn: isoDaysFromToday(10),
      },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return await res.json();
}

async function submitAboveBandOffer(page: Page): Promise<string> {
  const offer = await createAboveBandDraft(page);
  const submitted = await page.request.post(`/api/v1/offers/${offer.id}/submit`, {
    headers: { ...writeHeaders, 'If-Match': `"${offer.rowVersion}"`, 'Idempotency-Key': `approvals-submit-${offer.id}` },
  });
  expect(submitted.status(), await submitted.text()).toBe(200);
  return offer.id;
}

/** The link in the approval e-mail to finance, read from the outbox (no SMTP in tests: every mail is held there). */
async function approvalLinkFor(admin: Page, candidateName: string): Promise<string> {
  const outbox = await (await admin.request.get('/api/v1/admin/outbox?limit=100')).json();
  // Newest first: the e-mail about the offer just submitted.
  const mail = (outbox.items as { to: string; text: string }[]).find((m) => m.to === 'finance@northwind.example' && m.text.includes(candidateName));
  expect(mail, `an approval e-mail to finance about ${candidateName}`).toBeTruthy();
  return /\/approve\/[\w-]+/.exec(mail!.text)![0];
}

async function openInbox(page: Page) {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /Approvals/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
}

test('an offer above band goes through finance and the hiring manager to Approved', async ({ browser }) => {
  // The recruiter creates the offer and submits it from its page.
  const recruiter = await personPage(browser, 'recruiter');
  const offerId = (await createAboveBandDraft(recruiter)).id;
  await recruiter.goto(`/offers/${offerId}`);
  await expect(recruiter.getByRole('heading', { level: 1, name: 'Noah Fischer' })).toBeVisible();
  await expect(recruiter.getByTestId('approval-plan')).toContainText('No approvals yet');
  await recruiter.getByRole('button', { name: 'Submit for approval' }).click();
  await recruiter.getByRole('dialog', { name: 'Submit this offer?' }).getByRole('button', { name: 'Submit' }).click();
  const plan = recruiter.getByTestId('approval-plan');
  await expect(plan.locator('[data-step="finance"]')).toContainText('Pending');
  await expect(plan.locator('[data-step="finance"]')).toContainText('Dana Lee');
  await expect(plan.locator('[data-step="hiring_manager"]')).toContainText('Waiting for earlier stage');
  await expect(plan.locator('[data-testid="plan-step"]')).toHaveCount(2);

  // Finance finds it in the inbox with why, when and where the pay sits in the band.
  const finance = await personPage(browser, 'finance');
  await expect(finance.getByRole('link', { name: /Approvals\s*\d+\s*waiting/ }).first()).toBeVisible();
  await openInbox(finance);
  const item = finance.getByRole('article', { name: /Noah Fischer/ });
  await expect(item).toContainText('Finance · Compensation review');
  await expect(item.getByTestId('approval-explanation')).toContainText('band max $245,000');
  await expect(item).toContainText(/Due \w{3}, \w{3} \d{1,2}, \d{1,2}:\d{2}/);
  await expect(item.getByTestId('band-chart')).toContainText('Base $250,000 is above the band max $245,000 (compa-ratio 1.16)');
  await finance.mouse.move(0, 0); // no hover styles in the scan
  await expectNoSeriousA11yViolations(finance, 'approvals inbox');
  await screenshot(finance, 'approvals-inbox-finance');
  await finance.setViewportSize({ width: 375, height: 812 });
  await expectNoHorizontalOverflow(finance, 'approvals inbox at phone width');
  await screenshot(finance, 'approvals-inbox-375');
  await finance.setViewportSize({ width: 1280, height: 800 });

  // Asking for changes needs a comment: the server's field problem shows under the field and nothing is decided.
  await item.getByRole('button', { name: /^Request changes/ }).click();
  await expect(item.getByText('Comment is required to request changes')).toBeVisible();
  await screenshot(finance, 'approvals-inbox-comment-required');
  await item.getByLabel('Comment').fill('Above band, but matches the competing offer. Approved.');
  await item.getByRole('button', { name: /^Approve/ }).click();
  await expect(finance.getByTestId('decision-notice')).toContainText('You approved the Finance step for Noah Fischer · Senior Backend Engineer.');
  await expect(item).toBeHidden();

  // Back with the recruiter: compensation is approved, the packet is generated from the template library
  // and the offer moves on to packet approvals by itself; nobody marks it ready by hand.
  await recruiter.reload();
  await expect(recruiter.locator('[data-status="in_approval"]').first()).toBeVisible({ timeout: 20_000 });
  await expect(recruiter.getByRole('button', { name: 'Packet ready' })).toHaveCount(0);
  await expect(plan.locator('[data-step="hiring_manager"]')).toContainText('Pending');
  await expect(recruiter.getByTestId('documents-panel')).toContainText('Offer letter (salaried, exempt)');
  await screenshot(recruiter, 'approvals-packet-generated');

  // The hiring manager approves from the inbox, and the offer leaves it.
  const manager = await personPage(browser, 'manager');
  await openInbox(manager);
  const packetItem = manager.getByRole('article', { name: /Noah Fischer/ });
  await expect(packetItem).toContainText('Hiring manager · Offer packet');
  await packetItem.getByLabel('Comment').fill('Start date works for the team.');
  await packetItem.getByRole('button', { name: /^Approve/ }).click();
  await expect(manager.getByTestId('decision-notice')).toContainText('You approved the Hiring manager step');
  // Noah's offer leaves the inbox; the demo's own submitted offers still wait on their packet approval.
  await expect(packetItem).toBeHidden();
  await screenshot(manager, 'approvals-inbox-after');

  // The offer is approved; its page shows the plan and the log with both decisions and their comments.
  await recruiter.reload();
  await expect(recruiter.getByRole('heading', { level: 1, name: 'Noah Fischer' })).toBeVisible();
  await expect(recruiter.locator('[data-status="approved"]').first()).toHaveText('Approved');
  await expect(plan.locator('[data-step="finance"]')).toContainText('Approved');
  await expect(plan.locator('[data-step="finance"] [data-testid="decision-log"]')).toContainText('Dana Lee approved');
  await expect(plan.locator('[data-step="finance"]')).toContainText('Above band, but matches the competing offer. Approved.');
  await expect(plan.locator('[data-step="hiring_manager"] [data-testid="decision-log"]')).toContainText('Morgan Patel approved');
  await expect(plan.locator('[data-step="hiring_manager"]')).toContainText('Start date works for the team.');
  await expect(plan.getByRole('heading', { name: 'Compensation review' })).toBeVisible();
  await expect(plan.getByRole('heading', { name: 'Offer packet' })).toBeVisible();
  await expectNoSeriousA11yViolations(recruiter, 'offer detail with approvals');
  await screenshot(recruiter, 'approvals-offer-detail');

  for (const p of [recruiter, finance, manager]) await p.context().close();
});

test('an approval link that does not work says so, and decides nothing', async ({ page }) => {
  await page.goto('/approve/this-link-is-not-real-0000');
  await expect(page.getByRole('heading', { level: 1, name: 'Your decision on an offer' })).toBeVisible();
  const alert = page.getByRole('alert').filter({ hasText: 'This link cannot be used' });
  await expect(alert).toContainText('used already');
  await expect(alert.getByRole('link', { name: 'Sign in to Offerline' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm decision' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'invalid approval link');
  await screenshot(page, 'approvals-link-invalid');
});

test('finance decides through the e-mailed link: nothing on opening, a comment to send back, once only', async ({ browser }) => {
  const recruiter = await personPage(browser, 'recruiter');
  const offerId = await submitAboveBandOffer(recruiter);
  const admin = await personPage(browser, 'admin');
  const link = await approvalLinkFor(admin, 'Noah Fischer');

  // No session: the token is the credential. Opening the page decides nothing.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Your decision on an offer' })).toBeVisible();
  await expect(page.getByText('Hello Dana Lee')).toBeVisible();
  await expect(page.getByText('Noah Fischer · Senior Backend Engineer')).toBeVisible();
  await expect(page.getByText('Finance · Compensation review')).toBeVisible();
  await expect(page.getByText(/band max \$245,000/)).toBeVisible();
  const plan = await (await recruiter.request.get(`/api/v1/offers/${offerId}/approvals`)).json();
  expect(plan.steps.find((s: { stepKey: string; versionNumber: number }) => s.stepKey === 'finance').status).toBe('pending');

  // Confirming needs a choice; sending back needs a comment, which the server asks for on the field.
  await page.getByRole('button', { name: 'Confirm decision' }).click();
  await expect(page.getByText('Choose approve, request changes or reject')).toBeVisible();
  await page.getByRole('radio', { name: 'Request changes' }).check();
  await page.getByRole('button', { name: 'Confirm decision' }).click();
  await expect(page.getByText('Comment is required to request changes')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'approval link page');
  await screenshot(page, 'approvals-link-form');

  await page.getByRole('radio', { name: 'Approve' }).check();
  await page.getByLabel('Comment').fill('Approved from my phone.');
  await page.getByRole('button', { name: 'Confirm decision' }).click();
  await expect(page.getByTestId('link-outcome')).toHaveText('Approved. Thank you — you can close this page.');
  await screenshot(page, 'approvals-link-done');

  // The link is spent; the offer's log says the decision came by e-mail link.
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'This link cannot be used' })).toBeVisible();
  await recruiter.goto(`/offers/${offerId}`);
  const finance = recruiter.getByTestId('approval-plan').locator('[data-step="finance"]');
  await expect(finance).toContainText('Dana Lee approved');
  await expect(finance).toContainText('by e-mail link');
  await expect(finance).toContainText('Approved from my phone.');

  for (const p of [recruiter, admin, page]) await p.context().close();
});

test('a delegate approves on behalf of finance, and the log names both', async ({ browser }) => {
  const recruiter = await personPage(browser, 'recruiter');
  const offerId = await submitAboveBandOffer(recruiter);

  // Finance is away: Sam Rivera (HRBP) approves for Dana Lee until tomorrow.
  const finance = await personPage(browser, 'finance');
  const users: { id: string; name: string }[] = await (await finance.request.get('/api/v1/users')).json();
  const sam = users.find((u) => u.name === 'Sam Rivera')!;
  const delegated = await finance.request.put('/api/v1/me/delegation', {
    headers: writeHeaders,
    data: { delegateId: sam.id, endsAt: new Date(Date.now() + 24 * 3600_000).toISOString() },
  });
  expect(delegated.status(), await delegated.text()).toBe(200);

  const delegate = await personPage(browser, 'hrbp');
  await openInbox(delegate);
  const item = delegate.getByRole('article', { name: /Noah Fischer/ });
  await expect(item).toContainText('On behalf of Dana Lee');
  await expect(item).toContainText('Finance · Compensation review');
  await screenshot(delegate, 'approvals-inbox-delegate');
  await item.getByLabel('Comment').fill('Approving for Dana while she is out.');
  await item.getByRole('button', { name: /^Approve/ }).click();
  await expect(delegate.getByTestId('decision-notice')).toContainText('You approved the Finance step');

  await recruiter.goto(`/offers/${offerId}`);
  const step = recruiter.getByTestId('approval-plan').locator('[data-step="finance"]');
  await expect(step).toContainText('Approved');
  await expect(step.getByTestId('decision-log')).toContainText('Sam Rivera for Dana Lee approved');
  await expect(step).toContainText('Approving for Dana while she is out.');

  expect((await finance.request.delete('/api/v1/me/delegation', { headers: writeHeaders })).status()).toBe(200);
  for (const p of [recruiter, finance, delegate]) await p.context().close();
});
