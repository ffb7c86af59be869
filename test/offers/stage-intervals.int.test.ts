import { readFileSync } from 'node:fs';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerStageIntervals } from '../../src/db/schema';
import { intervalBucketsBackfillSql, intervalTermsBackfillSql, stageDurationDaysBackfillSql } from '../../src/offers/read-models.backfill';
import { bucketOf } from '../../src/offers/duration-buckets';
import { stageDurationDays } from '../../src/db/schema';
import { stageIntervalsBackfillSql } from '../../src/offers/stage-intervals.backfill';
import { approvalsApi, flowPolicy } from '../helpers/approvals';
import { createOrgFixture, signIn, type OrgFixture } from '../helpers/factories';
import { offerApi, type OfferApi } from '../helpers/offer-api';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { signingApi, signingWorld, type SigningWorld } from '../flow/signing/signing-fixture';

const MINUTE = 60_000;
type Interval = typeof offerStageIntervals.$inferSelect;

async function intervalsOf(t: TestApp, offerId: string): Promise<Interval[]> {
  return t.database.db.select().from(offerStageIntervals).where(eq(offerStageIntervals.offerId, offerId)).orderBy(asc(offerStageIntervals.id));
}

/** Statuses in order, each interval closed at the instant the next opened, by the event the journal names, and one open interval. */
async function expectIntervals(t: TestApp, offers: OfferApi, offerId: string, statuses: string[]): Promise<Interval[]> {
  const rows = await intervalsOf(t, offerId);
  expect(rows.map((r) => r.status)).toEqual(statuses);
  const offer = (await offers.get(offerId)).json();
  const moves = (await offers.journal(offerId)).filter((e) => e.type === 'offer.transitioned' && e.data.from !== e.data.to) as unknown as {
    at: string;
    data: { event: string; to: string };
  }[];
  expect(moves.map((m) => m.data.to)).toEqual(statuses.slice(1));
  rows.forEach((row, i) => {
    expect(row.offerId).toBe(offerId);
    expect(row).toMatchObject({ businessUnitId: offer.businessUnitId, departmentId: offer.departmentId, recruiterId: offer.recruiterId });
    if (i < rows.length - 1) {
      expect(row.leftAt).not.toBeNull();
      expect(row.leftAt!.toISOString()).toBe(rows[i + 1]!.enteredAt.toISOString());
      expect(row.leftAt!.toISOString()).toBe(new Date(moves[i]!.at).toISOString());
      expect(row.leftByEvent).toBe(moves[i]!.data.event);
      expect(row.leftAt!.getTime()).toBeGreaterThanOrEqual(row.enteredAt.getTime());
      expect(row.durationBucket).toBe(bucketOf(row.leftAt!.getTime() - row.enteredAt.getTime()));
    } else {
      expect(row.leftAt).toBeNull();
      expect(row.leftByEvent).toBeNull();
      expect(row.durationBucket).toBeNull();
    }
  });
  expect(rows.filter((r) => r.leftAt === null)).toHaveLength(1);
  expect(rows.at(-1)!.status).toBe(offer.status);
  return rows;
}

/** Intervals of an organisation without their ids, in offer and time order. */
async function snapshot(t: TestApp, orgId: string) {
  const rows = await t.database.db.select().from(offerStageIntervals).where(eq(offerStageIntervals.orgId, orgId));
  return rows
    .map(({ id: _id, ...rest }) => ({ ...rest, enteredAt: rest.enteredAt.toISOString(), leftAt: rest.leftAt?.toISOString() ?? null }))
    .sort((a, b) => a.offerId.localeCompare(b.offerId) || a.enteredAt.localeCompare(b.enteredAt) || (a.leftAt === null ? 1 : b.leftAt === null ? -1 : 0));
}

async function expectBackfillMatches(t: TestApp, orgId: string) {
  const live = await snapshot(t, orgId);
  expect(live.length).toBeGreaterThan(0);
  await t.database.exec('DELETE FROM offer_stage_intervals');
  expect(await snapshot(t, orgId)).toEqual([]);
  await t.database.exec(stageIntervalsBackfillSql);
  await t.database.exec(intervalTermsBackfillSql);
  await t.database.exec(intervalBucketsBackfillSql);
  expect(await snapshot(t, orgId)).toEqual(live);
  // The live per-day counts equal a recount from the intervals.
  const days = async () =>
    (await t.database.db.select().from(stageDurationDays).where(eq(stageDurationDays.orgId, orgId))).sort((a, b) => `${a.day}${a.status}${a.bucket}`.localeCompare(`${b.day}${b.status}${b.bucket}`));
  const liveDays = await days();
  expect(liveDays.reduce((n, d) => n + d.intervals, 0)).toBe(live.filter((i) => i.leftAt !== null).length);
  await t.database.exec('DELETE FROM stage_duration_days');
  await t.database.exec(stageDurationDaysBackfillSql);
  expect(await days()).toEqual(liveDays);
  // Running it again adds nothing: it fills only offers without intervals.
  await t.database.exec(stageIntervalsBackfillSql);
  expect(await snapshot(t, orgId)).toEqual(live);
}

it('the migration runs the same backfill statement', () => {
  const migration = readFileSync(new URL('../../src/db/migrations/0010_stage_intervals.sql', import.meta.url), 'utf8');
  expect(migration).toContain(stageIntervalsBackfillSql);
});

describe('stage intervals through approvals', () => {
  let t: TestApp;
  let fx: OrgFixture;
  let offers: OfferApi;
  let api: ReturnType<typeof approvalsApi>;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
    for (const role of ['admin', 'recruiter', 'finance', 'hiring_manager'] as const) cookies[role] = await signIn(t.app, fx.users[role].email);
    offers = offerApi(t.app, cookies.recruiter!, fx);
    api = approvalsApi(t.app);
    await api.savePolicy(cookies.admin!, flowPolicy);
  });
  afterAll(() => t.close());

  it('a new draft has one open draft interval from its creation', async () => {
    const draft = await offers.createDraft();
    const [row] = await expectIntervals(t, offers, draft.id, ['draft']);
    expect(row!.enteredAt.toISOString()).toBe(t.clock.now().toISOString());
    expect(row!).toMatchObject({ orgId: fx.orgId, recruiterId: fx.users.recruiter.id, versionNumber: 0 });
    const terms = (await offers.get(draft.id)).json().terms;
    expect(row!).toMatchObject({ level: terms.level, employmentType: terms.employmentType });
    expect(row!.level).toEqual(expect.any(String));
  });

  it('comp review, drafting, in approval, approved, then cancelled: one interval per stage, contiguous', async () => {
    const draft = await offers.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 224_000_00 } });
    t.clock.advance(30 * MINUTE);
    const submitted = await offers.submit(draft.id, draft.rowVersion);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('comp_review');
    t.clock.advance(3 * 60 * MINUTE);
    expect((await api.approve(cookies.finance!, draft.id, 'finance')).offer.status).toBe('drafting');
    t.clock.advance(20 * MINUTE);
    const ready = await offers.event(draft.id, (await offers.get(draft.id)).json().rowVersion, 'packet_ready');
    expect(ready.statusCode, ready.body).toBe(200);
    t.clock.advance(60 * MINUTE);
    expect((await api.approve(cookies.hiring_manager!, draft.id, 'hiring_manager')).offer.status).toBe('approved');
    t.clock.advance(10 * MINUTE);
    const cancelled = await offers.event(draft.id, (await offers.get(draft.id)).json().rowVersion, 'cancel', 'Role closed');
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    const rows = await expectIntervals(t, offers, draft.id, ['draft', 'comp_review', 'drafting', 'in_approval', 'approved', 'cancelled']);
    expect(rows.map((r) => r.leftByEvent)).toEqual(['submit', 'comp_approved', 'packet_ready', 'packet_approved', 'cancel', null]);
    expect(rows.map((r) => (r.leftAt ? (r.leftAt.getTime() - r.enteredAt.getTime()) / MINUTE : null))).toEqual([30, 180, 20, 60, 10, null]);
    expect(rows.map((r) => r.versionNumber)).toEqual([0, 1, 1, 1, 1, 1]);
  });

  it('a withdrawn draft closes its draft interval', async () => {
    const draft = await offers.createDraft();
    t.clock.advance(5 * MINUTE);
    const res = await offers.event(draft.id, draft.rowVersion, 'withdraw', 'Candidate took another offer');
    expect(res.statusCode, res.body).toBe(200);
    await expectIntervals(t, offers, draft.id, ['draft', 'withdrawn']);
  });

  it('the backfill from the journal produces what the live hook produced', async () => {
    await expectBackfillMatches(t, fx.orgId);
  });
});

describe('stage intervals through sending and signing', () => {
  let w: SigningWorld;
  let s: ReturnType<typeof signingApi>;

  beforeAll(async () => {
    w = await signingWorld();
    s = signingApi(w);
  });
  afterAll(() => w.close());

  it('approved, sent, signed and on: exactly the lifecycle the journal records', async () => {
    const id = await s.approvedOffer();
    w.t.clock.advance(15 * MINUTE);
    const token = await s.sendOffer(id);
    // A same-state event (the candidate says yes on the phone while the offer is out) changes no interval.
    w.t.clock.advance(MINUTE);
    const verbal = await w.offers.event(id, await s.rowVersion(id), 'verbal_accept');
    expect(verbal.statusCode, verbal.body).toBe(200);
    expect((await w.offers.journal(id)).some((e) => e.type === 'offer.transitioned' && e.data.from === 'sent' && e.data.to === 'sent')).toBe(true);
    await s.candidateSigns(token);
    await w.t.app.jobs.runDue();
    const status = await s.status(id);
    const journal = await w.offers.journal(id);
    const statuses = ['draft', ...journal.filter((e) => e.type === 'offer.transitioned' && e.data.from !== e.data.to).map((e) => String(e.data.to))];
    expect(statuses.at(-1)).toBe(status);
    const rows = await expectIntervals(w.t, w.offers, id, statuses);
    expect(statuses).toEqual(['draft', 'drafting', 'approved', 'sent', 'signed', 'accepted']);
    expect(rows.map((r) => r.leftByEvent)).toEqual(['submit', 'packet_ready', 'send', 'sign', 'complete', null]);
    expect(rows.map((r) => r.versionNumber)).toEqual([0, 1, 1, 1, 1, 1]);
    const sent = rows.find((r) => r.status === 'sent')!;
    expect(sent.leftByEvent).toBe('sign');
    expect((sent.leftAt!.getTime() - sent.enteredAt.getTime()) / MINUTE).toBe(11);
  });

  it('the backfill from the journal produces what the live hook produced', async () => {
    await expectBackfillMatches(w.t, w.fx.orgId);
  });
});
