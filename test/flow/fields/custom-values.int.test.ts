import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, csrfHeader, signIn, validTerms, type OrgFixture } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

/**
 * Custom values on offers through the API: every field type checked at intake, required and
 * required-when, who may read and write each value, sensitive values hidden like pay, and frozen
 * versions keeping the definition their values were captured under.
 */

const select = (key: string, label: string, values: string[], extra: object = {}) => ({
  key,
  label,
  type: 'single_select',
  section: 'Finance',
  options: values.map((v) => ({ value: v, label: `${label} ${v}` })),
  ...extra,
});

/** One field of every type, each with a valid value and a value its definition refuses. */
const everyType = [
  { def: { key: 'po_number', label: 'Client PO number', type: 'text', validation: { pattern: '^PO-[0-9]{4}$' } }, good: 'PO-1234', bad: 'PO-12', why: /expected form/ },
  { def: { key: 'remote_notes', label: 'Remote notes', type: 'long_text', validation: { max: 40 } }, good: 'Works from Denver,\nvisits monthly', bad: 'x'.repeat(41), why: /at most 40 characters/ },
  { def: { key: 'union_local', label: 'Union local', type: 'number', validation: { min: 1, max: 999 } }, good: 42, bad: 1000, why: /at most 999/ },
  { def: { key: 'remote_stipend', label: 'Remote stipend', type: 'money', validation: { max: 500_00 } }, good: 250_00, bad: 12.5, why: /whole number of cents/ },
  { def: { key: 'badge_date', label: 'Badge date', type: 'date' }, good: '2027-03-01', bad: '2027-02-30', why: /real date/ },
  { def: { key: 'visa_sponsorship', label: 'Visa sponsorship', type: 'boolean' }, good: true, bad: 'yes', why: /true or false/ },
  { def: select('cost_center', 'Cost center', ['CC-100', 'CC-200']), good: 'CC-200', bad: 'CC-999', why: /not one of the choices: CC-100, CC-200/ },
  { def: { key: 'shifts', label: 'Shifts', type: 'multi_select', options: [{ value: 'day' }, { value: 'night' }, { value: 'weekend' }] }, good: ['day', 'weekend'], bad: ['day', 'day'], why: /lists a choice twice/ },
  { def: { key: 'buddy', label: 'Onboarding buddy', type: 'user_reference' }, good: null as unknown, bad: 'not-a-user', why: /id of a user/ },
];

describe('custom values on offers', () => {
  let t: TestApp;
  let fx: OrgFixture;
  const cookies: Record<string, string> = {};
  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who]!, ...(method === 'GET' ? {} : csrfHeader), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const defineField = async (def: object) => {
    const res = await call('admin', 'POST', '/api/v1/admin/fields', def);
    expect(res.statusCode, res.body).toBe(201);
  };
  const create = (who: string, custom: Record<string, unknown> | undefined, overrides: object = {}) =>
    call(who, 'POST', '/api/v1/offers', { candidateId: fx.candidateId, terms: { ...validTerms(fx, TEST_NOW, overrides), ...(custom ? { custom } : {}) } });
  const goodValues = () => Object.fromEntries(everyType.map((f) => [f.def.key, f.good]));

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
    for (const role of ['admin', 'recruiter', 'finance', 'hiring_manager', 'it', 'hr_ops'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    everyType[8]!.good = fx.users.hiring_manager.id;
    for (const f of everyType) await defineField(f.def);
  });
  afterAll(() => t.close());

  it('takes a valid value of every type and shows it back with the field definitions', async () => {
    const res = await create('recruiter', goodValues());
    expect(res.statusCode, res.body).toBe(201);
    const offer = res.json();
    expect(offer.terms.custom).toEqual({ ...goodValues(), remote_notes: 'Works from Denver,\nvisits monthly' });
    const byKey = Object.fromEntries(offer.customFields.map((f: { key: string }) => [f.key, f]));
    expect(byKey.cost_center).toMatchObject({ label: 'Cost center', type: 'single_select', version: 1, section: 'Finance', options: [{ value: 'CC-100', label: 'Cost center CC-100' }, { value: 'CC-200', label: 'Cost center CC-200' }] });
    expect(Object.keys(byKey).sort()).toEqual(everyType.map((f) => f.def.key).sort());
  });

  it.each(everyType.map((f) => [f.def.type, f] as const))('refuses a bad %s value with a problem naming the key and the label', async (_type, f) => {
    const res = await create('recruiter', { [f.def.key]: f.bad });
    const problem = expectProblem(res, 422);
    const error = problem.errors?.find((e) => e.field === `terms.custom.${f.def.key}`);
    expect(error, res.body).toBeDefined();
    expect(error!.message.startsWith(f.def.label)).toBe(true);
    expect(error!.message).toMatch(f.why);
  });

  it('refuses a value for a key no field has, and drops empty values rather than storing them', async () => {
    const unknown = expectProblem(await create('recruiter', { not_a_field: 'x' }), 422);
    expect(unknown.errors).toContainEqual({ field: 'terms.custom.not_a_field', message: expect.stringContaining('no field has the key "not_a_field"') });
    const res = await create('recruiter', { po_number: '  ', shifts: [] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().terms.custom).toBeUndefined();
  });

  describe('required and required-when', () => {
    beforeAll(async () => {
      await defineField({ key: 'contract_agency', label: 'Contract agency', type: 'text', validation: { requiredWhen: { field: 'employmentType', op: 'in', value: ['part_time', 'contract_w2'] } } });
      await defineField({ key: 'stipend_reason', label: 'Stipend reason', type: 'text', validation: { requiredWhen: { field: 'custom.remote_stipend', op: 'gt', value: 0 } } });
    });

    it('asks for a field only when its condition over built-in terms holds', async () => {
      expect((await create('recruiter', undefined)).statusCode).toBe(201);
      const problem = expectProblem(await create('recruiter', undefined, { employmentType: 'part_time' }), 422);
      expect(problem.errors).toContainEqual({ field: 'terms.custom.contract_agency', message: 'Contract agency is required when employmentType is one of part_time, contract_w2' });
      expect((await create('recruiter', { contract_agency: 'Acme Staffing' }, { employmentType: 'part_time' })).statusCode).toBe(201);
    });

    it('asks for a field when its condition over another custom value holds', async () => {
      const problem = expectProblem(await create('recruiter', { remote_stipend: 100_00 }), 422);
      expect(problem.errors).toContainEqual({ field: 'terms.custom.stipend_reason', message: 'Stipend reason is required when custom.remote_stipend is more than 0' });
      expect((await create('recruiter', { remote_stipend: 100_00, stipend_reason: 'Home office' })).statusCode).toBe(201);
    });
  });

  describe('who reads and writes each value', () => {
    let offerId: string;
    beforeAll(async () => {
      await defineField({ key: 'retention_bonus', label: 'Retention bonus', type: 'money', sensitive: true });
      await defineField({ key: 'recruiter_notes', label: 'Recruiter notes', type: 'long_text', access: { read: ['admin', 'recruiter'], write: ['admin', 'recruiter'] } });
      await defineField({ key: 'grade_override', label: 'Grade override', type: 'text', access: { read: ['admin', 'recruiter', 'hr_ops'], write: ['admin'] } });
      await defineField({ key: 'board_seat', label: 'Board seat', type: 'boolean', access: { read: ['admin'], write: ['admin'] } });
      const res = await create('admin', { cost_center: 'CC-100', retention_bonus: 10_000_00, recruiter_notes: 'Counter expected', grade_override: 'G7', board_seat: true });
      expect(res.statusCode, res.body).toBe(201);
      offerId = res.json().id;
    });
    const customOf = async (who: string) => {
      const res = await call(who, 'GET', `/api/v1/offers/${offerId}`);
      expect(res.statusCode, res.body).toBe(200);
      return { custom: res.json().terms?.custom ?? {}, keys: (res.json().customFields ?? []).map((f: { key: string }) => f.key), terms: res.json().terms };
    };

    it('shows a sensitive field only to roles that read pay, like compensation', async () => {
      const finance = await customOf('finance');
      expect(finance.terms.compensation.baseSalaryCents).toBeDefined();
      expect(finance.custom.retention_bonus).toBe(10_000_00);
      const hr = await customOf('hr_ops');
      expect(hr.terms.compensation?.baseSalaryCents).toBeDefined();
      expect(hr.custom.retention_bonus).toBe(10_000_00);
    });

    it('hides a sensitive value and its definition from roles that cannot read compensation', async () => {
      // IT reads submitted offers and never pay.
      const created = (await create('admin', { cost_center: 'CC-100', retention_bonus: 5_000_00 })).json();
      const submitted = await call('admin', 'POST', `/api/v1/offers/${created.id}/submit`, undefined, { 'if-match': `"${created.rowVersion}"` });
      expect(submitted.statusCode, submitted.body).toBe(200);
      const seen = await call('it', 'GET', `/api/v1/offers/${created.id}`);
      expect(seen.statusCode, seen.body).toBe(200);
      expect(seen.json().terms.compensation).toBeUndefined();
      expect(seen.json().terms.custom).toEqual({ cost_center: 'CC-100' });
      expect(seen.json().customFields.map((f: { key: string }) => f.key)).not.toContain('retention_bonus');
      const versions = (await call('it', 'GET', `/api/v1/offers/${created.id}/versions`)).json();
      expect(versions[0].terms.custom).toEqual({ cost_center: 'CC-100' });
      expect((await customOf('hiring_manager')).keys).not.toContain('recruiter_notes');
    });

    it('records a sensitive value shown in the compensation read audit', async () => {
      await customOf('finance');
      const audit = await call('admin', 'GET', `/api/v1/audit/compensation-views?offerId=${offerId}&actorId=${fx.users.finance.id}`);
      expect(audit.statusCode, audit.body).toBe(200);
      expect(audit.json().items[0].fields).toContain('terms.custom.retention_bonus');
    });

    it('follows each field\'s own readers', async () => {
      expect((await customOf('recruiter')).custom).toMatchObject({ recruiter_notes: 'Counter expected', grade_override: 'G7' });
      expect((await customOf('recruiter')).custom.board_seat).toBeUndefined();
      expect((await customOf('hr_ops')).custom).toMatchObject({ grade_override: 'G7' });
      expect((await customOf('hr_ops')).custom.recruiter_notes).toBeUndefined();
      expect((await customOf('admin')).custom.board_seat).toBe(true);
    });

    it('refuses a change to a field the role may not write, naming it', async () => {
      const offer = (await call('recruiter', 'GET', `/api/v1/offers/${offerId}`)).json();
      const res = await call('recruiter', 'PUT', `/api/v1/offers/${offerId}/draft`, { terms: { ...offer.terms, custom: { ...offer.terms.custom, grade_override: 'G9' } } }, { 'if-match': `"${offer.rowVersion}"` });
      const problem = expectProblem(res, 403);
      expect(problem.errors).toEqual([{ field: 'terms.custom.grade_override', message: 'your role may not set Grade override' }]);
    });

    it('keeps values the editor cannot see when they save the draft without them', async () => {
      const offer = (await call('recruiter', 'GET', `/api/v1/offers/${offerId}`)).json();
      expect(offer.terms.custom.board_seat).toBeUndefined();
      const res = await call('recruiter', 'PUT', `/api/v1/offers/${offerId}/draft`, { terms: { ...offer.terms, custom: { ...offer.terms.custom, cost_center: 'CC-200' } } }, { 'if-match': `"${offer.rowVersion}"` });
      expect(res.statusCode, res.body).toBe(200);
      expect((await customOf('admin')).custom).toMatchObject({ cost_center: 'CC-200', board_seat: true, grade_override: 'G7' });
    });
  });

  describe('versions keep the definitions their values were captured under', () => {
    it('shows a frozen version under the old label after the field changes and is retired', async () => {
      await defineField({ key: 'shift_code', label: 'Shift code', type: 'text', section: 'Schedule' });
      const created = (await create('recruiter', { shift_code: 'S1' })).json();
      const submitted = await call('recruiter', 'POST', `/api/v1/offers/${created.id}/submit`, undefined, { 'if-match': `"${created.rowVersion}"` });
      expect(submitted.statusCode, submitted.body).toBe(200);

      const field = (await call('admin', 'GET', '/api/v1/admin/fields/shift_code')).json();
      const renamed = await call('admin', 'PUT', '/api/v1/admin/fields/shift_code', { ...field.definition, key: undefined, type: 'text', label: 'Shift pattern' }, { 'if-match': '"1"' });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect((await call('admin', 'POST', '/api/v1/admin/fields/shift_code/retire', { force: true, reason: 'Replaced by the scheduling system' })).statusCode).toBe(200);

      const versions = (await call('recruiter', 'GET', `/api/v1/offers/${created.id}/versions`)).json();
      expect(versions[0].terms.custom).toEqual({ shift_code: 'S1' });
      expect(versions[0].customFields).toEqual([expect.objectContaining({ key: 'shift_code', label: 'Shift code', version: 1 })]);
      const offer = (await call('recruiter', 'GET', `/api/v1/offers/${created.id}`)).json();
      expect(offer.terms.custom).toEqual({ shift_code: 'S1' });
      expect(offer.customFields).toEqual([expect.objectContaining({ key: 'shift_code', label: 'Shift code', version: 1 })]);
    });

    it('stops a submit when a field was made required after the draft was saved', async () => {
      await defineField({ key: 'site_code', label: 'Site code', type: 'text', section: 'Schedule' });
      const created = (await create('recruiter', undefined)).json();
      const field = (await call('admin', 'GET', '/api/v1/admin/fields/site_code')).json();
      const required = await call('admin', 'PUT', '/api/v1/admin/fields/site_code', { ...field.definition, key: undefined, validation: { required: true } }, { 'if-match': '"1"' });
      expect(required.statusCode, required.body).toBe(200);
      const res = await call('recruiter', 'POST', `/api/v1/offers/${created.id}/submit`, undefined, { 'if-match': `"${created.rowVersion}"` });
      expect(expectProblem(res, 422).errors).toContainEqual({ field: 'terms.custom.site_code', message: 'Site code is required' });
      await call('admin', 'POST', '/api/v1/admin/fields/site_code/retire', { force: true, reason: 'Test over' });
    });
  });

  it('prefills a new offer with the defaults of the fields the caller may read', async () => {
    await defineField({ key: 'laptop', label: 'Laptop', type: 'single_select', section: 'Equipment', options: [{ value: 'mac' }, { value: 'linux' }], default: 'mac' });
    await defineField({ key: 'signing_kicker', label: 'Signing kicker', type: 'money', default: 1_000_00, access: { read: ['admin'], write: ['admin'] } });
    const res = await call('recruiter', 'GET', `/api/v1/intake/prefill?requisitionId=${fx.requisitionId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().terms.custom).toEqual({ laptop: 'mac' });
  });

  describe('the intake form\'s fields', () => {
    it('lists the fields a role sees in layout order, each saying whether it can be filled in', async () => {
      const res = await call('hr_ops', 'GET', `/api/v1/offer-form/fields?businessUnitId=${fx.businessUnitId}`);
      expect(res.statusCode, res.body).toBe(200);
      const keys = res.json().map((f: { key: string }) => f.key);
      expect(keys).toContain('grade_override');
      expect(keys).not.toContain('recruiter_notes');
      expect(res.json().every((f: { writable: boolean }) => f.writable === false)).toBe(true);
      const recruiter = (await call('recruiter', 'GET', `/api/v1/offer-form/fields?businessUnitId=${fx.businessUnitId}`)).json();
      expect(recruiter.find((f: { key: string }) => f.key === 'cost_center')).toMatchObject({ writable: true, section: 'Finance', label: 'Cost center' });
      expect(recruiter.find((f: { key: string }) => f.key === 'grade_override')).toMatchObject({ writable: false });
      expect(recruiter.some((f: { key: string }) => f.key === 'shift_code')).toBe(false);
    });

    it('lets an admin preview the form as another role, and no one else', async () => {
      const asIt = await call('admin', 'GET', `/api/v1/offer-form/fields?businessUnitId=${fx.businessUnitId}&asRole=it`);
      expect(asIt.statusCode, asIt.body).toBe(200);
      expect(asIt.json().map((f: { key: string }) => f.key)).toContain('cost_center');
      expect(asIt.json().map((f: { key: string }) => f.key)).not.toContain('retention_bonus');
      expectProblem(await call('recruiter', 'GET', `/api/v1/offer-form/fields?businessUnitId=${fx.businessUnitId}&asRole=admin`), 403);
      expectProblem(await call('admin', 'GET', `/api/v1/offer-form/fields?businessUnitId=${fx.businessUnitId}&asRole=boss`), 400);
    });
  });
});
