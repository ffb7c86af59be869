import type { Db } from '../../db/client';
import type { MetricsRequest } from './metrics-query';
import * as repo from './metrics.repo';
import { percentilesOf, planPercentiles, probeKey, probesOf } from './percentile-ranks';
import { durationsAtProbes, stageBucketCounts } from './stage-buckets.repo';

const MINUTE = 60_000;

/** True when the request covers the whole organisation with no dimension filter, which the per-day counts serve. */
export function wholeOrganisation(r: MetricsRequest): boolean {
  const f = r.filters;
  // The per-day counts carry no dimensions and no custom values: any filter reads the intervals themselves.
  return r.businessUnitIds === null && !f.businessUnitId && !f.departmentId && !f.recruiterId && !f.level && !f.employmentType && r.custom.length === 0;
}

/**
 * Median and p90 time in each stage for intervals that ended in the period. For the whole
 * organisation: counts per duration bucket, then only the intervals at the percentiles' ranks
 * (exact, and independent of how many intervals the period holds). With filters: one sort of the
 * matching intervals (percentile_cont), which filters keep small.
 */
export async function cycleTimeByStage(db: Db, orgId: string, r: MetricsRequest): Promise<(repo.DurationRow & { stage: string })[]> {
  if (!wholeOrganisation(r)) return repo.cycleTimeByStage(db, orgId, r);
  const plans = planPercentiles(await stageBucketCounts(db, orgId, r.from, r.to), [0.5, 0.9]);
  const ms = await durationsAtProbes(db, orgId, r.from, r.to, probesOf(plans));
  return [...plans].map(([stage, plan]) => {
    const [median, p90] = percentilesOf(plan, (p) => ms.get(probeKey(p))! / MINUTE);
    return { stage, count: plan.count, median: median!, p90: p90! };
  });
}
