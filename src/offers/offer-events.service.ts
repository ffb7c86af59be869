import type { Actor } from '../core/actor';
import { decideWrite } from '../core/access/offer-access';
import type { Clock } from '../core/clock';
import { ConflictError, TransitionNotAllowedError } from '../core/errors';
import {
  transition,
  type OfferEventType,
  type OfferStatus,
  type TransitionContext,
  type TransitionResult,
} from '../core/lifecycle';
import type { Db } from '../db/client';
import type { PendingEntry } from '../journal/chain';
import { enforceWrite, findVisibleOffer } from './offer-access';
import { writeOffer } from './offer-writer';
import { findVersion, type OfferRow } from './offers.repo';

export interface OfferEventInput {
  type: OfferEventType;
  reason?: string;
  context?: TransitionContext;
}

/** The journal entry of a transition; it holds what a replay needs to reach the same state. */
export function transitionEntry(
  event: OfferEventType,
  moved: Extract<TransitionResult, { ok: true }>,
  reason?: string,
  context?: TransitionContext,
): PendingEntry {
  return {
    type: 'offer.transitioned',
    data: {
      event,
      from: moved.from,
      to: moved.to,
      effects: moved.effects,
      ...(reason ? { reason } : {}),
      ...(context ? { context } : {}),
    },
  };
}

/**
 * What a later stage adds to a transition: the context it knows (pending approval steps) and
 * work done in the same transaction once the offer moved (start packet approvals, stop timers).
 */
export interface TransitionHooks {
  contextFor(tx: Db, offer: OfferRow, event: OfferEventType): Promise<TransitionContext | undefined>;
  afterMove(tx: Db, offer: OfferRow, moved: Extract<TransitionResult, { ok: true }>): Promise<PendingEntry[]>;
  /** Why a person may not apply this event by hand (a later stage fires it itself); null when they may. */
  refuseManual?(db: Db, offer: { orgId: string; id: string }, event: OfferEventType): Promise<string | null>;
  /**
   * A manual event the lifecycle allows but the policy wants approved first (a rescind with rescind
   * stages): the journal entries of the request, and the offer does not move; null to apply it now.
   */
  holdForApproval?(tx: Db, offer: OfferRow, input: OfferEventInput, requesterId: string | null): Promise<PendingEntry[] | null>;
}

/** What a manual event did: moved the offer, or (awaitingApproval) recorded a request that waits for approvals. */
export interface ManualEventResult {
  offer: OfferRow;
  awaitingApproval: boolean;
}

/**
 * Applies one lifecycle event as a guarded update with its journal entry.
 * Later stages (approvals, packet, portal) call this with their own events.
 */
export function createOfferEventsService({ db, clock, hooks }: { db: Db; clock: Clock; hooks?: TransitionHooks }) {
  async function applyEvent(
    actor: Pick<Actor, 'orgId'> & { userId: string | null },
    offerId: string,
    input: OfferEventInput,
    expectedRowVersion?: number,
  ): Promise<OfferRow> {
    return (await apply(actor, offerId, input, expectedRowVersion, false)).offer;
  }

  async function apply(
    actor: Pick<Actor, 'orgId'> & { userId: string | null },
    offerId: string,
    input: OfferEventInput,
    expectedRowVersion: number | undefined,
    manual: boolean,
  ): Promise<ManualEventResult> {
    let awaitingApproval = false;
    const row = await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId, expectedRowVersion }, async (offer) => {
        const from = offer.status as OfferStatus;
        const context = input.context ?? (await hooks?.contextFor(tx, offer, input.type));
        const moved = transition(from, input.type, context);
        if (!moved.ok) throw new TransitionNotAllowedError(from, input.type);
        const held = manual && hooks?.holdForApproval ? await hooks.holdForApproval(tx, offer, input, actor.userId) : null;
        if (held) {
          awaitingApproval = true;
          return { set: {}, entries: held };
        }
        const set: Partial<OfferRow> = { status: moved.to };
        // A new version starts as a draft copied from the latest frozen one.
        if (input.type === 'new_version') {
          set.draftTerms = (await findVersion(tx, actor.orgId, offerId, offer.currentVersion))?.terms ?? null;
        }
        const after = hooks ? await hooks.afterMove(tx, offer, moved) : [];
        return { set, entries: [transitionEntry(input.type, moved, input.reason, context), ...after] };
      }),
    );
    return { offer: row, awaitingApproval };
  }

  /** An event a person applies by hand: only on an offer they see, and only if a role of theirs may. */
  async function applyManualEvent(actor: Actor, offerId: string, input: OfferEventInput, expectedRowVersion: number): Promise<ManualEventResult> {
    const { facts } = await findVisibleOffer(db, actor, offerId);
    enforceWrite(decideWrite(actor, facts, 'apply_event', []));
    const refusal = await hooks?.refuseManual?.(db, { orgId: actor.orgId, id: offerId }, input.type);
    if (refusal) throw new ConflictError(refusal);
    return apply(actor, offerId, input, expectedRowVersion, true);
  }

  return { applyEvent, applyManualEvent };
}

export type OfferEventsService = ReturnType<typeof createOfferEventsService>;
