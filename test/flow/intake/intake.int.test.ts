import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, csrfHeader, signIn, validTerms, type OrgFixture } from '../../helpers/factories';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/test-app';

let t: TestApp;
let fx: OrgFixture;
let recruiter: string;

beforeAll(async () => {
  t = await createTestApp();
  fx = await createOrgFixture(t.database.db);
  recruiter = await signIn(t.app, fx.users.recruiter.email);
});
afterAll(() => t.close());

async function createOffer(overrides = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/offers',
    headers: { cookie: recruiter, ...csrfHeader },
    payload: { candidateId: fx.candidateId, requisitionId: fx.requisitionId, terms: validTerms(fx, TEST_NOW, overrides) },
  });
}

describe('intake', () => {
  it('creates a draft, journals it, and shows it in the list', async () => {
    const res = await createOffer();
    expect(res.statusCode).toBe(201);
    const offer = res.json();
    expect(offer).toMatchObject({ status: 'draft', rowVersion: 1, currentVersion: 0, candidate: { name: 'Ada Lovelace' } });
    expect(res.headers.etag).toBe('"1"');

    const list = await t.app.inject({ url: '/api/v1/offers', headers: { cookie: recruiter } });
    expect(list.json().items.map((o: { id: string }) => o.id)).toContain(offer.id);

    const journal = await t.app.inject({ url: `/api/v1/offers/${offer.id}/journal`, headers: { cookie: recruiter } });
    expect(journal.json()).toEqual([expect.objectContaining({ seq: 1, type: 'offer.created', actorId: fx.users.recruiter.id })]);
  });

  it('prefills terms from the requisition and its band', async () => {
    const res = await t.app.inject({ url: `/api/v1/intake/prefill?requisitionId=${fx.requisitionId}`, headers: { cookie: recruiter } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      terms: { title: 'Backend Engineer', level: 'L4', departmentId: fx.departmentId, compensation: { payBasis: 'salary', baseSalaryCents: 175_000_00 } },
      band: { midCents: 175_000_00 },
    });
  });

  it('edits a draft with If-Match, then submits it into version 1', async () => {
    const created = (await createOffer()).json();
    const edited = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/offers/${created.id}/draft`,
      headers: { cookie: recruiter, ...csrfHeader, 'if-match': '"1"' },
      payload: { terms: validTerms(fx, TEST_NOW, { title: 'Staff Backend Engineer' }) },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'Staff Backend Engineer', rowVersion: 2 });

    const submitted = await t.app.inject({ method: 'POST', url: `/api/v1/offers/${created.id}/submit`, headers: { cookie: recruiter, ...csrfHeader, 'if-match': '"2"' } });
    expect(submitted.statusCode).toBe(200);
    // No approval policy exists yet, so both approval phases are skipped: the offer waits for its packet.
    expect(submitted.json()).toMatchObject({ status: 'drafting', currentVersion: 1, terms: { title: 'Staff Backend Engineer' } });

    const versions = await t.app.inject({ url: `/api/v1/offers/${created.id}/versions`, headers: { cookie: recruiter } });
    expect(versions.json()).toHaveLength(1);
    const verdict = await t.app.inject({ url: `/api/v1/offers/${created.id}/journal/verify`, headers: { cookie: recruiter } });
    expect(verdict.json()).toMatchObject({ ok: true, length: 4 });
  });

  it('refuses an edit once the offer is no longer a draft', async () => {
    const created = (await createOffer()).json();
    await t.app.inject({ method: 'POST', url: `/api/v1/offers/${created.id}/submit`, headers: { cookie: recruiter, ...csrfHeader, 'if-match': '"1"' } });
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/offers/${created.id}/draft`,
      headers: { cookie: recruiter, ...csrfHeader, 'if-match': '"2"' },
      payload: { terms: validTerms(fx, TEST_NOW) },
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
