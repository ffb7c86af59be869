import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { hasChromium, noChromiumMessage } from './support/env';
import { expectNoSeriousA11yViolations, openAdminPage, screenshot, signIn } from './support/helpers';

test.skip(!hasChromium, noChromiumMessage);

const body = (req: IncomingMessage) => new Promise<string>((resolve) => {
  let text = '';
  req.on('data', (c) => (text += c));
  req.on('end', () => resolve(text));
});

/**
 * An admin subscribes a receiver (started here) to every event, copies the secret shown once,
 * and the receiver verifies each delivery with the Standard Webhooks library; the log shows it
 * delivered, and a replay arrives again with the same webhook-id.
 */
test('an admin subscribes an endpoint, sees deliveries verified by the receiver, and replays one', async ({ page, browser }) => {
  const received: { id: string; type: string; verified: boolean }[] = [];
  let secret = '';
  const receiver = createServer(async (req, res) => {
    const raw = await body(req);
    const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) };
    let verified = false;
    try {
      new Webhook(secret).verify(raw, headers);
      verified = true;
    } catch {
      verified = false;
    }
    received.push({ id: headers['webhook-id'], type: (JSON.parse(raw) as { type: string }).type, verified });
    res.writeHead(verified ? 204 : 400).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  try {
    await signIn(page, 'admin');
    await openAdminPage(page, 'Webhooks');
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    await page.getByLabel('URL').fill(url);
    await page.getByLabel('Description (optional)').fill('HRIS bridge');
    await page.getByRole('button', { name: 'Add the endpoint' }).click();
    secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await expectNoSeriousA11yViolations(page, 'webhooks page');

    // The recruiter cancels the demo's draft for Sofia Alvarez: a lifecycle event goes out.
    const recruiter = await (await browser.newContext()).newPage();
    await signIn(recruiter, 'recruiter');
    const list = await (await recruiter.request.get('/api/v1/offers?q=Alvarez')).json();
    const offer = list.items[0] as { id: string; rowVersion: number };
    const cancelled = await recruiter.request.post(`/api/v1/offers/${offer.id}/events`, {
      headers: { 'X-Requested-With': 'offerline', 'If-Match': `"${offer.rowVersion}"` },
      data: { type: 'cancel', reason: 'Candidate withdrew before the offer' },
    });
    expect(cancelled.status(), await cancelled.text()).toBe(200);

    await expect.poll(() => received.filter((r) => r.type === 'offer.cancelled').length, { timeout: 20_000 }).toBe(1);
    expect(received.every((r) => r.verified), JSON.stringify(received)).toBe(true);

    const card = page.locator(`[data-endpoint="${url}"]`);
    await card.getByRole('button', { name: 'Show deliveries' }).click();
    const row = card.locator('[data-delivery="offer.cancelled"]');
    await expect(row).toContainText('Delivered');
    await screenshot(page, 'webhooks-log');
    const before = received.length;
    await row.getByRole('button', { name: 'Replay offer.cancelled' }).click();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(before + 1);
    const replays = received.filter((r) => r.type === 'offer.cancelled');
    expect(replays[1]!.id).toBe(replays[0]!.id);
    expect(replays[1]!.verified).toBe(true);
  } finally {
    receiver.close();
  }
});
