import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Actor } from '../../src/core/actor';
import { AppError, TransitionNotAllowedError } from '../../src/core/errors';
import { offerEventTypes, offerStatuses, transition, type OfferEventType, type OfferStatus, type TransitionContext } from '../../src/core/lifecycle';
import { replayStatus, type TransitionRecord } from '../../src/core/replay';
import { createIntakeService } from '../../src/flow/intake/intake.service';
import { offerTermsSchema } from '../../src/flow/intake/offer-terms.schema';
import { listJournalRows } from '../../src/journal/journal.repo';
import { verifyOfferJournal } from '../../src/journal/journal.service';
import { createOfferEventsService } from '../../src/offers/offer-events.service';
import { findOffer } from '../../src/offers/offers.repo';
import { toProblem } from '../../src/server/plugins/errors';
import { createOrgFixture, validTerms, type OrgFixture } from '../helpers/factories';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app';

let t: TestApp;
let fx: OrgFixture;
let intake: ReturnType<typeof createIntakeService>;
let events: ReturnType<typeof createOfferEventsService>;
let actor: Actor;

beforeAll(async () => {
  t = await createTestApp();
  fx = await createOrgFixture(t.database.db);
  intake = createIntakeService({ db: t.database.db, clock: t.clock });
  events = createOfferEventsService({ db: t.database.db, clock: t.clock });
  actor = { orgId: fx.orgId, userId: fx.users.recruiter.id, roles: [{ role: 'recruiter', businessUnitId: null }] };
});
afterAll(() => t.close());

const comp: TransitionContext = { compStepsPending: true, packetStepsPending: false };
const packet: TransitionContext = { compStepsPending: false, packetStepsPending: true };
type Step = [OfferEventType, TransitionContext?];

/** A path of events from a new draft to each state. */
const pathTo: Record<OfferStatus, Step[]> = {
  draft: [],
  comp_review: [['submit', comp]],
  drafting: [['submit']],
  in_approval: [['submit'], ['packet_ready', packet]],
  approved: [['submit'], ['packet_ready']],
  sent: [['submit'], ['packet_ready'], ['send']],
  negotiating: [['submit'], ['packet_ready'], ['send'], ['change_requested']],
  signed: [['submit'], ['packet_ready'], ['send'], ['sign']],
  accepted: [['submit'], ['packet_ready'], ['send'], ['sign'], ['complete']],
  handed_off: [['submit'], ['packet_ready'], ['send'], ['sign'], ['complete'], ['hand_off']],
  declined: [['submit'], ['packet_ready'], ['send'], ['decline']],
  expired: [['submit'], ['packet_ready'], ['send'], ['expire']],
  cancelled: [['cancel']],
  rescinded: [['submit'], ['packet_ready'], ['send'], ['rescind']],
  withdrawn: [['withdraw']],
};

async function newDraft() {
  const terms = offerTermsSchema.parse(validTerms(fx, TEST_NOW));
  return intake.createOffer(actor, { candidateId: fx.candidateId, requisitionId: fx.requisitionId, terms });
}

async function offerIn(state: OfferStatus) {
  const offer = await newDraft();
  for (const [type, context] of pathTo[state]) await events.applyEvent(actor, offer.id, { type, context });
  const row = (await findOffer(t.database.db, fx.orgId, offer.id))!;
  expect(row.status).toBe(state);
  return row;
}

async function replayFromJournal(offerId: string) {
  const rows = await listJournalRows(t.database.db, fx.orgId, offerId);
  const records = rows.filter((r) => r.type === 'offer.transitioned').map((r) => r.data as unknown as TransitionRecord);
  return replayStatus(records);
}

describe('lifecycle applied by the database', () => {
  it.each(offerStatuses)('from %s: allowed events move, refused ones get 409 naming state and event', async (state) => {
    const offer = await offerIn(state);
    for (const event of offerEventTypes) {
      const expected = transition(state, event);
      if (expected.ok) {
        const moved = await events.applyEvent(actor, (await offerIn(state)).id, { type: event });
        expect(moved.status).toBe(expected.to);
        continue;
      }
      const err = await events.applyEvent(actor, offer.id, { type: event }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransitionNotAllowedError);
      const problem = toProblem(err as AppError as never);
      expect(problem.status).toBe(409);
      expect(problem.detail).toContain(`"${state}"`);
      expect(problem.detail).toContain(`"${event}"`);
    }
    // Every refusal left the offer exactly as it was.
    const after = (await findOffer(t.database.db, fx.orgId, offer.id))!;
    expect(after).toMatchObject({ status: state, rowVersion: offer.rowVersion, journalSeq: offer.journalSeq });
  });

  it('random event sequences never reach an illegal state, and replaying the journal rebuilds the stored status', async () => {
    const step = fc.record({
      type: fc.constantFrom(...offerEventTypes),
      context: fc.record({ compStepsPending: fc.boolean(), packetStepsPending: fc.boolean() }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const offer = await newDraft();
        let status: OfferStatus = 'draft';
        for (const s of steps) {
          const want = transition(status, s.type, s.context);
          const result = await events.applyEvent(actor, offer.id, s).catch((e: unknown) => e);
          if (want.ok) {
            expect((result as { status: string }).status).toBe(want.to);
            status = want.to;
          } else {
            expect(result).toBeInstanceOf(TransitionNotAllowedError);
          }
        }
        const stored = (await findOffer(t.database.db, fx.orgId, offer.id))!;
        expect(offerStatuses).toContain(stored.status);
        expect(stored.status).toBe(status);
        expect(await replayFromJournal(offer.id)).toEqual({ ok: true, status: stored.status });
        expect(await verifyOfferJournal(t.database.db, fx.orgId, offer.id)).toMatchObject({ ok: true });
      }),
      { numRuns: 60 },
    );
  });
});
