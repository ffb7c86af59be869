/**
 * Exact percentiles from bucket counts: which order statistics a percentile needs, which bucket
 * and offset each one sits at, and the interpolation percentile_cont does once their values are
 * read. Buckets are ordered (every value in bucket b is below every value in bucket b + 1), so the
 * k-th smallest value of a group is the (k - count below its bucket)-th smallest inside that bucket.
 */

export interface BucketCount {
  group: string;
  bucket: number;
  count: number;
}

/** One order statistic to read: the `offset`-th smallest value (0-based) of `group` inside `bucket`. */
export interface Probe {
  group: string;
  bucket: number;
  offset: number;
}

interface Plan {
  count: number;
  /** Per percentile: the two ranks it lies between and how far between. */
  percentiles: { lower: Probe; upper: Probe; fraction: number }[];
}

export const probeKey = (p: Probe) => `${p.group}\u0000${p.bucket}\u0000${p.offset}`;

/** For each group, where the values at percentiles `ps` (percentile_cont positions p x (n - 1)) lie. */
export function planPercentiles(counts: readonly BucketCount[], ps: readonly number[]): Map<string, Plan> {
  const byGroup = new Map<string, BucketCount[]>();
  for (const c of counts) if (c.count > 0) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
  const plans = new Map<string, Plan>();
  for (const [group, buckets] of byGroup) {
    buckets.sort((a, b) => a.bucket - b.bucket);
    const n = buckets.reduce((sum, b) => sum + b.count, 0);
    const at = (rank: number): Probe => {
      let below = 0;
      for (const b of buckets) {
        if (rank < below + b.count) return { group, bucket: b.bucket, offset: rank - below };
        below += b.count;
      }
      throw new Error(`rank ${rank} is beyond the ${n} values of ${group}`);
    };
    plans.set(group, {
      count: n,
      percentiles: ps.map((p) => {
        const position = p * (n - 1);
        const lower = Math.floor(position);
        return { lower: at(lower), upper: at(Math.ceil(position)), fraction: position - lower };
      }),
    });
  }
  return plans;
}

/** Every distinct probe the plans need. */
export function probesOf(plans: Map<string, Plan>): Probe[] {
  const seen = new Map<string, Probe>();
  for (const plan of plans.values()) for (const q of plan.percentiles) for (const p of [q.lower, q.upper]) seen.set(probeKey(p), p);
  return [...seen.values()];
}

/** percentile_cont from the values read at the probes. */
export function percentilesOf(plan: Plan, valueAt: (p: Probe) => number): number[] {
  return plan.percentiles.map(({ lower, upper, fraction }) => {
    const low = valueAt(lower);
    return fraction === 0 ? low : low + fraction * (valueAt(upper) - low);
  });
}
