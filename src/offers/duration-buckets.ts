/**
 * Duration buckets for exact percentiles at scale. Bucket k holds durations d (milliseconds) with
 * thresholds[k-1] <= d < thresholds[k] (bucket 0: under the first threshold), each about 13% wider
 * than the one before: thresholds[k-1] = round(60,000 x (e^(k/8) - 1)), up to about two years.
 * Integers on both sides, so PostgreSQL's width_bucket and bucketOf below agree on every duration.
 */
export const durationThresholdsMs: readonly number[] = Array.from({ length: 112 }, (_, i) => Math.round(60_000 * Math.expm1((i + 1) / 8)));

/** The bucket of a duration in milliseconds, as width_bucket(ms, thresholds) computes it. */
export function bucketOf(ms: number): number {
  let lo = 0;
  let hi = durationThresholdsMs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (durationThresholdsMs[mid]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** SQL for the bucket of a duration given as a bigint millisecond expression. */
export const bucketSql = (msExpression: string) => `width_bucket(${msExpression}, ${thresholdsSql})`;

/** The thresholds as a PostgreSQL array literal. */
export const thresholdsSql = `'{${durationThresholdsMs.join(',')}}'::bigint[]`;

/** SQL for the whole milliseconds between two timestamptz expressions. */
export const millisecondsSql = (from: string, to: string) => `(extract(epoch from (${to} - ${from})) * 1000)::bigint`;
