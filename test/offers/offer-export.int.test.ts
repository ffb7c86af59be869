import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costCenterField, defineField, retentionBonusField } from '../helpers/custom-fields';
import { createOrgFixture, signIn, type OrgFixture } from '../helpers/factories';
import { offerApi } from '../helpers/offer-api';
import { expectProblem } from '../helpers/problem';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('GET /api/v1/offers/export: the list as CSV or JSON, with readable custom fields as columns', () => {
  let t: TestApp;
  let fx: OrgFixture;
  const cookies: Record<string, string> = {};
  let submittedId: string;
  let draftId: string;
  const get = (who: string, query = '') => t.app.inject({ url: `/api/v1/offers/export${query}`, headers: { cookie: cookies[who]! } });
  const csvRows = (body: string) => parse(body, { columns: true }) as Record<string, string>[];

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
    await createOrgFixture(t.database.db); // another organisation, whose offers never appear
    for (const role of ['admin', 'recruiter', 'it'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    await defineField(t.app, cookies.admin!, costCenterField);
    await defineField(t.app, cookies.admin!, retentionBonusField);
    const offers = offerApi(t.app, cookies.recruiter!, fx);
    const submitted = await offers.createDraft({ title: '=cmd|calc', custom: { cost_center: 'CC-100', retention_bonus: 5_000_00 } });
    expect((await offers.submit(submitted.id, submitted.rowVersion)).statusCode).toBe(200);
    submittedId = submitted.id;
    draftId = (await offers.createDraft({ custom: { cost_center: 'CC-200' } })).id;
  });
  afterAll(() => t.close());

  it('exports every matching offer with a custom.<key> column per readable field (stored values), formulas defused', async () => {
    const res = await get('recruiter', '?format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="offers.csv"');
    expect(res.headers['offerline-export-truncated']).toBeUndefined();
    expect(res.body.split('\r\n')[0]).toBe(
      'id,status,title,candidateId,candidateName,startDate,businessUnitId,departmentId,requisitionId,recruiterId,currentVersion,createdAt,updatedAt,custom.cost_center,custom.retention_bonus',
    );
    const rows = csvRows(res.body);
    expect(rows).toHaveLength(2);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(submittedId)).toMatchObject({ title: "'=cmd|calc", currentVersion: '1', 'custom.cost_center': 'CC-100', 'custom.retention_bonus': '500000' });
    expect(byId.get(draftId)).toMatchObject({ status: 'draft', 'custom.cost_center': 'CC-200', 'custom.retention_bonus': '' });

    const json = await get('recruiter', '?format=json&status=draft');
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json()).toMatchObject({ truncated: false, limit: 10_000, items: [{ id: draftId, 'custom.cost_center': 'CC-200', 'custom.retention_bonus': null }] });
  });

  it('leaves out a sensitive field for a role that cannot read pay, and offers that role does not see', async () => {
    const res = await get('it', '?format=csv');
    expect(res.statusCode, res.body).toBe(200);
    const header = res.body.split('\r\n')[0]!.split(',');
    expect(header).toContain('custom.cost_center');
    expect(header).not.toContain('custom.retention_bonus');
    // IT sees submitted offers only.
    expect(csvRows(res.body)).toEqual([expect.objectContaining({ id: submittedId, 'custom.cost_center': 'CC-100' })]);
    expect(res.body).not.toContain('500000');
  });

  it('records sensitive values it shows in the compensation read audit', async () => {
    const audit = await t.app.inject({ url: `/api/v1/audit/compensation-views?offerId=${submittedId}`, headers: { cookie: cookies.admin! } });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().items).toContainEqual(expect.objectContaining({ via: 'export.offers', fields: ['terms.custom.retention_bonus'] }));
  });

  it('filters by custom fields like the list', async () => {
    const res = await get('recruiter', '?format=json&custom.cost_center=CC-100');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([submittedId]);
    expectProblem(await get('recruiter', '?custom.nope=x'), 400, { fields: ['custom.nope'] });
  });

  it('checks its parameters like the list', async () => {
    expectProblem(await get('recruiter', '?format=xml'), 400);
    expectProblem(await get('recruiter', '?limit=5'), 400);
  });
});
