import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bucketOf, bucketSql, durationThresholdsMs } from '../../src/offers/duration-buckets';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it("the database's width_bucket puts every duration where bucketOf does, thresholds included", async () => {
  const samples = [0, 1, 59_999, 60_000, 86_400_000, 80_000_000_000, ...durationThresholdsMs.flatMap((v) => [v - 1, v, v + 1])];
  for (let i = 0; i < 200; i++) samples.push(Math.floor(Math.random() * 40_000_000_000));
  const result = (await t.database.db.execute(
    // Values are integers made here, not input; one statement checks them all.
    sql.raw(`select v::bigint as ms, ${bucketSql('v::bigint')} as bucket from unnest('{${samples.join(',')}}'::bigint[]) as v`),
  )) as unknown as { rows: { ms: string | number; bucket: number }[] };
  expect(result.rows).toHaveLength(samples.length);
  for (const row of result.rows) expect(Number(row.bucket), `${row.ms} ms`).toBe(bucketOf(Number(row.ms)));
});
