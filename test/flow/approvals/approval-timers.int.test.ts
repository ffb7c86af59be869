import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, notifications, outboundEmails } from '../../../src/db/schema';
import { approvalsApi, flowPolicy } from '../../helpers/approvals';
import { createOrgFixture, signIn, type OrgFixture } from '../../helpers/factories';
import { offerApi, type OfferApi } from '../../helpers/offer-api';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

/**
 * Reminders and SLA escalation on the job queue with an injected clock. TEST_NOW is Monday
 * 2027-03-01 10:00 in New York (the approvers' time zone); business hours are 9-17 on weekdays.
 * The finance step has an 8-business-hour SLA and reminders after 2 and 4 business hours.
 */
describe('approval timers', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let offers: OfferApi;
  let api: ReturnType<typeof approvalsApi>;
  const cookies: Record<string, string> = {};

  /** Moves time; sessions idle out as time passes, so everyone signs in again. */
  async function at(when: Date) {
    t.clock.set(when);
    for (const role of ['admin', 'recruiter', 'finance'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    offers = offerApi(t.app, cookies.recruiter!, fx);
  }

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
    api = approvalsApi(t.app);
    await at(TEST_NOW);
    await api.savePolicy(cookies.admin!, flowPolicy);
  });
  afterAll(() => t.close());

  async function aboveBandOffer() {
    const draft = await offers.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 230_000_00 } });
    expect((await offers.submit(draft.id, draft.rowVersion)).json().status).toBe('comp_review');
    return draft.id;
  }

  const mailTo = async (email: string, subjectStart: string) =>
    (await t.database.db.select().from(outboundEmails).where(and(eq(outboundEmails.orgId, fx.orgId), eq(outboundEmails.toAddress, email)))).filter((m) =>
      m.subject.startsWith(subjectStart),
    );
  const journalTypes = async (id: string) => (await offers.journal(id)).map((e) => e.type);

  it('schedules reminders and escalation in the approver\'s business hours, and sends each reminder once', async () => {
    await at(TEST_NOW);
    const id = await aboveBandOffer();
    const step = (await api.plan(cookies.recruiter!, id)).steps.find((s) => s.stepKey === 'finance')!;
    // 7 business hours left on Monday, 1 on Tuesday: due Tuesday 10:00 New York time.
    expect(step.dueAt).toBe('2027-03-02T15:00:00.000Z');
    const queued = (await t.database.db.select().from(jobs).where(eq(jobs.orgId, fx.orgId))).filter((j) => j.kind.startsWith('approval.'));
    expect(queued.map((j) => [j.kind, j.runAt.toISOString()]).sort()).toEqual([
      ['approval.escalate', '2027-03-02T15:00:00.000Z'],
      ['approval.reminder', '2027-03-01T17:00:00.000Z'],
      ['approval.reminder', '2027-03-01T19:00:00.000Z'],
    ]);
    expect(await mailTo(fx.users.finance.email, 'Approval needed')).toHaveLength(1);

    expect(await t.app.jobs.runDue()).toBe(0);
    await at(new Date('2027-03-01T17:00:00.000Z'));
    expect(await t.app.jobs.runDue()).toBe(1);
    expect(await t.app.jobs.runDue()).toBe(0);
    expect(await mailTo(fx.users.finance.email, 'Reminder: approval needed')).toHaveLength(1);
    expect((await journalTypes(id)).filter((x) => x === 'approval.reminder_sent')).toHaveLength(1);

    await at(new Date('2027-03-02T15:00:00.000Z'));
    expect(await t.app.jobs.runDue()).toBe(2);
    expect(await t.app.jobs.runDue()).toBe(0);
    expect(await mailTo(fx.users.finance.email, 'Reminder: approval needed')).toHaveLength(2);
    expect(await mailTo(fx.users.admin.email, 'Escalated:')).toHaveLength(1);
    const plan = await api.plan(cookies.recruiter!, id);
    const escalated = plan.steps.find((s) => s.stepKey === 'finance')!;
    expect(escalated.slaBreached).toBe(true);
    expect(escalated.approvers.map((a) => a.id)).toEqual([fx.users.finance.id, fx.users.admin.id]);
    expect(await journalTypes(id)).toContain('approval.escalated');
    const breach = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, fx.users.recruiter.id), eq(notifications.kind, 'approval.sla_breached')));
    expect(breach.map((n) => n.offerId)).toContain(id);
    // The escalation target may now approve.
    expect((await api.approve(cookies.admin!, id, 'finance', 'Approved on escalation')).offer.status).toBe('drafting');
    expect((await offers.verify(id)).ok).toBe(true);
  });

  it('cancels a step\'s timers when it is decided, so nothing fires later', async () => {
    await at(TEST_NOW);
    const id = await aboveBandOffer();
    await api.approve(cookies.finance!, id, 'finance');
    await at(new Date('2027-03-03T15:00:00.000Z'));
    await t.app.jobs.runDue();
    const types = await journalTypes(id);
    expect(types).not.toContain('approval.reminder_sent');
    expect(types).not.toContain('approval.escalated');
  });

  it('moves the due time past an organisation holiday and a weekend', async () => {
    // Friday 2027-03-05 16:00 New York; Monday the 8th is a company holiday: 1 hour Friday, 7 on Tuesday.
    await t.database.db.execute(`insert into org_holidays (org_id, date, name) values ('${fx.orgId}', '2027-03-08', 'Company day off')` as never);
    await at(new Date('2027-03-05T21:00:00.000Z'));
    const draft = await offers.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 230_000_00 }, expiresOn: '2027-03-12', startDate: '2027-04-15' });
    expect((await offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    const step = (await api.plan(cookies.recruiter!, draft.id)).steps.find((s) => s.stepKey === 'finance')!;
    expect(step.dueAt).toBe('2027-03-09T21:00:00.000Z');
  });
});
