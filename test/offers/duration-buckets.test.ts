import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, durationThresholdsMs } from '../../src/offers/duration-buckets';

describe('duration buckets', () => {
  it('thresholds rise by about 13% each, from 8 seconds to over two years', () => {
    expect(durationThresholdsMs[0]).toBe(7_989);
    expect(durationThresholdsMs.at(-1)!).toBeGreaterThan(2 * 365 * 86_400_000);
    for (let i = 1; i < durationThresholdsMs.length; i++) expect(durationThresholdsMs[i]!).toBeGreaterThan(durationThresholdsMs[i - 1]!);
  });

  it('a duration falls in the bucket whose thresholds bound it, as width_bucket counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80_000_000_000 }), (ms) => {
        const b = bucketOf(ms);
        expect(b).toBe(durationThresholdsMs.filter((t) => t <= ms).length);
        if (b > 0) expect(durationThresholdsMs[b - 1]!).toBeLessThanOrEqual(ms);
        if (b < durationThresholdsMs.length) expect(durationThresholdsMs[b]!).toBeGreaterThan(ms);
      }),
    );
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(7_988)).toBe(0);
    expect(bucketOf(7_989)).toBe(1);
  });
});
