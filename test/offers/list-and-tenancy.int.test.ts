import { asc, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDate } from '../../src/core/dates';
import { offers } from '../../src/db/schema';
import * as setup from '../../src/directory/org-setup.repo';
import type { OfferDto } from '../../src/offers/offers.schema';
import { createOrgFixture, signIn, type OrgFixture } from '../helpers/factories';
import { offerApi, type OfferApi } from '../helpers/offer-api';
import { expectProblem } from '../helpers/problem';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app';

type Summary = Omit<OfferDto, 'terms' | 'allowedEvents'>;

let t: TestApp;
let fx: OrgFixture;
let recruiter: string;
let api: OfferApi;
let second: { businessUnitId: string; departmentId: string };
/** Every offer of the organisation as the API shows it after set-up. */
let all: Summary[];

const titles = ['Backend Engineer', 'Frontend Engineer', 'Product Designer', 'Data_Engineer', 'Growth Lead 100% Remote', 'Site Reliability Engineer'];
const today = isoDate(TEST_NOW);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  fx = await createOrgFixture(db);
  recruiter = await signIn(t.app, fx.users.recruiter.email);
  const admin = offerApi(t.app, await signIn(t.app, fx.users.admin.email), fx);
  api = offerApi(t.app, recruiter, fx);

  const bu = await setup.insertBusinessUnit(db, { orgId: fx.orgId, name: 'Sales' });
  const dept = await setup.insertDepartment(db, { orgId: fx.orgId, businessUnitId: bu.id, name: 'Field Sales' });
  second = { businessUnitId: bu.id, departmentId: dept.id };
  const people = [['Grace', 'Hopper'], ['Alan', 'Turing'], ['Katherine', 'Johnson']];
  const candidates = [fx.candidateId];
  for (const [firstName, lastName] of people) {
    candidates.push((await setup.insertCandidate(db, { orgId: fx.orgId, firstName: firstName!, lastName: lastName!, email: `${lastName}@${fx.slug}.test` })).id);
  }

  // 30 offers; the clock moves every other offer, so sort values tie in pairs and paging must break ties by id.
  for (let i = 0; i < 30; i++) {
    if (i % 2 === 0) t.clock.advance(60_000);
    const by = i % 5 === 0 ? admin : api;
    const offer = await by.createDraft(
      { title: titles[i % titles.length]!, departmentId: i % 3 === 0 ? second.departmentId : fx.departmentId, startDate: addDays(today, 10 + (i % 7)) },
      { candidateId: candidates[i % candidates.length]! },
    );
    if (i % 10 === 1) expect((await by.submit(offer.id, 1)).statusCode).toBe(200);
    if (i % 10 === 2) expect((await by.event(offer.id, 1, 'cancel')).statusCode).toBe(200);
  }
  all = (await list('limit=100')).items;
  expect(all).toHaveLength(30);
});
afterAll(() => t.close());

async function list(query: string, cookie = recruiter): Promise<{ items: Summary[]; nextCursor: string | null }> {
  const res = await t.app.inject({ url: `/api/v1/offers?${query}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Follows nextCursor to the end; fails on a page that repeats an id. */
async function walk(query: string, limit = 7): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((o) => o.id));
    cursor = page.nextCursor;
    pages++;
    expect(pages).toBeLessThan(20);
  } while (cursor);
  expect(new Set(ids).size, 'no offer appears twice').toBe(ids.length);
  return { ids, pages };
}

const idsOf = (rows: Summary[]) => rows.map((o) => o.id).sort();
const sortKeys = ['updatedAt', 'createdAt', 'startDate', 'title', 'candidateName'] as const;

/** The expected order: dates compared in JS, text in the database's own collation; ties broken by id. */
async function expectedOrder(key: (typeof sortKeys)[number], dir: 'asc' | 'desc'): Promise<string[]> {
  if (key === 'title' || key === 'candidateName') {
    const order = dir === 'asc' ? asc : desc;
    const column = key === 'title' ? offers.title : offers.candidateName;
    const rows = await t.database.db.select({ id: offers.id }).from(offers).where(eq(offers.orgId, fx.orgId)).orderBy(order(column), order(offers.id));
    return rows.map((r) => r.id);
  }
  const sign = dir === 'asc' ? 1 : -1;
  return [...all].sort((a, b) => sign * (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.id < b.id ? -1 : 1)).map((o) => o.id);
}

describe('offer list', () => {
  it.each(sortKeys.flatMap((k) => [k, `-${k}`]))('sort=%s: cursor paging walks every offer once, in order', async (sort) => {
    const { ids, pages } = await walk(`sort=${sort}`);
    expect(pages).toBe(5);
    const key = sort.replace('-', '') as (typeof sortKeys)[number];
    expect(ids).toEqual(await expectedOrder(key, sort.startsWith('-') ? 'desc' : 'asc'));
  });

  it('pages a filtered list the same way', async () => {
    const drafts = all.filter((o) => o.status === 'draft');
    const { ids } = await walk('status=draft&sort=title', 4);
    expect([...ids].sort()).toEqual(idsOf(drafts));
  });

  it('filters by status, department, business unit and recruiter', async () => {
    expect(idsOf((await list('status=draft&limit=100')).items)).toEqual(idsOf(all.filter((o) => o.status === 'draft')));
    const moved = all.filter((o) => o.status === 'drafting' || o.status === 'cancelled');
    expect(moved).toHaveLength(6);
    expect(idsOf((await list('status=drafting,cancelled&limit=100')).items)).toEqual(idsOf(moved));
    expect(idsOf((await list(`departmentId=${second.departmentId}&limit=100`)).items)).toEqual(idsOf(all.filter((o) => o.departmentId === second.departmentId)));
    expect(idsOf((await list(`businessUnitId=${fx.businessUnitId}&limit=100`)).items)).toEqual(idsOf(all.filter((o) => o.businessUnitId === fx.businessUnitId)));
    const byAdmin = all.filter((o) => o.recruiterId === fx.users.admin.id);
    expect(byAdmin).toHaveLength(6);
    expect(idsOf((await list(`recruiterId=${fx.users.admin.id}&limit=100`)).items)).toEqual(idsOf(byAdmin));
    const combined = all.filter((o) => o.status === 'draft' && o.departmentId === second.departmentId);
    expect(idsOf((await list(`status=draft&departmentId=${second.departmentId}&limit=100`)).items)).toEqual(idsOf(combined));
    expect((await list(`recruiterId=${fx.users.finance.id}`)).items).toEqual([]);
  });

  it('searches title and candidate name, case-insensitively', async () => {
    const q = async (text: string) => idsOf((await list(`q=${encodeURIComponent(text)}&limit=100`)).items);
    expect(await q('designer')).toEqual(idsOf(all.filter((o) => o.title === 'Product Designer')));
    expect(await q('HOPPER')).toEqual(idsOf(all.filter((o) => o.candidate.name === 'Grace Hopper')));
    expect(await q('engineer')).toEqual(idsOf(all.filter((o) => /engineer/i.test(o.title))));
    expect(await q('nobody at all')).toEqual([]);
  });

  it('treats % and _ in the search text literally', async () => {
    const q = async (text: string) => idsOf((await list(`q=${encodeURIComponent(text)}&limit=100`)).items);
    expect(await q('%')).toEqual(idsOf(all.filter((o) => o.title.includes('%'))));
    expect(await q('_')).toEqual(idsOf(all.filter((o) => o.title.includes('_'))));
    expect(await q('a_e')).toEqual(idsOf(all.filter((o) => o.title === 'Data_Engineer')));
    expect(await q('100%')).toHaveLength(5);
    expect(await q('\\')).toEqual([]);
    const nul = await t.app.inject({ url: '/api/v1/offers?q=Backend%00', headers: { cookie: recruiter } });
    expectProblem(nul, 400, { code: 'invalid_request', fields: ['q'] });
  });

  it('refuses a tampered cursor with 400 naming cursor', async () => {
    const page = await list('sort=title&limit=7');
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const tampered = [
      ['sort=title', 'not a cursor'],
      ['sort=title', b64({ value: 'x' })],
      ['sort=title', b64(['Backend Engineer', 'not-a-uuid'])],
      ['sort=title', b64(['Backend Engineer', '-'.repeat(36)])],
      ['sort=-updatedAt', b64(['yesterday', all[0]!.id])],
      ['sort=-updatedAt', b64(['1', all[0]!.id])],
      ['sort=-updatedAt', b64(['2027-02-30T00:00:00.000Z', all[0]!.id])],
      ['sort=createdAt', b64(['0000-01-01T00:00:00.000Z', all[0]!.id])],
      ['sort=title', b64(['Backend\u0000Engineer', all[0]!.id])],
      ['sort=title', b64(['Backend Engineer', '0'.repeat(36)])],
      ['sort=-createdAt', page.nextCursor!], // a title cursor used for another sort
      ['sort=title', `${page.nextCursor!.slice(0, -3)}!!!`],
    ] as const;
    for (const [sort, cursor] of tampered) {
      const res = await t.app.inject({ url: `/api/v1/offers?${sort}&cursor=${encodeURIComponent(cursor)}`, headers: { cookie: recruiter } });
      expectProblem(res, 400, { code: 'invalid_request', fields: ['cursor'] });
    }
  });

  it('refuses unknown sort keys, statuses and limits out of range', async () => {
    for (const query of ['sort=salary', 'status=hired', 'limit=0', 'limit=101', 'departmentId=42', 'foo=bar']) {
      expectProblem(await t.app.inject({ url: `/api/v1/offers?${query}`, headers: { cookie: recruiter } }), 400, { code: 'invalid_request' });
    }
  });
});

describe('tenant isolation', () => {
  let other: OrgFixture;
  let outsider: string;
  let target: Summary;

  beforeAll(async () => {
    other = await createOrgFixture(t.database.db);
    outsider = await signIn(t.app, other.users.recruiter.email);
    await offerApi(t.app, outsider, other).createDraft({ title: 'Backend Engineer' });
    target = all.find((o) => o.status === 'draft')!;
  });

  /** Every read and write of one offer, as the given caller, sending bodies valid in the caller's organisation. */
  function touchAll(id: string, cookie: string, org: OrgFixture) {
    const mine = offerApi(t.app, cookie, org);
    return Promise.all([
      mine.get(id),
      mine.putDraft(id, 1, { title: 'Taken Over' }),
      mine.submit(id, 1),
      mine.event(id, 1, 'withdraw'),
      t.app.inject({ url: `/api/v1/offers/${id}/journal`, headers: { cookie } }),
      t.app.inject({ url: `/api/v1/offers/${id}/journal/verify`, headers: { cookie } }),
      t.app.inject({ url: `/api/v1/offers/${id}/versions`, headers: { cookie } }),
    ]);
  }

  it("another organisation's user gets 404, not 403, for every route of an offer, and nothing changes", async () => {
    const before = await t.database.db.select().from(offers).where(eq(offers.id, target.id));
    for (const res of await touchAll(target.id, outsider, other)) {
      const p = expectProblem(res, 404, { code: 'not_found' });
      expect(p.detail).toBe(`No offer with id "${target.id}".`);
    }
    expect(await t.database.db.select().from(offers).where(eq(offers.id, target.id))).toEqual(before);
    expect(await api.verify(target.id)).toMatchObject({ ok: true, length: 1 });
  });

  it('an unknown offer id gets the same 404', async () => {
    const unknown = '7d1f3a52-0000-4000-8000-000000000000';
    for (const res of await touchAll(unknown, recruiter, fx)) {
      expect(expectProblem(res, 404, { code: 'not_found' }).detail).toBe(`No offer with id "${unknown}".`);
    }
  });

  it("one organisation's offers never appear in another's list", async () => {
    const theirs = await list('limit=100', outsider);
    expect(theirs.items).toHaveLength(1);
    const ours = new Set(all.map((o) => o.id));
    expect(theirs.items.filter((o) => ours.has(o.id))).toEqual([]);
    for (const query of ['q=Engineer', 'status=draft,drafting,cancelled', `departmentId=${fx.departmentId}`, `recruiterId=${fx.users.recruiter.id}`, 'sort=title']) {
      expect((await list(`${query}&limit=100`, outsider)).items.filter((o) => ours.has(o.id))).toEqual([]);
    }
    expect((await list('limit=100')).items.map((o) => o.id)).not.toContain(theirs.items[0]!.id);
  });
});

describe('OpenAPI document', () => {
  type Operation = { responses?: Record<string, { description?: unknown; $ref?: string }>; parameters?: { name?: string; in?: string; required?: boolean; schema?: unknown }[]; requestBody?: { content?: Record<string, { schema?: unknown }> } };

  it('GET /api/openapi.json is a valid OpenAPI 3 document listing the offer paths', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\.[01]\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.components.securitySchemes).toHaveProperty('session');

    const methods = ['get', 'put', 'post', 'delete', 'patch'];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      expect(path).toMatch(/^\//);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item).filter(([m]) => methods.includes(m))) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(Object.keys(op.responses ?? {}).length, where).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(op.responses!)) {
          expect(status, where).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
          expect(typeof response.description === 'string' || typeof response.$ref === 'string', `${where} ${status} needs a description`).toBe(true);
        }
        const params = op.parameters ?? [];
        for (const p of params) {
          expect(['query', 'header', 'path', 'cookie'], where).toContain(p.in);
          expect(p.name, where).toEqual(expect.any(String));
          if (p.in === 'path') expect(p.required, `${where} path parameter ${p.name}`).toBe(true);
        }
        expect(params.filter((p) => p.in === 'path').map((p) => p.name).sort(), `${where} declares its path parameters`).toEqual([...templated].sort());
      }
    }

    // Every $ref points at something in the document.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) {
      const target = ref.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
      expect(target, `$ref #/${ref}`).toBeDefined();
    }

    const offerPaths = {
      '/api/v1/offers': ['get', 'post'],
      '/api/v1/offers/{id}': ['get'],
      '/api/v1/offers/{id}/draft': ['put'],
      '/api/v1/offers/{id}/submit': ['post'],
      '/api/v1/offers/{id}/events': ['post'],
      '/api/v1/offers/{id}/versions': ['get'],
      '/api/v1/offers/{id}/journal': ['get'],
      '/api/v1/offers/{id}/journal/verify': ['get'],
    };
    for (const [path, ops] of Object.entries(offerPaths)) {
      for (const method of ops) expect(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    }
    const create = doc.paths['/api/v1/offers'].post as Operation;
    expect(create.requestBody?.content?.['application/json']?.schema).toBeDefined();
    expect(Object.keys(create.responses!)).toContain('201');
  });
});
