import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock';
import type { TransitionResult } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import type { PendingEntry } from '../../journal/chain';
import type { OfferRow } from '../../offers/offers.repo';
import type { ObjectStore } from '../../storage/object-store';
import { revokeCandidateLinks } from './candidate-links.repo';
import { createPortalService } from './portal.service';
import { registerPortalRoutes } from './portal.routes';
import { createSendService, type SendSettings } from './send.service';
import { createCandidateResponses } from './candidate-response.service';

export function registerPortal(app: FastifyInstance, deps: { db: Db; clock: Clock; store: ObjectStore; settings: SendSettings }) {
  registerPortalRoutes(app, {
    send: createSendService(deps),
    portal: createPortalService(deps),
    responses: createCandidateResponses({ ...deps, smtpConfigured: deps.settings.smtpConfigured }),
  });
}

/** Leaving `sent` (rescinded, withdrawn, declined, expired, a new version) ends the candidate's links. */
export function revokeLinksOnMove(clock: Clock) {
  return async (tx: Db, offer: OfferRow, moved: Extract<TransitionResult, { ok: true }>): Promise<PendingEntry[]> => {
    if (!moved.effects.includes('revoke_candidate_links')) return [];
    const revoked = await revokeCandidateLinks(tx, offer.orgId, offer.id, moved.to, clock.now());
    return revoked ? [{ type: 'offer.links_revoked', data: { count: revoked, reason: moved.to } }] : [];
  };
}
