import type { JournalLink } from '../../core/journal';

/**
 * The public webhook event types, the one list subscriptions are validated against and
 * GET /api/v1/webhooks/event-types publishes. Payloads carry ids, statuses, versions and
 * times — never compensation, free-text comments or candidate contact details — and the events
 * about an offer's status carry its custom values that are not sensitive (customCarryingTypes).
 */
export const webhookEventTypes = [
  { type: 'offer.created', description: 'A draft offer was created: data.custom holds its custom values that are not sensitive, data.version is 0.' },
  {
    type: 'offer.status_changed',
    description: 'The offer moved in its lifecycle (every move): data.from, data.to and the lifecycle event; data.version and data.custom: the latest frozen version and its custom values that are not sensitive.',
  },
  { type: 'offer.approved', description: 'Every approval the policy asked for passed; the offer is ready to send.' },
  { type: 'offer.sent', description: 'The offer was sent to the candidate.' },
  { type: 'offer.accepted', description: 'Every signature is in; the offer is accepted.' },
  { type: 'offer.declined', description: 'The candidate declined the offer (data.reason is one of the fixed decline reasons).' },
  { type: 'offer.expired', description: 'The offer expired unanswered.' },
  { type: 'offer.rescinded', description: 'The company took the offer back.' },
  { type: 'offer.withdrawn', description: 'The offer was withdrawn.' },
  { type: 'offer.cancelled', description: 'The offer was cancelled before it was sent.' },
  { type: 'offer.handed_off', description: 'The accepted offer was handed off to onboarding.' },
  { type: 'offer.signed', description: 'A signature was added: data.signer is "candidate" or "company".' },
  { type: 'approval.decided', description: 'An approver decided an approval step: data.decision is approve, reject or request_changes.' },
  {
    type: 'handoff.record',
    description: 'The frozen handoff record for the HRIS when an offer is handed off, pay included. Sent only to endpoints that name it: "*" does not include it.',
  },
] as const;

/** Types carrying data most subscribers must not get (pay): an endpoint receives them only by naming them, never through "*". */
export const optInEventTypes: ReadonlySet<string> = new Set(['handoff.record']);

export type WebhookEventType = (typeof webhookEventTypes)[number]['type'];
export const webhookEventTypeNames: readonly string[] = webhookEventTypes.map((e) => e.type);

/** A lifecycle move to one of these statuses also raises the named event (besides offer.status_changed). */
const statusEvents: Record<string, WebhookEventType> = {
  approved: 'offer.approved',
  sent: 'offer.sent',
  accepted: 'offer.accepted',
  declined: 'offer.declined',
  expired: 'offer.expired',
  rescinded: 'offer.rescinded',
  withdrawn: 'offer.withdrawn',
  cancelled: 'offer.cancelled',
  handed_off: 'offer.handed_off',
};

/**
 * Events whose data also carries the offer's custom values that are not sensitive (`data.custom`,
 * stored values by key) and the version they belong to (`data.version`): the latest frozen version,
 * or the draft (version 0) before the first submit. Subscribers are systems an organisation admin
 * set up, like the HRIS that gets the handoff record; sensitive fields are treated like pay and
 * travel only in the opt-in handoff.record.
 */
export const customCarryingTypes: ReadonlySet<string> = new Set(['offer.created', 'offer.status_changed', ...Object.values(statusEvents)]);

/** Decline reasons are a fixed list (no free text), so they may travel; the portal's list (candidate-response.service). */
const declineReasons = new Set(['compensation', 'another_offer', 'location', 'role', 'timing', 'other']);

export interface EventDraft {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/**
 * The webhook events a journal entry raises, in order, with their payload `data`. Entry data is
 * copied field by field (an allow-list), so a field added to the journal later never leaks.
 */
export function eventsForJournalEntry(entry: Pick<JournalLink, 'offerId' | 'type' | 'data' | 'at'>): EventDraft[] {
  const d = entry.data ?? {};
  const base = { offerId: entry.offerId, occurredAt: entry.at };
  switch (entry.type) {
    case 'offer.created':
      return [{ type: 'offer.created', data: { ...base, status: 'draft', candidateId: str(d.candidateId), requisitionId: str(d.requisitionId) } }];
    case 'offer.transitioned': {
      const from = str(d.from);
      const to = str(d.to);
      const moved = { ...base, event: str(d.event), from, to };
      const out: EventDraft[] = [{ type: 'offer.status_changed', data: moved }];
      const specific = to ? statusEvents[to] : undefined;
      if (specific) {
        const reason = str(d.reason);
        out.push({ type: specific, data: { ...base, from, status: to, ...(to === 'declined' && reason && declineReasons.has(reason) ? { reason } : {}) } });
      }
      return out;
    }
    case 'approval.decided':
      return [
        {
          type: 'approval.decided',
          data: {
            ...base,
            stepId: str(d.stepId),
            stage: str(d.stage),
            step: str(d.step),
            version: num(d.version),
            decision: str(d.decision),
            approverId: str(d.approverId),
            ...(str(d.delegateId) ? { delegateId: str(d.delegateId) } : {}),
          },
        },
      ];
    case 'offer.signed':
    case 'offer.countersigned':
      return [{ type: 'offer.signed', data: { ...base, version: num(d.version), signer: entry.type === 'offer.countersigned' ? 'company' : 'candidate', kind: str(d.kind) } }];
    default:
      return [];
  }
}
