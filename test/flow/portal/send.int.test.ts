import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateLinks, outboundEmails } from '../../../src/db/schema';
import { createLocalObjectStore } from '../../../src/storage/local-object-store';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { installLibrary } from '../../helpers/packets';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

describe('sending an offer: a portal link bound to the version', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let offers: OfferApi;
  let cookie: string;

  beforeAll(async () => {
    const store = createLocalObjectStore(mkdtempSync(join(tmpdir(), 'offerline-portal-')));
    t = await createTestApp({ objectStore: store, publicUrl: 'https://offers.example.com' });
    fx = await createOrgFixture(t.database.db);
    await installLibrary(t.database.db, t.clock, store, fx);
    cookie = await signIn(t.app, fx.users.recruiter.email);
    offers = offerApi(t.app, cookie, fx);
  });
  afterAll(() => t.close());

  const send = (id: string, rowVersion: number, who = cookie) =>
    t.app.inject({ method: 'POST', url: `/api/v1/offers/${id}/send`, headers: { cookie: who, ...csrfHeader, 'if-match': `"${rowVersion}"` } });

  async function approvedOffer() {
    t.clock.set(TEST_NOW);
    const draft = await offers.createDraft();
    expect((await offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    await t.app.jobs.runDue();
    const offer = (await offers.get(draft.id)).json();
    expect(offer.status).toBe('approved');
    return offer as { id: string; rowVersion: number };
  }

  async function linkToken(): Promise<string> {
    const mails = await t.database.db.select().from(outboundEmails).where(and(eq(outboundEmails.orgId, fx.orgId), eq(outboundEmails.toAddress, `ada@${fx.slug}.test`)));
    const text = mails.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1)!.textBody;
    const match = /https:\/\/offers\.example\.com\/portal\/(ocl_[\w-]+)/.exec(text);
    expect(match, text).not.toBeNull();
    return match![1]!;
  }

  it('sends an approved offer by e-mail; the link opens the offer and its documents, and the first view is journaled', async () => {
    const offer = await approvedOffer();
    const res = await send(offer.id, offer.rowVersion);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('sent');
    const token = await linkToken();
    const [stored] = await t.database.db.select().from(candidateLinks).where(eq(candidateLinks.offerId, offer.id));
    expect(stored!.tokenHash).not.toContain(token);
    expect(stored!.expiresAt.toISOString()).toBe('2027-03-09T05:00:00.000Z');

    const opened = await t.app.inject({ url: `/api/v1/portal/${token}` });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ candidateFirstName: 'Ada', status: 'sent', version: 1, offer: { title: 'Backend Engineer', baseSalaryCents: 180_000_00 } });
    expect(opened.json().documents.map((d: { name: string }) => d.name)).toContain('Offer letter (salaried, exempt)');
    await t.app.inject({ url: `/api/v1/portal/${token}` });
    const journal = await offers.journal(offer.id);
    expect(journal.filter((e) => e.type === 'offer.viewed')).toHaveLength(1);
    expect(journal.map((e) => e.type)).toContain('offer.sent');

    const doc = opened.json().documents[0];
    const file = await t.app.inject({ url: `/api/v1/portal/${token}/documents/${doc.sha256}` });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await offers.verify(offer.id)).ok).toBe(true);
  });

  it('refuses to send an offer that is not approved, or twice', async () => {
    const draft = await offers.createDraft();
    const refused = await send(draft.id, draft.rowVersion);
    expect(refused.statusCode).toBe(409);
    const offer = await approvedOffer();
    const sent = await send(offer.id, offer.rowVersion);
    expect((await send(offer.id, sent.json().rowVersion)).statusCode).toBe(409);
    const it = await signIn(t.app, fx.users.finance.email);
    const again = await approvedOffer();
    expect((await send(again.id, again.rowVersion, it)).statusCode).toBe(403);
  });

  it("a rescinded offer's link stops working, with words that say why", async () => {
    const offer = await approvedOffer();
    const sent = (await send(offer.id, offer.rowVersion)).json();
    const token = await linkToken();
    expect((await offers.event(offer.id, sent.rowVersion, 'rescind', 'Position closed')).statusCode).toBe(200);
    const res = await t.app.inject({ url: `/api/v1/portal/${token}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toContain('newer offer was sent to you');
  });

  it('a link ends with the offer expiry', async () => {
    const offer = await approvedOffer();
    expect((await send(offer.id, offer.rowVersion)).statusCode).toBe(200);
    const token = await linkToken();
    t.clock.set(new Date('2027-03-09T05:00:00.000Z'));
    expect((await t.app.inject({ url: `/api/v1/portal/${token}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/portal/ocl_not-a-token-that-exists-000000' })).statusCode).toBe(404);
  });
});
