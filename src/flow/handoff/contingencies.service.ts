import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { NotFoundError, ValidationError } from '../../core/errors';
import type { Db } from '../../db/client';
import { notifyUser } from '../../notify/notifications.service';
import { writeOffer } from '../../offers/offer-writer';
import { closeoutRoles, requireAccepted, type CloseoutContext } from './closeout-context';
import * as repo from './handoff.repo';
import type { ContingencyRow } from './handoff.repo';

export function presentContingency(c: ContingencyRow) {
  return {
    id: c.id,
    offerId: c.offerId,
    versionNumber: c.versionNumber,
    kind: c.kind,
    label: c.label,
    status: c.status,
    ownerUserId: c.ownerUserId,
    dueDate: c.dueDate,
    reason: c.reason,
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The contingency checklist of an accepted offer: list, add, change owner or due date, clear, waive or fail. */
export function createContingencyService({ db, clock, ctx }: { db: Db; clock: Clock; ctx: CloseoutContext }) {
  const { reach, closeout, closeoutState } = ctx;

  async function checkOwner(ownerUserId: string | null | undefined, orgId: string) {
    if (ownerUserId && !(await repo.userInOrg(db, orgId, ownerUserId))) throw new ValidationError([{ field: 'ownerUserId', message: `is not a user of this organisation ("${ownerUserId}")` }]);
  }

  async function listOfferContingencies(actor: Actor, offerId: string) {
    const { row, roles } = await reach(actor, offerId);
    const state = await closeoutState(row);
    // Why a check was waived or failed can be sensitive (a screening result): only the closeout roles read it.
    const readsReasons = roles.some((role) => closeoutRoles.includes(role));
    return {
      items: state.items.map((c) => ({ ...presentContingency(c), reason: readsReasons ? c.reason : null })),
      nextAction: state.nextAction,
      blocking: state.blocking.map((c) => ({ id: c.id, kind: c.kind, label: c.label, status: c.status })),
      startDateConfirmed: state.startDateConfirmed,
    };
  }

  async function addContingency(actor: Actor, offerId: string, input: { label: string; ownerUserId?: string | null; dueDate?: string | null }) {
    await closeout(actor, offerId, 'add contingencies');
    await checkOwner(input.ownerUserId, actor.orgId);
    const id = randomUUID();
    await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId }, async (offer) => {
        requireAccepted(offer, 'contingencies can be added');
        await repo.insertContingencies(tx, [
          { id, orgId: actor.orgId, offerId, versionNumber: offer.currentVersion, kind: 'custom', label: input.label, status: 'pending', ownerUserId: input.ownerUserId ?? null, dueDate: input.dueDate ?? null, createdAt: clock.now() },
        ]);
        return { set: {}, entries: [{ type: 'contingency.added', data: { contingencyId: id, kind: 'custom', version: offer.currentVersion } }] };
      }),
    );
    return presentContingency((await repo.findContingency(db, actor.orgId, offerId, id))!);
  }

  async function updateContingency(actor: Actor, offerId: string, contingencyId: string, input: { ownerUserId?: string | null; dueDate?: string | null }) {
    await closeout(actor, offerId, 'change contingencies');
    await checkOwner(input.ownerUserId, actor.orgId);
    let out!: ContingencyRow;
    await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId }, async (offer) => {
        requireAccepted(offer, 'contingencies can be changed');
        const c = await repo.findContingency(tx, actor.orgId, offerId, contingencyId);
        if (!c) throw new NotFoundError('contingency', contingencyId);
        const set: { ownerUserId?: string | null; dueDate?: string | null } = {};
        if (input.ownerUserId !== undefined) set.ownerUserId = input.ownerUserId;
        if (input.dueDate !== undefined) set.dueDate = input.dueDate;
        out = Object.keys(set).length ? await repo.updateContingency(tx, actor.orgId, contingencyId, set) : c;
        return { set: {}, entries: Object.keys(set).length ? [{ type: 'contingency.updated', data: { contingencyId, kind: c.kind, fields: Object.keys(set) } }] : [] };
      }),
    );
    return presentContingency(out);
  }

  async function decideContingency(actor: Actor, offerId: string, contingencyId: string, input: { status: 'cleared' | 'waived' | 'failed'; reason?: string }) {
    await closeout(actor, offerId, 'decide contingencies');
    const reason = input.reason?.trim() || null;
    if (input.status !== 'cleared' && !reason) {
      throw new ValidationError([{ field: 'reason', message: `is required to mark a contingency ${input.status}` }]);
    }
    let out!: ContingencyRow;
    await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId }, async (offer) => {
        requireAccepted(offer, 'contingencies can be decided');
        const c = await repo.findContingency(tx, actor.orgId, offerId, contingencyId);
        if (!c) throw new NotFoundError('contingency', contingencyId);
        const now = clock.now();
        out = await repo.updateContingency(tx, actor.orgId, contingencyId, { status: input.status, reason, decidedBy: actor.userId, decidedAt: now });
        if (input.status === 'failed') {
          await notifyUser(tx, {
            orgId: actor.orgId,
            userId: offer.recruiterId,
            offerId,
            kind: 'contingency.failed',
            title: `${c.label} failed for ${offer.candidateName}`,
            body: `A contingency of the accepted offer for ${offer.title} failed. Rescind is the next step: apply "rescind" with a reason on the offer (it goes to approval when the policy asks for it).`,
            now,
          });
        }
        return { set: {}, entries: [{ type: 'contingency.decided', data: { contingencyId, kind: c.kind, status: input.status } }] };
      }),
    );
    return presentContingency(out);
  }

  return { listOfferContingencies, addContingency, updateContingency, decideContingency };
}
