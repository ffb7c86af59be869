import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/auth/secrets';
import * as setup from '../../../src/directory/org-setup.repo';
import {
  approvalPolicies,
  approvalPolicyVersions,
  documentTemplates,
  documentTemplateVersions,
  fieldDefinitionRetirements,
  fieldDefinitionVersions,
} from '../../../src/db/schema';
import { createOrgFixture, csrfHeader, signIn, TEST_PASSWORD, type OrgFixture } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

const costCenter = {
  key: 'cost_center',
  label: 'Cost center',
  type: 'single_select',
  section: 'Finance',
  order: 2,
  options: [{ value: 'CC-100', label: 'Platform' }, { value: 'CC-200', label: 'Data' }],
  validation: { requiredWhen: { field: 'employmentType', op: 'in', value: ['contract_w2', 'contract_1099'] } },
};

describe('custom field definitions: versions, validation, retirement, access', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let other: OrgFixture;
  let unitAdmin: { id: string; cookie: string };
  const cookies: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who]!, ...(method === 'GET' ? {} : csrfHeader), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
    other = await createOrgFixture(t.database.db);
    for (const role of ['admin', 'recruiter', 'finance'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    cookies.otherAdmin = await signIn(t.app, other.users.admin.email);
    const u = await setup.insertUser(t.database.db, { orgId: fx.orgId, email: `unit-admin@${fx.slug}.test`, name: 'Unit admin', passwordHash: await hashPassword(TEST_PASSWORD) });
    await setup.grantRole(t.database.db, fx.orgId, u.id, 'admin', fx.businessUnitId);
    unitAdmin = { id: u.id, cookie: await signIn(t.app, `unit-admin@${fx.slug}.test`) };
    cookies.unitAdmin = unitAdmin.cookie;
  });
  afterAll(() => t.close());

  it('creates a field as version 1, lists it and reads it with its ETag', async () => {
    const res = await call('admin', 'POST', '/api/v1/admin/fields', costCenter);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({
      key: 'cost_center',
      businessUnitId: null,
      currentVersion: 1,
      retired: null,
      createdAt: TEST_NOW.toISOString(),
      definition: { label: 'Cost center', type: 'single_select', section: 'Finance', order: 2, validation: { required: false }, sensitive: false, access: { write: ['admin', 'recruiter'] } },
    });
    const list = await call('admin', 'GET', '/api/v1/admin/fields');
    expect(list.json()).toMatchObject([{ key: 'cost_center', currentVersion: 1 }]);
    const one = await call('admin', 'GET', '/api/v1/admin/fields/cost_center');
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe('"1"');
  });

  it('saves new versions with If-Match; old versions stay readable as they were', async () => {
    const v2body = { ...costCenter, options: [...costCenter.options, { value: 'CC-300', label: 'Security' }] };
    const missing = await call('admin', 'PUT', '/api/v1/admin/fields/cost_center', v2body);
    expectProblem(missing, 428);
    const v2 = await call('admin', 'PUT', '/api/v1/admin/fields/cost_center', v2body, { 'if-match': '"1"' });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.headers.etag).toBe('"2"');
    expect(v2.json().definition.options).toHaveLength(3);
    const stale = await call('admin', 'PUT', '/api/v1/admin/fields/cost_center', { ...v2body, label: 'Cost centre' }, { 'if-match': '"1"' });
    expect(expectProblem(stale, 409).detail).toMatch(/version 2/);
    const typeChange = await call('admin', 'PUT', '/api/v1/admin/fields/cost_center', { ...v2body, type: 'text', options: undefined }, { 'if-match': '"2"' });
    expect(expectProblem(typeChange, 422, { code: 'validation_failed', fields: ['type'] }).detail).toMatch(/cannot change from single_select to text/);
    const keyChange = await call('admin', 'PUT', '/api/v1/admin/fields/cost_center', { ...v2body, key: 'cost_centre' }, { 'if-match': '"2"' });
    expectProblem(keyChange, 422, { fields: ['key'] });

    const versions = await call('admin', 'GET', '/api/v1/admin/fields/cost_center/versions');
    expect(versions.json().map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(versions.json()[0]).toMatchObject({ createdBy: fx.users.admin.id, createdByName: 'admin person' });
    const old = await call('admin', 'GET', '/api/v1/admin/fields/cost_center/versions/1');
    expect(old.statusCode).toBe(200);
    expect(old.json().definition.options).toHaveLength(2);
    expectProblem(await call('admin', 'GET', '/api/v1/admin/fields/cost_center/versions/9'), 404);
    expectProblem(await call('admin', 'GET', '/api/v1/admin/fields/no_such_field'), 404);
  });

  it('refuses bad definitions with 422 problem+json naming the property', async () => {
    const cases: [object, string, RegExp][] = [
      [{ ...costCenter }, 'key', /already exists for the whole organisation/],
      [{ ...costCenter, key: 'cost_center', businessUnitId: fx.businessUnitId }, 'key', /already an organisation-wide field/],
      [{ key: 'Shift', label: 'Shift', type: 'text' }, 'key', /lower snake case/],
      [{ key: 'level_code', label: 'x', type: 'currency' }, 'type', /unknown type "currency"/],
      [{ key: 'po_number', label: 'PO', type: 'text', validation: { pattern: '[0-9' } }, 'validation.pattern', /not a valid regular expression/],
      [{ key: 'po_number', label: 'PO', type: 'text', validation: { pattern: '(\\d+)+' } }, 'validation.pattern', /unsafe/],
      [{ key: 'shift', label: 'Shift', type: 'single_select', options: [] }, 'options', /at least one choice/],
      [{ key: 'union_code', label: 'Union', type: 'text', validation: { requiredWhen: { field: 'custom.union_local', op: 'exists' } } }, 'validation.requiredWhen.field', /unknown field "custom.union_local"/],
      [{ key: 'stipend', label: 'Stipend', type: 'money', sensitive: true, access: { read: ['admin', 'it'] } }, 'access.read.1', /cannot read pay/],
      [{ key: 'stipend', label: 'Stipend', type: 'money', businessUnitId: randomUUID() }, 'businessUnitId', /no business unit/],
    ];
    for (const [body, field, message] of cases) {
      const res = await call('admin', 'POST', '/api/v1/admin/fields', body);
      const problem = expectProblem(res, 422, { code: 'validation_failed', fields: [field] });
      expect(problem.errors!.find((e) => e.field === field)!.message, JSON.stringify(body)).toMatch(message);
    }
  });

  it('requiredWhen may read another custom field of the same scope', async () => {
    const res = await call('admin', 'POST', '/api/v1/admin/fields', {
      key: 'cost_center_owner',
      label: 'Cost center owner',
      type: 'user_reference',
      validation: { requiredWhen: { field: 'custom.cost_center', op: 'eq', value: 'CC-300' } },
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('only admins manage fields: others get 403, another organisation 404', async () => {
    expectProblem(await call('recruiter', 'GET', '/api/v1/admin/fields'), 403);
    expectProblem(await call('finance', 'POST', '/api/v1/admin/fields', { key: 'x_field', label: 'X', type: 'text' }), 403);
    expectProblem(await call('recruiter', 'PUT', '/api/v1/admin/fields/cost_center', costCenter, { 'if-match': '"2"' }), 403);
    expectProblem(await call('recruiter', 'POST', '/api/v1/admin/fields/cost_center/retire', {}), 403);
    expect((await call('otherAdmin', 'GET', '/api/v1/admin/fields')).json()).toEqual([]);
    expectProblem(await call('otherAdmin', 'GET', '/api/v1/admin/fields/cost_center'), 404);
    expectProblem(await call('otherAdmin', 'GET', '/api/v1/admin/fields/cost_center/versions/1'), 404);
    expectProblem(await call('otherAdmin', 'PUT', '/api/v1/admin/fields/cost_center', costCenter, { 'if-match': '"2"' }), 404);
    expectProblem(await call('otherAdmin', 'POST', '/api/v1/admin/fields/cost_center/retire', { force: true, reason: 'x' }), 404);
  });

  it("business unit admins manage their unit's fields, not the organisation's", async () => {
    const unit = `?businessUnitId=${fx.businessUnitId}`;
    const created = await call('unitAdmin', 'POST', '/api/v1/admin/fields', { key: 'shift', label: 'Shift', type: 'single_select', options: [{ value: 'day' }, { value: 'night' }], businessUnitId: fx.businessUnitId });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().businessUnitId).toBe(fx.businessUnitId);
    expectProblem(await call('unitAdmin', 'POST', '/api/v1/admin/fields', { key: 'badge', label: 'Badge', type: 'text' }), 403);
    expectProblem(await call('unitAdmin', 'PUT', '/api/v1/admin/fields/cost_center', costCenter, { 'if-match': '"2"' }), 403);
    const updated = await call('unitAdmin', 'PUT', `/api/v1/admin/fields/shift${unit}`, { label: 'Work shift', type: 'single_select', options: [{ value: 'day' }, { value: 'night' }] }, { 'if-match': '"1"' });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().definition.key).toBe('shift');
    // An organisation-wide field cannot take a key a unit already uses.
    expectProblem(await call('admin', 'POST', '/api/v1/admin/fields', { key: 'shift', label: 'Shift', type: 'text' }), 422, { fields: ['key'] });
    expectProblem(await call('admin', 'GET', '/api/v1/admin/fields/shift'), 404);
    expect((await call('admin', 'GET', `/api/v1/admin/fields/shift${unit}`)).json().currentVersion).toBe(2);
  });

  it('retiring a field in use is refused with every user listed; forced, it is recorded', async () => {
    const db = t.database.db;
    const policyId = randomUUID();
    await db.insert(approvalPolicies).values({ id: policyId, orgId: fx.orgId, businessUnitId: null, currentVersion: 2 });
    const source = (cond: string) => `stages:\n  - key: comp\n    name: Comp\n    phase: compensation\n    steps:\n      - key: finance\n        name: Finance\n        ${cond}\n        approvers: [{ role: finance }]\n        covers: [compensation]\n`;
    for (const [n, cond] of [[1, "when: { field: custom.cost_center, op: eq, value: 'CC-100' }"], [2, 'when: { field: facts.aboveBandMax, op: eq, value: true } # a lookalike is no use: custom.cost_center_code']] as const)
      await db.insert(approvalPolicyVersions).values({ id: randomUUID(), orgId: fx.orgId, policyId, number: n, format: 'yaml', source: source(cond), document: {} });
    const templateId = randomUUID();
    await db.insert(documentTemplates).values({ id: templateId, orgId: fx.orgId, key: 'offer_letter', name: 'Offer letter', kind: 'letter', format: 'liquid', currentVersion: 1 });
    await db.insert(documentTemplateVersions).values({ id: randomUUID(), orgId: fx.orgId, templateId, number: 1, source: 'Charged to {{ custom.cost_center }}.', fields: ['custom.cost_center'] });

    const usages = await call('admin', 'GET', '/api/v1/admin/fields/cost_center/usages');
    expect(usages.json().map((u: { kind: string; number: number; current: boolean }) => [u.kind, u.number, u.current])).toEqual([
      ['approval_policy_version', 1, false],
      ['document_template_version', 1, true],
      ['field_definition', 1, true],
    ]);

    const refused = await call('admin', 'POST', '/api/v1/admin/fields/cost_center/retire', {});
    const problem = expectProblem(refused, 409, { code: 'conflict', fields: ['custom.cost_center'] });
    expect(problem.detail).toMatch(/organisation approval policy, version 1/);
    expect(problem.detail).toMatch(/template "Offer letter" \(offer_letter\), version 1 \(current\)/);
    expect(problem.detail).toMatch(/custom field cost_center_owner/);
    expect(problem.errors).toHaveLength(3);

    expectProblem(await call('admin', 'POST', '/api/v1/admin/fields/cost_center/retire', { force: true }), 422, { fields: ['reason'] });
    const forced = await call('admin', 'POST', '/api/v1/admin/fields/cost_center/retire', { force: true, reason: 'Cost centers move to the ERP' });
    expect(forced.statusCode, forced.body).toBe(200);
    expect(forced.json().retired).toMatchObject({ at: TEST_NOW.toISOString(), byUserId: fx.users.admin.id, forced: true, reason: 'Cost centers move to the ERP' });
    expect(forced.json().retired.usedBy).toHaveLength(3);
    const [record] = await db.select().from(fieldDefinitionRetirements).where(eq(fieldDefinitionRetirements.orgId, fx.orgId));
    expect(record).toMatchObject({ forced: true, versionNumber: 2, retiredBy: fx.users.admin.id });

    // Retired: final, unchangeable, its key never reused, its versions still readable.
    expectProblem(await call('admin', 'POST', '/api/v1/admin/fields/cost_center/retire', { force: true, reason: 'again' }), 409);
    expectProblem(await call('admin', 'PUT', '/api/v1/admin/fields/cost_center', costCenter, { 'if-match': '"2"' }), 409);
    const reuse = await call('admin', 'POST', '/api/v1/admin/fields', costCenter);
    expect(expectProblem(reuse, 422, { fields: ['key'] }).detail).toMatch(/retired: keys are never reused/);
    expect((await call('admin', 'GET', '/api/v1/admin/fields/cost_center/versions/1')).statusCode).toBe(200);
    // A field that reads a retired field can no longer be saved with that condition.
    const owner = await call('admin', 'PUT', '/api/v1/admin/fields/cost_center_owner', { key: 'cost_center_owner', label: 'Owner', type: 'user_reference', validation: { requiredWhen: { field: 'custom.cost_center', op: 'exists' } } }, { 'if-match': '"1"' });
    expectProblem(owner, 422, { fields: ['validation.requiredWhen.field'] });
  });

  it('a field nothing uses retires without force', async () => {
    const res = await call('admin', 'POST', '/api/v1/admin/fields/cost_center_owner/retire');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().retired).toMatchObject({ forced: false, reason: null, usedBy: [] });
  });

  it('versions and retirements cannot be changed or removed in the database', async () => {
    const db = t.database.db;
    const refusal = async (run: () => PromiseLike<unknown>) => {
      try {
        await run();
        return 'accepted';
      } catch (e) {
        const err = e as Error & { cause?: Error };
        return `${err.message} ${err.cause?.message ?? ''}`;
      }
    };
    expect(await refusal(() => db.update(fieldDefinitionVersions).set({ number: 99 }))).toMatch(/field_definition_versions rows are immutable \(UPDATE refused\)/);
    expect(await refusal(() => db.delete(fieldDefinitionRetirements))).toMatch(/field_definition_retirements rows are immutable \(DELETE refused\)/);
    expect(await refusal(() => db.execute(sql`truncate field_definition_versions`))).toMatch(/immutable \(TRUNCATE refused\)/);
  });
});
