import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/auth/secrets';
import type { Role } from '../../../src/core/roles';
import * as setup from '../../../src/directory/org-setup.repo';
import { createOrgFixture, csrfHeader, signIn, TEST_PASSWORD, type OrgFixture } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

interface View {
  id: string;
  page: string;
  name: string;
  filters: Record<string, string>;
  columns: string[];
  mine: boolean;
  sharedBy: { id: string; name: string } | null;
  sharedWithRoles: string[];
  sharedWithBusinessUnit: { id: string; name: string } | null;
  rowVersion: number;
}

describe('saved views: sharing by role and business unit, owner-only changes, validation, tenancy', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let other: OrgFixture;
  /** A second business unit of fx. */
  let salesUnitId: string;
  const cookies: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who]!, ...(method === 'GET' ? {} : csrfHeader), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const list = async (who: string, page: 'board' | 'offers' = 'board'): Promise<View[]> => {
    const res = await call(who, 'GET', `/api/v1/views?page=${page}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };
  const names = async (who: string, page: 'board' | 'offers' = 'board') => (await list(who, page)).map((v) => v.name);
  const create = async (who: string, body: object): Promise<View> => {
    const res = await call(who, 'POST', '/api/v1/views', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    return res.json();
  };

  /** A user of fx holding `role` only in one business unit. */
  async function unitUser(key: string, role: Role, unitId: string) {
    const email = `${key}@${fx.slug}.test`;
    const u = await setup.insertUser(t.database.db, { orgId: fx.orgId, email, name: `${key} person`, passwordHash: await hashPassword(TEST_PASSWORD) });
    await setup.grantRole(t.database.db, fx.orgId, u.id, role, unitId);
    cookies[key] = await signIn(t.app, email);
  }

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
    other = await createOrgFixture(t.database.db);
    salesUnitId = (await setup.insertBusinessUnit(t.database.db, { orgId: fx.orgId, name: 'Sales' })).id;
    for (const role of ['admin', 'recruiter', 'finance', 'it', 'hiring_manager'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    cookies.otherAdmin = await signIn(t.app, other.users.admin.email);
    cookies.otherFinance = await signIn(t.app, other.users.finance.email);
    await unitUser('engFinance', 'finance', fx.businessUnitId);
    await unitUser('salesFinance', 'finance', salesUnitId);
    await unitUser('engIt', 'it', fx.businessUnitId);
    await unitUser('salesIt', 'it', salesUnitId);
  });
  afterAll(() => t.close());

  it('a board view shared with finance shows up for another finance user, not for IT, labelled with who shared it', async () => {
    const created = await create('recruiter', { page: 'board', name: 'Breached in comp review', filters: { stage: 'comp_review', sla: 'breached' }, sharedWithRoles: ['finance'] });
    expect(created).toMatchObject({
      page: 'board',
      name: 'Breached in comp review',
      filters: { stage: 'comp_review', sla: 'breached' },
      columns: ['offer', 'stage', 'waitingOn', 'age', 'nextAction'],
      sharedWithRoles: ['finance'],
      sharedWithBusinessUnit: null,
      mine: true,
      sharedBy: null,
      rowVersion: 1,
      createdAt: TEST_NOW.toISOString(),
      updatedAt: TEST_NOW.toISOString(),
    });

    const asFinance = (await list('finance')).find((v) => v.id === created.id);
    expect(asFinance).toMatchObject({ mine: false, sharedBy: { id: fx.users.recruiter.id, name: 'recruiter person' }, filters: { stage: 'comp_review', sla: 'breached' } });
    // Finance held only in one business unit is still finance.
    expect(await names('engFinance')).toContain('Breached in comp review');
    expect(await names('salesFinance')).toContain('Breached in comp review');
    expect(await names('it')).not.toContain('Breached in comp review');
    expect(await names('engIt')).not.toContain('Breached in comp review');
    expect(await names('hiring_manager')).not.toContain('Breached in comp review');
    // A board view is not a view of the offers list.
    expect(await names('finance', 'offers')).not.toContain('Breached in comp review');
    // The owner sees it as theirs.
    expect((await list('recruiter')).find((v) => v.id === created.id)).toMatchObject({ mine: true, sharedBy: null });

    // Finance reads it by id, and applies it: its filters are the board's own query string.
    const one = await call('finance', 'GET', `/api/v1/views/${created.id}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.headers.etag).toBe('"1"');
    const board = await call('finance', 'GET', `/api/v1/board?${new URLSearchParams(asFinance!.filters)}`);
    expect(board.statusCode, board.body).toBe(200);
    expectProblem(await call('it', 'GET', `/api/v1/views/${created.id}`), 404);
  });

  it('a view shared with a business unit shows for users holding any role there; organisation-wide roles hold in every unit', async () => {
    const created = await create('recruiter', { page: 'offers', name: 'Engineering drafts', filters: { status: 'draft', businessUnitId: fx.businessUnitId }, columns: ['candidate', 'title', 'status'], sharedWithBusinessUnitId: fx.businessUnitId });
    expect(created.sharedWithBusinessUnit).toEqual({ id: fx.businessUnitId, name: 'Engineering' });
    expect(await names('engIt', 'offers')).toContain('Engineering drafts');
    expect(await names('engFinance', 'offers')).toContain('Engineering drafts');
    expect(await names('salesIt', 'offers')).not.toContain('Engineering drafts');
    expect(await names('salesFinance', 'offers')).not.toContain('Engineering drafts');
    expect(await names('it', 'offers')).toContain('Engineering drafts');
    const applied = await call('engIt', 'GET', `/api/v1/offers?${new URLSearchParams(created.filters)}`);
    expect(applied.statusCode, applied.body).toBe(200);
  });

  it('a view shared with a role in a business unit shows for that role there (or across the organisation) only', async () => {
    await create('recruiter', { page: 'board', name: 'Sales finance', filters: { businessUnitId: salesUnitId }, sharedWithRoles: ['finance'], sharedWithBusinessUnitId: salesUnitId });
    expect(await names('salesFinance')).toContain('Sales finance');
    expect(await names('finance')).toContain('Sales finance');
    expect(await names('engFinance')).not.toContain('Sales finance');
    expect(await names('salesIt')).not.toContain('Sales finance');
  });

  it('lists mine first, then those shared with me, each by name', async () => {
    await create('finance', { page: 'board', name: 'A finance board' });
    const views = await list('finance');
    expect(views.map((v) => [v.name, v.mine])).toEqual([
      ['A finance board', true],
      ['Breached in comp review', false],
      ['Sales finance', false],
    ]);
    // Not shared: nobody else sees it.
    expect(await names('engFinance')).not.toContain('A finance board');
  });

  it('only the owner changes or deletes a view; anyone else finds no such view', async () => {
    const view = await create('recruiter', { page: 'board', name: 'Mine to change', filters: { view: 'mine' }, sharedWithRoles: ['finance'] });
    const url = `/api/v1/views/${view.id}`;
    const body = { name: 'Taken over', filters: {} };
    expectProblem(await call('finance', 'PUT', url, body, { 'if-match': '"1"' }), 404);
    expectProblem(await call('finance', 'DELETE', url, undefined, { 'if-match': '"1"' }), 404);
    expectProblem(await call('admin', 'PUT', url, body, { 'if-match': '"1"' }), 404);
    expectProblem(await call('admin', 'DELETE', url), 404);

    expectProblem(await call('recruiter', 'PUT', url, { name: 'Changed' }), 428);
    const changed = await call('recruiter', 'PUT', url, { name: 'Changed', filters: { view: 'waiting_on_me', sort: 'newest' }, columns: ['stage', 'offer'], sharedWithRoles: [] }, { 'if-match': '"1"' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.json()).toMatchObject({ page: 'board', name: 'Changed', filters: { view: 'waiting_on_me', sort: 'newest' }, columns: ['stage', 'offer'], sharedWithRoles: [], rowVersion: 2 });
    expect(expectProblem(await call('recruiter', 'PUT', url, { name: 'Stale' }, { 'if-match': '"1"' }), 409).detail).toMatch(/version 2/);
    // No longer shared: finance no longer sees it, nor reads it.
    expect(await names('finance')).not.toContain('Changed');
    expectProblem(await call('finance', 'GET', url), 404);

    expectProblem(await call('recruiter', 'DELETE', url, undefined, { 'if-match': '"1"' }), 409);
    const deleted = await call('recruiter', 'DELETE', url, undefined, { 'if-match': '"2"' });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expectProblem(await call('recruiter', 'GET', url), 404);
    expectProblem(await call('recruiter', 'DELETE', url), 404);
  });

  it('refuses bad views with 422 problem+json naming the property', async () => {
    const cases: [object, string, RegExp][] = [
      [{ page: 'board', name: 'x', filters: { stage: 'declined' } }, 'filters.stage', /open lifecycle statuses/],
      [{ page: 'board', name: 'x', filters: { status: 'draft' } }, 'filters.status', /not a filter of the status board/],
      [{ page: 'offers', name: 'x', filters: { limit: '10' } }, 'filters.limit', /not kept in a view/],
      [{ page: 'board', name: 'x', columns: ['offer', 'salary'] }, 'columns.1', /must be a column of the status board/],
      [{ page: 'board', name: 'x', sharedWithRoles: ['ceo'] }, 'sharedWithRoles.0', /must be a role/],
      [{ page: 'board', name: '' }, 'name', /must not be empty/],
      [{ page: 'board', name: 'x'.repeat(81) }, 'name', /at most 80/],
      [{ page: 'dashboard', name: 'x' }, 'page', /offers, board/],
      [{ page: 'board', name: 'Breached in comp review' }, 'name', /already have a status board view named "Breached in comp review"/],
      [{ page: 'board', name: 'x', sharedWithBusinessUnitId: randomUUID() }, 'sharedWithBusinessUnitId', /no business unit/],
      [{ page: 'board', name: 'x', sharedWithBusinessUnitId: other.businessUnitId }, 'sharedWithBusinessUnitId', /no business unit/],
      [{ page: 'board', name: 'x', filters: { businessUnitId: other.businessUnitId } }, 'filters.businessUnitId', /no business unit/],
      [{ page: 'offers', name: 'x', filters: { departmentId: other.departmentId } }, 'filters.departmentId', /no department/],
      [{ page: 'offers', name: 'x', filters: { recruiterId: other.users.recruiter.id } }, 'filters.recruiterId', /no user/],
      [{ page: 'board', name: 'x', owner: fx.users.finance.id }, 'owner', /not a property of a view/],
    ];
    for (const [body, field, message] of cases) {
      const problem = expectProblem(await call('recruiter', 'POST', '/api/v1/views', body), 422, { code: 'validation_failed', fields: [field] });
      expect(problem.errors!.find((e) => e.field === field)!.message, JSON.stringify(body)).toMatch(message);
    }
    // The same name on the other page is another view; a rename onto a name taken is refused.
    const offersView = await create('recruiter', { page: 'offers', name: 'Breached in comp review' });
    const renamed = await call('recruiter', 'PUT', `/api/v1/views/${offersView.id}`, { name: 'Engineering drafts' }, { 'if-match': '"1"' });
    expectProblem(renamed, 422, { fields: ['name'] });
    const moved = await call('recruiter', 'PUT', `/api/v1/views/${offersView.id}`, { page: 'board', name: 'Moved' }, { 'if-match': '"1"' });
    expectProblem(moved, 422, { fields: ['page'] });
    expectProblem(await call('recruiter', 'GET', '/api/v1/views?page=dashboard'), 400);
  });

  it("another organisation's views are not found and never listed", async () => {
    const view = await create('recruiter', { page: 'board', name: 'For everyone here', sharedWithRoles: ['admin', 'finance', 'it'], sharedWithBusinessUnitId: fx.businessUnitId });
    const url = `/api/v1/views/${view.id}`;
    for (const who of ['otherAdmin', 'otherFinance']) {
      expectProblem(await call(who, 'GET', url), 404);
      expectProblem(await call(who, 'PUT', url, { name: 'Mine now' }, { 'if-match': '"1"' }), 404);
      expectProblem(await call(who, 'DELETE', url), 404);
      const listed = await call(who, 'GET', '/api/v1/views?page=board');
      expect(listed.json().items).toEqual([]);
      expect(listed.body).not.toContain(fx.users.recruiter.id);
    }
    // Still there, unchanged.
    expect((await call('recruiter', 'GET', url)).json()).toMatchObject({ name: 'For everyone here', rowVersion: 1 });
  });
});
