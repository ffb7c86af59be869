import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOfferRows } from '../helpers/db-counts';
import { createOrgFixture, csrfHeader, signIn, validTerms, type OrgFixture } from '../helpers/factories';
import { expectProblem } from '../helpers/problem';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app';

let t: TestApp;
let fx: OrgFixture;
let other: OrgFixture;
let recruiter: string;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  fx = await createOrgFixture(t.database.db);
  other = await createOrgFixture(t.database.db);
  recruiter = await signIn(t.app, fx.users.recruiter.email);
  admin = await signIn(t.app, fx.users.admin.email);
});
afterAll(() => t.close());

const body = (title = 'Backend Engineer') => ({ candidateId: fx.candidateId, requisitionId: fx.requisitionId, terms: validTerms(fx, TEST_NOW, { title }) });

function post(key: string | undefined, payload: unknown, cookie = recruiter) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/offers',
    headers: { cookie, ...csrfHeader, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    payload: payload as object,
  });
}

const offerCount = async () => (await countOfferRows(t.database.db)).offers;

describe('Idempotency-Key on POST', () => {
  it('a retried request returns the first result and creates nothing twice', async () => {
    const key = `create-${randomUUID()}`;
    const before = await countOfferRows(t.database.db);

    const first = await post(key, body());
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const afterFirst = await countOfferRows(t.database.db);
    expect(afterFirst).toMatchObject({ offers: before.offers + 1, journal: before.journal + 1 });

    const retry = await post(key, body());
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.json()).toEqual(first.json());
    expect(await countOfferRows(t.database.db)).toEqual(afterFirst);

    // A third try, and a list of offers, still show exactly one.
    expect((await post(key, body())).json().id).toBe(first.json().id);
    const list = await t.app.inject({ url: '/api/v1/offers?limit=100', headers: { cookie: recruiter } });
    expect(list.json().items.filter((o: { id: string }) => o.id === first.json().id)).toHaveLength(1);
    expect(await offerCount()).toBe(before.offers + 1);
  });

  it('the same key with a different body gets 422 naming Idempotency-Key, and creates nothing', async () => {
    const key = `reuse-${randomUUID()}`;
    expect((await post(key, body('Backend Engineer'))).statusCode).toBe(201);
    const counts = await countOfferRows(t.database.db);

    const reused = await post(key, body('Frontend Engineer'));
    const p = expectProblem(reused, 422, { code: 'idempotency_key_reused', fields: ['Idempotency-Key'] });
    expect(p.detail).toContain(key);
    expect(reused.headers['idempotent-replayed']).toBeUndefined();
    expect(await countOfferRows(t.database.db)).toEqual(counts);
  });

  it('concurrent requests with the same key create one offer', async () => {
    const key = `race-${randomUUID()}`;
    const before = await offerCount();

    const responses = await Promise.all(Array.from({ length: 5 }, () => post(key, body('Concurrent Engineer'))));

    expect(await offerCount()).toBe(before + 1);
    const created = responses.filter((r) => r.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.json().id)).size).toBe(1);
    expect(created.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    // A request that arrives while the first is still running is told to retry, never served a second offer.
    for (const r of responses.filter((r) => r.statusCode !== 201)) expectProblem(r, 409, { code: 'idempotency_in_progress' });

    const retry = await post(key, body('Concurrent Engineer'));
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(created[0]!.json().id);
    expect(await offerCount()).toBe(before + 1);
  });

  it('keys are per user: another user sending the same key creates their own offer', async () => {
    const key = `shared-${randomUUID()}`;
    const mine = await post(key, body(), recruiter);
    const before = await offerCount();

    const theirs = await post(key, body(), admin);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
    expect(theirs.json().recruiterId).toBe(fx.users.admin.id);
    expect(await offerCount()).toBe(before + 1);

    // And each user's retry replays their own result.
    expect((await post(key, body(), recruiter)).json().id).toBe(mine.json().id);
    expect((await post(key, body(), admin)).json().id).toBe(theirs.json().id);
  });

  it('a 4xx first attempt is replayed as the same 4xx', async () => {
    const key = `refused-${randomUUID()}`;
    const refusedBody = { ...body(), candidateId: other.candidateId };
    const counts = await countOfferRows(t.database.db);

    const first = await post(key, refusedBody);
    expectProblem(first, 422, { code: 'validation_failed', fields: ['candidateId'] });
    const replay = await post(key, refusedBody);
    expectProblem(replay, 422, { code: 'validation_failed', fields: ['candidateId'] });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expect((await countOfferRows(t.database.db)).offers).toBe(counts.offers);
  });

  it('an invalid key is refused with 400 naming Idempotency-Key', async () => {
    const before = await countOfferRows(t.database.db);
    for (const key of ['has spaces in it', 'x'.repeat(201), 'semi;colon', 'ünïcode']) {
      expectProblem(await post(key, body()), 400, { code: 'invalid_request', fields: ['Idempotency-Key'] });
    }
    expect(await countOfferRows(t.database.db)).toEqual(before);
  });

  it('a retried submit replays its 200 instead of failing on the moved version', async () => {
    const created = (await post(undefined, body())).json();
    const key = `submit-${randomUUID()}`;
    const submit = () =>
      t.app.inject({ method: 'POST', url: `/api/v1/offers/${created.id}/submit`, headers: { cookie: recruiter, ...csrfHeader, 'if-match': '"1"', 'idempotency-key': key } });

    const first = await submit();
    expect(first.statusCode).toBe(200);
    const counts = await countOfferRows(t.database.db);
    const retry = await submit();
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await countOfferRows(t.database.db)).toEqual(counts);
    expect(counts.offerVersions).toBeGreaterThan(0);

    // Without the key the same stale request is a conflict, as it should be.
    const plain = await t.app.inject({ method: 'POST', url: `/api/v1/offers/${created.id}/submit`, headers: { cookie: recruiter, ...csrfHeader, 'if-match': '"1"' } });
    expectProblem(plain, 409);
  });

  it('requests without a key are not deduplicated', async () => {
    const before = await offerCount();
    expect((await post(undefined, body())).statusCode).toBe(201);
    expect((await post(undefined, body())).statusCode).toBe(201);
    expect(await offerCount()).toBe(before + 2);
  });
});
