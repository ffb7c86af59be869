import { expect, test, type Browser } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, screenshot, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

const writeHeaders = { 'X-Requested-With': 'offerline' };

async function personPage(browser: Browser, who: Parameters<typeof signIn>[1]) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

/**
 * The demo's Data Analyst offer for Elena Sokolova waits, once its packet is generated, on the
 * hiring manager's packet approval. Morgan approves it, Riley sends it, and Elena opens the link
 * from her e-mail on a phone, signed in to nothing.
 */
test('the candidate opens the e-mailed link on a phone and sees the offer and its documents', async ({ browser }) => {
  const manager = await personPage(browser, 'manager');
  let stepId: string | undefined;
  await expect(async () => {
    const inbox = await (await manager.request.get('/api/v1/approvals/inbox')).json();
    stepId = (inbox.items as { id: string; offer: { candidateName: string | null } }[]).find((i) => i.offer.candidateName === 'Elena Sokolova')?.id;
    expect(stepId, "Elena's packet approval in the manager's inbox").toBeTruthy();
  }).toPass({ timeout: 20_000 });
  const approved = await manager.request.post(`/api/v1/approvals/steps/${stepId}/decision`, { headers: writeHeaders, data: { decision: 'approve', comment: 'Good to send' } });
  expect(approved.status(), await approved.text()).toBe(200);
  const { offer } = await approved.json();
  expect(offer.status).toBe('approved');

  const recruiter = await personPage(browser, 'recruiter');
  const sent = await recruiter.request.post(`/api/v1/offers/${offer.id}/send`, { headers: { ...writeHeaders, 'If-Match': `"${offer.rowVersion}"` } });
  expect(sent.status(), await sent.text()).toBe(200);

  const admin = await personPage(browser, 'admin');
  const outbox = await (await admin.request.get('/api/v1/admin/outbox?limit=100')).json();
  const mail = (outbox.items as { to: string; subject: string; text: string }[]).find((m) => m.to === 'elena.sokolova@candidates.example');
  expect(mail?.subject).toBe('Your offer from Northwind Labs');
  const link = /\/portal\/ocl_[\w-]+/.exec(mail!.text)![0];

  const phone = await (await browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();
  await phone.goto(link);
  await expect(phone.getByRole('heading', { level: 1, name: 'Data Analyst' })).toBeVisible();
  await expect(phone.getByText('Hello Elena, here is your offer from Northwind Labs.')).toBeVisible();
  await expect(phone.getByText('$138,000 a year')).toBeVisible();
  await expect(phone.getByRole('link', { name: 'Offer letter (salaried, exempt)' })).toBeVisible();
  await expect(phone.getByRole('link', { name: 'New York pay notice acknowledgement' })).toBeVisible();
  await expectNoHorizontalOverflow(phone, 'candidate portal at phone width');
  await expectNoSeriousA11yViolations(phone, 'candidate portal');
  await screenshot(phone, 'portal-offer-375');
  const download = phone.waitForEvent('download');
  await phone.getByRole('link', { name: 'Offer letter (salaried, exempt)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('offer_letter_exempt.pdf');

  // Accept and sign: the consent, a code from her e-mail (read here from the outbox), her typed name.
  await phone.getByRole('button', { name: 'Accept and sign' }).click();
  await expect(phone.getByTestId('consent-text')).toContainText('Your right to paper');
  await phone.getByLabel('I have read this and agree to use electronic records and signatures for this offer.').check();
  await phone.getByRole('button', { name: 'E-mail me a code' }).click();
  await expect(phone.getByRole('status').filter({ hasText: 'We sent a 6-digit code to e•••@candidates.example' })).toBeVisible();
  const mails = await (await admin.request.get('/api/v1/admin/outbox?limit=20')).json();
  const codeMail = (mails.items as { to: string; subject: string }[]).find((m) => m.to === 'elena.sokolova@candidates.example' && m.subject.startsWith('Your signing code'));
  const code = /(\d{6})$/.exec(codeMail!.subject)![1]!;
  await phone.getByLabel('Code from the e-mail').fill(code);
  await phone.getByLabel('Your signature').fill('Elena Sokolova');
  await expectNoSeriousA11yViolations(phone, 'candidate portal, signing');
  await screenshot(phone, 'portal-sign-375');
  await phone.getByRole('button', { name: 'Adopt and sign' }).click();
  await expect(phone.getByText('You accepted this offer')).toBeVisible();
  await screenshot(phone, 'portal-signed-375');
  const after = await (await recruiter.request.get(`/api/v1/offers/${offer.id}`)).json();
  expect(after.status).toBe('signed');

  // An unknown link says plainly that it opens nothing.
  await phone.goto('/portal/ocl_not-a-real-link-0000000000000');
  await expect(phone.getByRole('heading', { name: 'This link does not open an offer' })).toBeVisible();
  await screenshot(phone, 'portal-link-unknown');
});
