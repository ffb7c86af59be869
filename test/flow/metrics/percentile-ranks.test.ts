import fc from 'fast-check';
import { expect, it } from 'vitest';
import { bucketOf } from '../../../src/offers/duration-buckets';
import { percentilesOf, planPercentiles, probeKey, probesOf, type BucketCount } from '../../../src/flow/metrics/percentile-ranks';

/** PostgreSQL's percentile_cont over a list. */
function percentileCont(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (position - lower) * (sorted[upper]! - sorted[lower]!);
}

it('percentiles read from bucket counts and a few probes equal percentile_cont over every value', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom('sent', 'draft', 'comp_review'), fc.array(fc.integer({ min: 0, max: 30 * 86_400_000 }), { minLength: 1, maxLength: 300 }), { minKeys: 1 }),
      (groups) => {
        const counts: BucketCount[] = [];
        const inBucket = new Map<string, number[]>();
        for (const [group, values] of Object.entries(groups)) {
          for (const v of values) {
            const key = `${group}|${bucketOf(v)}`;
            inBucket.set(key, [...(inBucket.get(key) ?? []), v]);
          }
        }
        for (const [key, values] of inBucket) {
          const [group, bucket] = key.split('|');
          counts.push({ group: group!, bucket: Number(bucket), count: values.length });
        }
        const plans = planPercentiles(counts, [0.5, 0.9]);
        const read = new Map(probesOf(plans).map((p) => [probeKey(p), [...inBucket.get(`${p.group}|${p.bucket}`)!].sort((a, b) => a - b)[p.offset]!]));
        for (const [group, values] of Object.entries(groups)) {
          const plan = plans.get(group)!;
          expect(plan.count).toBe(values.length);
          const [median, p90] = percentilesOf(plan, (p) => read.get(probeKey(p))!);
          expect(median).toBeCloseTo(percentileCont(values, 0.5), 6);
          expect(p90).toBeCloseTo(percentileCont(values, 0.9), 6);
        }
      },
    ),
  );
});

it('needs at most four probes per group for a median and a p90', () => {
  const counts: BucketCount[] = Array.from({ length: 40 }, (_, b) => ({ group: 'sent', bucket: b, count: 1000 }));
  expect(probesOf(planPercentiles(counts, [0.5, 0.9])).length).toBeLessThanOrEqual(4);
});
