import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { hasChromium, noChromiumMessage } from './support/env';
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, personPage, screenshot, signIn, writeHeaders } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);
// The second journey continues with the offer the first one signed.
test.describe.configure({ mode: 'serial' });
/** The offer the first journey signs; the second takes it on to onboarding. */
let signedOfferId = '';

/** pdfsig's verdict on a PDF, as a person checking the file would run it. */
function pdfsig(bytes: Buffer, name: string): string {
  const dir = join('.test-results', 'signed');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, bytes);
  try {
    return execFileSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
}

async function drawSignature(page: Page) {
  const pad = page.getByTestId('signature-pad');
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 20, box.y + box.height * (0.6 + (i % 2 ? -0.25 : 0.15)));
  await page.mouse.up();
}

/**
 * The demo's Data Analyst offer for Elena Sokolova waits, once its packet is generated, on the
 * hiring manager's packet approval. Morgan approves it, Riley sends it from the offer page, Elena
 * opens the link from her e-mail on a phone, signed in to nothing, and signs; Avery countersigns
 * for the company; Riley sees the offer accepted and the sealed PDF verifies.
 */
test('the candidate signs on a phone, the company countersigns, and the sealed PDF verifies', async ({ browser }) => {
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
  signedOfferId = offer.id;

  const recruiter = await personPage(browser, 'recruiter');
  await recruiter.goto(`/offers/${offer.id}`);
  const delivery = recruiter.getByTestId('delivery-panel');
  await delivery.getByRole('button', { name: 'Send to candidate' }).click();
  const confirm = recruiter.getByRole('dialog', { name: 'Send the offer to Elena Sokolova?' });
  await confirm.getByRole('button', { name: 'Send the offer' }).click();
  await expect(delivery.getByTestId('delivery-tracking')).toContainText('(version 1)');
  await expect(delivery.getByTestId('delivery-tracking')).toContainText('Not opened yet');
  await screenshot(recruiter, 'delivery-sent');

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
  // She draws her signature with a finger (here, the mouse).
  await phone.getByText('Draw', { exact: true }).click();
  await drawSignature(phone);
  await expectNoSeriousA11yViolations(phone, 'candidate portal, signing');
  await expectNoHorizontalOverflow(phone, 'signing at phone width');
  await screenshot(phone, 'portal-sign-375');
  await phone.getByRole('button', { name: 'Adopt and sign' }).click();
  await expect(phone.getByText('You accepted this offer')).toBeVisible();
  await screenshot(phone, 'portal-signed-375');

  // The recruiter's page follows by itself: opened, signed, waiting on Avery.
  await expect(delivery.getByTestId('delivery-tracking')).toContainText('first ', { timeout: 15_000 });
  await expect(delivery.getByTestId('signatures')).toContainText('Waiting on Avery Stone to countersign', { timeout: 15_000 });

  // Avery countersigns from the offer page.
  const signatory = await personPage(browser, 'admin');
  await signatory.goto(`/offers/${offer.id}`);
  await signatory.getByRole('button', { name: 'Countersign for the company' }).click();
  const sign = signatory.getByRole('dialog', { name: 'Countersign this offer' });
  await expect(sign.getByLabel('Your signature')).toHaveValue('Avery Stone');
  await expectNoSeriousA11yViolations(signatory, 'countersign dialog');
  await screenshot(signatory, 'countersign');
  await sign.getByRole('button', { name: 'Adopt and sign' }).click();

  // The documents are signed, certified and sealed in the background; the offer is accepted.
  await expect(recruiter.locator('h1 + [data-status]')).toHaveText('Accepted', { timeout: 30_000 });
  const sealed = delivery.getByTestId('signatures').getByRole('link', { name: 'Offer letter (salaried, exempt)' });
  await expect(sealed).toBeVisible({ timeout: 15_000 });
  await screenshot(recruiter, 'delivery-accepted');
  const pdf = Buffer.from(await (await recruiter.request.get((await sealed.getAttribute('href'))!)).body());
  expect(pdfsig(pdf, 'offer-letter-sealed.pdf')).toMatch(/Signature Validation:\s*Signature is Valid/);
  // One byte changed inside the signed range (the first third is the letter itself, well before the seal).
  const tampered = Buffer.from(pdf);
  const at = Math.floor(pdf.length / 3);
  tampered[at] = tampered[at]! ^ 0x01;
  expect(pdfsig(tampered, 'offer-letter-tampered.pdf')).not.toMatch(/Signature Validation:\s*Signature is Valid/);

  // An unknown link says plainly that it opens nothing.
  await phone.goto('/portal/ocl_not-a-real-link-0000000000000');
  await expect(phone.getByRole('heading', { name: 'This link does not open an offer' })).toBeVisible();
  await screenshot(phone, 'portal-link-unknown');
});

/**
 * Elena's accepted offer (from the journey above) goes to onboarding: HR ops clears the background
 * check and references and confirms her first day, IT marks its laptop task done, and HR ops hands
 * the offer off. IT never sees her pay on the way.
 */
test('after signing, HR ops clears the contingencies, IT completes its task, and the offer is handed off', async ({ browser }) => {
  const hrops = await personPage(browser, 'hrops');
  const offerUrl = `/offers/${signedOfferId}`;
  await hrops.goto(offerUrl);
  await expect(hrops.getByRole('heading', { level: 1, name: 'Elena Sokolova' })).toBeVisible();
  const closeout = hrops.getByTestId('closeout-panel');
  await expect(closeout.getByTestId('next-action')).toContainText('Waiting on contingencies');
  await closeout.getByRole('button', { name: 'Clear Background check' }).click();
  await closeout.getByRole('button', { name: 'Clear References' }).click();
  await expect(closeout.locator('[data-contingency="references"]')).toContainText('Cleared');
  await expect(closeout.getByTestId('next-action')).toContainText('Confirm the start date');
  await closeout.getByRole('button', { name: 'Confirm the start date' }).click();
  await expect(closeout.getByTestId('start-confirmed')).toBeVisible();
  await expect(closeout.getByTestId('next-action')).toContainText('Ready to hand off');
  await expectNoSeriousA11yViolations(hrops, 'closeout panel');
  await screenshot(hrops, 'closeout-ready');

  const it = await personPage(browser, 'it');
  await it.goto(offerUrl);
  const tasks = it.getByTestId('onboarding-tasks');
  await tasks.getByRole('button', { name: 'Mark "Laptop ordered and imaged" done' }).click();
  await expect(tasks.locator('[data-task="Laptop ordered and imaged"]')).toContainText('Done');
  // IT acts on its own tasks only, and the page shows it no pay.
  await expect(tasks.getByRole('button', { name: 'Mark "Payroll set-up" done' })).toHaveCount(0);
  await expect(it.getByText('$138,000')).toHaveCount(0);
  await screenshot(it, 'closeout-it');

  await hrops.reload();
  await hrops.getByRole('button', { name: 'Hand off to onboarding' }).click();
  await expect(hrops.locator('h1 + [data-status]')).toHaveText('Handed off');
  await screenshot(hrops, 'closeout-handed-off');
});
