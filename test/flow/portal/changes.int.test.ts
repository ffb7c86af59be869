import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRequests, compensationViews } from '../../../src/db/schema';
import { CONSENT_VERSION } from '../../../src/flow/signing/consent';
import { signIn } from '../../helpers/factories';
import { portalFixture, typedSignature, type PortalFixture } from './portal-fixture';

/**
 * The candidate asks for changes through their link: the request keeps the values, the journal
 * names the fields, the recruiter hears of it, the offer negotiates. Staff read the requests with
 * pay masked for roles that may not read it. Verbal acceptance and a decline's reason are journaled.
 */
describe('asking for changes from the portal', () => {
  let p: PortalFixture;

  beforeAll(async () => {
    p = await portalFixture();
  });
  afterAll(() => p.t.close());

  const ask = (token: string, body: unknown) => p.t.app.inject({ method: 'POST', url: `/api/v1/portal/${token}/changes`, payload: body as object });
  const staffRequests = (id: string, cookie: string) => p.t.app.inject({ url: `/api/v1/offers/${id}/change-requests`, headers: { cookie } });

  it('stores the asked values, moves the offer to negotiating, journals the fields only and tells the recruiter', async () => {
    const { id, token } = await p.sentOffer();
    const res = await ask(token, {
      changes: [
        { field: 'compensation.baseSalaryCents', asked: 195_000_00 },
        { field: 'startDate', asked: '2027-05-03' },
      ],
      comment: 'I would need 195k to leave my current role.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('negotiating');
    const requestId = res.json().id as string;

    const [row] = await p.t.database.db.select().from(changeRequests).where(eq(changeRequests.offerId, id));
    expect(row).toMatchObject({ id: requestId, versionNumber: 1, source: 'candidate', requestedBy: null, status: 'open', comment: 'I would need 195k to leave my current role.' });
    expect(row!.deltas).toEqual([
      { field: 'compensation.baseSalaryCents', current: 180_000_00, asked: 195_000_00 },
      { field: 'startDate', current: p.offers.terms().startDate, asked: '2027-05-03' },
    ]);
    expect((await p.offers.get(id)).json().status).toBe('negotiating');

    const journal = await p.offers.journal(id);
    const entry = journal.find((e) => e.type === 'offer.change_requested')!;
    expect(entry.data).toEqual({ version: 1, requestId, source: 'candidate', fields: ['compensation.baseSalaryCents', 'startDate'] });
    expect(journal.at(-1)!.data).toMatchObject({ event: 'change_requested', from: 'sent', to: 'negotiating' });
    // The journal is read by roles that may not read pay: no values, no candidate's words.
    expect(JSON.stringify(journal)).not.toMatch(/19500000|195k/);
    expect((await p.offers.verify(id)).ok).toBe(true);

    const inbox = (await p.t.app.inject({ url: '/api/v1/notifications', headers: { cookie: p.cookie } })).json().items as { kind: string; title: string; body: string; offerId: string }[];
    const notice = inbox.find((n) => n.kind === 'offer.change_requested' && n.offerId === id)!;
    expect(notice.title).toBe('Ada Lovelace asked for changes to Backend Engineer');
    expect(notice.body).toContain('Asked about: Base salary, Start date.');

    // The portal shows what was asked; the link still opens, declines, asks again, but does not sign.
    const opened = (await p.portal(token)).json();
    expect(opened.status).toBe('negotiating');
    expect(opened.changeRequests).toEqual([
      {
        id: requestId,
        createdAt: row!.createdAt.toISOString(),
        status: 'open',
        comment: 'I would need 195k to leave my current role.',
        deltas: [
          { field: 'compensation.baseSalaryCents', label: 'Base salary', current: 180_000_00, asked: 195_000_00 },
          { field: 'startDate', label: 'Start date', current: p.offers.terms().startDate, asked: '2027-05-03' },
        ],
      },
    ]);
    expect((await p.portal(token, 'code')).statusCode).toBe(409);
    expect((await p.portal(token, 'sign', typedSignature('123456', CONSENT_VERSION))).statusCode).toBe(409);
    const again = await ask(token, { changes: [{ field: 'location.remote', asked: true }], comment: '' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().status).toBe('negotiating');
    expect((await p.offers.journal(id)).filter((e) => e.type === 'offer.change_requested')).toHaveLength(2);
    expect((await p.portal(token)).json().changeRequests).toHaveLength(2);
    expect((await p.portal(token, 'decline', { reason: 'compensation' })).json().status).toBe('declined');
  });

  it('refuses bad input with 422 naming the field', async () => {
    const { id, token } = await p.sentOffer();
    const cases: [unknown, string, string][] = [
      [{ changes: [{ field: 'compensation.baseSalaryCents', asked: 'a lot' }], comment: '' }, 'changes.0.asked', 'must be whole cents'],
      [{ changes: [{ field: 'startDate', asked: '2027-05-03' }, { field: 'compensation.baseSalaryCents', asked: -5 }] }, 'changes.1.asked', 'must not be negative'],
      [{ changes: [{ field: 'terms.flsaStatus', asked: 'exempt' }], comment: '' }, 'changes.0.field', 'is not a field that can be negotiated'],
      [{ changes: [], comment: '' }, 'changes', 'must name at least one change'],
      [{ changes: Array.from({ length: 11 }, (_, i) => ({ field: 'title', asked: `T${i}` })), comment: '' }, 'changes', 'can hold at most 10 changes'],
      [{ changes: [{ field: 'title', asked: 'Lead' }, { field: 'title', asked: 'Staff' }], comment: '' }, 'changes.1.field', 'is asked for twice'],
      [{ changes: [{ field: 'title', asked: 'Lead' }], comment: 'x'.repeat(2001) }, 'comment', 'must be at most 2000 characters'],
      [{ changes: [{ field: 'compensation.baseSalaryCents', asked: 180_000_00 }], comment: '' }, 'changes.0.asked', "is already the offer's value"],
    ];
    for (const [body, field, message] of cases) {
      const res = await ask(token, body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors, res.body).toContainEqual({ field, message });
    }
    expect(await p.t.database.db.select().from(changeRequests).where(eq(changeRequests.offerId, id))).toHaveLength(0);
    expect((await p.offers.get(id)).json().status).toBe('sent');
  });

  it('shows staff the requests; finance reads the pay values, IT sees them masked', async () => {
    const { id, token } = await p.sentOffer();
    expect((await ask(token, { changes: [{ field: 'compensation.signOnBonusCents', asked: 20_000_00 }, { field: 'location.city', asked: 'Boston' }], comment: 'A bonus of 20k would help.' })).statusCode).toBe(200);

    const finance = await staffRequests(id, await signIn(p.t.app, p.fx.users.finance.email));
    expect(finance.statusCode, finance.body).toBe(200);
    expect(finance.json()).toHaveLength(1);
    expect(finance.json()[0]).toMatchObject({ versionNumber: 1, source: 'candidate', status: 'open', comment: 'A bonus of 20k would help.' });
    expect(finance.json()[0].deltas).toEqual([
      { field: 'compensation.signOnBonusCents', label: 'Sign-on bonus', current: null, asked: 20_000_00, masked: false },
      { field: 'location.city', label: 'City', current: p.offers.terms().location.city, asked: 'Boston', masked: false },
    ]);
    const views = await p.t.database.db.select().from(compensationViews).where(and(eq(compensationViews.offerId, id), eq(compensationViews.via, 'offer.change_requests')));
    expect(views.map((v) => v.fields)).toEqual([['terms.compensation.signOnBonusCents']]);

    const it = await staffRequests(id, await signIn(p.t.app, p.fx.users.it.email));
    expect(it.statusCode, it.body).toBe(200);
    expect(it.json()[0].deltas).toEqual([
      { field: 'compensation.signOnBonusCents', label: 'Sign-on bonus', current: null, asked: null, masked: true },
      { field: 'location.city', label: 'City', current: p.offers.terms().location.city, asked: 'Boston', masked: false },
    ]);
    expect(it.json()[0].comment).toBeNull();
    expect(it.body).not.toContain('2000000');
    expect(it.body).not.toContain('20k');
  });

  it('records a verbal acceptance as an event: journaled, status unchanged', async () => {
    const { id, rowVersion } = await p.sentOffer();
    const res = await p.offers.event(id, rowVersion, 'verbal_accept');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('sent');
    const entry = (await p.offers.journal(id)).at(-1)!;
    expect(entry).toMatchObject({ type: 'offer.transitioned', data: { event: 'verbal_accept', from: 'sent', to: 'sent' } });
  });

  it("a decline's structured reason is in the journal, the candidate's words are not", async () => {
    const { id, token } = await p.sentOffer();
    expect((await p.portal(token, 'decline', { reason: 'location', comment: 'Too far from my family.' })).statusCode).toBe(200);
    const res = await p.t.app.inject({ url: `/api/v1/offers/${id}/journal`, headers: { cookie: p.cookie } });
    expect(res.statusCode).toBe(200);
    const journal = res.json() as { type: string; data: Record<string, unknown> }[];
    expect(journal.find((e) => e.type === 'offer.declined')!.data).toEqual({ version: 1, reason: 'location' });
    expect(journal.find((e) => e.type === 'offer.transitioned' && e.data.event === 'decline')!.data).toMatchObject({ from: 'sent', to: 'declined', reason: 'location' });
    expect(res.body).not.toContain('Too far');
  });
});
