import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidates, compBands, requisitions } from '../../../src/db/schema';
import { createOrgFixture, csrfHeader, signIn, type OrgFixture } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
let fx: OrgFixture;
let other: OrgFixture;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  fx = await createOrgFixture(t.database.db);
  other = await createOrgFixture(t.database.db);
  admin = await signIn(t.app, fx.users.admin.email);
});
afterAll(() => t.close());

async function post(kind: string, csv: string, query = 'dryRun=false', cookie = admin) {
  return t.app.inject({ method: 'POST', url: `/api/v1/imports/${kind}?${query}`, headers: { ...csrfHeader, cookie, 'content-type': 'text/csv' }, payload: csv });
}

const count = async (table: typeof candidates | typeof requisitions | typeof compBands, orgId: string) =>
  Number((await t.database.db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.orgId, orgId)))[0]!.n);

describe('CSV import', () => {
  const mixed = [
    'email,first_name,last_name,city,state',
    'grace@example.test,Grace,Hopper,Arlington,VA',
    'not-an-email,Alan,Turing,,',
    'linus@example.test,,Torvalds,Portland,ZZ',
    'grace@EXAMPLE.test,Grace,Again,,',
    '"katherine@example.test","Katherine","Johnson","White Sulphur Springs",WV',
  ].join('\n');

  it('reports every bad row by line and column in a dry run, and imports nothing (all-or-nothing)', async () => {
    const before = await count(candidates, fx.orgId);
    const dry = await post('candidates', mixed, 'dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    const run = dry.json();
    expect(run).toMatchObject({ kind: 'candidates', dryRun: true, status: 'done', totalRows: 5, processedRows: 5, goodRows: 2, badRows: 3, imported: false });
    expect(run.problems).toEqual([
      { line: 3, column: 'email', message: expect.stringContaining('not an e-mail') },
      { line: 4, column: 'first_name', message: 'is required' },
      { line: 4, column: 'state', message: expect.stringContaining('US state') },
      { line: 5, column: 'email', message: 'repeats the e-mail grace@example.test of line 2' },
    ]);

    const real = await post('candidates', mixed);
    expect(real.json()).toMatchObject({ dryRun: false, status: 'done', goodRows: 2, badRows: 3, imported: false, writtenRows: 0 });
    expect(await count(candidates, fx.orgId)).toBe(before);

    // The same file with the bad rows fixed is imported whole.
    const fixed = [mixed.split('\n')[0], mixed.split('\n')[1], 'alan@example.test,Alan,Turing,,', mixed.split('\n')[5]].join('\n');
    const good = await post('candidates', fixed);
    expect(good.json()).toMatchObject({ status: 'done', goodRows: 3, badRows: 0, imported: true, writtenRows: 3, problems: [] });
    expect(await count(candidates, fx.orgId)).toBe(before + 3);

    const progress = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${good.json().id}`, headers: { cookie: admin } });
    expect(progress.json()).toMatchObject({ processedRows: 3, totalRows: 3, phase: 'finished', imported: true });
  });

  it('updates a candidate matched by e-mail (any case) instead of adding one; columns left out keep their values', async () => {
    const before = await count(candidates, fx.orgId);
    const res = await post('candidates', `email,first_name,last_name\nADA@${fx.slug}.test,Augusta Ada,King`);
    expect(res.json()).toMatchObject({ imported: true, goodRows: 1 });
    expect(await count(candidates, fx.orgId)).toBe(before);
    const [ada] = await t.database.db.select().from(candidates).where(eq(candidates.id, fx.candidateId));
    expect(ada).toMatchObject({ firstName: 'Augusta Ada', lastName: 'King', city: 'Oakland', state: 'CA' });
  });

  it('imports requisitions with department, business unit and hiring manager by name and e-mail, and refuses unknown references', async () => {
    const header = 'code,title,level,department,business_unit,location_city,location_state,location_zone,remote,employment_type,flsa_status,hiring_manager_email,currency,status';
    const bad = [
      header,
      `ENG-2,Frontend Engineer,L3,Platform,Engineering,Austin,TX,zone_b,no,full_time,exempt,hiring_manager@${fx.slug}.test,USD,open`,
      `ENG-3,Data Engineer,L5,Nowhere,,Austin,TX,zone_b,maybe,full_time,salaried,nobody@${fx.slug}.test,USD,`,
      `ENG-2,Again,L3,Platform,,Austin,TX,zone_b,,full_time,exempt,,USD,`,
      `ENG-4,Contractor,L3,Platform,,Austin,TX,zone_b,,contract_w2,non_exempt,hiring_manager@${other.slug}.test,XXX,`,
    ].join('\n');
    const dry = await post('requisitions', bad, 'dryRun=true');
    const run = dry.json();
    expect(run).toMatchObject({ goodRows: 1, badRows: 3 });
    const named = run.problems.map((p: { line: number; column: string }) => `${p.line}:${p.column}`);
    expect(named.sort()).toEqual(['3:department', '3:flsa_status', '3:hiring_manager_email', '3:remote', '4:code', '5:currency', '5:hiring_manager_email']);

    const before = await count(requisitions, fx.orgId);
    const good = await post('requisitions', [header, bad.split('\n')[1], `ENG-1,Senior Backend Engineer,L5,Platform,,Oakland,CA,zone_a,true,full_time,exempt,,USD,on_hold`].join('\n'));
    expect(good.json()).toMatchObject({ imported: true, goodRows: 2, badRows: 0 });
    expect(await count(requisitions, fx.orgId)).toBe(before + 1); // ENG-1 existed: updated
    const [eng1] = await t.database.db.select().from(requisitions).where(eq(requisitions.id, fx.requisitionId));
    expect(eng1).toMatchObject({ title: 'Senior Backend Engineer', level: 'L5', remote: true, status: 'on_hold', hiringManagerId: null });
    const [eng2] = await t.database.db.select().from(requisitions).where(and(eq(requisitions.orgId, fx.orgId), eq(requisitions.code, 'ENG-2')));
    expect(eng2).toMatchObject({ departmentId: fx.departmentId, hiringManagerId: fx.users.hiring_manager.id, remote: false, status: 'open' });
    // The other organisation's department of the same name and its requisitions are untouched.
    expect(await count(requisitions, other.orgId)).toBe(1);
  });

  it('imports comp bands in dollars (stored as cents), updating a band matched by level, zone and currency', async () => {
    const csv = ['level,zone,currency,min,mid,max', 'L4,zone_a,USD,160000,180000.50,210000', 'L5,zone_a,USD,200000,190000,250000', 'L6,zone_a,USD,$1,2,3'].join('\n');
    const dry = (await post('comp_bands', csv, 'dryRun=true')).json();
    expect(dry.problems).toEqual([
      { line: 3, column: 'mid', message: 'must not be below min' },
      { line: 4, column: 'min', message: expect.stringContaining('dollars') },
    ]);
    const good = await post('comp_bands', ['level,zone,currency,min,mid,max', 'L4,zone_a,USD,160000,180000.50,210000', 'L5,zone_a,USD,200000,225000,250000'].join('\n'));
    expect(good.json()).toMatchObject({ imported: true, goodRows: 2 });
    const bands = await t.database.db.select().from(compBands).where(eq(compBands.orgId, fx.orgId));
    expect(bands.find((b) => b.level === 'L4')).toMatchObject({ minCents: 160_000_00, midCents: 180_000_50, maxCents: 210_000_00 });
    expect(bands).toHaveLength(2);
    expect(await count(compBands, other.orgId)).toBe(1);
  });

  it('refuses a file whose header names an unknown column or misses a required one, naming them', async () => {
    const res = await post('candidates', 'email,first_name,nickname\na@example.test,A,Ace', 'dryRun=true');
    expect(res.json()).toMatchObject({
      status: 'failed',
      imported: false,
      problems: expect.arrayContaining([
        { line: 1, column: 'nickname', message: expect.stringContaining('is not a known column') },
        { line: 1, column: 'last_name', message: expect.stringContaining('required column') },
      ]),
    });
  });

  it('refuses a row with the wrong number of cells and a file that is not CSV', async () => {
    const short = (await post('candidates', 'email,first_name,last_name\na@example.test,A', 'dryRun=true')).json();
    expect(short.problems).toEqual([{ line: 2, column: null, message: 'has 2 cells; the header has 3 columns' }]);
    const broken = (await post('candidates', 'email,first_name,last_name\n"a@example.test,A,B', 'dryRun=true')).json();
    expect(broken).toMatchObject({ status: 'failed', problems: [{ column: null, message: expect.stringContaining('not valid CSV') }] });
  });

  it('runs in the background with wait=false; the run shows its progress and belongs to its organisation', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `bulk${i}@example.test,Bulk,Person${i}`);
    const res = await post('candidates', ['email,first_name,last_name', ...rows].join('\n'), 'dryRun=false&wait=false&filename=bulk.csv');
    expect(res.statusCode).toBe(202);
    expect(res.headers.location).toBe(`/api/v1/imports/${res.json().id}`);
    expect(res.json()).toMatchObject({ status: 'running', filename: 'bulk.csv' });
    let run = res.json();
    for (let i = 0; i < 200 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}`, headers: { cookie: admin } })).json();
      expect(run.processedRows).toBeLessThanOrEqual(2500);
    }
    expect(run).toMatchObject({ status: 'done', totalRows: 2500, processedRows: 2500, writtenRows: 2500, imported: true });

    const otherAdmin = await signIn(t.app, other.users.admin.email);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}`, headers: { cookie: otherAdmin } }), 404, { code: 'not_found' });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/imports', headers: { cookie: admin } });
    expect(list.json().map((r: { id: string }) => r.id)).toContain(run.id);
  });

  it('takes files well above the general body limit on the import route only', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `big${i}@example.test,Big,Person${i},Somewhere,CA`);
    const csv = ['email,first_name,last_name,city,state', ...rows].join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);
    const res = await post('candidates', csv, 'dryRun=true');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json()).toMatchObject({ totalRows: 30_000, goodRows: 30_000, badRows: 0 });
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/offers', headers: { ...csrfHeader, cookie: admin, 'content-type': 'text/csv' }, payload: csv });
    expectProblem(elsewhere, 413);
  });

  it('is for organisation admins, takes only the three kinds, and refuses a body that is not text/csv', async () => {
    const recruiter = await signIn(t.app, fx.users.recruiter.email);
    expectProblem(await post('candidates', 'email,first_name,last_name\n', 'dryRun=true', recruiter), 403, { code: 'forbidden' });
    expectProblem(await post('offers', 'a\n', 'dryRun=true'), 400, { fields: ['kind'] });
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/imports/candidates', headers: { ...csrfHeader, cookie: admin }, payload: { email: 'x' } });
    expect(json.statusCode).toBe(400);
  });
});
