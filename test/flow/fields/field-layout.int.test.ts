import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/auth/secrets';
import * as setup from '../../../src/directory/org-setup.repo';
import { createOrgFixture, csrfHeader, signIn, TEST_PASSWORD, type OrgFixture } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { createTestApp, type TestApp } from '../../helpers/test-app';

const select = (key: string, label: string, section: string, order: number) => ({
  key,
  label,
  type: 'single_select',
  section,
  order,
  options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }],
});

describe('intake form layout: sections and order of custom fields in one request', () => {
  let t: TestApp;
  let fx: OrgFixture;
  const cookies: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who]!, ...(method === 'GET' ? {} : csrfHeader) }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const layout = (who: string, body: unknown) => call(who, 'PUT', '/api/v1/admin/field-layout', body);
  const definition = async (key: string, unit?: string) => (await call('admin', 'GET', `/api/v1/admin/fields/${key}${unit ? `?businessUnitId=${unit}` : ''}`)).json();

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
    for (const role of ['admin', 'recruiter'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    const u = await setup.insertUser(t.database.db, { orgId: fx.orgId, email: `unit-admin@${fx.slug}.test`, name: 'Unit admin', passwordHash: await hashPassword(TEST_PASSWORD) });
    await setup.grantRole(t.database.db, fx.orgId, u.id, 'admin', fx.businessUnitId);
    cookies.unitAdmin = await signIn(t.app, `unit-admin@${fx.slug}.test`);
    for (const body of [select('cost_center', 'Cost center', 'Finance', 0), select('po_kind', 'PO kind', 'Finance', 1)])
      expect((await call('admin', 'POST', '/api/v1/admin/fields', body)).statusCode).toBe(201);
    const unitField = await call('admin', 'POST', '/api/v1/admin/fields', { ...select('shift', 'Shift', 'Schedule', 0), businessUnitId: fx.businessUnitId });
    expect(unitField.statusCode, unitField.body).toBe(201);
  });
  afterAll(() => t.close());

  it('moves fields within and across sections; only moved fields get a new version, with nothing else changed', async () => {
    const res = await layout('admin', {
      businessUnitId: fx.businessUnitId,
      fields: [
        { key: 'shift', section: 'Finance', order: 0, version: 1 },
        { key: 'po_kind', section: 'Finance', order: 1, version: 1 },
        { key: 'cost_center', section: 'Finance', order: 2, version: 1 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      moved: 2,
      fields: [
        { key: 'shift', section: 'Finance', order: 0, currentVersion: 2, moved: true, businessUnitId: fx.businessUnitId },
        { key: 'po_kind', section: 'Finance', order: 1, currentVersion: 1, moved: false, businessUnitId: null },
        { key: 'cost_center', section: 'Finance', order: 2, currentVersion: 2, moved: true },
      ],
    });
    const cc = await definition('cost_center');
    expect(cc.currentVersion).toBe(2);
    const v1 = (await call('admin', 'GET', '/api/v1/admin/fields/cost_center/versions/1')).json().definition;
    expect(cc.definition).toEqual({ ...v1, section: 'Finance', order: 2 });

    // The intake form for the unit follows the new order.
    const form = await call('recruiter', 'GET', `/api/v1/offer-form/fields?businessUnitId=${fx.businessUnitId}`);
    expect(form.json().map((f: { key: string }) => f.key)).toEqual(['shift', 'po_kind', 'cost_center']);
  });

  it('saves nothing when one field moved on since it was read (409 naming it)', async () => {
    const res = await layout('admin', {
      businessUnitId: fx.businessUnitId,
      fields: [
        { key: 'po_kind', section: 'Finance', order: 5, version: 1 },
        { key: 'cost_center', section: 'Finance', order: 0, version: 1 },
      ],
    });
    const problem = expectProblem(res, 409, { code: 'conflict', fields: ['fields.1.key'] });
    expect(problem.detail).toMatch(/cost_center" is at version 2, you read version 1/);
    expect((await definition('po_kind')).currentVersion).toBe(1);
  });

  it('refuses unknown, repeated and badly placed fields with 422 naming each entry', async () => {
    const res = await layout('admin', {
      fields: [
        { key: 'no_such', section: 'Finance', order: 0 },
        { key: 'po_kind', section: '  ', order: 0 },
        { key: 'po_kind', section: 'Finance', order: 20000 },
        { key: 'shift', section: 'Finance', order: 0 },
      ],
    });
    const problem = expectProblem(res, 422, { code: 'validation_failed', fields: ['fields.0.key', 'fields.1.section', 'fields.2.order', 'fields.2.key', 'fields.3.key'] });
    expect(problem.errors!.find((e) => e.field === 'fields.3.key')!.message).toMatch(/among the organisation-wide fields/);
    expectProblem(await layout('admin', { fields: [] }), 400);
  });

  it('unit admins arrange their unit; organisation-wide fields stay where organisation admins put them', async () => {
    const mine = await layout('unitAdmin', { businessUnitId: fx.businessUnitId, fields: [{ key: 'shift', section: 'Schedule', order: 3 }, { key: 'po_kind', section: 'Finance', order: 1 }] });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().moved).toBe(1);
    const orgField = await layout('unitAdmin', { businessUnitId: fx.businessUnitId, fields: [{ key: 'po_kind', section: 'Other', order: 1 }] });
    expectProblem(orgField, 403, { fields: ['fields.0.key'] });
    expectProblem(await layout('unitAdmin', { fields: [{ key: 'po_kind', section: 'Finance', order: 1 }] }), 403);
    expectProblem(await layout('recruiter', { businessUnitId: fx.businessUnitId, fields: [{ key: 'shift', section: 'Finance', order: 0 }] }), 403);
  });

  it('retired fields cannot move', async () => {
    expect((await call('admin', 'POST', '/api/v1/admin/fields/po_kind/retire', {})).statusCode).toBe(200);
    expectProblem(await layout('admin', { fields: [{ key: 'po_kind', section: 'Finance', order: 9 }] }), 409, { fields: ['fields.0.key'] });
  });
});
