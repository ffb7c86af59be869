import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentileCont } from '../../../src/flow/metrics/metric-definitions';
import * as setup from '../../../src/directory/org-setup.repo';
import { approvalsApi, flowPolicy } from '../../helpers/approvals';
import { createOrgFixture, signIn, TEST_PASSWORD, type OrgFixture } from '../../helpers/factories';
import { hashPassword } from '../../../src/auth/secrets';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { MINUTE, toSent, writeHistory, writeStep, type OfferShape } from './metrics-history';

/**
 * Metrics over a history whose answers are worked out by hand below (times in minutes):
 *
 * offer  unit  level type   created     draft comp  drft inappr appr  then
 * O1b    Eng   L4    FT     Jan 4       a draft, nothing more
 * O1     Eng   L4    FT     Jan 4       10    60    5    120    30    sent 60 → verbal, 60 → signed 10 → accepted; out of band
 * O2     Eng   L4    FT     Jan 5       20    120   5    60     60    sent 30 → verbal, 240 → declined (compensation); 1 revision; over budget, non-standard clause
 * O3     Eng   L5    FT     Jan 6       30    180   5    240    90    sent 600 → signed 5 → accepted; 2 revisions
 * O4     Eng   L5    W-2    Jan 7       40    240 → rejected, draft 60, comp 60, 5, 30, 120 → sent 10 → verbal (open); 3 revisions; out of band
 * O5     Eng   L4    FT     Jan 8       100 → cancelled (recruiter R2)
 * O6     Sales L4    FT     Jan 9       50    30    5    10     15    sent 45 → expired (recruiter R2)
 * O7     Eng   L4    FT     Dec 31 23:00 120 (ends Jan 1 01:00) → comp_review, open
 * Another organisation has one offer in January (draft 1000) that must never show.
 * Period: [2027-01-01, 2027-02-01).
 */

const Jan = (day: number, minutes = 0) => new Date(Date.UTC(2027, 0, day) + minutes * MINUTE);
const PERIOD = 'from=2027-01-01&to=2027-02-01';

describe('metrics', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let other: OrgFixture;
  let salesUnitId: string;
  let recruiter2: string;
  const cookies: Record<string, string> = {};

  const get = (who: string, path: string, query = PERIOD, headers: Record<string, string> = {}) =>
    t.app.inject({ url: `/api/v1/metrics/${path}${query ? `?${query}` : ''}`, headers: { cookie: cookies[who]!, ...headers } });
  const json = async (who: string, path: string, query = PERIOD) => {
    const res = await get(who, path, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    fx = await createOrgFixture(db);
    other = await createOrgFixture(db);
    const sales = await setup.insertBusinessUnit(db, { orgId: fx.orgId, name: 'Sales' });
    salesUnitId = sales.id;
    const field = await setup.insertDepartment(db, { orgId: fx.orgId, businessUnitId: sales.id, name: 'Field', hrbpId: fx.users.hrbp.id });
    const passwordHash = await hashPassword(TEST_PASSWORD);
    const r2 = await setup.insertUser(db, { orgId: fx.orgId, email: `r2@${fx.slug}.test`, name: 'Second recruiter', passwordHash });
    recruiter2 = r2.id;
    // A recruiter only in Sales: sees Sales' numbers and nothing of Engineering.
    const scoped = await setup.insertUser(db, { orgId: fx.orgId, email: `sales-recruiter@${fx.slug}.test`, name: 'Sales recruiter', passwordHash });
    await setup.grantRole(db, fx.orgId, scoped.id, 'recruiter', sales.id);

    const eng = (over: Partial<OfferShape> = {}): OfferShape => ({
      orgId: fx.orgId,
      businessUnitId: fx.businessUnitId,
      departmentId: fx.departmentId,
      candidateId: fx.candidateId,
      recruiterId: fx.users.recruiter.id,
      level: 'L4',
      employmentType: 'full_time',
      ...over,
    });
    const o1 = await writeHistory(db, eng(), Jan(4), [
      ...toSent({ draft: 10, compReview: 60, drafting: 5, inApproval: 120, approved: 30 }),
      { after: 0, exceptions: ['out_of_band'] },
      { after: 60, verbal: true },
      { after: 60, to: 'signed', event: 'sign' },
      { after: 10, to: 'accepted', event: 'complete' },
    ]);
    await writeHistory(db, eng(), Jan(4, 1), []); // O1b: a draft created in the period, counted by revisions only
    const o2 = await writeHistory(db, eng(), Jan(5), [
      ...toSent({ draft: 20, compReview: 120, drafting: 5, inApproval: 60, approved: 60 }),
      { after: 0, exceptions: ['over_budget', 'non_standard_clause'] },
      { after: 0, version: 2 },
      { after: 30, verbal: true },
      { after: 240, declined: 'compensation', to: 'declined' },
    ]);
    const o3 = await writeHistory(db, eng({ level: 'L5' }), Jan(6), [
      ...toSent({ draft: 30, compReview: 180, drafting: 5, inApproval: 240, approved: 90 }),
      { after: 0, version: 2 },
      { after: 0, version: 3 },
      { after: 600, to: 'signed', event: 'sign' },
      { after: 5, to: 'accepted', event: 'complete' },
    ]);
    const o4 = await writeHistory(db, eng({ level: 'L5', employmentType: 'contract_w2' }), Jan(7), [
      { after: 40, to: 'comp_review', event: 'submit' },
      { after: 0, version: 1 },
      { after: 0, exceptions: ['out_of_band'] },
      { after: 240, to: 'draft', event: 'reject' },
      { after: 60, to: 'comp_review', event: 'submit' },
      { after: 0, version: 2 },
      { after: 60, to: 'drafting', event: 'comp_approved' },
      { after: 5, to: 'in_approval', event: 'packet_ready' },
      { after: 30, to: 'approved', event: 'packet_approved' },
      { after: 120, to: 'sent', event: 'send' },
      { after: 0, version: 3 },
      { after: 0, version: 4 },
      { after: 10, verbal: true },
    ]);
    await writeHistory(db, eng({ recruiterId: recruiter2 }), Jan(8), [{ after: 100, to: 'cancelled', event: 'cancel' }]);
    const o6 = await writeHistory(db, eng({ businessUnitId: sales.id, departmentId: field.id, recruiterId: recruiter2 }), Jan(9), [
      ...toSent({ draft: 50, compReview: 30, drafting: 5, inApproval: 10, approved: 15 }),
      { after: 45, to: 'expired', event: 'expire' },
    ]);
    await writeHistory(db, eng(), new Date(Date.UTC(2026, 11, 31, 23)), [
      { after: 120, to: 'comp_review', event: 'submit' },
      { after: 0, version: 1 },
    ]);
    await writeHistory(
      db,
      { orgId: other.orgId, businessUnitId: other.businessUnitId, departmentId: other.departmentId, candidateId: other.candidateId, recruiterId: other.users.recruiter.id, level: 'L4', employmentType: 'full_time' },
      Jan(10),
      [{ after: 1000, to: 'comp_review', event: 'submit' }, { after: 0, exceptions: ['out_of_band'] }],
    );

    // Approval steps: S1..S5 decided in January, S6 pending and past due, S7 superseded, S8 pending not yet due.
    const admin = await signIn(t.app, fx.users.admin.email);
    const policy = await approvalsApi(t.app).savePolicy(admin, flowPolicy);
    const base = { orgId: fx.orgId, policyVersionId: policy.id };
    const finance = fx.users.finance.id;
    const legal = fx.users.legal.id;
    await writeStep(db, { ...base, offerId: o1, stage: 'comp', step: 'finance', role: 'finance', status: 'approved', activatedAt: Jan(4, 10), dueAt: Jan(4, 130), decidedAt: Jan(4, 70), decisions: [[finance, 'approve', Jan(4, 70)]] });
    await writeStep(db, { ...base, offerId: o2, stage: 'comp', step: 'finance', role: 'finance', status: 'approved', activatedAt: Jan(5, 20), dueAt: Jan(5, 110), decidedAt: Jan(5, 140), decisions: [[fx.users.hrbp.id, 'approve', Jan(5, 50)], [finance, 'approve', Jan(5, 140)]] });
    await writeStep(db, { ...base, offerId: o3, stage: 'packet', step: 'legal', role: 'legal', status: 'rejected', activatedAt: Jan(6, 215), dueAt: Jan(6, 695), decidedAt: Jan(6, 455), decisions: [[legal, 'reject', Jan(6, 455)]] });
    await writeStep(db, { ...base, offerId: o4, stage: 'comp', step: 'finance', role: 'finance', status: 'approved', activatedAt: Jan(7, 340), dueAt: null, decidedAt: Jan(7, 370), decisions: [[fx.users.admin.id, 'approve', Jan(7, 370)]] });
    await writeStep(db, { ...base, offerId: o6, stage: 'comp', step: 'finance', role: 'finance', status: 'approved', activatedAt: Jan(9, 50), dueAt: Jan(9, 110), decidedAt: Jan(9, 60), decisions: [[finance, 'approve', Jan(9, 60)]] });
    await writeStep(db, { ...base, offerId: o4, stage: 'packet', step: 'legal', role: 'legal', status: 'pending', activatedAt: Jan(20), dueAt: new Date('2027-02-20T00:00:00Z'), decidedAt: null });
    await writeStep(db, { ...base, offerId: o1, stage: 'packet', step: 'legal', role: 'legal', status: 'superseded', activatedAt: Jan(4, 75), dueAt: Jan(4, 80), decidedAt: Jan(4, 195) });
    await writeStep(db, { ...base, offerId: o3, version: 3, stage: 'packet', step: 'legal', role: 'legal', status: 'pending', activatedAt: Jan(20), dueAt: new Date('2027-03-10T00:00:00Z'), decidedAt: null });

    for (const [who, email] of [
      ['admin', fx.users.admin.email],
      ['recruiter', fx.users.recruiter.email],
      ['finance', fx.users.finance.email],
      ['hrbp', fx.users.hrbp.email],
      ['hr_ops', fx.users.hr_ops.email],
      ['hiring_manager', fx.users.hiring_manager.email],
      ['legal', fx.users.legal.email],
      ['sales', `sales-recruiter@${fx.slug}.test`],
      ['otherAdmin', other.users.admin.email],
    ] as const) {
      cookies[who] = await signIn(t.app, email);
    }

  });
  afterAll(() => t?.close());

  it('cycle time by stage: intervals that ended in the period, median and p90 to the minute', async () => {
    const body = await json('admin', 'cycle-time');
    expect(body.period).toEqual({ from: '2027-01-01T00:00:00.000Z', to: '2027-02-01T00:00:00.000Z' });
    expect(body.filters).toEqual({});
    expect(body.scope).toEqual({ businessUnitIds: null });
    const stages = Object.fromEntries(body.stages.map((s: { stage: string }) => [s.stage, s]));
    expect(body.stages.map((s: { stage: string }) => s.stage)).toEqual(['draft', 'comp_review', 'drafting', 'in_approval', 'approved', 'sent', 'signed']);
    // draft: 10, 20, 30, 40, 60, 100, 50, 120 (O7 entered in December, left in January).
    expect(stages.draft).toEqual({ stage: 'draft', count: 8, medianMinutes: 45, p90Minutes: 106 });
    expect(stages.comp_review).toEqual({ stage: 'comp_review', count: 6, medianMinutes: 90, p90Minutes: 210 });
    expect(stages.drafting).toEqual({ stage: 'drafting', count: 5, medianMinutes: 5, p90Minutes: 5 });
    expect(stages.in_approval).toEqual({ stage: 'in_approval', count: 5, medianMinutes: 60, p90Minutes: 192 });
    expect(stages.approved).toEqual({ stage: 'approved', count: 5, medianMinutes: 60, p90Minutes: 108 });
    // sent: 120 (verbal acceptance is not a stage), 270, 600, 45; O4 is still in it.
    expect(stages.sent).toEqual({ stage: 'sent', count: 4, medianMinutes: 195, p90Minutes: 501 });
    expect(stages.signed).toEqual({ stage: 'signed', count: 2, medianMinutes: 7.5, p90Minutes: 9.5 });
    // Created to accepted: O1 355, O3 1150.
    expect(body.endToEnd).toEqual({ count: 2, medianMinutes: 752.5, p90Minutes: 1070.5 });
    // The SQL's percentile_cont agrees with the definition.
    expect(percentileCont([10, 20, 30, 40, 60, 100, 50, 120], 0.9)).toBe(106);
  });

  it('time to approve by step, role and approver, SLA adherence, and steps past due now', async () => {
    const body = await json('admin', 'approvals');
    // S1 60 (met), S2 120 (missed), S3 240 rejected (met), S4 30 (no due time), S5 10 (met); S7 superseded is not a decision.
    expect(body.overall).toEqual({ count: 5, medianMinutes: 60, p90Minutes: 192, sla: { withDueTime: 4, met: 3, missed: 1, rate: 0.75 } });
    expect(body.byStep).toEqual([
      { stageKey: 'comp', stepKey: 'finance', stageName: 'Compensation review', stepName: 'Finance approval', count: 4, medianMinutes: 45, p90Minutes: 102, sla: { withDueTime: 3, met: 2, missed: 1, rate: 0.6667 } },
      { stageKey: 'packet', stepKey: 'legal', stageName: 'Packet review', stepName: 'Legal approval', count: 1, medianMinutes: 240, p90Minutes: 240, sla: { withDueTime: 1, met: 1, missed: 0, rate: 1 } },
    ]);
    expect(body.byRole).toEqual([
      { role: 'finance', count: 4, medianMinutes: 45, p90Minutes: 102, sla: { withDueTime: 3, met: 2, missed: 1, rate: 0.6667 } },
      { role: 'legal', count: 1, medianMinutes: 240, p90Minutes: 240, sla: { withDueTime: 1, met: 1, missed: 0, rate: 1 } },
    ]);
    // S2's closing decision is finance's (HRBP approved first); S4 was closed by the admin.
    const byApprover = Object.fromEntries(body.byApprover.map((a: { approverId: string }) => [a.approverId, a]));
    expect(Object.keys(byApprover).sort()).toEqual([fx.users.admin.id, fx.users.finance.id, fx.users.legal.id].sort());
    expect(byApprover[fx.users.finance.id]).toMatchObject({ approverName: 'finance person', count: 3, medianMinutes: 60, p90Minutes: 108, sla: { withDueTime: 3, met: 2, rate: 0.6667 } });
    expect(byApprover[fx.users.admin.id]).toMatchObject({ count: 1, medianMinutes: 30, sla: { withDueTime: 0, met: 0, rate: null } });
    expect(body.pendingPastDue).toEqual({ count: 1, asOf: t.clock.now().toISOString() });

    const sales = await json('admin', 'approvals', `${PERIOD}&businessUnitId=${salesUnitId}`);
    expect(sales.overall).toEqual({ count: 1, medianMinutes: 10, p90Minutes: 10, sla: { withDueTime: 1, met: 1, missed: 0, rate: 1 } });
    expect(sales.pendingPastDue.count).toBe(0);
  });

  it('revisions: offers created in the period, average and distribution', async () => {
    const body = await json('admin', 'revisions');
    // O1 0, O1b (a draft) 0, O2 1, O3 2, O4 3, O5 0, O6 0; O7 was created in December.
    expect(body.offers).toBe(7);
    expect(body.averageRevisions).toBe(0.86);
    expect(body.distribution).toEqual([
      { revisions: '0', count: 4, rate: 0.5714 },
      { revisions: '1', count: 1, rate: 0.1429 },
      { revisions: '2', count: 1, rate: 0.1429 },
      { revisions: '3+', count: 1, rate: 0.1429 },
    ]);
  });

  it('exception rate: offers submitted in the period, overall and by reason', async () => {
    const body = await json('admin', 'exceptions');
    // Submitted: O1, O2, O3, O4, O6 and O7 (created in December, submitted January 1).
    expect(body).toMatchObject({ submitted: 6, withException: 3, rate: 0.5 });
    expect(body.byReason).toEqual([
      { reason: 'out_of_band', count: 2, rate: 0.3333 },
      { reason: 'over_budget', count: 1, rate: 0.1667 },
      { reason: 'non_standard_clause', count: 1, rate: 0.1667 },
    ]);
  });

  it('fall-through after verbal acceptance', async () => {
    const body = await json('admin', 'fall-through');
    expect(body).toMatchObject({ verballyAccepted: 3, fellThrough: 1, accepted: 1, open: 1, rate: 0.5 });
  });

  it('outcomes: acceptance rate, ends by status, decline reasons', async () => {
    const body = await json('admin', 'outcomes');
    expect(body).toMatchObject({ outcomes: 4, accepted: 2, acceptanceRate: 0.5 });
    expect(body.byStatus).toEqual([
      { status: 'accepted', count: 2, rate: 0.5 },
      { status: 'declined', count: 1, rate: 0.25 },
      { status: 'expired', count: 1, rate: 0.25 },
    ]);
    expect(body.declineReasons).toEqual([{ reason: 'compensation', count: 1 }]);
  });

  it('approval to send: offers first sent in the period', async () => {
    const body = await json('admin', 'approval-to-send');
    expect(body).toMatchObject({ count: 5, medianMinutes: 60, p90Minutes: 108 });
  });

  it('filters change the answers as computed: business unit, recruiter, level, employment type, period', async () => {
    const sales = await json('admin', 'cycle-time', `${PERIOD}&businessUnitId=${salesUnitId}`);
    expect(sales.filters).toEqual({ businessUnitId: salesUnitId });
    expect(sales.stages.find((s: { stage: string }) => s.stage === 'draft')).toEqual({ stage: 'draft', count: 1, medianMinutes: 50, p90Minutes: 50 });
    expect(sales.endToEnd.count).toBe(0);
    expect(await json('admin', 'outcomes', `${PERIOD}&businessUnitId=${salesUnitId}`)).toMatchObject({ outcomes: 1, accepted: 0, acceptanceRate: 0 });

    const l5 = await json('admin', 'revisions', `${PERIOD}&level=L5`);
    expect(l5).toMatchObject({ offers: 2, averageRevisions: 2.5 });
    expect(l5.distribution.map((d: { count: number }) => d.count)).toEqual([0, 0, 1, 1]);

    const w2 = await json('admin', 'fall-through', `${PERIOD}&employmentType=contract_w2`);
    expect(w2).toMatchObject({ verballyAccepted: 1, fellThrough: 0, accepted: 0, open: 1, rate: null });

    const r2 = await json('admin', 'revisions', `${PERIOD}&recruiterId=${recruiter2}`);
    expect(r2).toMatchObject({ offers: 2, averageRevisions: 0 });
    const r2cycle = await json('admin', 'cycle-time', `${PERIOD}&recruiterId=${recruiter2}`);
    expect(r2cycle.stages.find((s: { stage: string }) => s.stage === 'draft')).toEqual({ stage: 'draft', count: 2, medianMinutes: 75, p90Minutes: 95 });

    // Period: January 5 and 6 only (O2 and O3 created).
    const days = await json('admin', 'revisions', 'from=2027-01-05&to=2027-01-07');
    expect(days).toMatchObject({ offers: 2, averageRevisions: 1.5, period: { from: '2027-01-05T00:00:00.000Z', to: '2027-01-07T00:00:00.000Z' } });
    // Instants work too; `to` is excluded: O1's acceptance at Jan 4 05:55 falls out at that instant.
    const upTo = await json('admin', 'cycle-time', 'from=2027-01-04T00:00:00Z&to=2027-01-04T05:55:00Z');
    expect(upTo.endToEnd.count).toBe(0);
    const through = await json('admin', 'cycle-time', 'from=2027-01-04T00:00:00Z&to=2027-01-04T05:55:00.001Z');
    expect(through.endToEnd).toEqual({ count: 1, medianMinutes: 355, p90Minutes: 355 });
  });

  it('defaults to the 90 days ending now', async () => {
    const body = await json('admin', 'revisions', '');
    const now = t.clock.now();
    expect(body.period).toEqual({ from: new Date(now.getTime() - 90 * 86_400_000).toISOString(), to: now.toISOString() });
    // From December 1: O7 too.
    expect(body.offers).toBe(8);
  });

  it('CSV holds the same numbers as JSON, with a header row and a file name', async () => {
    const body = await json('admin', 'cycle-time');
    const res = await get('admin', 'cycle-time', `${PERIOD}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="metrics-cycle-time-2027-01-01-2027-02-01.csv"');
    const [header, ...lines] = res.body.trimEnd().split('\r\n');
    expect(header).toBe('from,to,filters,measure,stage,count,median_minutes,p90_minutes');
    const rows = lines.map((l) => l.split(','));
    expect(rows).toHaveLength(body.stages.length + 1);
    body.stages.forEach((s: { stage: string; count: number; medianMinutes: number; p90Minutes: number }, i: number) => {
      expect(rows[i]).toEqual(['2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z', '', 'stage', s.stage, String(s.count), String(s.medianMinutes), String(s.p90Minutes)]);
    });
    expect(rows.at(-1)!.slice(3)).toEqual(['end_to_end', 'created_to_accepted', '2', '752.5', '1070.5']);

    const byAccept = await get('admin', 'approvals', PERIOD, { accept: 'text/csv' });
    expect(byAccept.headers['content-type']).toMatch(/^text\/csv/);
    const approvals = await json('admin', 'approvals');
    const overall = byAccept.body.split('\r\n')[1]!.split(',');
    expect(overall.slice(3)).toEqual(['overall', '', 'All decided steps', '5', '60', '192', '4', '3', '1', '0.75']);
    expect(approvals.overall.sla.rate).toBe(0.75);

    const filtered = await get('admin', 'outcomes', `${PERIOD}&format=csv&businessUnitId=${salesUnitId}`);
    expect(filtered.body.split('\r\n')[1]).toContain(`businessUnitId=${salesUnitId}`);
    for (const path of ['revisions', 'exceptions', 'fall-through', 'approval-to-send']) {
      const csv = await get('admin', path, `${PERIOD}&format=csv`);
      expect(csv.statusCode, path).toBe(200);
      expect(csv.body.split('\r\n')[0], path).toMatch(/^from,to,filters,/);
    }
  });

  it('roles: metrics roles see them, others get 403', async () => {
    for (const who of ['recruiter', 'finance', 'hrbp', 'hr_ops']) {
      const body = await json(who, 'fall-through');
      expect(body.verballyAccepted, who).toBe(3);
    }
    for (const who of ['hiring_manager', 'legal']) {
      const res = await get(who, 'cycle-time');
      expect(res.statusCode, who).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await t.app.inject({ url: '/api/v1/metrics/cycle-time' })).statusCode).toBe(401);
  });

  it('a grant scoped to one business unit sees only that unit', async () => {
    const body = await json('sales', 'cycle-time');
    expect(body.scope).toEqual({ businessUnitIds: [salesUnitId] });
    expect(body.stages.find((s: { stage: string }) => s.stage === 'draft')).toEqual({ stage: 'draft', count: 1, medianMinutes: 50, p90Minutes: 50 });
    expect(await json('sales', 'revisions')).toMatchObject({ offers: 1 });
    expect(await json('sales', 'approvals').then((b) => b.overall.count)).toBe(1);
    const res = await get('sales', 'revisions', `${PERIOD}&businessUnitId=${fx.businessUnitId}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().errors[0].field).toBe('businessUnitId');
  });

  it('another organisation never leaks', async () => {
    const mine = await json('otherAdmin', 'cycle-time');
    expect(mine.stages).toEqual([{ stage: 'draft', count: 1, medianMinutes: 1000, p90Minutes: 1000 }]);
    expect(await json('otherAdmin', 'exceptions')).toMatchObject({ submitted: 1, withException: 1 });
    expect(await json('otherAdmin', 'approvals').then((b) => b.overall.count)).toBe(0);
    // A filter naming the first organisation's unit finds nothing.
    expect(await json('otherAdmin', 'revisions', `${PERIOD}&businessUnitId=${fx.businessUnitId}`)).toMatchObject({ offers: 0, averageRevisions: null });
  });

  it('bad parameters are 422 problem+json naming them', async () => {
    const cases: [string, string][] = [
      ['from=2027-13-01', 'from'],
      ['from=2027-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2027-02-01&to=2027-01-01', 'to'],
      ['from=2027-01-01&to=2027-01-01', 'to'],
      ['from=2020-01-01&to=2027-01-01', 'to'],
      ['businessUnitId=eng', 'businessUnitId'],
      ['recruiterId=1', 'recruiterId'],
      ['employmentType=intern', 'employmentType'],
      ['format=xml', 'format'],
      ['colour=blue', 'colour'],
      ['level=', 'level'],
    ];
    for (const [query, field] of cases) {
      const res = await get('admin', 'cycle-time', query);
      expect(res.statusCode, query).toBe(422);
      expect(res.headers['content-type'], query).toMatch(/application\/problem\+json/);
      expect(res.json().errors.map((e: { field: string }) => e.field), query).toContain(field);
    }
  });
});
