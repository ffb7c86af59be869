import { holdsOrgWide, type Actor } from '../core/actor';
import { isCompensationField } from '../core/access/offer-fields';
import type { Clock } from '../core/clock';
import { ForbiddenError, InvalidRequestError } from '../core/errors';
import type { Db } from '../db/client';
import { insertCompensationView, listCompensationViews } from './compensation-views.repo';

/** Where a view happened: the endpoint that showed the fields. */
export type CompensationViewVia = 'offer.get' | 'offer.versions' | 'offer.create' | 'offer.update_draft' | 'offer.submit' | 'offer.event' | 'offer.handoff' | 'export.handoffs' | 'export.offers' | 'offer.list' | 'board';

/**
 * The compensation read audit. Kept out of the offer's journal on purpose: journal entries
 * advance the offer's row version, and a read must never make everyone's If-Match stale.
 */
export function createCompensationViews({ db, clock }: { db: Db; clock: Clock }) {
  /**
   * Records the compensation leaves among `shownFields`, and the custom fields marked sensitive
   * (treated like compensation); nothing when none was shown.
   */
  async function record(actor: Pick<Actor, 'orgId' | 'userId'>, offerId: string, shownFields: Iterable<string>, via: CompensationViewVia, sensitive: readonly string[] = []) {
    const fields = [...new Set([...shownFields].filter((f) => isCompensationField(f) || sensitive.includes(f)))].sort();
    if (fields.length === 0) return;
    await insertCompensationView(db, { orgId: actor.orgId, actorId: actor.userId, offerId, fields, via, at: clock.now() });
  }

  async function list(actor: Actor, q: { offerId?: string; actorId?: string; cursor?: string; limit: number }) {
    if (!holdsOrgWide(actor, 'admin')) throw new ForbiddenError('Only admins can read the compensation read audit.');
    const beforeId = q.cursor === undefined ? undefined : Number(q.cursor);
    if (beforeId !== undefined && !(Number.isSafeInteger(beforeId) && beforeId > 0)) {
      throw new InvalidRequestError('The cursor is not one this API returned.', [{ field: 'cursor', message: 'is not a cursor from a previous page' }]);
    }
    const rows = await listCompensationViews(db, actor.orgId, { offerId: q.offerId, actorId: q.actorId, beforeId, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((r) => ({ id: String(r.id), actorId: r.actorId, offerId: r.offerId, fields: r.fields as string[], via: r.via, at: r.at.toISOString() })),
      nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null,
    };
  }

  return { record, list };
}

export type CompensationViews = ReturnType<typeof createCompensationViews>;
