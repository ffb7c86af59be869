import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerSignatures, outboundEmails } from '../../../src/db/schema';
import { CONSENT_TEXT, CONSENT_VERSION, consentHash } from '../../../src/flow/signing/consent';
import { createLocalObjectStore } from '../../../src/storage/local-object-store';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { installLibrary } from '../../helpers/packets';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

describe('the candidate answers through their link', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let offers: OfferApi;
  let cookie: string;

  beforeAll(async () => {
    const store = createLocalObjectStore(mkdtempSync(join(tmpdir(), 'offerline-respond-')));
    t = await createTestApp({ objectStore: store, publicUrl: 'https://offers.example.com', trustProxy: true });
    fx = await createOrgFixture(t.database.db);
    await installLibrary(t.database.db, t.clock, store, fx);
    cookie = await signIn(t.app, fx.users.recruiter.email);
    offers = offerApi(t.app, cookie, fx);
  });
  afterAll(() => t.close());

  const candidateMail = async () =>
    (await t.database.db.select().from(outboundEmails).where(and(eq(outboundEmails.orgId, fx.orgId), eq(outboundEmails.toAddress, `ada@${fx.slug}.test`)))).sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.subject.localeCompare(b.subject),
    );

  /** An approved offer sent to the candidate; returns its id and the portal token. */
  async function sentOffer(): Promise<{ id: string; token: string }> {
    t.clock.set(TEST_NOW);
    const draft = await offers.createDraft();
    expect((await offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    await t.app.jobs.runDue();
    const approved = (await offers.get(draft.id)).json();
    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/offers/${draft.id}/send`, headers: { cookie, ...csrfHeader, 'if-match': `"${approved.rowVersion}"` } });
    expect(sent.statusCode, sent.body).toBe(200);
    const mail = (await candidateMail()).filter((m) => m.subject.startsWith('Your offer from')).at(-1)!;
    return { id: draft.id, token: /\/portal\/(ocl_[\w-]+)/.exec(mail.textBody)![1]! };
  }

  const post = (token: string, what: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1/portal/${token}/${what}`, headers, ...(payload ? { payload } : {}) });

  async function latestCode(): Promise<string> {
    const mail = (await candidateMail()).filter((m) => m.subject.startsWith('Your signing code')).at(-1)!;
    return /(\d{6})$/.exec(mail.subject)![1]!;
  }

  it('signs with the e-mailed code under the consent shown; the proof is recorded and the offer is signed', async () => {
    const { id, token } = await sentOffer();
    const opened = (await t.app.inject({ url: `/api/v1/portal/${token}` })).json();
    expect(opened.consent.version).toBe(CONSENT_VERSION);

    const asked = await post(token, 'code');
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().sentTo).toBe(`a•••@${fx.slug}.test`);
    const code = await latestCode();
    const submission = { consentVersion: CONSENT_VERSION, adopt: true, signature: { kind: 'typed', name: 'Ada Lovelace' } };

    const wrong = await post(token, 'sign', { ...submission, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'code', message: 'does not match; 4 tries left' });
    const noAdopt = await post(token, 'sign', { ...submission, adopt: false, code });
    expect(noAdopt.statusCode).toBe(400);

    const signed = await post(token, 'sign', { ...submission, code }, { 'user-agent': 'Mobile Safari', 'x-forwarded-for': '203.0.113.7' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().status).toBe('signed');
    const [row] = await t.database.db.select().from(offerSignatures).where(eq(offerSignatures.offerId, id));
    expect(row).toMatchObject({ signer: 'candidate', signerName: 'Ada Lovelace', kind: 'typed', authMethod: 'email_code', ipAddress: '203.0.113.7', userAgent: 'Mobile Safari', consentVersion: CONSENT_VERSION, consentSha256: consentHash(CONSENT_TEXT), signedAt: TEST_NOW });
    const journal = await offers.journal(id);
    expect(journal.map((e) => e.type).slice(-3)).toEqual(['offer.consented', 'offer.signed', 'offer.transitioned']);
    expect((await offers.verify(id)).ok).toBe(true);
    // Signed offers take no second answer.
    expect((await post(token, 'code')).statusCode).toBe(409);
  });

  it('refuses an expired code and stops after five wrong ones', async () => {
    const { token } = await sentOffer();
    await post(token, 'code');
    const code = await latestCode();
    const submission = { consentVersion: CONSENT_VERSION, adopt: true, signature: { kind: 'typed', name: 'Ada Lovelace' } };
    t.clock.set(new Date(TEST_NOW.getTime() + 11 * 60_000));
    const late = await post(token, 'sign', { ...submission, code });
    expect(late.json().errors[0].message).toContain('has expired');
    t.clock.set(TEST_NOW);
    await post(token, 'code');
    const wrong = (await latestCode()) === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) expect((await post(token, 'sign', { ...submission, code: wrong })).statusCode).toBe(422);
    expect((await post(token, 'sign', { ...submission, code: await latestCode() })).statusCode).toBe(429);
  });

  it('declines with a reason; the recruiter hears why and the link stops working', async () => {
    const { id, token } = await sentOffer();
    const bad = await post(token, 'decline', { reason: 'bored' });
    expect(bad.statusCode).toBe(400);
    const declined = await post(token, 'decline', { reason: 'another_offer', comment: 'I accepted an offer closer to home.' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json().status).toBe('declined');
    const journal = await offers.journal(id);
    expect(journal.find((e) => e.type === 'offer.declined')!.data).toEqual({ version: 1, reason: 'another_offer' });
    expect(JSON.stringify(journal)).not.toContain('closer to home');
    const inbox = await t.app.inject({ url: '/api/v1/notifications', headers: { cookie } });
    expect(JSON.stringify(inbox.json())).toContain('I accepted an offer closer to home.');
    expect((await t.app.inject({ url: `/api/v1/portal/${token}` })).statusCode).toBe(404);
  });
});
