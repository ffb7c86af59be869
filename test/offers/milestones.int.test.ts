import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalSteps, offerMilestones } from '../../src/db/schema';
import { approverRoleBackfillSql, intervalBucketsBackfillSql, intervalTermsBackfillSql, milestonesBackfillSql, stageDurationDaysBackfillSql } from '../../src/offers/read-models.backfill';
import { approvalsApi, flowPolicy } from '../helpers/approvals';
import { createOrgFixture, signIn } from '../helpers/factories';
import { offerApi } from '../helpers/offer-api';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { signingApi, signingWorld, MINUTE, type SigningWorld } from '../flow/signing/signing-fixture';

type Row = typeof offerMilestones.$inferSelect;

async function milestonesOf(w: { database: TestApp['database'] } | SigningWorld, offerId: string): Promise<Row> {
  const db = 'database' in w ? w.database.db : w.t.database.db;
  const [row] = await db.select().from(offerMilestones).where(eq(offerMilestones.offerId, offerId));
  expect(row, `milestones of ${offerId}`).toBeDefined();
  return row!;
}

/** The journal's time of the first lifecycle move matching `pick`. */
async function when(w: SigningWorld, offerId: string, pick: (d: Record<string, unknown>) => boolean): Promise<Date> {
  const entry = ((await w.offers.journal(offerId)) as unknown as { type: string; at: string; data: Record<string, unknown> }[]).find((e) => e.type === 'offer.transitioned' && pick(e.data));
  expect(entry).toBeDefined();
  return new Date(entry!.at);
}

const portalPost = (w: SigningWorld, token: string, what: string, payload: object) =>
  w.t.app.inject({ method: 'POST', url: `/api/v1/portal/${token}/${what}`, payload });

it('migration 0011 runs the same backfill statements', () => {
  const migration = readFileSync(new URL('../../src/db/migrations/0011_metrics_read_models.sql', import.meta.url), 'utf8');
  for (const statement of [intervalTermsBackfillSql, milestonesBackfillSql, approverRoleBackfillSql]) expect(migration).toContain(statement);
  const buckets = readFileSync(new URL('../../src/db/migrations/0012_duration_buckets.sql', import.meta.url), 'utf8');
  for (const statement of [intervalBucketsBackfillSql, stageDurationDaysBackfillSql]) expect(buckets).toContain(statement);
});

describe('offer milestones', () => {
  let w: SigningWorld;
  let s: ReturnType<typeof signingApi>;

  beforeAll(async () => {
    w = await signingWorld();
    s = signingApi(w);
  });
  afterAll(() => w.close());

  it('a draft has a row from its creation, with its recruiter, level and employment type', async () => {
    const draft = await w.offers.createDraft();
    const row = await milestonesOf(w, draft.id);
    const offer = (await w.offers.get(draft.id)).json();
    expect(row).toMatchObject({
      orgId: w.fx.orgId,
      recruiterId: w.fx.users.recruiter.id,
      businessUnitId: offer.businessUnitId,
      departmentId: offer.departmentId,
      level: offer.terms.level,
      employmentType: offer.terms.employmentType,
      status: 'draft',
      submittedAt: null,
      endedAt: null,
      revisions: 0,
      declineReason: null,
    });
    expect(row.createdAt.toISOString()).toBe(offer.createdAt);
  });

  it('sent, verbally accepted, signed and accepted: each first time from the journal', async () => {
    const id = await s.approvedOffer();
    w.t.clock.advance(15 * MINUTE);
    const token = await s.sendOffer(id);
    w.t.clock.advance(MINUTE);
    expect((await w.offers.event(id, await s.rowVersion(id), 'verbal_accept')).statusCode).toBe(200);
    await s.candidateSigns(token);
    await w.t.app.jobs.runDue();
    const row = await milestonesOf(w, id);
    expect(row.status).toBe(await s.status(id));
    expect(row.submittedAt).toEqual(await when(w, id, (d) => d.event === 'submit'));
    expect(row.approvedAt).toEqual(await when(w, id, (d) => d.to === 'approved'));
    expect(row.sentAt).toEqual(await when(w, id, (d) => d.to === 'sent'));
    expect(row.verbalAcceptedAt).toEqual(await when(w, id, (d) => d.event === 'verbal_accept'));
    expect(row.signedAt).toEqual(await when(w, id, (d) => d.to === 'signed'));
    expect(row.acceptedAt).toEqual(await when(w, id, (d) => d.to === 'accepted'));
    expect((row.sentAt!.getTime() - row.approvedAt!.getTime()) / MINUTE).toBe(15);
    expect(row.endedAt).toBeNull();
  });

  it('a decline ends the offer and keeps the structured reason', async () => {
    const id = await s.approvedOffer();
    const token = await s.sendOffer(id);
    w.t.clock.advance(2 * MINUTE);
    expect((await w.offers.event(id, await s.rowVersion(id), 'verbal_accept')).statusCode).toBe(200);
    w.t.clock.advance(60 * MINUTE);
    const declined = await portalPost(w, token, 'decline', { reason: 'another_offer', comment: 'Closer to home.' });
    expect(declined.statusCode, declined.body).toBe(200);
    const row = await milestonesOf(w, id);
    expect(row).toMatchObject({ status: 'declined', declineReason: 'another_offer' });
    expect(row.endedAt).toEqual(await when(w, id, (d) => d.to === 'declined'));
    expect(row.verbalAcceptedAt).not.toBeNull();
    expect(row.acceptedAt).toBeNull();
  });

  it('the backfill from the journal produces what the live hook produced', async () => {
    const strip = (rows: Row[]) => rows.sort((a, b) => a.offerId.localeCompare(b.offerId));
    const live = strip(await w.t.database.db.select().from(offerMilestones).where(eq(offerMilestones.orgId, w.fx.orgId)));
    expect(live.length).toBeGreaterThanOrEqual(3);
    await w.t.database.exec('DELETE FROM offer_milestones');
    await w.t.database.exec(milestonesBackfillSql);
    expect(strip(await w.t.database.db.select().from(offerMilestones).where(eq(offerMilestones.orgId, w.fx.orgId)))).toEqual(live);
    await w.t.database.exec(milestonesBackfillSql);
    expect(strip(await w.t.database.db.select().from(offerMilestones).where(eq(offerMilestones.orgId, w.fx.orgId)))).toEqual(live);
  });
});

describe('milestones and steps under an approval policy', () => {
  let t: TestApp;
  let offers: ReturnType<typeof offerApi>;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const fx = await createOrgFixture(t.database.db);
    orgId = fx.orgId;
    const admin = await signIn(t.app, fx.users.admin.email);
    offers = offerApi(t.app, await signIn(t.app, fx.users.recruiter.email), fx);
    await approvalsApi(t.app).savePolicy(admin, flowPolicy);
  });
  afterAll(() => t.close());

  it('exceptions routed on any version turn on their flag', async () => {
    const draft = await offers.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 900_000_00 } });
    expect((await offers.submit(draft.id, draft.rowVersion)).statusCode).toBe(200);
    const routed = (await offers.journal(draft.id)).filter((e) => e.type === 'approval.routed');
    const reasons = new Set(routed.flatMap((e) => e.data.exceptions as string[]));
    expect(reasons.has('out_of_band')).toBe(true);
    const row = await milestonesOf(t, draft.id);
    expect(row).toMatchObject({
      outOfBand: reasons.has('out_of_band'),
      overBudget: reasons.has('over_budget'),
      nonStandardClause: reasons.has('non_standard_clause'),
    });
  });

  it('approval steps name the role they were routed to', async () => {
    const steps = await t.database.db.select().from(approvalSteps).where(eq(approvalSteps.orgId, orgId));
    const routed = steps.filter((st) => st.status !== 'not_needed');
    expect(routed.length).toBeGreaterThan(0);
    for (const step of routed) expect(step.approverRole, `${step.stageKey}/${step.stepKey}`).toEqual(expect.any(String));
    // The backfill derives the same role from the policy version that made each step.
    const before = steps.map((st) => [st.id, st.approverRole]);
    await t.database.exec('UPDATE approval_steps SET approver_role = NULL');
    await t.database.exec(approverRoleBackfillSql);
    const after = await t.database.db.select().from(approvalSteps).where(eq(approvalSteps.orgId, orgId));
    expect(new Map(after.map((st) => [st.id, st.approverRole]))).toEqual(new Map(before as [string, string | null][]));
  });

});
