import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atsInboundEvents, candidates, offers } from '../../../src/db/schema';
import * as setup from '../../../src/directory/org-setup.repo';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
let fx: OrgFixture;
let other: OrgFixture;
let admin: string;
let token: string;
let connectionId: string;

const mapping = {
  'offer.salary': { to: 'terms.compensation.baseSalaryCents', transform: 'dollars_to_cents' },
  'offer.startDate': { to: 'terms.startDate', transform: 'date' },
  'offer.expiresOn': 'terms.expiresOn',
  'offer.bonus.percent': { to: 'terms.compensation.bonusTargetPercent', transform: 'number' },
  'offer.bonus.signOn': { to: 'terms.compensation.signOnBonusCents', transform: 'dollars_to_cents' },
};

beforeAll(async () => {
  t = await createTestApp();
  fx = await createOrgFixture(t.database.db);
  other = await createOrgFixture(t.database.db);
  const otherDept = other.departmentId;
  await setup.insertRequisition(t.database.db, {
    orgId: other.orgId,
    departmentId: otherDept,
    code: 'OTHER-7',
    title: 'Their Role',
    level: 'L4',
    locationCity: 'Boston',
    locationState: 'MA',
    locationZone: 'zone_a',
    employmentType: 'full_time',
    flsaStatus: 'exempt',
    currency: 'USD',
  });
  admin = await signIn(t.app, fx.users.admin.email);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/ats-connections',
    headers: { ...csrfHeader, cookie: admin },
    payload: { name: 'Greenhouse', defaultRecruiterId: fx.users.recruiter.id, fieldMapping: mapping },
  });
  expect(res.statusCode, res.body).toBe(201);
  token = res.json().token;
  connectionId = res.json().id;
});
afterAll(() => t.close());

function payload(overrides: Record<string, unknown> = {}) {
  return {
    eventId: 'evt-1',
    candidate: { externalId: 'gh-42', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.test', city: 'Arlington', state: 'VA' },
    requisition: { code: 'ENG-1' },
    offer: { salary: '182500.50', startDate: '2027-04-05T00:00:00Z', expiresOn: '2027-03-15', bonus: { percent: '12', signOn: 10000 } },
    ...overrides,
  };
}

const send = (body: unknown, auth: string | null = `Bearer ${token}`, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/inbound/ats/candidate-moved-to-offer', headers: { ...(auth ? { authorization: auth } : {}), ...headers }, payload: body as object });

describe('ATS connections', () => {
  it('shows the token once; the list never does; only admins manage them; a bad mapping is refused naming it', async () => {
    expect(token).toMatch(/^olats_/);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/ats-connections', headers: { cookie: admin } });
    expect(list.json()).toEqual([expect.objectContaining({ id: connectionId, name: 'Greenhouse', revokedAt: null, fieldMapping: mapping })]);
    expect(list.body).not.toContain(token);

    const recruiter = await signIn(t.app, fx.users.recruiter.email);
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/api/v1/admin/ats-connections', headers: { ...csrfHeader, cookie: recruiter }, payload: { name: 'x', fieldMapping: {} } }),
      403,
    );
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/ats-connections',
      headers: { ...csrfHeader, cookie: admin },
      payload: { name: 'Bad', fieldMapping: { 'offer.salary': { to: 'terms.salary' }, 'candidate.x': 'terms.title' } },
    });
    expectProblem(bad, 400, { code: 'invalid_request' });
    expect(bad.body).toContain('offer.salary');
    expect(bad.body).toContain('candidate.x');
    // Another organisation's admin does not see or revoke it.
    const otherAdmin = await signIn(t.app, other.users.admin.email);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/ats-connections', headers: { cookie: otherAdmin } })).json()).toEqual([]);
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/admin/ats-connections/${connectionId}/revoke`, headers: { ...csrfHeader, cookie: otherAdmin } }), 404);
  });
});

describe('ATS inbound: candidate moved to offer', () => {
  it('creates one draft pre-filled from the requisition with the mapped fields; the same event again answers 200 with that draft', async () => {
    const first = await send(payload());
    expect(first.statusCode, first.body).toBe(201);
    const { offerId, candidateId, requisitionId, created } = first.json();
    expect(created).toBe(true);
    expect(requisitionId).toBe(fx.requisitionId);

    const again = await send(payload());
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ offerId, candidateId, requisitionId, eventId: 'evt-1', created: false });

    const rows = await t.database.db.select().from(offers).where(eq(offers.candidateId, candidateId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: offerId, orgId: fx.orgId, status: 'draft', recruiterId: fx.users.recruiter.id, title: 'Backend Engineer', startDate: '2027-04-05' });
    expect(rows[0]!.draftTerms).toMatchObject({
      title: 'Backend Engineer',
      level: 'L4',
      departmentId: fx.departmentId,
      managerId: fx.users.hiring_manager.id,
      expiresOn: '2027-03-15',
      compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 182_500_50, bonusTargetPercent: 12, signOnBonusCents: 10_000_00 },
    });
    const [candidate] = await t.database.db.select().from(candidates).where(eq(candidates.id, candidateId));
    expect(candidate).toMatchObject({ orgId: fx.orgId, email: 'grace@example.test', firstName: 'Grace', state: 'VA' });
    const events = await t.database.db.select().from(atsInboundEvents).where(eq(atsInboundEvents.connectionId, connectionId));
    expect(events).toEqual([expect.objectContaining({ externalId: 'evt-1', offerId })]);

    // The draft is an ordinary draft: the recruiter sees it with its journal.
    const recruiter = await signIn(t.app, fx.users.recruiter.email);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/offers/${offerId}`, headers: { cookie: recruiter } })).statusCode).toBe(200);
  });

  it('makes one draft when the same event arrives twice at once', async () => {
    const before = await offerCount();
    const answers = await Promise.all([send(payload({ eventId: 'evt-race' })), send(payload({ eventId: 'evt-race' }))]);
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses[0], answers.map((a) => a.body).join('\n')).toBe(statuses.includes(409) ? 201 : 200);
    expect(statuses).toContain(201);
    expect(await offerCount()).toBe(before + 1);
    expect((await send(payload({ eventId: 'evt-race' }))).statusCode).toBe(200);
  });

  it('gives up a claim left half-way by a stopped process after five minutes, so the event can be sent again', async () => {
    await t.database.db.insert(atsInboundEvents).values({ connectionId, externalId: 'evt-stuck', orgId: fx.orgId, offerId: null, receivedAt: t.clock.now() });
    expectProblem(await send(payload({ eventId: 'evt-stuck' })), 409, { code: 'conflict' });
    t.clock.advance(6 * 60_000);
    try {
      const retried = await send(payload({ eventId: 'evt-stuck' }));
      expect(retried.statusCode, retried.body).toBe(201);
    } finally {
      t.clock.advance(-6 * 60_000);
    }
  });

  it('finds the candidate by e-mail in any case, and prefills the band mid when no salary is mapped', async () => {
    const res = await send(payload({ eventId: 'evt-2', candidate: { firstName: 'Ada', lastName: 'Lovelace', email: `ADA@${fx.slug}.test` }, offer: { startDate: '2027-05-03' } }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().candidateId).toBe(fx.candidateId);
    const [row] = await t.database.db.select().from(offers).where(eq(offers.id, res.json().offerId));
    expect(row!.draftTerms).toMatchObject({ compensation: { baseSalaryCents: 175_000_00 }, location: { city: 'San Francisco', state: 'CA' } });
  });

  it('refuses unknown fields (top level, candidate, unmapped offer fields) with 422 naming each by its payload path', async () => {
    const before = await offerCount();
    const res = await send({ ...payload({ eventId: 'evt-unknown' }), priority: 'high', candidate: { ...payload().candidate, nickname: 'Amazing' }, offer: { ...payload().offer, shoeSize: 9, bonus: { percent: 5, kicker: 1 } } });
    expectProblem(res, 422, { code: 'validation_failed', fields: ['priority', 'candidate.nickname', 'offer.shoeSize', 'offer.bonus.kicker'] });
    expect(await offerCount()).toBe(before);
  });

  it('refuses bad values with 422 naming them: mapped fields by their payload path', async () => {
    const res = await send(payload({ eventId: 'evt-bad', candidate: { firstName: '', lastName: 'X', email: 'not-mail' }, offer: { salary: 'lots', startDate: 'soon' } }));
    expectProblem(res, 422, { fields: ['candidate.firstName', 'candidate.email'] });
    const mapped = await send(payload({ eventId: 'evt-bad2', offer: { salary: 'lots', startDate: 'soon', bonus: { percent: 'many' } } }));
    expectProblem(mapped, 422, { fields: ['offer.salary', 'offer.startDate', 'offer.bonus.percent'] });
    // Valid shapes that break intake's rules are named by the payload field that fed them.
    const past = await send(payload({ eventId: 'evt-past', offer: { startDate: '2027-02-01' } }));
    expectProblem(past, 422, { fields: ['offer.startDate'] });
    const missing = await send(payload({ eventId: 'evt-nostart', offer: {} }));
    expect(expectProblem(missing, 422, { fields: ['offer.startDate'] }).errors).toEqual([{ field: 'offer.startDate', message: 'is required' }]);
    // A refused event may be sent again once fixed.
    expect((await send(payload({ eventId: 'evt-past' }))).statusCode).toBe(201);
  });

  it('answers 401 for no token, a wrong token, a personal API token and a revoked connection', async () => {
    expectProblem(await send(payload({ eventId: 'evt-401' }), null), 401, { code: 'unauthenticated' });
    expectProblem(await send(payload({ eventId: 'evt-401' }), 'Bearer olats_wrong'), 401, { code: 'unauthenticated' });
    expectProblem(await send({ not: 'even valid' }, 'Bearer olats_wrong'), 401);
    expectProblem(await send(payload({ eventId: 'evt-401' }), null, { cookie: admin, ...csrfHeader }), 401);
    const apiToken = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { ...csrfHeader, cookie: admin }, payload: { name: 'mine', expiresInDays: 30 } });
    expect(apiToken.statusCode, apiToken.body).toBe(201);
    expectProblem(await send(payload({ eventId: 'evt-401' }), `Bearer ${apiToken.json().token}`), 401);

    const made = await t.app.inject({ method: 'POST', url: '/api/v1/admin/ats-connections', headers: { ...csrfHeader, cookie: admin }, payload: { name: 'Old ATS', defaultRecruiterId: fx.users.recruiter.id, fieldMapping: mapping } });
    const oldToken = made.json().token;
    expect((await send(payload({ eventId: 'evt-old' }), `Bearer ${oldToken}`)).statusCode).toBe(201);
    const revoked = await t.app.inject({ method: 'POST', url: `/api/v1/admin/ats-connections/${made.json().id}/revoke`, headers: { ...csrfHeader, cookie: admin } });
    expect(revoked.json().revokedAt).toBeTruthy();
    expectProblem(await send(payload({ eventId: 'evt-old-2' }), `Bearer ${oldToken}`), 401);
  });

  it("reaches only its own organisation: another organisation's requisition code is not found", async () => {
    const res = await send(payload({ eventId: 'evt-cross', requisition: { code: 'OTHER-7' } }));
    expectProblem(res, 422, { fields: ['requisition.code'] });
    expect(res.json().errors[0].message).toContain('no requisition with code "OTHER-7"');
    const byExternalId = await send(payload({ eventId: 'evt-cross-2', requisition: { externalId: 'OTHER-7' } }));
    expectProblem(byExternalId, 422, { fields: ['requisition.externalId'] });
    const otherCandidates = await t.database.db.select().from(candidates).where(and(eq(candidates.orgId, other.orgId), sql`lower(${candidates.email}) = 'grace@example.test'`));
    expect(otherCandidates).toEqual([]);
  });
});

async function offerCount() {
  return Number((await t.database.db.select({ n: sql<number>`count(*)` }).from(offers).where(eq(offers.orgId, fx.orgId)))[0]!.n);
}

describe('ATS inbound: custom offer fields', () => {
  it("maps the ATS's own offer fields onto custom fields, checked by their definitions and named by payload path when refused", async () => {
    const field = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/fields',
      headers: { ...csrfHeader, cookie: admin },
      payload: { key: 'cost_center', label: 'Cost center', type: 'single_select', options: [{ value: 'CC-100' }, { value: 'CC-200' }] },
    });
    expect(field.statusCode, field.body).toBe(201);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/ats-connections',
      headers: { ...csrfHeader, cookie: admin },
      payload: { name: 'Lever', defaultRecruiterId: fx.users.recruiter.id, fieldMapping: { ...mapping, 'offer.costCenter': { to: 'terms.custom.cost_center', transform: 'uppercase' } } },
    });
    expect(made.statusCode, made.body).toBe(201);
    const lever = `Bearer ${made.json().token}`;

    const res = await send(payload({ eventId: 'lever-1', offer: { ...payload().offer, costCenter: 'cc-200' } }), lever);
    expect(res.statusCode, res.body).toBe(201);
    const offer = await t.app.inject({ method: 'GET', url: `/api/v1/offers/${res.json().offerId}`, headers: { cookie: admin } });
    expect(offer.json().terms.custom).toEqual({ cost_center: 'CC-200' });

    const bad = await send(payload({ eventId: 'lever-2', offer: { ...payload().offer, costCenter: 'CC-9' } }), lever);
    expect(expectProblem(bad, 422).errors).toContainEqual({ field: 'offer.costCenter', message: 'Cost center "CC-9" is not one of the choices: CC-100, CC-200' });
    const badMapping = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/ats-connections',
      headers: { ...csrfHeader, cookie: admin },
      payload: { name: 'Bad', fieldMapping: { 'offer.x': 'terms.custom.Bad-Key' } },
    });
    expectProblem(badMapping, 400);
    expect(badMapping.body).toContain('terms.custom.<key>');
  });
});
