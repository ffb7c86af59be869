import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerHandoffs } from '../../../src/db/schema';
import { handoffFields, type HandoffRecord } from '../../../src/flow/handoff/handoff-fields';
import { buildApp } from '../../../src/server/app';
import { createOrgFixture, signIn } from '../../helpers/factories';
import { createCliDatabase } from '../../helpers/cli-database';
import { offerApi } from '../../helpers/offer-api';
import { runCli } from '../../helpers/server-process';

let target: Awaited<ReturnType<typeof createCliDatabase>>;
const dir = mkdtempSync(join(tmpdir(), 'offerline-export-'));
const ids: string[] = [];

function record(offerId: string, handedOffAt: string, name: string): HandoffRecord {
  const r = Object.fromEntries(handoffFields.map((f) => [f, null])) as unknown as HandoffRecord;
  return { ...r, offerId, handedOffAt, candidateName: name, title: 'Backend Engineer', startDate: '2027-04-01', payBasis: 'salary', currency: 'USD', baseSalaryCents: 180_000_00, contingencies: 'background_check:cleared' };
}

beforeAll(async () => {
  target = await createCliDatabase();
  // Two handed-off offers, on 2027-03-10 and 2027-03-20, written straight to the tables the export reads.
  const database = await target.open();
  try {
    const app = await buildApp({ database });
    const fx = await createOrgFixture(database.db, 'exportorg');
    const api = offerApi(app, await signIn(app, fx.users.recruiter.email), fx);
    for (const [at, name] of [
      ['2027-03-10T12:00:00.000Z', 'Ada Lovelace'],
      ['2027-03-20T23:59:00.000Z', 'Grace "Amazing" Hopper, Jr.'],
    ] as const) {
      const offer = await api.createDraft();
      ids.push(offer.id);
      await database.db.insert(offerHandoffs).values({ offerId: offer.id, orgId: fx.orgId, versionNumber: 1, startDateConfirmed: '2027-04-01', record: record(offer.id, at, name), handedOffAt: new Date(at), createdAt: new Date(at) });
    }
    await app.close();
  } finally {
    await database.close();
  }
}, 120_000);
afterAll(async () => {
  await target.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('offerline export handoffs', () => {
  it('writes the handoff records of a date range as CSV to a file and as JSON to stdout', async () => {
    const out = join(dir, 'handoffs.csv');
    const csv = await runCli(['export', 'handoffs', '--from', '2027-03-01', '--to', '2027-03-20', '--format', 'csv', '--out', out], target.env);
    expect(csv.code, csv.output).toBe(0);
    expect(csv.output).toContain(`Wrote 2 handoff records to ${out}.`);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.offerId)).toEqual(ids);
    expect(Object.keys(rows[0]!)).toEqual([...handoffFields]);
    expect(rows[1]).toMatchObject({ candidateName: 'Grace "Amazing" Hopper, Jr.', baseSalaryCents: '18000000', startDate: '2027-04-01' });

    const json = await runCli(['export', 'handoffs', '--from', '2027-03-11', '--to', '2027-03-31', '--format', 'json', '--org', 'exportorg'], target.env);
    expect(json.code, json.output).toBe(0);
    const body = JSON.parse(json.output.slice(json.output.indexOf('{')));
    expect(body).toMatchObject({ from: '2027-03-11', to: '2027-03-31', fields: [...handoffFields] });
    expect(body.items.map((r: { offerId: string }) => r.offerId)).toEqual([ids[1]]);

    const bad = await runCli(['export', 'handoffs', '--from', '2027-02-30', '--to', '2027-03-31'], target.env);
    expect(bad.code).not.toBe(0);
    expect(bad.output).toContain('is not a date');
  }, 120_000);
});
