import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { probeKey, type BucketCount, type Probe } from './percentile-ranks';

/**
 * The SQL of exact cycle-time percentiles at scale: closed intervals counted per stage and duration
 * bucket over a period (stage_duration_days for whole UTC days, offer_stage_intervals for the
 * partial days at either end), and the few order statistics the percentiles need, each read from
 * one stage and bucket (offer_stage_intervals_bucket_idx). For the whole organisation only: the
 * per-day counts carry no business unit or other dimension.
 */

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString();

type Row = Record<string, unknown>;
async function rows<T extends Row>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export async function stageBucketCounts(db: Db, orgId: string, from: Date, to: Date): Promise<BucketCount[]> {
  // Whole UTC days inside [from, to) come from the per-day counts; the rest from the intervals.
  const firstDay = new Date(Math.ceil(from.getTime() / DAY) * DAY);
  const endDay = new Date(Math.floor(to.getTime() / DAY) * DAY);
  const wholeDays = firstDay < endDay;
  const edges = wholeDays
    ? sql`((i.left_at >= ${iso(from)}::timestamptz and i.left_at < ${iso(firstDay)}::timestamptz) or (i.left_at >= ${iso(endDay)}::timestamptz and i.left_at < ${iso(to)}::timestamptz))`
    : sql`(i.left_at >= ${iso(from)}::timestamptz and i.left_at < ${iso(to)}::timestamptz)`;
  const days = wholeDays
    ? sql`union all
        select d.status, d.bucket, d.intervals::bigint as n from stage_duration_days d
        where d.org_id = ${orgId}::uuid and d.day >= ${iso(firstDay).slice(0, 10)}::date and d.day < ${iso(endDay).slice(0, 10)}::date`
    : sql``;
  const out = await rows(
    db,
    sql`select status, bucket, sum(n)::bigint as count from (
        select i.status, i.duration_bucket as bucket, 1::bigint as n from offer_stage_intervals i
        where i.org_id = ${orgId}::uuid and i.left_at is not null and ${edges}
        ${days}
      ) c group by status, bucket`,
  );
  return out.map((r) => ({ group: String(r.status), bucket: Number(r.bucket), count: Number(r.count) }));
}

/** Milliseconds of the `offset`-th shortest interval of each probe's stage and bucket closed in [from, to). */
export async function durationsAtProbes(db: Db, orgId: string, from: Date, to: Date, probes: Probe[]): Promise<Map<string, number>> {
  if (probes.length === 0) return new Map();
  const out = await rows(
    db,
    sql`select p.status, p.bucket, p.k, v.ms from unnest(${`{${probes.map((p) => `"${p.group}"`).join(',')}}`}::text[], ${`{${probes.map((p) => p.bucket).join(',')}}`}::int[], ${`{${probes.map((p) => p.offset).join(',')}}`}::int[]) as p(status, bucket, k)
      cross join lateral (
        select (extract(epoch from (i.left_at - i.entered_at)) * 1000)::bigint as ms from offer_stage_intervals i
        where i.org_id = ${orgId}::uuid and i.status = p.status and i.duration_bucket = p.bucket
          and i.left_at >= ${iso(from)}::timestamptz and i.left_at < ${iso(to)}::timestamptz
        order by 1 offset p.k limit 1
      ) v`,
  );
  return new Map(out.map((r) => [probeKey({ group: String(r.status), bucket: Number(r.bucket), offset: Number(r.k) }), Number(r.ms)]));
}
