import { describe, expect, it } from 'vitest';
import {
  isTerminal,
  offerEventTypes,
  offerStatuses,
  statesAllowing,
  transition,
  type OfferEventType,
  type OfferStatus,
  type TransitionContext,
} from '../../src/core/lifecycle';

/**
 * The lifecycle of DESIGN §2 written out by hand, independently of the table in
 * src/core/lifecycle.ts. Keys are "state event"; values are the next state for
 * each approval context (none pending / comp pending / packet pending / both).
 */
const none: TransitionContext = { compStepsPending: false, packetStepsPending: false };
const comp: TransitionContext = { compStepsPending: true, packetStepsPending: false };
const packet: TransitionContext = { compStepsPending: false, packetStepsPending: true };
const contexts = [none, comp, packet, { compStepsPending: true, packetStepsPending: true }];

const fixed = (to: OfferStatus) => () => to;
const expected: Record<string, (ctx: TransitionContext) => OfferStatus> = {
  'draft submit': (c) => (c.compStepsPending ? 'comp_review' : 'drafting'),
  'comp_review comp_approved': fixed('drafting'),
  'drafting packet_ready': (c) => (c.packetStepsPending ? 'in_approval' : 'approved'),
  'in_approval packet_approved': fixed('approved'),
  'comp_review reject': fixed('draft'),
  'in_approval reject': fixed('draft'),
  'comp_review request_changes': fixed('draft'),
  'in_approval request_changes': fixed('draft'),
  'approved send': fixed('sent'),
  'sent verbal_accept': fixed('sent'),
  'negotiating verbal_accept': fixed('negotiating'),
  'sent change_requested': fixed('negotiating'),
  'negotiating change_requested': fixed('negotiating'),
  'negotiating new_version': fixed('draft'),
  'sent sign': fixed('signed'),
  'signed complete': fixed('accepted'),
  'accepted hand_off': fixed('handed_off'),
  'sent decline': fixed('declined'),
  'negotiating decline': fixed('declined'),
  'sent expire': fixed('expired'),
  'negotiating expire': fixed('expired'),
};
for (const s of ['draft', 'comp_review', 'drafting', 'in_approval', 'approved'] as const) {
  expected[`${s} cancel`] = fixed('cancelled');
  expected[`${s} withdraw`] = fixed('withdrawn');
}
for (const s of ['sent', 'negotiating', 'signed', 'accepted'] as const) {
  expected[`${s} rescind`] = fixed('rescinded');
  expected[`${s} withdraw`] = fixed('withdrawn');
}

const cases = offerStatuses.flatMap((state) => offerEventTypes.map((event) => [state, event] as [OfferStatus, OfferEventType]));

describe('lifecycle: every state × every event', () => {
  it('covers all 15 states and 18 events', () => {
    expect(cases).toHaveLength(15 * 18);
  });

  it.each(cases)('%s + %s', (state, event) => {
    const want = expected[`${state} ${event}`];
    for (const ctx of contexts) {
      const got = transition(state, event, ctx);
      if (want) {
        expect(got).toMatchObject({ ok: true, from: state, to: want(ctx) });
      } else {
        expect(got).toEqual({ ok: false, from: state, event });
      }
    }
  });

  it('never leaves a terminal state', () => {
    for (const state of offerStatuses.filter(isTerminal)) {
      for (const event of offerEventTypes) expect(transition(state, event).ok).toBe(false);
    }
  });

  it('cancel is only before send, rescind only after', () => {
    expect(statesAllowing('cancel')).toEqual(['draft', 'comp_review', 'drafting', 'in_approval', 'approved']);
    expect(statesAllowing('rescind')).toEqual(['sent', 'negotiating', 'signed', 'accepted']);
  });

  it('names the effects later stages act on', () => {
    expect(transition('draft', 'submit', comp)).toMatchObject({ effects: ['route_comp_approvals'] });
    expect(transition('draft', 'submit', none)).toMatchObject({ effects: ['generate_packet'] });
    expect(transition('approved', 'send')).toMatchObject({ effects: ['deliver_to_candidate'] });
    expect(transition('negotiating', 'new_version')).toMatchObject({ effects: ['revoke_candidate_links'] });
  });
});
