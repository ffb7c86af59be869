import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleNames, type Actor } from '../../src/core/actor';
import { offerAccessMap } from '../../src/core/access/access-map';
import { offerFields } from '../../src/core/access/offer-fields';
import { canSeeOffer, fieldsOfRoles, offerFacts, readableFields, rolesMayTake, type OfferFacts } from '../../src/core/access/offer-access';
import { roles, type Role } from '../../src/core/roles';
import * as setup from '../../src/directory/org-setup.repo';
import type { OfferTermsInput } from '../../src/flow/intake/offer-terms.schema';
import { createOrgFixture, csrfHeader, signIn, TEST_PASSWORD, validTerms, type OrgFixture } from '../helpers/factories';
import { offerApi } from '../helpers/offer-api';
import { expectProblem } from '../helpers/problem';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app';

/**
 * Generated from the access map: every caller (one per role, plus business-unit-scoped ones) ×
 * every offer endpoint × every field. What the map allows must appear; what it forbids must be
 * absent (leaf paths in the JSON); offers outside the row conditions are 404 and absent from the list.
 */
interface Caller {
  name: string;
  actor: Actor;
  cookie: string;
}
interface Case {
  name: string;
  id: string;
  facts: OfferFacts;
  hasVersions: boolean;
}

let t: TestApp;
let fx: OrgFixture;
const callers: Caller[] = [];
const cases: Case[] = [];
let recruiterCookie: string;
let salesBu: { businessUnitId: string; departmentId: string };

const staffing = { clientName: 'Acme Logistics', payRateCents: 6_000, billRateCents: 9_000, assignmentEndDate: '2027-12-31' };
const nonStandard = [{ key: 'non_compete', standard: false, text: 'Twelve months.' }];
const richComp: OfferTermsInput['compensation'] = {
  currency: 'USD',
  payBasis: 'salary',
  baseSalaryCents: 180_000_00,
  bonusTargetPercent: 10,
  signOnBonusCents: 10_000_00,
  relocationCents: 5_000_00,
  equity: { kind: 'rsu', units: 1200, vestingSchedule: '4 years, 1-year cliff' },
};

/** Dotted paths of every leaf (arrays are leaves) of a JSON value. */
function leaves(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } });

async function addCaller(name: string, grants: [Role, string | null][]) {
  const u = await setup.insertUser(t.database.db, { orgId: fx.orgId, email: `${name}@${fx.slug}.test`, name, passwordHash: await passwordHashOf(fx.users.admin.email) });
  for (const [role, bu] of grants) await setup.grantRole(t.database.db, fx.orgId, u.id, role, bu);
  callers.push({ name, cookie: await signIn(t.app, `${name}@${fx.slug}.test`, TEST_PASSWORD), actor: { userId: u.id, orgId: fx.orgId, roles: grants.map(([role, businessUnitId]) => ({ role, businessUnitId })) } });
}

async function passwordHashOf(email: string): Promise<string> {
  const { users } = await import('../../src/db/schema');
  const { eq } = await import('drizzle-orm');
  const [row] = await t.database.db.select({ h: users.passwordHash }).from(users).where(eq(users.email, email));
  return row!.h!;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  fx = await createOrgFixture(db);
  recruiterCookie = await signIn(t.app, fx.users.recruiter.email);
  const api = offerApi(t.app, recruiterCookie, fx);
  const bu = await setup.insertBusinessUnit(db, { orgId: fx.orgId, name: 'Staffing' });
  const dept = await setup.insertDepartment(db, { orgId: fx.orgId, businessUnitId: bu.id, name: 'Placements' });
  salesBu = { businessUnitId: bu.id, departmentId: dept.id };

  for (const role of roles) {
    const cookie = await signIn(t.app, fx.users[role].email);
    callers.push({ name: role, cookie, actor: { userId: fx.users[role].id, orgId: fx.orgId, roles: [{ role, businessUnitId: null }] } });
  }
  await addCaller('finance-in-staffing', [['finance', salesBu.businessUnitId]]);
  await addCaller('client-in-engineering', [['client_approver', fx.businessUnitId]]);
  await addCaller('recruiter-in-staffing-it-everywhere', [['recruiter', salesBu.businessUnitId], ['it', null]]);

  const make = async (name: string, overrides: Partial<OfferTermsInput>, opts: { submit?: boolean; cancel?: boolean; requisition?: boolean } = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/offers',
      headers: { cookie: recruiterCookie, ...csrfHeader },
      payload: { candidateId: fx.candidateId, ...(opts.requisition === false ? {} : { requisitionId: fx.requisitionId }), terms: validTerms(fx, TEST_NOW, overrides) },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    if (opts.submit) expect((await api.submit(id, 1)).statusCode).toBe(200);
    if (opts.cancel) expect((await api.event(id, 1, 'cancel')).statusCode).toBe(200);
    const terms = validTerms(fx, TEST_NOW, overrides);
    const department = terms.departmentId === salesBu.departmentId ? salesBu.businessUnitId : fx.businessUnitId;
    const status = opts.submit ? 'drafting' : opts.cancel ? 'cancelled' : 'draft';
    const reqManager = opts.requisition === false ? null : fx.users.hiring_manager.id;
    cases.push({ name, id, hasVersions: !!opts.submit, facts: offerFacts({ businessUnitId: department, status }, terms as never, reqManager) });
  };
  await make('plain draft', {});
  await make('draft managed by someone else', { managerId: fx.users.recruiter.id }, { requisition: false });
  await make('submitted staffing offer needing legal', { compensation: richComp, staffing, clauses: nonStandard, employmentType: 'contract_w2' }, { submit: true });
  await make('submitted hourly offer', { flsaStatus: 'non_exempt', compensation: { currency: 'USD', payBasis: 'hourly', hourlyRateCents: 4_500 }, managerId: fx.users.recruiter.id }, { submit: true, requisition: false });
  await make('cancelled staffing offer needing legal', { staffing, clauses: nonStandard }, { cancel: true });
  await make('submitted offer in the staffing unit', { departmentId: salesBu.departmentId, compensation: richComp, staffing }, { submit: true });
}, 120_000);
afterAll(() => t.close());

/** What the recruiter (who reads everything) sees: the reference for "every field that exists". */
async function fullView(id: string) {
  return (await get(recruiterCookie, `/api/v1/offers/${id}`)).json<Record<string, unknown>>();
}

describe('reads: every caller × every offer × every field', () => {
  it('the offers exercise every field of the map and every row condition', async () => {
    const seen = new Set<string>();
    for (const o of cases) for (const leaf of leaves(await fullView(o.id))) seen.add(leaf);
    for (const f of offerFields) expect(seen, `no offer shows ${f}`).toContain(f);
    for (const c of callers) {
      const visible = cases.filter((o) => canSeeOffer(c.actor, o.facts)).length;
      if (c.name !== 'admin' && c.name !== 'recruiter' && c.name !== 'finance' && c.name !== 'hrbp' && c.name !== 'hr_ops')
        expect(visible, `${c.name} should miss some offer`).toBeLessThan(cases.length);
      expect(visible, `${c.name} should see some offer`).toBeGreaterThan(0);
    }
  });

  it('spot checks: IT sees the name and no pay; a client approver sees the bill rate and not the pay rate', async () => {
    const rich = cases.find((o) => o.name === 'submitted staffing offer needing legal')!;
    const it = (await get(callers.find((c) => c.name === 'it')!.cookie, `/api/v1/offers/${rich.id}`)).json<Record<string, Record<string, unknown>>>();
    expect(it.candidate!.name).toBe('Ada Lovelace');
    expect(it.terms).not.toHaveProperty('compensation');
    expect(it.terms).not.toHaveProperty('staffing');
    const client = (await get(callers.find((c) => c.name === 'client_approver')!.cookie, `/api/v1/offers/${rich.id}`)).json<{ terms: { staffing: Record<string, unknown> }; candidate: object }>();
    expect(client.terms.staffing).toEqual({ clientName: 'Acme Logistics', billRateCents: 9_000, assignmentEndDate: '2027-12-31' });
    expect(client.candidate).not.toHaveProperty('name');
  });

  it('GET /offers/:id shows exactly the readable leaves, and 404 outside the row conditions', async () => {
    for (const c of callers) {
      for (const o of cases) {
        const res = await get(c.cookie, `/api/v1/offers/${o.id}`);
        const label = `${c.name} on ${o.name}`;
        if (!canSeeOffer(c.actor, o.facts)) {
          expectProblem(res, 404, { code: 'not_found' });
          continue;
        }
        expect(res.statusCode, `${label}: ${res.body}`).toBe(200);
        const readable = readableFields(c.actor, o.facts);
        const shown = leaves(res.json());
        for (const leaf of shown) expect(readable.has(leaf), `${label} must not see ${leaf}`).toBe(true);
        for (const leaf of leaves(await fullView(o.id))) if (readable.has(leaf)) expect(shown, `${label} should see ${leaf}`).toContain(leaf);
      }
    }
  });

  it('GET /offers/:id/versions masks each version the same way', async () => {
    for (const c of callers) {
      for (const o of cases.filter((x) => x.hasVersions)) {
        const res = await get(c.cookie, `/api/v1/offers/${o.id}/versions`);
        if (!canSeeOffer(c.actor, o.facts)) {
          expectProblem(res, 404, { code: 'not_found' });
          continue;
        }
        const readable = readableFields(c.actor, o.facts);
        const full = (await get(recruiterCookie, `/api/v1/offers/${o.id}/versions`)).json<{ terms: unknown }[]>();
        const versions = res.json<{ number: number; terms?: unknown }[]>();
        expect(versions).toHaveLength(full.length);
        versions.forEach((v, i) => {
          const shown = v.terms === undefined ? [] : leaves(v.terms, 'terms');
          for (const leaf of shown) expect(readable.has(leaf), `${c.name} must not see ${leaf} in versions`).toBe(true);
          for (const leaf of leaves(full[i]!.terms, 'terms')) if (readable.has(leaf)) expect(shown, `${c.name} should see ${leaf}`).toContain(leaf);
        });
      }
    }
  });

  it('GET /offers lists exactly the offers the row conditions reach, each summary masked', async () => {
    for (const c of callers) {
      const res = await get(c.cookie, '/api/v1/offers?limit=100');
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json<{ items: Record<string, unknown>[] }>().items;
      const expected = cases.filter((o) => canSeeOffer(c.actor, o.facts)).map((o) => o.id).sort();
      expect(items.map((i) => i.id as string).sort(), c.name).toEqual(expected);
      for (const item of items) {
        const o = cases.find((x) => x.id === item.id)!;
        const readable = readableFields(c.actor, o.facts);
        for (const leaf of leaves(item)) expect(readable.has(leaf), `${c.name} must not see ${leaf} in the list`).toBe(true);
        if (readable.has('candidate.name')) expect(item.candidate).toHaveProperty('name');
        expect(leaves(item).some((l) => l.startsWith('terms.'))).toBe(false);
      }
    }
  });

  it('searching by candidate name finds nothing for roles that may not read it', async () => {
    for (const c of callers) {
      const items = (await get(c.cookie, '/api/v1/offers?q=Lovelace&limit=100')).json<{ items: { id: string }[] }>().items;
      const expected = cases.filter((o) => canSeeOffer(c.actor, o.facts) && readableFields(c.actor, o.facts).has('candidate.name')).map((o) => o.id).sort();
      expect(items.map((i) => i.id).sort(), c.name).toEqual(expected);
    }
  });

  it('sorting by candidate name is refused to roles that may not read names, since the order would reveal them', async () => {
    for (const c of callers) {
      const res = await get(c.cookie, '/api/v1/offers?sort=candidateName&limit=100');
      const everyRoleReadsNames = roleNames(c.actor).every((r) => fieldsOfRoles([r]).has('candidate.name'));
      if (everyRoleReadsNames) expect(res.statusCode, c.name).toBe(200);
      else expectProblem(res, 400, { code: 'invalid_request', fields: ['sort'] });
    }
  });

  it('the journal and its verification: visible to whoever may see the offer, 404 otherwise', async () => {
    for (const c of callers) {
      for (const o of cases) {
        for (const url of [`/api/v1/offers/${o.id}/journal`, `/api/v1/offers/${o.id}/journal/verify`]) {
          const res = await get(c.cookie, url);
          if (canSeeOffer(c.actor, o.facts)) expect(res.statusCode, `${c.name} ${url}`).toBe(200);
          else expectProblem(res, 404, { code: 'not_found' });
        }
      }
    }
  });
});

describe('writes: every caller × every write endpoint', () => {
  const writes = (c: Caller) => rolesMayTake(c.actor.roles.map((g) => g.role), 'edit_draft');

  async function freshDraft(overrides: Partial<OfferTermsInput> = {}) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/offers',
      headers: { cookie: recruiterCookie, ...csrfHeader },
      payload: { candidateId: fx.candidateId, requisitionId: fx.requisitionId, terms: validTerms(fx, TEST_NOW, overrides) },
    });
    const id = res.json<{ id: string }>().id;
    const facts = offerFacts({ businessUnitId: fx.businessUnitId, status: 'draft' }, validTerms(fx, TEST_NOW, overrides) as never, fx.users.hiring_manager.id);
    return { id, facts };
  }

  it('PUT /draft: 403 naming each changed field the role may not write; 404 where the offer is out of reach', async () => {
    for (const c of callers) {
      const draft = await freshDraft({ staffing, clauses: nonStandard });
      const changed = validTerms(fx, TEST_NOW, { staffing, clauses: nonStandard, title: 'Staff Engineer', compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 190_000_00, bonusTargetPercent: 10 } });
      const res = await t.app.inject({ method: 'PUT', url: `/api/v1/offers/${draft.id}/draft`, headers: { cookie: c.cookie, ...csrfHeader, 'if-match': '"1"' }, payload: { terms: changed } });
      if (!canSeeOffer(c.actor, draft.facts)) expectProblem(res, 404, { code: 'not_found' });
      else if (writes(c) && c.actor.roles.some((g) => offerAccessMap[g.role].actions.includes('edit_draft') && g.businessUnitId === null)) expect(res.statusCode, `${c.name}: ${res.body}`).toBe(200);
      else expectProblem(res, 403, { code: 'forbidden', fields: ['terms.title', 'terms.compensation.baseSalaryCents'] });
      const after = (await get(recruiterCookie, `/api/v1/offers/${draft.id}`)).json<{ title: string }>();
      expect(after.title, `${c.name}: a refused write changes nothing`).toBe(res.statusCode === 200 ? 'Staff Engineer' : 'Backend Engineer');
    }
  });

  it('POST /submit and POST /events: 403 naming the action for roles without write rights', async () => {
    for (const c of callers) {
      for (const [action, url, payload] of [
        ['submit', 'submit', undefined],
        ['apply_event', 'events', { type: 'cancel' }],
      ] as const) {
        const draft = await freshDraft({ staffing, clauses: nonStandard });
        const res = await t.app.inject({ method: 'POST', url: `/api/v1/offers/${draft.id}/${url}`, headers: { cookie: c.cookie, ...csrfHeader, 'if-match': '"1"' }, ...(payload ? { payload } : {}) });
        const reaches = c.actor.roles.some((g) => offerAccessMap[g.role].actions.includes(action) && (g.businessUnitId === null || g.businessUnitId === fx.businessUnitId));
        if (!canSeeOffer(c.actor, draft.facts)) expectProblem(res, 404, { code: 'not_found' });
        else if (reaches) expect(res.statusCode, `${c.name} ${url}: ${res.body}`).toBe(200);
        else expect(expectProblem(res, 403, { code: 'forbidden' }).detail).toContain(action);
      }
    }
  });

  it('POST /offers: 403 naming the fields for roles that may not create, and in business units they do not hold', async () => {
    for (const c of callers) {
      for (const departmentId of [fx.departmentId, salesBu.departmentId]) {
        const bu = departmentId === fx.departmentId ? fx.businessUnitId : salesBu.businessUnitId;
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/offers',
          headers: { cookie: c.cookie, ...csrfHeader },
          payload: { candidateId: fx.candidateId, terms: validTerms(fx, TEST_NOW, { departmentId, compensation: richComp }) },
        });
        const may = c.actor.roles.some((g) => offerAccessMap[g.role].actions.includes('create') && (g.businessUnitId === null || g.businessUnitId === bu));
        if (may) expect(res.statusCode, `${c.name}: ${res.body}`).toBe(201);
        else expectProblem(res, 403, { code: 'forbidden', fields: ['candidate.id', 'terms.compensation.baseSalaryCents', 'terms.compensation.equity.units'] });
      }
    }
  });
});

describe('intake prefill: band and base pay are compensation', () => {
  it('masks the suggested terms per caller, shows the band only to roles that read base pay, 403 to roles that start no offers here', async () => {
    const facts = offerFacts({ businessUnitId: fx.businessUnitId, status: 'draft' }, { managerId: fx.users.hiring_manager.id }, fx.users.hiring_manager.id);
    for (const c of callers) {
      const res = await get(c.cookie, `/api/v1/intake/prefill?requisitionId=${fx.requisitionId}`);
      const readable = readableFields(c.actor, facts);
      if (readable.size === 0) {
        expectProblem(res, 403, { code: 'forbidden' });
        continue;
      }
      expect(res.statusCode, `${c.name}: ${res.body}`).toBe(200);
      const body = res.json<{ terms: Record<string, unknown>; band: unknown }>();
      for (const leaf of leaves(body.terms, 'terms')) expect(readable.has(leaf), `${c.name} must not see ${leaf} in prefill`).toBe(true);
      expect(body.band !== null, c.name).toBe(readable.has('terms.compensation.baseSalaryCents'));
    }
  });
});
