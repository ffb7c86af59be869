import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compensationViews } from '../../src/db/schema';
import { createOrgFixture, signIn, type OrgFixture } from '../helpers/factories';
import { offerApi } from '../helpers/offer-api';
import { expectProblem } from '../helpers/problem';
import { createTestApp, type TestApp } from '../helpers/test-app';

interface ViewPage {
  items: { id: string; actorId: string; offerId: string; fields: string[]; via: string; at: string }[];
  nextCursor: string | null;
}

let t: TestApp;
let fx: OrgFixture;
let offerId: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  fx = await createOrgFixture(t.database.db);
  for (const role of ['recruiter', 'finance', 'it', 'admin', 'hrbp'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
  const api = offerApi(t.app, cookies.recruiter!, fx);
  const offer = await api.createDraft({ staffing: { clientName: 'Acme', payRateCents: 6_000, billRateCents: 9_000 } });
  expect((await api.submit(offer.id, 1)).statusCode).toBe(200);
  offerId = offer.id;
});
afterAll(() => t.close());

const views = (query = '', cookie = cookies.admin!) => t.app.inject({ url: `/api/v1/audit/compensation-views${query}`, headers: { cookie } });
const countRows = async () => (await t.database.db.select().from(compensationViews)).length;

describe('the compensation read audit', () => {
  it("viewing an offer's pay as finance writes one row naming the fields; as IT none", async () => {
    const before = await countRows();
    expect((await t.app.inject({ url: `/api/v1/offers/${offerId}`, headers: { cookie: cookies.finance! } })).statusCode).toBe(200);
    expect(await countRows()).toBe(before + 1);
    const page = (await views(`?actorId=${fx.users.finance.id}`)).json<ViewPage>();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ actorId: fx.users.finance.id, offerId, via: 'offer.get', at: t.clock.now().toISOString() });
    expect(page.items[0]!.fields).toEqual(
      expect.arrayContaining(['terms.compensation.baseSalaryCents', 'terms.compensation.currency', 'terms.staffing.payRateCents', 'terms.staffing.billRateCents']),
    );
    expect(page.items[0]!.fields).not.toContain('terms.staffing.clientName');

    expect((await t.app.inject({ url: `/api/v1/offers/${offerId}`, headers: { cookie: cookies.it! } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/offers/${offerId}/versions`, headers: { cookie: cookies.it! } })).statusCode).toBe(200);
    expect(await countRows()).toBe(before + 1);
  });

  it('versions are audited; the list, which carries no pay, is not; reads leave the offer row version alone', async () => {
    const before = await countRows();
    const etag = (await t.app.inject({ url: `/api/v1/offers/${offerId}`, headers: { cookie: cookies.recruiter! } })).headers.etag;
    await t.app.inject({ url: `/api/v1/offers/${offerId}/versions`, headers: { cookie: cookies.hrbp! } });
    await t.app.inject({ url: '/api/v1/offers', headers: { cookie: cookies.hrbp! } });
    expect(await countRows()).toBe(before + 2);
    const latest = (await views(`?offerId=${offerId}&limit=1`)).json<ViewPage>().items[0]!;
    expect(latest).toMatchObject({ actorId: fx.users.hrbp.id, via: 'offer.versions' });
    expect((await t.app.inject({ url: `/api/v1/offers/${offerId}`, headers: { cookie: cookies.recruiter! } })).headers.etag).toBe(etag);
  });

  it('admins page through it by id, newest first; filters narrow it', async () => {
    const all = (await views('?limit=100')).json<ViewPage>().items;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ViewPage = (await views(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(all.map((i) => i.id));
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => b - a));
    expect((await views(`?actorId=${fx.users.it.id}`)).json<ViewPage>().items).toEqual([]);
  });

  it('non-admins get 403; bad filters get 400 naming the field', async () => {
    for (const role of ['finance', 'recruiter', 'it'] as const) expectProblem(await views('', cookies[role]), 403, { code: 'forbidden' });
    expectProblem(await views('?offerId=nope'), 400, { fields: ['offerId'] });
    expectProblem(await views('?cursor=-1'), 400, { fields: ['cursor'] });
  });
});
