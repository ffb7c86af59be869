import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { verifyOfferJournal } from '../../src/journal/journal.service';
import { approverRoleBackfillSql, intervalBucketsBackfillSql, intervalTermsBackfillSql, milestonesBackfillSql, stageDurationDaysBackfillSql } from '../../src/offers/read-models.backfill';
import { stageIntervalsBackfillSql } from '../../src/offers/stage-intervals.backfill';
import { createHistoryContext } from '../../src/seed/history/history-context';
import type { HistoryContext } from '../../src/seed/history/offer-history';
import { generateOfferHistory } from '../../src/seed/history/offer-history';
import { executorOf, writeOffers, writeOrganisation } from '../../src/seed/history/writer';
import { createTestDatabase } from '../helpers/test-database';

const COUNT = 60;
let database: Database;
let ctx: HistoryContext;

type Rows = Record<string, unknown>[];
async function rows(text: string): Promise<Rows> {
  const result = (await executorOf(database)(text, [])) as { rows: Rows };
  return result.rows;
}

const intervalsQuery = `SELECT offer_id, business_unit_id, department_id, recruiter_id, level, employment_type, status,
  version_number, entered_at, left_at, left_by_event, duration_bucket FROM offer_stage_intervals ORDER BY offer_id, entered_at, status`;
const daysQuery = 'SELECT org_id, day::text AS day, status, bucket, intervals FROM stage_duration_days ORDER BY org_id, day, status, bucket';
const milestonesQuery = 'SELECT * FROM offer_milestones ORDER BY offer_id';
const rolesQuery = 'SELECT id, approver_role FROM approval_steps ORDER BY id';

beforeAll(async () => {
  database = await createTestDatabase();
  // A short, recent span, so a good share of the 60 offers is still open.
  ctx = createHistoryContext({ count: COUNT, seed: 7, now: new Date('2027-03-01T15:00:00.000Z'), years: 0.4, slug: 'histtest' });
  const execute = executorOf(database);
  await writeOrganisation(execute, ctx);
  await writeOffers([execute], ctx, { batchSize: 25 });
});

afterAll(async () => {
  await database?.close();
});

describe('generated offer history', () => {
  it('is the same for the same seed', () => {
    expect(generateOfferHistory(ctx, 5)).toEqual(generateOfferHistory(ctx, 5));
  });

  it('holds every offer with a journal chain that verifies', async () => {
    const offers = await rows('SELECT id, status, journal_seq FROM offers ORDER BY id');
    expect(offers).toHaveLength(COUNT);
    for (const offer of offers) {
      const verdict = await verifyOfferJournal(database.db, ctx.plan.org.id, String(offer.id));
      expect(verdict, `offer ${String(offer.id)}`).toMatchObject({ ok: true, length: offer.journal_seq });
    }
    const statuses = new Set(offers.map((o) => String(o.status)));
    expect(statuses.has('handed_off')).toBe(true);
    expect([...statuses].some((s) => !['handed_off', 'declined', 'expired', 'cancelled', 'rescinded', 'withdrawn'].includes(s))).toBe(true);
  });

  it('wrote the read models the backfills derive from the same journal', async () => {
    const intervals = await rows(intervalsQuery);
    const milestones = await rows(milestonesQuery);
    const roles = await rows(rolesQuery);
    const days = await rows(daysQuery);
    expect(intervals.length).toBeGreaterThan(COUNT * 3);
    expect(days.reduce((n, d) => n + Number(d.intervals), 0)).toBe(intervals.filter((i) => i.left_at !== null).length);
    expect(milestones).toHaveLength(COUNT);
    expect(roles.length).toBeGreaterThan(COUNT);

    await database.exec('DELETE FROM offer_stage_intervals');
    await database.exec('DELETE FROM offer_milestones');
    await database.exec('UPDATE approval_steps SET approver_role = NULL');
    await database.exec(stageIntervalsBackfillSql);
    await database.exec(intervalTermsBackfillSql);
    await database.exec(milestonesBackfillSql);
    await database.exec(approverRoleBackfillSql);
    await database.exec(intervalBucketsBackfillSql);
    await database.exec('DELETE FROM stage_duration_days');
    await database.exec(stageDurationDaysBackfillSql);

    expect(await rows(intervalsQuery)).toEqual(intervals);
    expect(await rows(daysQuery)).toEqual(days);
    expect(await rows(milestonesQuery)).toEqual(milestones);
    expect(await rows(rolesQuery)).toEqual(roles);
  });
});
