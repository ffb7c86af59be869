import type { Actor } from '../core/actor';
import { offerAccessMap, type OfferAction } from '../core/access/access-map';
import { canSeeOffer, readableFields, type OfferFacts, type WriteDecision } from '../core/access/offer-access';
import { ForbiddenError, NotFoundError } from '../core/errors';
import type { Db } from '../db/client';
import { findOfferWithAccess, type OfferAccessRow, type OfferReach } from './offers.repo';

/** Applies the access map (src/core/access) to offers read from the database. */
export function factsOf(row: OfferAccessRow): OfferFacts {
  return {
    businessUnitId: row.businessUnitId,
    status: row.status,
    managerId: row.accessManagerId,
    requisitionManagerId: row.accessRequisitionManagerId,
    stepApproverIds: row.accessStepApproverIds ?? [],
    needsLegal: row.accessNeedsLegal,
    hasStaffing: row.accessHasStaffing,
  };
}

/**
 * The offer as the caller may see it. An offer they may not see is "not found", exactly like
 * an id from another organisation: a 403 would say it exists.
 */
export async function findVisibleOffer(db: Db, actor: Actor, id: string) {
  const row = await findOfferWithAccess(db, actor.orgId, id);
  const facts = row && factsOf(row);
  if (!row || !facts || !canSeeOffer(actor, facts)) throw new NotFoundError('offer', id);
  return { row, facts, readable: readableFields(actor, facts) };
}

/** The caller's grants as SQL row conditions for the list; `field`, when given, keeps only roles that read it. */
export function reachOf(actor: Actor, field?: string): OfferReach {
  return {
    userId: actor.userId,
    grants: actor.roles
      .filter((g) => field === undefined || (offerAccessMap[g.role].read as readonly string[]).includes(field))
      .map((g) => ({ rows: offerAccessMap[g.role].rows, businessUnitId: g.businessUnitId })),
  };
}

const actionWords: Record<OfferAction, string> = {
  create: 'create offers',
  edit_draft: "edit this offer's draft",
  submit: 'submit this offer',
  apply_event: 'change this offer this way',
  ask_changes: 'ask for changes to this offer',
};

export function enforceWrite(decision: WriteDecision): void {
  if (decision.ok) return;
  const fields = decision.fields.map((field) => ({ field, message: 'your role may not set this field' }));
  const named = decision.fields.length ? ` It names fields your role may not set: ${decision.fields.join(', ')}.` : '';
  throw new ForbiddenError(`Your role may not ${actionWords[decision.action]} (action "${decision.action}").${named}`, fields);
}
