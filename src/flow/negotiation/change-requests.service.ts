import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import { insertCompensationView } from '../../audit/compensation-views.repo';
import { isCompensationField } from '../../core/access/offer-fields';
import { findVisibleOffer } from '../../offers/offer-access';
import { fieldOf, type Delta } from './deltas';
import { listChangeRequests, type ChangeRequestRow } from './change-requests.repo';

/** A delta as shown: with the field's label. */
export function labelled(deltas: Delta[]) {
  return deltas.map((d) => ({ field: d.field, label: fieldOf(d.field)?.label ?? d.field, current: d.current ?? null, asked: d.asked ?? null }));
}

/**
 * Change requests as staff see them. A delta on a field the caller's role may not read keeps its
 * field and label but not its values (`masked`); so does the comment of such a request, since the
 * candidate's own words may name the figure. Shown compensation values are audited like any other read.
 */
export function createChangeRequestViews({ db, clock }: { db: Db; clock: Clock }) {
  async function list(actor: Actor, offerId: string) {
    const { readable } = await findVisibleOffer(db, actor, offerId);
    const rows = await listChangeRequests(db, actor.orgId, offerId);
    const shown = new Set<string>();
    const out = rows.map((r: ChangeRequestRow) => {
      let anyMasked = false;
      const deltas = labelled(r.deltas as Delta[]).map((d) => {
        const leaf = `terms.${d.field}`;
        if (readable.has(leaf)) {
          shown.add(leaf);
          return { ...d, masked: false };
        }
        anyMasked = true;
        return { ...d, current: null, asked: null, masked: true };
      });
      return {
        id: r.id,
        versionNumber: r.versionNumber,
        source: r.source as 'candidate' | 'internal',
        requestedBy: r.requestedBy,
        status: r.status as 'open' | 'answered' | 'rejected',
        answeredByVersion: r.answeredByVersion,
        reason: anyMasked ? null : r.reason,
        comment: anyMasked ? null : r.comment,
        createdAt: r.createdAt.toISOString(),
        deltas,
      };
    });
    const compFields = [...shown].filter(isCompensationField).sort();
    if (compFields.length) {
      await insertCompensationView(db, { orgId: actor.orgId, actorId: actor.userId, offerId, fields: compFields, via: 'offer.change_requests', at: clock.now() });
    }
    return out;
  }

  return { list };
}
