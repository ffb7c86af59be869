import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock';
import { hashJournalRow } from '../../src/core/journal';
import type { Database, Db } from '../../src/db/client';
import { journal, offerVersions } from '../../src/db/schema';
import { toLink } from '../../src/journal/journal.repo';
import { buildApp } from '../../src/server/app';
import { createCliDatabase } from '../helpers/cli-database';
import { createOrgFixture, signIn, type OrgFixture } from '../helpers/factories';
import { offerApi, type OfferApi } from '../helpers/offer-api';
import { runCli } from '../helpers/server-process';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app';

/**
 * The journal is append-only in the database, and the hash chain catches what a
 * privileged attacker does once the guards are switched off: each kind of
 * tampering is reported with the first entry that no longer holds.
 */
let t: TestApp;
let fx: OrgFixture;
let api: OfferApi;
let db: Db;

beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
  fx = await createOrgFixture(db);
  api = offerApi(t.app, await signIn(t.app, fx.users.recruiter.email), fx);
});
afterAll(() => t.close());

/** An offer with five entries: created, two draft edits, version 1 created, submitted. */
async function offerWithHistory(): Promise<string> {
  const offer = await api.createDraft();
  expect((await api.putDraft(offer.id, 1, { title: 'Platform Engineer' })).statusCode).toBe(200);
  expect((await api.putDraft(offer.id, 2, { level: 'L5' })).statusCode).toBe(200);
  expect((await api.submit(offer.id, 3)).statusCode).toBe(200);
  const verdict = await api.verify(offer.id);
  expect(verdict).toMatchObject({ ok: true, length: 5 });
  return offer.id;
}

const entry = (offerId: string, seq: number) => and(eq(journal.offerId, offerId), eq(journal.seq, seq));

async function rows(offerId: string) {
  return (await db.select().from(journal).where(eq(journal.offerId, offerId)).orderBy(asc(journal.seq))).map(toLink);
}

/** What an attacker with owner rights does first: switch the guards off. Switched back on afterwards. */
async function asAttacker(tamper: () => Promise<unknown>) {
  await t.database.exec('ALTER TABLE journal DISABLE TRIGGER journal_append_only');
  await t.database.exec('ALTER TABLE offer_versions DISABLE TRIGGER offer_versions_immutable');
  try {
    await tamper();
  } finally {
    await t.database.exec('ALTER TABLE journal ENABLE TRIGGER journal_append_only');
    await t.database.exec('ALTER TABLE offer_versions ENABLE TRIGGER offer_versions_immutable');
  }
}

/** The database's own refusal, whether it comes straight from the driver or wrapped by drizzle. */
async function expectRefused(statement: PromiseLike<unknown>, table: string, op: string) {
  const err = await Promise.resolve(statement).then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error & { code?: string }; code?: string },
  );
  expect(err, `${op} on ${table} should be refused`).not.toBeNull();
  const cause = err!.cause ?? err!;
  expect(cause.message).toBe(`${table} rows are immutable (${op} refused)`);
  expect(cause.code).toBe('23001'); // restrict_violation
}

describe('the database guards the journal', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on journal rows and on versions', async () => {
    const id = await offerWithHistory();
    await expectRefused(db.update(journal).set({ data: { changedFields: [] } }).where(entry(id, 2)), 'journal', 'UPDATE');
    await expectRefused(t.database.exec(`UPDATE journal SET at = at + interval '1 day' WHERE offer_id = '${id}'`), 'journal', 'UPDATE');
    await expectRefused(db.delete(journal).where(entry(id, 5)), 'journal', 'DELETE');
    await expectRefused(t.database.exec(`DELETE FROM journal WHERE offer_id = '${id}'`), 'journal', 'DELETE');
    await expectRefused(db.update(offerVersions).set({ terms: {} }).where(eq(offerVersions.offerId, id)), 'offer_versions', 'UPDATE');
    await expectRefused(db.delete(offerVersions).where(eq(offerVersions.offerId, id)), 'offer_versions', 'DELETE');
    await expectRefused(t.database.exec('TRUNCATE journal'), 'journal', 'TRUNCATE');
    await expectRefused(t.database.exec('TRUNCATE offer_versions'), 'offer_versions', 'TRUNCATE');

    expect(await rows(id)).toHaveLength(5);
    expect(await api.verify(id)).toMatchObject({ ok: true, length: 5 });
  });
});

describe('verification detects tampering with the guards switched off', () => {
  it("editing one row's data", async () => {
    const id = await offerWithHistory();
    await asAttacker(() => db.update(journal).set({ data: { changedFields: ['compensation.baseSalaryCents'] } }).where(entry(id, 2)));
    expect(await api.verify(id)).toMatchObject({ ok: false, length: 5, brokenAtSeq: 2, reason: expect.stringContaining('changed after it was written') });
  });

  it("editing one row's time", async () => {
    const id = await offerWithHistory();
    await asAttacker(() => t.database.exec(`UPDATE journal SET at = at - interval '3 days' WHERE offer_id = '${id}' AND seq = 3`));
    expect(await api.verify(id)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: expect.stringContaining('changed after it was written') });
  });

  it('deleting a middle row', async () => {
    const id = await offerWithHistory();
    await asAttacker(() => db.delete(journal).where(entry(id, 3)));
    expect(await api.verify(id)).toMatchObject({ ok: false, length: 4, brokenAtSeq: 3, reason: expect.stringContaining('missing or out of order') });
  });

  it('deleting the last row (caught by the head recorded on the offer)', async () => {
    const id = await offerWithHistory();
    await asAttacker(() => db.delete(journal).where(entry(id, 5)));
    // The four rows left form a valid chain by themselves; only the offer's head shows one is gone.
    expect(await api.verify(id)).toMatchObject({ ok: false, length: 4, brokenAtSeq: 5, reason: expect.stringContaining('records 5 entries') });
  });

  it('deleting every row of the offer', async () => {
    const id = await offerWithHistory();
    await asAttacker(() => db.delete(journal).where(eq(journal.offerId, id)));
    expect(await api.verify(id)).toMatchObject({ ok: false, length: 0, brokenAtSeq: 1 });
  });

  it('swapping the seq of two rows (reorder)', async () => {
    const id = await offerWithHistory();
    await asAttacker(async () => {
      await db.update(journal).set({ seq: 1000 }).where(entry(id, 2));
      await db.update(journal).set({ seq: 2 }).where(entry(id, 3));
      await db.update(journal).set({ seq: 3 }).where(entry(id, 1000));
    });
    expect(await api.verify(id)).toMatchObject({ ok: false, brokenAtSeq: 2, reason: expect.stringContaining('out of order') });
  });

  it("editing a frozen version's terms (caught by the terms hash in the journal)", async () => {
    const id = await offerWithHistory();
    await asAttacker(() =>
      t.database.exec(`UPDATE offer_versions SET terms = jsonb_set(terms, '{compensation,baseSalaryCents}', '99999999') WHERE offer_id = '${id}' AND number = 1`),
    );
    const versions = await api.versions(id);
    expect(versions[0]!.terms).toMatchObject({ compensation: { baseSalaryCents: 99_999_999 } });
    // The chain itself is intact; the version_created entry (seq 4) no longer matches the terms.
    expect(await api.verify(id)).toMatchObject({ ok: false, brokenAtSeq: 4, reason: expect.stringContaining("version 1's terms") });
  });

  it('deleting a frozen version (caught by the version_created entry that records it)', async () => {
    const id = await offerWithHistory();
    await asAttacker(() => db.delete(offerVersions).where(eq(offerVersions.offerId, id)));
    expect(await api.versions(id)).toEqual([]);
    expect(await api.verify(id)).toMatchObject({ ok: false, brokenAtSeq: 4, reason: expect.stringContaining('version 1') });
  });

  it('re-hashing an edited row without fixing the next link', async () => {
    const id = await offerWithHistory();
    const [, second] = await rows(id);
    const forged = { ...second!, data: { changedFields: ['title', 'compensation.baseSalaryCents'] } };
    const forgedHash = hashJournalRow(second!.prevHash, forged);
    await asAttacker(() => db.update(journal).set({ data: forged.data, hash: forgedHash }).where(entry(id, 2)));

    // Entry 2 now checks out by itself, so the break shows at entry 3, whose link points at the old hash.
    expect(await api.verify(id)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: expect.stringContaining('does not point at the hash of entry 2') });
  });

  it('re-hashing the rest of the chain after an edit (caught by the head recorded on the offer)', async () => {
    const id = await offerWithHistory();
    const links = await rows(id);
    await asAttacker(async () => {
      let prev = links[0]!.hash;
      for (const link of links.slice(1)) {
        const forged = { ...link, prevHash: prev, ...(link.seq === 2 ? { data: { changedFields: ['level'] } } : {}) };
        const hash = hashJournalRow(prev, forged);
        await db.update(journal).set({ data: forged.data, prevHash: prev, hash }).where(entry(id, link.seq));
        prev = hash;
      }
    });
    // Every link holds, but the last entry is not the one the offer recorded as its head.
    expect(await api.verify(id)).toMatchObject({ ok: false, length: 5, brokenAtSeq: 5, reason: expect.stringContaining('records 5 entries') });
  });

  it('other offers stay intact while one is tampered with', async () => {
    const clean = await offerWithHistory();
    const tampered = await offerWithHistory();
    await asAttacker(() => db.update(journal).set({ type: 'offer.cancelled' }).where(entry(tampered, 1)));
    expect(await api.verify(tampered)).toMatchObject({ ok: false, brokenAtSeq: 1 });
    expect(await api.verify(clean)).toMatchObject({ ok: true, length: 5 });
  });
});

describe('offerline journal verify', () => {
  it('exits 0 with "intact" on a clean database, and 2 with BROKEN naming the offer and entry after tampering', async () => {
    const target = await createCliDatabase();
    try {
      const ids = await withDatabase(target, async (database) => {
        const app = await buildApp({ database, clock: fixedClock(TEST_NOW) });
        try {
          const org = await createOrgFixture(database.db);
          const cli = offerApi(app, await signIn(app, org.users.recruiter.email), org);
          const clean = await cli.createDraft();
          const tampered = await cli.createDraft();
          expect((await cli.putDraft(tampered.id, 1, { title: 'Platform Engineer' })).statusCode).toBe(200);
          expect((await cli.submit(tampered.id, 2)).statusCode).toBe(200);
          return { clean: clean.id, tampered: tampered.id };
        } finally {
          await app.close();
        }
      });

      const intact = await runCli(['journal', 'verify'], target.env);
      expect(intact.output).toContain('2 of 2 offer journals intact.');
      expect(intact.output).not.toContain('BROKEN');
      expect(intact.code).toBe(0);

      await withDatabase(target, async (database) => {
        await database.exec('ALTER TABLE journal DISABLE TRIGGER journal_append_only');
        await database.db.update(journal).set({ data: { changedFields: ['compensation.baseSalaryCents'] } }).where(entry(ids.tampered, 2));
        await database.exec('ALTER TABLE journal ENABLE TRIGGER journal_append_only');
      });

      const broken = await runCli(['journal', 'verify'], target.env);
      expect(broken.output).toContain(`BROKEN  offer ${ids.tampered}: entry 2: entry 2 was changed after it was written`);
      expect(broken.output).not.toContain(`offer ${ids.clean}`);
      expect(broken.output).toContain('1 of 2 offer journals intact.');
      expect(broken.code).toBe(2);

      const onlyClean = await runCli(['journal', 'verify', '--offer', ids.clean], target.env);
      expect(onlyClean.output).toContain('1 of 1 offer journals intact.');
      expect(onlyClean.code).toBe(0);
      const onlyTampered = await runCli(['journal', 'verify', '--offer', ids.tampered], target.env);
      expect(onlyTampered.output).toContain(`BROKEN  offer ${ids.tampered}: entry 2`);
      expect(onlyTampered.code).toBe(2);
    } finally {
      await target.dispose();
    }
  }, 180_000);
});

/** Opens the CLI's database in this process, runs `use`, and closes it again so the CLI can take its turn. */
async function withDatabase<T>(target: Awaited<ReturnType<typeof createCliDatabase>>, use: (database: Database) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}
