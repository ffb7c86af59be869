import { randomBytes } from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimits } from '../../../src/db/schema';
import { createOfferEventsService } from '../../../src/offers/offer-events.service';
import { revokeLinksOnMove } from '../../../src/flow/portal/portal.module';
import { CONSENT_VERSION } from '../../../src/flow/signing/consent';
import { TEST_NOW } from '../../helpers/test-app';
import { portalFixture, typedSignature, type PortalFixture } from './portal-fixture';

/**
 * Tokens the portal refuses: expired, revoked (a new version, a rescind, a decline), used up,
 * never issued, or pointing at another offer's document. A refused link reads the same whether
 * an offer is behind it or not, and guessing tokens from one address ends in the same 429 for
 * every link, real or not.
 */
describe('portal tokens', () => {
  let p: PortalFixture;
  const neverIssued = () => `ocl_${randomBytes(24).toString('base64url')}`;
  /** What a refused link answers, without what may differ between requests. */
  const refusal = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => ({
    status: res.statusCode,
    type: String(res.headers['content-type']),
    body: res.json(),
  });
  let unknownAnswer: ReturnType<typeof refusal>;

  beforeAll(async () => {
    p = await portalFixture({ trustProxy: true, portalLimits: { perIp: { max: 40, windowSeconds: 600 }, failedLookupsPerIp: { max: 6, windowSeconds: 600 }, codesPerLink: { max: 2, windowSeconds: 3600 } } });
    unknownAnswer = refusal(await p.portal(neverIssued(), undefined, undefined, '192.0.2.1'));
  });
  afterAll(() => p.t.close());

  it('answers a never-issued token with a not-found problem that says nothing about any offer', () => {
    expect(unknownAnswer.status).toBe(404);
    expect(unknownAnswer.type).toContain('application/problem+json');
    expect(unknownAnswer.body).toMatchObject({ title: 'Not found', code: 'not_found' });
    expect(JSON.stringify(unknownAnswer.body)).not.toMatch(/ocl_|offer id|[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('an expired link answers exactly like a never-issued one', async () => {
    const { token } = await p.sentOffer();
    expect((await p.portal(token, undefined, undefined, '192.0.2.2')).statusCode).toBe(200);
    p.t.clock.set(new Date('2027-03-09T05:00:00.000Z'));
    expect(refusal(await p.portal(token, undefined, undefined, '192.0.2.2'))).toEqual(unknownAnswer);
    expect(refusal(await p.portal(token, 'decline', { reason: 'other' }, '192.0.2.2'))).toEqual(unknownAnswer);
    p.t.clock.set(TEST_NOW);
  });

  it('a link revoked by a rescind answers exactly like a never-issued one', async () => {
    const { id, token, rowVersion } = await p.sentOffer();
    expect((await p.offers.event(id, rowVersion, 'rescind', 'Position closed')).statusCode).toBe(200);
    expect(refusal(await p.portal(token, undefined, undefined, '192.0.2.3'))).toEqual(unknownAnswer);
    expect(refusal(await p.portal(token, 'code', undefined, '192.0.2.3'))).toEqual(unknownAnswer);
  });

  it('a link revoked by a new version (from negotiating) answers exactly like a never-issued one', async () => {
    const { id, token } = await p.sentOffer();
    const asked = await p.portal(token, 'changes', { changes: [{ field: 'startDate', asked: '2027-05-03' }], comment: '' }, '192.0.2.4');
    expect(asked.statusCode, asked.body).toBe(200);
    // No endpoint starts a new version yet (issue 7): the lifecycle event is applied as that stage will apply it.
    const events = createOfferEventsService({ db: p.t.database.db, clock: p.t.clock, hooks: { contextFor: async () => undefined, afterMove: revokeLinksOnMove(p.t.clock) } });
    const moved = await events.applyEvent({ orgId: p.fx.orgId, userId: p.fx.users.recruiter.id }, id, { type: 'new_version' });
    expect(moved.status).toBe('draft');
    expect(refusal(await p.portal(token, undefined, undefined, '192.0.2.4'))).toEqual(unknownAnswer);
    const journal = await p.offers.journal(id);
    expect(journal.find((e) => e.type === 'offer.links_revoked')!.data).toEqual({ count: 1, reason: 'draft' });
  });

  it("a valid link does not open another offer's document", async () => {
    const first = await p.sentOffer();
    const second = await p.sentOffer({ title: 'Staff Engineer' });
    const docOfSecond = (await p.portal(second.token, undefined, undefined, '192.0.2.5')).json().documents[0].sha256 as string;
    const docOfFirst = (await p.portal(first.token, undefined, undefined, '192.0.2.5')).json().documents[0].sha256 as string;
    expect(docOfFirst).not.toBe(docOfSecond);
    const res = await p.t.app.inject({ url: `/api/v1/portal/${first.token}/documents/${docOfSecond}`, headers: { 'x-forwarded-for': '192.0.2.5' } });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(second.id);
    expect((await p.t.app.inject({ url: `/api/v1/portal/${second.token}/documents/${docOfSecond}`, headers: { 'x-forwarded-for': '192.0.2.5' } })).statusCode).toBe(200);
  });

  it('a used link takes no second answer: sign twice, or decline and then sign', async () => {
    const ip = '192.0.2.6';
    const signed = await p.sentOffer();
    expect((await p.portal(signed.token, 'code', undefined, ip)).statusCode).toBe(200);
    const code = await p.latestCode();
    expect((await p.portal(signed.token, 'sign', typedSignature(code, CONSENT_VERSION), ip)).statusCode).toBe(200);
    const again = await p.portal(signed.token, 'sign', typedSignature(code, CONSENT_VERSION), ip);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('no longer waiting for your answer');

    const declined = await p.sentOffer();
    expect((await p.portal(declined.token, 'code', undefined, ip)).statusCode).toBe(200);
    const code2 = await p.latestCode();
    expect((await p.portal(declined.token, 'decline', { reason: 'timing' }, ip)).statusCode).toBe(200);
    expect(refusal(await p.portal(declined.token, 'sign', typedSignature(code2, CONSENT_VERSION), ip))).toEqual(unknownAnswer);
    expect(refusal(await p.portal(declined.token, 'decline', { reason: 'timing' }, ip))).toEqual(unknownAnswer);
  });

  it('limits the codes e-mailed for one link', async () => {
    const { token } = await p.sentOffer();
    expect((await p.portal(token, 'code', undefined, '192.0.2.7')).statusCode).toBe(200);
    expect((await p.portal(token, 'code', undefined, '192.0.2.7')).statusCode).toBe(200);
    const third = await p.portal(token, 'code', undefined, '192.0.2.7');
    expect(third.statusCode).toBe(429);
    expect(third.headers['content-type']).toContain('application/problem+json');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect((await p.candidateMail()).filter((m) => m.subject.startsWith('Your signing code'))).toHaveLength(2 + 2);
  });

  it('guessing tokens from one address ends in a 429 that is the same for a real link', async () => {
    const { token } = await p.sentOffer();
    const guesser = '203.0.113.99';
    for (let i = 0; i < 6; i++) expect((await p.portal(neverIssued(), undefined, undefined, guesser)).statusCode).toBe(404);
    const guessed = await p.portal(neverIssued(), undefined, undefined, guesser);
    const real = await p.portal(token, undefined, undefined, guesser);
    const realPost = await p.portal(token, 'code', undefined, guesser);
    expect(guessed.statusCode).toBe(429);
    expect(refusal(real)).toEqual(refusal(guessed));
    expect(refusal(realPost)).toEqual(refusal(guessed));
    expect(real.headers['retry-after']).toBe(guessed.headers['retry-after']);
    expect(guessed.json()).toMatchObject({ status: 429, code: 'too_many_requests' });
    // Another address is not held back; the limit is counted in the shared table.
    expect((await p.portal(token, undefined, undefined, '198.51.100.1')).statusCode).toBe(200);
    const [row] = await p.t.database.db.select().from(rateLimits).where(eq(rateLimits.key, `portal:fail:${guesser}`));
    expect(row!.count).toBe(6);
    // The window passes: the address may try again.
    p.t.clock.set(new Date(TEST_NOW.getTime() + 11 * 60_000));
    expect((await p.portal(token, undefined, undefined, guesser)).statusCode).toBe(200);
    p.t.clock.set(TEST_NOW);
  });

  it('limits all portal requests from one address, and drops old counters', async () => {
    const { token } = await p.sentOffer();
    const busy = '203.0.113.50';
    for (let i = 0; i < 40; i++) expect((await p.portal(token, undefined, undefined, busy)).statusCode).toBe(200);
    const over = await p.portal(token, undefined, undefined, busy);
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(await p.t.database.db.select().from(rateLimits).where(like(rateLimits.key, `portal:ip:${busy}`))).toHaveLength(1);
    // Two days on, the first request of a new window clears counters older than a day.
    p.t.clock.set(new Date(TEST_NOW.getTime() + 2 * 24 * 3600_000));
    await p.portal(neverIssued(), undefined, undefined, '203.0.113.51');
    const left = await p.t.database.db.select().from(rateLimits);
    expect(left.every((r) => r.windowStart.getTime() >= TEST_NOW.getTime() + 24 * 3600_000)).toBe(true);
    p.t.clock.set(TEST_NOW);
  });
});
