/**
 * The offer lifecycle as one table and one pure function.
 * The database applies a result as a guarded update (`WHERE status = from`),
 * so two writers can never both move the same offer.
 */
export const offerStatuses = [
  'draft',
  'comp_review',
  'drafting',
  'in_approval',
  'approved',
  'sent',
  'negotiating',
  'signed',
  'accepted',
  'handed_off',
  'declined',
  'expired',
  'cancelled',
  'rescinded',
  'withdrawn',
] as const;
export type OfferStatus = (typeof offerStatuses)[number];

export const terminalStatuses: readonly OfferStatus[] = [
  'handed_off',
  'declined',
  'expired',
  'cancelled',
  'rescinded',
  'withdrawn',
];

export const offerEventTypes = [
  'submit',
  'comp_approved',
  'packet_ready',
  'packet_approved',
  'reject',
  'request_changes',
  'send',
  'verbal_accept',
  'change_requested',
  'new_version',
  'sign',
  'complete',
  'hand_off',
  'decline',
  'expire',
  'cancel',
  'rescind',
  'withdraw',
] as const;
export type OfferEventType = (typeof offerEventTypes)[number];

/**
 * Facts the caller knows when it applies an event: whether the approval policy
 * left steps in a phase. With no steps a phase is skipped, as in DESIGN §2.
 */
export interface TransitionContext {
  compStepsPending: boolean;
  packetStepsPending: boolean;
}

export const noPendingSteps: TransitionContext = { compStepsPending: false, packetStepsPending: false };

export type Effect =
  | 'route_comp_approvals'
  | 'generate_packet'
  | 'route_packet_approvals'
  | 'deliver_to_candidate'
  | 'revoke_candidate_links'
  | 'seal_documents'
  | 'start_onboarding'
  | 'cancel_timers';

export type TransitionResult =
  | { ok: true; from: OfferStatus; to: OfferStatus; effects: Effect[] }
  | { ok: false; from: OfferStatus; event: OfferEventType };

type Rule = (ctx: TransitionContext) => { to: OfferStatus | 'same'; effects: Effect[] };

const go =
  (to: OfferStatus | 'same', ...effects: Effect[]): Rule =>
  () => ({ to, effects });

const beforeSend: OfferStatus[] = ['draft', 'comp_review', 'drafting', 'in_approval', 'approved'];
const afterSend: OfferStatus[] = ['sent', 'negotiating', 'signed', 'accepted'];

/** What leaves `drafting` once a packet exists: packet approvals, or straight to approved. */
const afterPacket: Rule = (ctx) =>
  ctx.packetStepsPending ? { to: 'in_approval', effects: ['route_packet_approvals'] } : { to: 'approved', effects: [] };

/** What leaves `comp_review` (or `draft` when no comp steps exist). */
const afterComp: Rule = () => ({ to: 'drafting', effects: ['generate_packet'] });

const table: Partial<Record<OfferEventType, Partial<Record<OfferStatus, Rule>>>> = {
  submit: {
    draft: (ctx) => (ctx.compStepsPending ? { to: 'comp_review', effects: ['route_comp_approvals'] } : afterComp(ctx)),
  },
  comp_approved: { comp_review: afterComp },
  packet_ready: { drafting: afterPacket },
  packet_approved: { in_approval: go('approved') },
  reject: { comp_review: go('draft', 'cancel_timers'), in_approval: go('draft', 'cancel_timers') },
  request_changes: { comp_review: go('draft', 'cancel_timers'), in_approval: go('draft', 'cancel_timers') },
  send: { approved: go('sent', 'deliver_to_candidate') },
  // Verbal acceptance is an event, not a state, so fall-through after it can be measured.
  verbal_accept: { sent: go('same'), negotiating: go('same') },
  change_requested: { sent: go('negotiating'), negotiating: go('same') },
  new_version: { negotiating: go('draft', 'revoke_candidate_links') },
  sign: { sent: go('signed', 'seal_documents') },
  complete: { signed: go('accepted', 'start_onboarding') },
  hand_off: { accepted: go('handed_off') },
  decline: { sent: go('declined', 'revoke_candidate_links'), negotiating: go('declined', 'revoke_candidate_links') },
  expire: { sent: go('expired', 'revoke_candidate_links'), negotiating: go('expired', 'revoke_candidate_links') },
  cancel: Object.fromEntries(beforeSend.map((s) => [s, go('cancelled', 'cancel_timers')])),
  rescind: Object.fromEntries(afterSend.map((s) => [s, go('rescinded', 'revoke_candidate_links', 'cancel_timers')])),
  withdraw: Object.fromEntries(
    [...beforeSend, ...afterSend].map((s) => [s, go('withdrawn', 'revoke_candidate_links', 'cancel_timers')]),
  ),
};

export function transition(
  from: OfferStatus,
  event: OfferEventType,
  ctx: TransitionContext = noPendingSteps,
): TransitionResult {
  const rule = table[event]?.[from];
  if (!rule) return { ok: false, from, event };
  const { to, effects } = rule(ctx);
  return { ok: true, from, to: to === 'same' ? from : to, effects };
}

/** States from which an event is allowed, for guards and for the UI's action buttons. */
export function statesAllowing(event: OfferEventType): OfferStatus[] {
  return Object.keys(table[event] ?? {}) as OfferStatus[];
}

export function isTerminal(status: OfferStatus): boolean {
  return terminalStatuses.includes(status);
}
