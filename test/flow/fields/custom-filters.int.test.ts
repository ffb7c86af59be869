import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/auth/secrets';
import * as setup from '../../../src/directory/org-setup.repo';
import { createOrgFixture, csrfHeader, signIn, TEST_PASSWORD, validTerms, type OrgFixture } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

/**
 * Custom fields in queries: `custom.<key>=<value>` filters on the offers list, the status board
 * and the metrics, `columns=custom.<key>,...` on the list and the board, and saved views holding
 * both. Values are the offer's current ones (the draft's, or the submitted version's).
 */

describe('custom field filters and columns', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let salesDeptId: string;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who]!, ...(method === 'GET' ? {} : csrfHeader), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const get = async (who: string, path: string, params: Record<string, string>) => {
    const res = await call(who, 'GET', `${path}?${qs(params)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const listIds = async (who: string, params: Record<string, string>) => ((await get(who, '/api/v1/offers', params)).items as { id: string }[]).map((o) => o.id).sort();
  const boardIds = async (who: string, params: Record<string, string>) => ((await get(who, '/api/v1/board', params)).items as { offerId: string }[]).map((o) => o.offerId).sort();
  const these = (...names: string[]) => names.map((n) => ids[n]!).sort();

  const create = async (custom: Record<string, unknown>, departmentId = fx.departmentId) => {
    const res = await call('admin', 'POST', '/api/v1/offers', { candidateId: fx.candidateId, terms: { ...validTerms(fx, TEST_NOW, { departmentId }), custom } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; rowVersion: number; terms: Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
    const sales = await setup.insertBusinessUnit(t.database.db, { orgId: fx.orgId, name: 'Sales' });
    salesDeptId = (await setup.insertDepartment(t.database.db, { orgId: fx.orgId, businessUnitId: sales.id, name: 'Field sales', hrbpId: fx.users.hrbp.id })).id;
    for (const role of ['admin', 'recruiter', 'finance', 'it', 'hr_ops'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    // A recruiter everywhere who is also finance in Sales: finance_code shows on Sales offers only.
    const email = `mixed@${fx.slug}.test`;
    const mixed = await setup.insertUser(t.database.db, { orgId: fx.orgId, email, name: 'Mixed person', passwordHash: await hashPassword(TEST_PASSWORD) });
    await setup.grantRole(t.database.db, fx.orgId, mixed.id, 'recruiter');
    await setup.grantRole(t.database.db, fx.orgId, mixed.id, 'finance', sales.id);
    cookies.mixed = await signIn(t.app, email);

    const define = async (def: object) => expect((await call('admin', 'POST', '/api/v1/admin/fields', def)).statusCode).toBe(201);
    await define({ key: 'cost_center', label: 'Cost center', type: 'single_select', options: [{ value: 'CC-100' }, { value: 'CC-200' }] });
    await define({ key: 'retention_tier', label: 'Retention tier', type: 'single_select', options: [{ value: 'T1' }, { value: 'T2' }], sensitive: true });
    await define({ key: 'finance_code', label: 'Finance code', type: 'text', access: { read: ['admin', 'finance'], write: ['admin'] } });
    await define({ key: 'shifts', label: 'Shifts', type: 'multi_select', options: [{ value: 'day' }, { value: 'night' }] });
    await define({ key: 'remote_ok', label: 'Remote OK', type: 'boolean' });

    // o1 is submitted (its values come from the frozen version); o2 changes CC-100 to CC-200 in its draft.
    const o1 = await create({ cost_center: 'CC-100', retention_tier: 'T1', finance_code: 'F-1', shifts: ['day'], remote_ok: true });
    const submitted = await call('admin', 'POST', `/api/v1/offers/${o1.id}/submit`, undefined, { 'if-match': `"${o1.rowVersion}"` });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const o2 = await create({ cost_center: 'CC-100', shifts: ['day', 'night'], remote_ok: false });
    const edited = await call('admin', 'PUT', `/api/v1/offers/${o2.id}/draft`, { terms: { ...o2.terms, custom: { ...(o2.terms.custom as object), cost_center: 'CC-200' } } }, { 'if-match': `"${o2.rowVersion}"` });
    expect(edited.statusCode, edited.body).toBe(200);
    const o3 = await create({ cost_center: 'CC-100', finance_code: 'F-3' }, salesDeptId);
    Object.assign(ids, { o1: o1.id, o2: o2.id, o3: o3.id });
  });
  afterAll(() => t.close());

  it('filters the offers list by a select, a multi select choice and a boolean, on the current values of drafts and submitted offers', async () => {
    expect(await listIds('admin', { 'custom.cost_center': 'CC-100' })).toEqual(these('o1', 'o3'));
    expect(await listIds('admin', { 'custom.cost_center': 'CC-200' })).toEqual(these('o2'));
    expect(await listIds('admin', { 'custom.shifts': 'night' })).toEqual(these('o2'));
    expect(await listIds('admin', { 'custom.shifts': 'day', 'custom.cost_center': 'CC-100' })).toEqual(these('o1'));
    expect(await listIds('admin', { 'custom.remote_ok': 'false' })).toEqual(these('o2'));
    expect(await listIds('admin', { 'custom.finance_code': 'F-3' })).toEqual(these('o3'));
  });

  it('filters the status board, its stage counts included', async () => {
    expect(await boardIds('admin', { 'custom.cost_center': 'CC-100' })).toEqual(these('o1', 'o3'));
    const board = await get('admin', '/api/v1/board', { 'custom.cost_center': 'CC-200' });
    expect(board.counts.total).toBe(1);
    expect(board.items.map((i: { offerId: string }) => i.offerId)).toEqual(these('o2'));
  });

  it('filters a metric by the offers\' custom values', async () => {
    const period = { from: new Date(TEST_NOW.getTime() - 86_400_000).toISOString(), to: new Date(TEST_NOW.getTime() + 86_400_000).toISOString() };
    expect((await get('admin', '/api/v1/metrics/revisions', period)).offers).toBe(3);
    const filtered = await get('admin', '/api/v1/metrics/revisions', { ...period, 'custom.cost_center': 'CC-100' });
    expect(filtered.offers).toBe(2);
    expect(filtered.filters).toMatchObject({ 'custom.cost_center': 'CC-100' });
    // Cycle time: only o1 has left a stage (its draft, at submit). The organisation-wide per-day counts know no custom values, so a filter reads the intervals.
    const closed = async (params: Record<string, string>) => ((await get('admin', '/api/v1/metrics/cycle-time', { ...period, ...params })).stages as { count: number }[]).reduce((n, s) => n + s.count, 0);
    expect(await closed({})).toBe(1);
    expect(await closed({ 'custom.cost_center': 'CC-100' })).toBe(1);
    expect(await closed({ 'custom.cost_center': 'CC-200' })).toBe(0);
  });

  it('refuses an unknown key, a field one of the caller\'s roles may not read, and a value the field cannot hold, naming the parameter', async () => {
    for (const path of ['/api/v1/offers', '/api/v1/board']) {
      const unknown = expectProblem(await call('admin', 'GET', `${path}?custom.nope=x`), 400);
      expect(unknown.errors).toContainEqual({ field: 'custom.nope', message: expect.stringContaining('no field in force has the key "nope"') });
      // IT does not read pay, so it may not learn which offers hold a sensitive value.
      const hidden = expectProblem(await call('it', 'GET', `${path}?custom.retention_tier=T1`), 400);
      expect(hidden.errors).toContainEqual({ field: 'custom.retention_tier', message: expect.stringContaining('your role it may not read it') });
      const bad = expectProblem(await call('admin', 'GET', `${path}?custom.cost_center=CC-999`), 400);
      expect(bad.errors).toContainEqual({ field: 'custom.cost_center', message: expect.stringContaining('not one of the choices: CC-100, CC-200') });
    }
    expectProblem(await call('admin', 'GET', '/api/v1/offers?custom.remote_ok=yes'), 400);
    expectProblem(await call('admin', 'GET', '/api/v1/offers?custom.Not-A-Key=1'), 400);
    expectProblem(await call('admin', 'GET', '/api/v1/offers?unknownParam=1'), 400);
    // One role that cannot read the field is enough to refuse: the recruiter grant does not read finance_code.
    expectProblem(await call('mixed', 'GET', '/api/v1/offers?custom.finance_code=F-3'), 400);

    const metricUnknown = expectProblem(await call('admin', 'GET', '/api/v1/metrics/revisions?custom.nope=x'), 422);
    expect(metricUnknown.errors).toContainEqual({ field: 'custom.nope', message: expect.stringContaining('"nope"') });
    // HR ops reads metrics but not finance_code.
    const metricHidden = expectProblem(await call('hr_ops', 'GET', '/api/v1/metrics/revisions?custom.finance_code=F-1'), 422);
    expect(metricHidden.errors).toContainEqual({ field: 'custom.finance_code', message: expect.stringContaining('hr_ops') });
  });

  it('adds the chosen custom columns to each row, masked by the roles reaching that offer', async () => {
    const list = await get('mixed', '/api/v1/offers', { columns: 'custom.finance_code,custom.cost_center' });
    const byId = Object.fromEntries(list.items.map((i: { id: string; custom: object }) => [i.id, i.custom]));
    expect(byId[ids.o3!]).toEqual({ finance_code: 'F-3', cost_center: 'CC-100' });
    // Engineering offers reach this user through the recruiter grant only.
    expect(byId[ids.o1!]).toEqual({ cost_center: 'CC-100' });
    expect(byId[ids.o2!]).toEqual({ cost_center: 'CC-200' });

    const board = await get('finance', '/api/v1/board', { columns: 'custom.retention_tier', 'custom.cost_center': 'CC-100' });
    const tiers = Object.fromEntries(board.items.map((i: { offerId: string; custom: object }) => [i.offerId, i.custom]));
    expect(tiers).toEqual({ [ids.o1!]: { retention_tier: 'T1' }, [ids.o3!]: {} });
    // Without `columns` the rows carry no custom values at all.
    expect((await get('admin', '/api/v1/offers', {})).items[0].custom).toBeUndefined();
    // A column no role of the caller reads anywhere is refused rather than shown empty.
    const refused = expectProblem(await call('it', 'GET', '/api/v1/offers?columns=custom.retention_tier'), 400);
    expect(refused.errors).toContainEqual({ field: 'columns', message: expect.stringContaining('custom.retention_tier') });
  });

  it('lists the fields each caller can show as columns and filter by', async () => {
    const fields = async (who: string) => Object.fromEntries(((await get(who, '/api/v1/custom-fields/queryable', {})) as { key: string; filterable: boolean }[]).map((f) => [f.key, f.filterable]));
    expect(await fields('admin')).toEqual({ cost_center: true, finance_code: true, remote_ok: true, retention_tier: true, shifts: true });
    // The recruiter grant does not read finance_code: a column (shown on Sales offers), never a filter.
    expect(await fields('mixed')).toEqual({ cost_center: true, finance_code: false, remote_ok: true, retention_tier: true, shifts: true });
    expect(await fields('it')).toEqual({ cost_center: true, remote_ok: true, shifts: true });
  });

  it('a saved view with a custom filter and column, shared with finance, applies for another finance user', async () => {
    const res = await call('recruiter', 'POST', '/api/v1/views', {
      page: 'offers',
      name: 'CC-100 offers',
      filters: { 'custom.cost_center': 'CC-100', status: 'draft,comp_review,in_approval,approved' },
      columns: ['title', 'custom.cost_center'],
      sharedWithRoles: ['finance'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const views = (await get('finance', '/api/v1/views', { page: 'offers' })).items as { name: string; filters: Record<string, string>; columns: string[] }[];
    const view = views.find((v) => v.name === 'CC-100 offers')!;
    expect(view.filters['custom.cost_center']).toBe('CC-100');
    const columns = view.columns.filter((c) => c.startsWith('custom.')).join(',');
    const applied = await get('finance', '/api/v1/offers', { ...view.filters, columns });
    const shown = applied.items.map((i: { id: string }) => i.id).sort();
    expect(shown.every((id: string) => these('o1', 'o3').includes(id))).toBe(true);
    expect(shown).toContain(ids.o3);
    expect(applied.items.every((i: { custom: { cost_center: string } }) => i.custom.cost_center === 'CC-100')).toBe(true);

    const board = await call('recruiter', 'POST', '/api/v1/views', { page: 'board', name: 'CC-200', filters: { 'custom.cost_center': 'CC-200' }, columns: ['offer', 'custom.shifts'] });
    expect(board.statusCode, board.body).toBe(201);

    const unknown = expectProblem(await call('recruiter', 'POST', '/api/v1/views', { page: 'offers', name: 'Nope', filters: { 'custom.nope': 'x' } }), 422);
    expect(unknown.errors).toContainEqual({ field: 'filters.custom.nope', message: expect.stringContaining('"nope"') });
    const badColumn = expectProblem(await call('recruiter', 'POST', '/api/v1/views', { page: 'offers', name: 'Nope', columns: ['title', 'custom.nope'] }), 422);
    expect(badColumn.errors).toContainEqual({ field: 'columns.1', message: expect.stringContaining('custom.nope') });
    const hidden = expectProblem(await call('it', 'POST', '/api/v1/views', { page: 'board', name: 'Tier', filters: { 'custom.retention_tier': 'T1' } }), 422);
    expect(hidden.errors).toContainEqual({ field: 'filters.custom.retention_tier', message: expect.stringContaining('may not read') });
  });
});
