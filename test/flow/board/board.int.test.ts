import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../../src/db/schema';
import * as setup from '../../../src/directory/org-setup.repo';
import { approvalsApi } from '../../helpers/approvals';
import { createOrgFixture, signIn, TEST_PASSWORD, type OrgFixture } from '../../helpers/factories';
import { offerApi } from '../../helpers/offer-api';
import { installLibrary } from '../../helpers/packets';
import { expectProblem } from '../../helpers/problem';
import { createLocalObjectStore } from '../../../src/storage/local-object-store';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';
import { hashPassword } from '../../../src/auth/secrets';
import { listBoardPage } from '../../../src/flow/board/board.repo';

/**
 * GET /api/v1/board on a small organisation. TEST_NOW is Monday 2027-03-01 10:00 in New York
 * (every user's zone); working hours are 9-17 on weekdays. The finance step has an
 * 8-business-hour SLA, so it is due Tuesday 10:00 New York time (15:00Z).
 */
const boardPolicy = `
stages:
  - key: comp
    name: Compensation review
    phase: compensation
    steps:
      - key: fpa
        name: Finance
        when: { field: facts.aboveBandMax, op: eq, value: true }
        approvers: [{ role: finance }]
        sla: { businessHours: 8 }
        covers: [compensation]
  - key: packet
    name: Offer packet
    phase: packet
    steps:
      - key: hiring_manager
        name: Hiring manager
        approvers: [{ relation: requisition_hiring_manager }]
        covers: [startDate, title]
`;
const MINUTE = 60_000;
const WEDNESDAY_11AM = new Date('2027-03-03T16:00:00.000Z');

interface BoardItem {
  offerId: string;
  title?: string;
  candidateName?: string;
  status: string;
  enteredStageAt: string;
  businessUnit: { id: string; name: string };
  department: { id: string; name: string };
  recruiter: { id: string; name: string };
  line: { stage: string; text: string; sla: string | null; since: string; ageBusinessHours: number; waitingOn: { kind: string; names: string[]; role?: string }; nextAction: { text: string; owner: string | null } };
}
interface Board {
  items: BoardItem[];
  counts: { total: number; byStage: Record<string, number> };
  nextCursor: string | null;
}

describe('status board', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let sales: { businessUnitId: string; departmentId: string };
  const extra = { engRecruiter: '', sam: '' };
  const ids: Record<string, string> = {};
  const cookies: Record<string, string> = {};

  async function at(when: Date) {
    t.clock.set(when);
    for (const role of ['admin', 'recruiter', 'finance', 'legal', 'hiring_manager'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    cookies.engRecruiter = await signIn(t.app, `eng-recruiter@${fx.slug}.test`);
    cookies.sam = await signIn(t.app, `sam@${fx.slug}.test`);
  }

  async function board(who: string, query = ''): Promise<Board> {
    const res = await t.app.inject({ url: `/api/v1/board${query ? `?${query}` : ''}`, headers: { cookie: cookies[who]! } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  const idsOf = (b: Board) => b.items.map((i) => i.offerId);
  const named = (b: Board) => b.items.map((i) => Object.entries(ids).find(([, id]) => id === i.offerId)?.[0] ?? i.offerId);

  beforeAll(async () => {
    const store = createLocalObjectStore(mkdtempSync(join(tmpdir(), 'offerline-board-')));
    t = await createTestApp({ objectStore: store });
    const db = t.database.db;
    fx = await createOrgFixture(db);
    await installLibrary(db, t.clock, store, fx);
    await db.update(users).set({ name: 'Dana Lee' }).where(eq(users.id, fx.users.finance.id));
    await db.update(users).set({ name: 'Riley Chen' }).where(eq(users.id, fx.users.recruiter.id));
    const bu = await setup.insertBusinessUnit(db, { orgId: fx.orgId, name: 'Sales' });
    const dept = await setup.insertDepartment(db, { orgId: fx.orgId, businessUnitId: bu.id, name: 'Field Sales', hrbpId: fx.users.hrbp.id });
    sales = { businessUnitId: bu.id, departmentId: dept.id };
    const passwordHash = await hashPassword(TEST_PASSWORD);
    const eng = await setup.insertUser(db, { orgId: fx.orgId, email: `eng-recruiter@${fx.slug}.test`, name: 'Eng Recruiter', passwordHash });
    await setup.grantRole(db, fx.orgId, eng.id, 'recruiter', fx.businessUnitId);
    const sam = await setup.insertUser(db, { orgId: fx.orgId, email: `sam@${fx.slug}.test`, name: 'Sam Park', passwordHash });
    await setup.grantRole(db, fx.orgId, sam.id, 'recruiter');
    Object.assign(extra, { engRecruiter: eng.id, sam: sam.id });

    await at(TEST_NOW);
    await approvalsApi(t.app).savePolicy(cookies.admin!, boardPolicy);
    const riley = offerApi(t.app, cookies.recruiter!, fx);
    const aboveBand = { compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 230_000_00 } } as const;
    const a = await riley.createDraft(aboveBand);
    expect((await riley.submit(a.id, a.rowVersion)).json().status).toBe('comp_review');
    ids.financeWait = a.id;
    t.clock.set(new Date(TEST_NOW.getTime() + MINUTE));
    ids.draft = (await riley.createDraft()).id;
    t.clock.set(new Date(TEST_NOW.getTime() + 2 * MINUTE));
    const c = await riley.createDraft();
    expect((await riley.submit(c.id, c.rowVersion)).json().status).toBe('drafting');
    ids.drafting = c.id;
    t.clock.set(new Date(TEST_NOW.getTime() + 3 * MINUTE));
    ids.sales = (await riley.createDraft({ departmentId: sales.departmentId })).id;
    t.clock.set(new Date(TEST_NOW.getTime() + 4 * MINUTE));
    ids.legal = (await riley.createDraft({ clauses: [{ key: 'non_compete', standard: false, text: 'Twelve months.' }] })).id;
    // Two offers entering their stage at the same instant: paging breaks the tie by id.
    t.clock.set(new Date(TEST_NOW.getTime() + 5 * MINUTE));
    const samApi = offerApi(t.app, cookies.sam!, fx);
    ids.sam1 = (await samApi.createDraft()).id;
    ids.sam2 = (await samApi.createDraft()).id;

    // Another organisation's offer, older than all of these.
    t.clock.set(new Date(TEST_NOW.getTime() - 60 * MINUTE));
    const other = await createOrgFixture(db);
    ids.otherOrg = (await offerApi(t.app, await signIn(t.app, other.users.recruiter.email), other).createDraft()).id;
    await at(WEDNESDAY_11AM);
  });
  afterAll(() => t.close());

  const samPair = () => [ids.sam1!, ids.sam2!].sort();
  const oldestFirst = () => [ids.financeWait, ids.draft, ids.drafting, ids.sales, ids.legal, ...samPair()];

  it('lists the open offers oldest in stage first, with names, words and counts per stage', async () => {
    const b = await board('admin');
    expect(idsOf(b)).toEqual(oldestFirst());
    expect(b.counts).toEqual({ total: 7, byStage: { draft: 5, comp_review: 1, drafting: 1, in_approval: 0, approved: 0, sent: 0, negotiating: 0, signed: 0, accepted: 0 } });
    expect(b.nextCursor).toBeNull();
    const a = b.items[0]!;
    expect(a).toMatchObject({
      title: 'Backend Engineer',
      candidateName: 'Ada Lovelace',
      status: 'comp_review',
      enteredStageAt: TEST_NOW.toISOString(),
      businessUnit: { id: fx.businessUnitId, name: 'Engineering' },
      department: { id: fx.departmentId, name: 'Platform' },
      recruiter: { id: fx.users.recruiter.id, name: 'Riley Chen' },
    });
    // Monday 10:00 to Wednesday 11:00: 7 + 8 + 2 working hours; the SLA ended Tuesday 10:00.
    expect(a.line).toEqual({
      stage: 'comp_review',
      waitingOn: { kind: 'people', names: ['Dana Lee'], role: 'finance' },
      text: 'Waiting on finance: Dana Lee, 2 business days, SLA breached',
      since: TEST_NOW.toISOString(),
      ageBusinessHours: 17,
      sla: 'breached',
      nextAction: { text: 'Approve or reject the finance step', owner: 'Dana Lee' },
    });
    const byName = Object.fromEntries(b.items.map((i) => [i.offerId, i.line]));
    expect(byName[ids.draft!]).toMatchObject({ text: 'Draft, not yet submitted', nextAction: { text: 'Submit for approval', owner: 'Riley Chen' } });
    expect(byName[ids.drafting!]).toMatchObject({ text: 'Packet being generated', waitingOn: { kind: 'system' } });
    expect(b.items.find((i) => i.offerId === ids.sales)).toMatchObject({ businessUnit: { id: sales.businessUnitId, name: 'Sales' }, department: { name: 'Field Sales' } });
  });

  it('sorts newest in stage first', async () => {
    expect(idsOf(await board('admin', 'sort=newest'))).toEqual([...oldestFirst()].reverse());
  });

  it('pages with a keyset cursor: no duplicates or gaps, in either order', async () => {
    for (const [sort, expected] of [['oldest', oldestFirst()], ['newest', [...oldestFirst()].reverse()]] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Board = await board('admin', `sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(2);
        expect(page.counts.total).toBe(7);
        seen.push(...idsOf(page));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual(expected);
      expect(pages).toBe(4);
    }
  });

  it('filters by business unit, department, recruiter and stage; stage counts ignore only the stage filter', async () => {
    const bySales = await board('admin', `businessUnitId=${sales.businessUnitId}`);
    expect(idsOf(bySales)).toEqual([ids.sales]);
    expect(bySales.counts.total).toBe(1);
    expect(idsOf(await board('admin', `departmentId=${fx.departmentId}`))).toEqual(oldestFirst().filter((id) => id !== ids.sales));
    expect(idsOf(await board('admin', `recruiterId=${extra.sam}`))).toEqual(samPair());
    const stages = await board('admin', 'stage=comp_review,drafting');
    expect(idsOf(stages)).toEqual([ids.financeWait, ids.drafting]);
    expect(stages.counts.byStage).toMatchObject({ draft: 5, comp_review: 1, drafting: 1 });
    expect(stages.counts.total).toBe(7);
    const combined = await board('admin', `stage=draft&recruiterId=${fx.users.recruiter.id}&departmentId=${fx.departmentId}`);
    expect(idsOf(combined)).toEqual([ids.draft, ids.legal]);
    expect(combined.counts.byStage).toMatchObject({ draft: 2, comp_review: 1, drafting: 1 });
  });

  it('reads the same pages whether it walks in order or reads the chosen stages first', async () => {
    const reach = { userId: fx.users.admin.id, grants: [{ rows: 'any' as const, businessUnitId: null }] };
    const base = { userId: fx.users.admin.id, view: 'all' as const, reach, nameReach: reach, titleReach: reach, now: WEDNESDAY_11AM, dueSoonUntil: WEDNESDAY_11AM, followUpSentBefore: WEDNESDAY_11AM, signatoryUserId: null, limit: 2 };
    const cases = [
      { stages: ['draft'] },
      { stages: ['comp_review', 'drafting'] },
      { stages: ['draft'], recruiterId: extra.sam },
      { stages: ['draft', 'comp_review'], departmentId: fx.departmentId },
      { stages: ['sent'] },
    ];
    for (const filters of cases) {
      for (const direction of ['asc', 'desc'] as const) {
        const pages = async (stagesFirst: boolean) => {
          const seen: string[] = [];
          let after: { enteredAt: Date; offerId: string } | undefined;
          for (let i = 0; i < 10; i++) {
            const rows = await listBoardPage(t.database.db, fx.orgId, { ...base, ...filters, direction, after }, stagesFirst);
            seen.push(...rows.map((r) => `${r.offerId} ${r.status} ${r.enteredAt.toISOString()} ${r.recruiter.name}`));
            const last = rows.at(-1);
            if (rows.length < base.limit || !last) break;
            after = { enteredAt: last.enteredAt, offerId: last.offerId };
          }
          return seen;
        };
        const walked = await pages(false);
        expect(await pages(true), `${JSON.stringify(filters)} ${direction}`).toEqual(walked);
      }
    }
    expect((await listBoardPage(t.database.db, fx.orgId, { ...base, stages: ['draft'], direction: 'asc', limit: 10 }, true)).map((r) => r.offerId)).toEqual(
      oldestFirst().filter((id) => ![ids.financeWait, ids.drafting].includes(id)),
    );
  });

  it('filters by SLA state as the words say it, as time passes', async () => {
    expect(idsOf(await board('admin', 'sla=breached'))).toEqual([ids.financeWait]);
    expect(idsOf(await board('admin', 'sla=due_soon'))).toEqual([]);
    expect(idsOf(await board('admin', 'sla=ok'))).toEqual([]);
    try {
      // Monday 15:00: 2 + 1 working hours left before Tuesday 10:00, within the 4 of "due soon".
      await at(new Date('2027-03-01T20:00:00.000Z'));
      const soon = await board('admin', 'sla=due_soon');
      expect(named(soon)).toEqual(['financeWait']);
      expect(soon.items[0]!.line.text).toBe('Waiting on finance: Dana Lee, 5 business hours, SLA due soon');
      expect(soon.counts).toMatchObject({ total: 1, byStage: { comp_review: 1, draft: 0 } });
      expect(idsOf(await board('admin', 'sla=breached'))).toEqual([]);
      // Monday 13:59: 4 working hours and a minute left.
      await at(new Date('2027-03-01T18:59:00.000Z'));
      expect(idsOf(await board('admin', 'sla=ok'))).toEqual([ids.financeWait]);
      expect(idsOf(await board('admin', 'sla=due_soon'))).toEqual([]);
      // Monday 14:00 sharp: exactly 4 working hours left is due soon.
      await at(new Date('2027-03-01T19:00:00.000Z'));
      expect(idsOf(await board('admin', 'sla=due_soon'))).toEqual([ids.financeWait]);
    } finally {
      await at(WEDNESDAY_11AM);
    }
  });

  it('"mine" is the offers I recruit; "waiting on me" is what waits on my decision or my next action', async () => {
    expect(idsOf(await board('recruiter', 'view=mine'))).toEqual([ids.financeWait, ids.draft, ids.drafting, ids.sales, ids.legal]);
    expect(idsOf(await board('sam', 'view=mine'))).toEqual(samPair());
    // The recruiter owns the drafts; finance owns the comp review; the packet is the system's.
    const riley = await board('recruiter', 'view=waiting_on_me');
    expect(idsOf(riley)).toEqual([ids.draft, ids.sales, ids.legal]);
    expect(riley.items.every((i) => i.line.nextAction.owner === 'Riley Chen')).toBe(true);
    expect(riley.counts).toMatchObject({ total: 3, byStage: { draft: 3, comp_review: 0 } });
    const finance = await board('finance', 'view=waiting_on_me');
    expect(idsOf(finance)).toEqual([ids.financeWait]);
    expect(finance.items[0]!.line.nextAction.owner).toBe('Dana Lee');
    expect(idsOf(await board('hiring_manager', 'view=waiting_on_me'))).toEqual([]);
    expect(idsOf(await board('finance', 'view=mine'))).toEqual([]);
  });

  it('an approver stops waiting once they decide, and the next one starts', async () => {
    const api = approvalsApi(t.app);
    await api.approve(cookies.finance!, ids.financeWait!, 'fpa');
    expect(idsOf(await board('finance', 'view=waiting_on_me'))).toEqual([]);
    const moved = (await board('admin', 'stage=drafting')).items.map((i) => i.offerId).sort();
    expect(moved).toEqual([ids.drafting, ids.financeWait].sort());
    // The packets come out of the queue: the hiring manager is asked next, on both offers.
    while ((await t.app.jobs.runDue()) > 0);
    const inApproval = await board('admin', 'stage=in_approval');
    expect(idsOf(inApproval).sort()).toEqual(moved);
    for (const item of inApproval.items) {
      expect(item.line).toMatchObject({ waitingOn: { kind: 'people', names: ['hiring_manager person'], role: 'hiring manager' }, nextAction: { text: 'Approve or reject the hiring manager step', owner: 'hiring_manager person' } });
      expect(item.line.text).toMatch(/^Waiting on hiring manager: hiring_manager person/);
    }
    expect(idsOf(await board('hiring_manager', 'view=waiting_on_me')).sort()).toEqual(moved);
    expect(idsOf(await board('recruiter', 'view=waiting_on_me'))).toEqual([ids.draft, ids.sales, ids.legal]);
  });

  it('scopes rows to the caller: business-unit grants, row conditions, masked names, other organisations', async () => {
    const eng = await board('engRecruiter');
    expect(idsOf(eng)).not.toContain(ids.sales);
    expect(eng.counts.total).toBe(6);
    expect(idsOf(await board('engRecruiter', `businessUnitId=${sales.businessUnitId}`))).toEqual([]);
    const everyone = await board('admin', 'limit=200');
    expect(idsOf(everyone)).not.toContain(ids.otherOrg);
    // Legal sees offers with non-standard clauses only, and may not read the candidate's name.
    const legal = await t.app.inject({ url: '/api/v1/board', headers: { cookie: cookies.legal! } });
    expect(legal.statusCode).toBe(200);
    const body = legal.json() as Board;
    expect(idsOf(body)).toEqual([ids.legal]);
    expect(body.items[0]!.candidateName).toBeUndefined();
    expect(body.items[0]!.title).toBe('Backend Engineer');
    expect(legal.body).not.toContain('Lovelace');
    expect(body.counts.total).toBe(1);
  });

  it('answers bad parameters with 400 problem+json naming the parameter', async () => {
    const bad = (q: string) => t.app.inject({ url: `/api/v1/board?${q}`, headers: { cookie: cookies.admin! } });
    for (const [query, field] of [
      ['stage=handed_off', 'stage'],
      ['stage=draft,nonsense', 'stage'],
      ['sla=late', 'sla'],
      ['view=everyone', 'view'],
      ['sort=largest', 'sort'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['businessUnitId=not-a-uuid', 'businessUnitId'],
      ['departmentId=1', 'departmentId'],
      ['recruiterId=x', 'recruiterId'],
      ['cursor=garbage', 'cursor'],
    ] as const) {
      expectProblem(await bad(query), 400, { code: 'invalid_request', fields: [field] });
    }
    const first = await board('admin', 'limit=1');
    expectProblem(await bad(`sort=newest&cursor=${first.nextCursor}`), 400, { fields: ['cursor'] });
    expect((await bad('color=blue')).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/board' })).statusCode).toBe(401);
  });
});
