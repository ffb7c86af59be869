import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../src/db/schema';
import { createOfferEventsService } from '../../src/offers/offer-events.service';
import { createOrgFixture, signIn, type OrgFixture } from '../helpers/factories';
import { offerApi } from '../helpers/offer-api';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app';

/**
 * Offer expiry on the job queue: each submitted version gets a timer at the end of its expiry
 * date in the recruiter's time zone; it expires an offer still with the candidate and leaves
 * any other offer alone. (Sending arrives with the candidate portal; here it is applied directly.)
 */
describe('offer expiry timer', () => {
  let t: TestApp;
  let fx: OrgFixture;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createOrgFixture(t.database.db);
  });
  afterAll(() => t.close());

  async function approvedOffer(expiresOn: string) {
    t.clock.set(TEST_NOW);
    const offers = offerApi(t.app, await signIn(t.app, fx.users.recruiter.email), fx);
    const draft = await offers.createDraft({ expiresOn });
    const submitted = (await offers.submit(draft.id, draft.rowVersion)).json();
    expect(submitted.status).toBe('drafting');
    const approved = (await offers.event(draft.id, submitted.rowVersion, 'packet_ready')).json();
    expect(approved.status).toBe('approved');
    return { id: draft.id as string, rowVersion: approved.rowVersion as number, offers };
  }

  it('expires a sent offer at the end of its expiry date, New York time, once', async () => {
    const { id, rowVersion } = await approvedOffer('2027-03-08');
    const [timer] = await t.database.db.select().from(jobs).where(and(eq(jobs.orgId, fx.orgId), eq(jobs.dedupeKey, `offer:${id}:expire:v1`)));
    expect(timer!.runAt.toISOString()).toBe('2027-03-09T05:00:00.000Z');
    await createOfferEventsService({ db: t.database.db, clock: t.clock }).applyEvent({ orgId: fx.orgId, userId: fx.users.recruiter.id }, id, { type: 'send' }, rowVersion);

    t.clock.set(new Date('2027-03-09T04:59:00.000Z'));
    await t.app.jobs.runDue();
    const offers = offerApi(t.app, await signIn(t.app, fx.users.recruiter.email), fx);
    expect((await offers.get(id)).json().status).toBe('sent');
    t.clock.set(new Date('2027-03-09T05:00:00.000Z'));
    await t.app.jobs.runDue();
    const after = offerApi(t.app, await signIn(t.app, fx.users.recruiter.email), fx);
    expect((await after.get(id)).json().status).toBe('expired');
    const last = (await after.journal(id)).at(-1)!;
    expect(last).toMatchObject({ type: 'offer.transitioned', data: { event: 'expire', from: 'sent', to: 'expired' } });
    expect((await after.verify(id)).ok).toBe(true);
  });

  it('leaves an offer that is not with the candidate alone', async () => {
    const { id } = await approvedOffer('2027-03-08');
    t.clock.set(new Date('2027-03-10T00:00:00.000Z'));
    await t.app.jobs.runDue();
    const offers = offerApi(t.app, await signIn(t.app, fx.users.recruiter.email), fx);
    expect((await offers.get(id)).json().status).toBe('approved');
  });
});
