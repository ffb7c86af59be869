import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offers } from '../../../src/db/schema';
import { countOfferRows, type OfferRowCounts } from '../../helpers/db-counts';
import { createOrgFixture, csrfHeader, signIn, validTerms, type OrgFixture } from '../../helpers/factories';
import { expectProblem } from '../../helpers/problem';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';
import { badIntakeCases, type BadIntakeCase } from './bad-intake-cases';

let t: TestApp;
let fx: OrgFixture;
let other: OrgFixture;
let recruiter: string;
let draftId: string;
let initialCounts: OfferRowCounts;

/** The parts of the draft a refused PUT must not touch. */
async function draftState() {
  const [row] = await t.database.db
    .select({ rowVersion: offers.rowVersion, draftTerms: offers.draftTerms, title: offers.title, updatedAt: offers.updatedAt, journalSeq: offers.journalSeq })
    .from(offers)
    .where(eq(offers.id, draftId));
  return row!;
}

function send(c: BadIntakeCase) {
  const headers: Record<string, string> = { cookie: recruiter, ...csrfHeader };
  if (c.contentType) headers['content-type'] = c.contentType;
  if (c.method === 'PUT' && c.ifMatch !== null) headers['if-match'] = c.ifMatch ?? '"1"';
  const url = c.method === 'POST' ? '/api/v1/offers' : `/api/v1/offers/${c.offerId ?? draftId}/draft`;
  const payload = c.raw ?? (c.body ? JSON.stringify(c.body({ fx, other })) : undefined);
  if (c.body && !c.contentType) headers['content-type'] = 'application/json';
  return t.app.inject({ method: c.method, url, headers, ...(payload === undefined ? {} : { payload }) });
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await createOrgFixture(t.database.db);
  other = await createOrgFixture(t.database.db);
  recruiter = await signIn(t.app, fx.users.recruiter.email);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/offers',
    headers: { cookie: recruiter, ...csrfHeader },
    payload: { candidateId: fx.candidateId, requisitionId: fx.requisitionId, terms: validTerms(fx, TEST_NOW) },
  });
  expect(created.statusCode).toBe(201);
  draftId = created.json().id;
  initialCounts = await countOfferRows(t.database.db);
});
afterAll(() => t.close());

describe('bad intake', () => {
  it('covers at least 20 kinds of bad input on both write endpoints', () => {
    expect(badIntakeCases.length).toBeGreaterThanOrEqual(24);
    expect(badIntakeCases.some((c) => c.method === 'PUT')).toBe(true);
    expect(new Set(badIntakeCases.map((c) => `${c.method} ${c.name}`)).size).toBe(badIntakeCases.length);
  });

  it.each(badIntakeCases.map((c) => [`${c.method} ${c.name}`, c] as const))('%s → 4xx problem+json, nothing written', async (_name, c) => {
    const countsBefore = await countOfferRows(t.database.db);
    const draftBefore = await draftState();

    const res = await send(c);

    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    const body = expectProblem(res, c.status, { code: c.code, ...(c.fields ? { fields: c.fields } : {}) });
    // Nothing raw from a parser or the database reaches the client.
    expect(body.detail).not.toMatch(/FST_|ZodError|SQL|relation|stack/i);
    expect(await countOfferRows(t.database.db)).toEqual(countsBefore);
    expect(await draftState()).toEqual(draftBefore);
  });

  it('leaves the database as it was after every case', async () => {
    expect(await countOfferRows(t.database.db)).toEqual(initialCounts);
    const draft = await draftState();
    expect(draft.rowVersion).toBe(1);
    expect(draft.journalSeq).toBe(1);
    expect(draft.draftTerms).toEqual(JSON.parse(JSON.stringify(validTerms(fx, TEST_NOW))));
    const verdict = await t.app.inject({ url: `/api/v1/offers/${draftId}/journal/verify`, headers: { cookie: recruiter } });
    expect(verdict.json()).toMatchObject({ ok: true, length: 1 });
  });

  it('still accepts the untouched valid body, so the cases failed for their own reason', async () => {
    const ok = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/offers/${draftId}/draft`,
      headers: { cookie: recruiter, ...csrfHeader, 'if-match': '"1"' },
      payload: { terms: validTerms(fx, TEST_NOW, { title: 'Senior Backend Engineer' }) },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ rowVersion: 2, title: 'Senior Backend Engineer' });
  });
});
