import { expect, test, type Browser, type Page } from '@playwright/test';
import { hasChromium, isoDaysFromToday, noChromiumMessage } from './support/env';
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, personPage, screenshot, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

/** The newest offer e-mail to the candidate, read from the outbox (tests run without SMTP: mail is held there). */
async function latestOfferLink(admin: Page, to: string): Promise<string> {
  const outbox = await (await admin.request.get('/api/v1/admin/outbox?limit=100')).json();
  const mail = (outbox.items as { to: string; subject: string; text: string }[]).find((m) => m.to === to && m.subject.startsWith('Your offer'));
  expect(mail, `an offer e-mail to ${to}`).toBeTruthy();
  return /\/portal\/ocl_[\w-]+/.exec(mail!.text)![0];
}

async function approveFromInbox(manager: Page, candidate: string) {
  await manager.goto('/approvals');
  const item = manager.getByRole('article', { name: new RegExp(candidate) });
  await expect(item).toBeVisible({ timeout: 20_000 });
  return item;
}

/**
 * The demo's Account Executive offer for Jamal Carter ($88,000, S2 band up to $100,000) goes out;
 * Jamal asks for $98,000 and a start two weeks later; Riley accepts the salary and proposes one
 * week later; only the hiring manager's packet step (which covers pay and the start date) runs
 * again; version 2 goes out, the version 1 link is dead, and Jamal sees what changed.
 */
test('a counteroffer becomes version 2 across the candidate, recruiter and approver views', async ({ browser }) => {
  const manager = await personPage(browser, 'manager');
  const first = await approveFromInbox(manager, 'Jamal Carter');
  await first.getByRole('button', { name: /^Approve/ }).click();
  await expect(manager.getByTestId('decision-notice')).toContainText('Jamal Carter');

  const recruiter = await personPage(browser, 'recruiter');
  await recruiter.goto('/offers?q=Carter');
  await recruiter.getByRole('table', { name: 'Offers' }).getByRole('row', { name: /Jamal Carter/ }).getByRole('link').click();
  await expect(recruiter.getByRole('heading', { level: 1, name: 'Jamal Carter' })).toBeVisible();
  const delivery = recruiter.getByTestId('delivery-panel');
  await delivery.getByRole('button', { name: 'Send to candidate' }).click();
  await recruiter.getByRole('dialog').getByRole('button', { name: 'Send the offer' }).click();
  await expect(delivery.getByTestId('delivery-tracking')).toContainText('(version 1)');

  // Jamal, on his phone, asks for more and a later start.
  const admin = await personPage(browser, 'admin');
  const link1 = await latestOfferLink(admin, 'jamal.carter@candidates.example');
  const phone = await personPage(browser, null, { width: 375, height: 812 });
  await phone.goto(link1);
  await expect(phone.getByRole('heading', { level: 1, name: 'Account Executive' })).toBeVisible();
  await phone.getByRole('button', { name: 'Ask for changes' }).click();
  await phone.getByLabel('What you would like instead (term 1)').fill('98000');
  await phone.getByRole('button', { name: 'Ask about another term' }).click();
  await phone.getByLabel('Term 2', { exact: true }).selectOption('startDate');
  await phone.getByLabel('What you would like instead (term 2)').fill(isoDaysFromToday(21 + 14));
  await phone.getByLabel(/Why, or anything else/).fill('I owe my current team four weeks of notice.');
  await expectNoSeriousA11yViolations(phone, 'portal, asking for changes');
  await expectNoHorizontalOverflow(phone, 'portal, asking for changes');
  await screenshot(phone, 'negotiation-portal-ask');
  await phone.getByRole('button', { name: 'Send my request' }).click();
  await expect(phone.getByText('You asked for changes')).toBeVisible();
  await expect(phone.getByText('Base salary: $88,000 → $98,000')).toBeVisible();
  await expect(phone.getByRole('button', { name: 'Accept and sign' })).toHaveCount(0);

  // Riley sees the request and answers it: the salary accepted, the start adjusted to one week later.
  await recruiter.reload();
  await expect(recruiter.locator('h1 + [data-status]')).toHaveText('Negotiating');
  await expect(recruiter.getByTestId('negotiating-what')).toHaveText('Negotiating: Base salary, Start date');
  // The offers list says what is being negotiated too.
  const list = await personPage(browser, 'recruiter');
  await list.goto('/offers?q=Carter');
  await expect(list.getByRole('table', { name: 'Offers' }).getByRole('row', { name: /Jamal Carter/ }).getByTestId('negotiating-what')).toHaveText('Negotiating: Base salary, Start date');
  await expect(delivery.getByTestId('change-requests')).toContainText('Base salary: $88,000 → $98,000');
  await expect(delivery.getByTestId('change-requests')).toContainText('I owe my current team four weeks of notice.');
  await delivery.getByRole('button', { name: 'Answer with a new version' }).click();
  const answer = recruiter.getByRole('dialog', { name: 'Answer the requested changes' });
  const startRow = answer.locator('[data-field="startDate"]');
  await startRow.getByText('Adjust', { exact: true }).click();
  await startRow.getByLabel('Your value for Start date').fill(isoDaysFromToday(21 + 7));
  await expectNoSeriousA11yViolations(recruiter, 'answering a change request');
  await screenshot(recruiter, 'negotiation-answer');
  await answer.getByRole('button', { name: 'Make the next version' }).click();
  await expect(recruiter.locator('h1 + [data-status]')).toHaveText('Draft');
  await recruiter.getByRole('button', { name: 'Submit for approval' }).click();
  await recruiter.getByRole('dialog', { name: 'Submit this offer?' }).getByRole('button', { name: 'Submit' }).click();
  await expect(recruiter.locator('h1 + [data-status]')).toHaveText('In approval', { timeout: 20_000 });

  // Morgan sees what changed since the approval on version 1 and approves version 2.
  const again = await approveFromInbox(manager, 'Jamal Carter');
  await expect(again).toContainText('Changed since your last approval: Base salary, Start date');
  await screenshot(manager, 'negotiation-approver');
  await again.getByRole('button', { name: /^Approve/ }).click();
  await expect(manager.getByTestId('decision-notice')).toContainText('Jamal Carter');

  // Riley compares the versions and sends version 2; the version 1 link is dead.
  await recruiter.reload();
  await expect(recruiter.locator('h1 + [data-status]')).toHaveText('Approved');
  const diff = recruiter.getByTestId('version-diff');
  await expect(diff.locator('[data-path="compensation.baseSalaryCents"]')).toContainText('$88,000');
  await expect(diff.locator('[data-path="compensation.baseSalaryCents"]')).toContainText('$98,000');
  await expect(diff.locator('[data-path="startDate"]')).toBeVisible();
  await expect(recruiter.getByTestId('documents-panel')).toContainText('Packet of version 2');
  await screenshot(recruiter, 'negotiation-version-diff');
  await delivery.getByRole('button', { name: 'Send to candidate' }).click();
  await recruiter.getByRole('dialog').getByRole('button', { name: 'Send the offer' }).click();
  await expect(delivery.getByTestId('delivery-tracking')).toContainText('(version 2)');

  await phone.goto(link1);
  await expect(phone.getByRole('heading', { name: 'This link does not open an offer' })).toBeVisible();
  const link2 = await latestOfferLink(admin, 'jamal.carter@candidates.example');
  expect(link2).not.toBe(link1);
  await phone.goto(link2);
  await expect(phone.getByText('What changed in this offer')).toBeVisible();
  await expect(phone.getByText('Base salary: $88,000 → $98,000')).toBeVisible();
  await expect(phone.getByText('$98,000 a year')).toBeVisible();
  await expect(phone.getByRole('button', { name: 'Accept and sign' })).toBeVisible();
  await expectNoSeriousA11yViolations(phone, 'portal, version 2');
  await screenshot(phone, 'negotiation-portal-v2');

  const offerId = recruiter.url().split('/').pop()!;
  const tracking = await (await recruiter.request.get(`/api/v1/offers/${offerId}/delivery`)).json();
  expect(tracking.versionsSent).toBe(2);
});
