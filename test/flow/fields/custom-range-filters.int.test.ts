import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, csrfHeader, signIn, validTerms, type OrgFixture } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

/**
 * Range filters on custom fields: `custom.<key>.min` / `custom.<key>.max` (inclusive) on number,
 * money and date fields, on the offers list, the status board, a metric and saved views; and what
 * they refuse. A stored value of the wrong shape never matches and never fails the query.
 */

describe('custom field range filters', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let admin = '';
  const ids: Record<string, string> = {};
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie: admin, ...(method === 'GET' ? {} : csrfHeader) }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const get = async (path: string, params: Record<string, string>) => {
    const res = await call('GET', `${path}?${new URLSearchParams(params).toString()}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const listIds = async (params: Record<string, string>) => ((await get('/api/v1/offers', params)).items as { id: string }[]).map((o) => o.id).sort();
  const boardIds = async (params: Record<string, string>) => ((await get('/api/v1/board', params)).items as { offerId: string }[]).map((o) => o.offerId).sort();
  const these = (...names: string[]) => names.map((n) => ids[n]!).sort();

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
    admin = await signIn(t.app, fx.users.admin.email);
    const define = async (def: object) => expect((await call('POST', '/api/v1/admin/fields', def)).statusCode).toBe(201);
    await define({ key: 'remote_stipend', label: 'Remote stipend', type: 'money' });
    await define({ key: 'weekly_hours', label: 'Weekly hours', type: 'number' });
    await define({ key: 'review_on', label: 'Review on', type: 'date' });
    await define({ key: 'cost_center', label: 'Cost center', type: 'text' });
    const create = async (name: string, custom: Record<string, unknown>) => {
      const res = await call('POST', '/api/v1/offers', { candidateId: fx.candidateId, terms: { ...validTerms(fx, TEST_NOW), custom } });
      expect(res.statusCode, res.body).toBe(201);
      ids[name] = (res.json() as { id: string }).id;
    };
    await create('low', { remote_stipend: 5000, weekly_hours: 20, review_on: '2027-01-15', cost_center: 'A' });
    await create('mid', { remote_stipend: 10000, weekly_hours: 37.5, review_on: '2027-03-01', cost_center: 'B' });
    await create('high', { remote_stipend: 30000, weekly_hours: 40, review_on: '2027-12-31', cost_center: 'A' });
    await create('none', { cost_center: 'A' });
    // Written past the API's checks: a string where a number belongs, and a date no calendar has.
    await t.database.db.execute(sql`update offers set custom_values = custom_values || '{"remote_stipend": "lots", "weekly_hours": "many", "review_on": "soon"}'::jsonb where id = ${ids.none!}`);
  });
  afterAll(() => t.close());

  it('filters the offers list by an inclusive range of money, a number and a date, each bound alone or both', async () => {
    expect(await listIds({ 'custom.remote_stipend.min': '10000', 'custom.remote_stipend.max': '30000' })).toEqual(these('mid', 'high'));
    expect(await listIds({ 'custom.remote_stipend.max': '10000' })).toEqual(these('low', 'mid'));
    expect(await listIds({ 'custom.weekly_hours.min': '37.5' })).toEqual(these('mid', 'high'));
    expect(await listIds({ 'custom.weekly_hours.min': '20.5', 'custom.weekly_hours.max': '39' })).toEqual(these('mid'));
    expect(await listIds({ 'custom.review_on.min': '2027-03-01', 'custom.review_on.max': '2027-12-31' })).toEqual(these('mid', 'high'));
    expect(await listIds({ 'custom.review_on.max': '2027-02-28' })).toEqual(these('low'));
    // With an equality filter and another range, all apply.
    expect(await listIds({ 'custom.cost_center': 'A', 'custom.remote_stipend.min': '1', 'custom.review_on.min': '2027-06-01' })).toEqual(these('high'));
  });

  it('filters the status board, its counts included', async () => {
    expect(await boardIds({ 'custom.remote_stipend.min': '10000' })).toEqual(these('mid', 'high'));
    const board = await get('/api/v1/board', { 'custom.review_on.max': '2027-03-01' });
    expect(board.counts.total).toBe(2);
  });

  it('filters a metric and echoes the bounds', async () => {
    const period = { from: new Date(TEST_NOW.getTime() - 86_400_000).toISOString(), to: new Date(TEST_NOW.getTime() + 86_400_000).toISOString() };
    expect((await get('/api/v1/metrics/revisions', period)).offers).toBe(4);
    const filtered = await get('/api/v1/metrics/revisions', { ...period, 'custom.weekly_hours.max': '37.5' });
    expect(filtered.offers).toBe(2);
    expect(filtered.filters).toMatchObject({ 'custom.weekly_hours.max': '37.5' });
  });

  it('refuses a range on a text field, a bound the field cannot hold and a min above the max, naming the parameter', async () => {
    for (const path of ['/api/v1/offers', '/api/v1/board']) {
      const text = expectProblem(await call('GET', `${path}?custom.cost_center.min=A`), 400);
      expect(text.errors).toContainEqual({ field: 'custom.cost_center.min', message: expect.stringContaining('only number, money and date fields take a range') });
      const cents = expectProblem(await call('GET', `${path}?custom.remote_stipend.max=99.50`), 400);
      expect(cents.errors).toContainEqual({ field: 'custom.remote_stipend.max', message: expect.stringContaining('whole number of cents') });
      const inverted = expectProblem(await call('GET', `${path}?custom.review_on.min=2027-05-01&custom.review_on.max=2027-04-01`), 400);
      expect(inverted.errors).toContainEqual({ field: 'custom.review_on.min', message: expect.stringContaining('must not be above custom.review_on.max (2027-04-01)') });
      const suffix = expectProblem(await call('GET', `${path}?custom.weekly_hours.from=1`), 400);
      expect(suffix.errors).toContainEqual(expect.objectContaining({ field: 'custom.weekly_hours.from', message: expect.stringContaining('custom.<key>.min') }));
    }
    const metric = expectProblem(await call('GET', '/api/v1/metrics/revisions?custom.weekly_hours.min=50&custom.weekly_hours.max=10'), 422);
    expect(metric.errors).toContainEqual({ field: 'custom.weekly_hours.min', message: expect.stringContaining('must not be above') });
    const date = expectProblem(await call('GET', '/api/v1/metrics/revisions?custom.review_on.min=2027-02-30'), 422);
    expect(date.errors).toContainEqual({ field: 'custom.review_on.min', message: expect.stringContaining('real date') });
  });

  it('saved views keep ranges, checked by the page\'s rules', async () => {
    const saved = await call('POST', '/api/v1/views', { page: 'board', name: 'Stipend 100-300', filters: { 'custom.remote_stipend.min': '10000', 'custom.remote_stipend.max': '30000' } });
    expect(saved.statusCode, saved.body).toBe(201);
    const view = saved.json() as { filters: Record<string, string> };
    expect(await boardIds(view.filters)).toEqual(these('mid', 'high'));
    const refused = expectProblem(await call('POST', '/api/v1/views', { page: 'offers', name: 'Bad', filters: { 'custom.cost_center.max': 'Z', 'custom.weekly_hours.min': '9', 'custom.weekly_hours.max': '1' } }), 422);
    expect(refused.errors).toContainEqual({ field: 'filters.custom.cost_center.max', message: expect.stringContaining('take a range') });
    expect(refused.errors).toContainEqual({ field: 'filters.custom.weekly_hours.min', message: expect.stringContaining('must not be above') });
  });
});
