import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../core/clock';
import { ConflictError, ValidationError } from '../../core/errors';
import { transition, type OfferStatus } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import { notifyUser } from '../../notify/notifications.service';
import { transitionEntry } from '../../offers/offer-events.service';
import { writeOffer } from '../../offers/offer-writer';
import { findOffer, findVersion } from '../../offers/offers.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { askedChangeSchema, fieldOf, readTerm, toDeltas } from '../negotiation/deltas';
import { insertChangeRequest } from '../negotiation/change-requests.repo';
import { findLiveLink } from './live-link';

/** Statuses in which the candidate's link still answers: the offer waits on them, or on the recruiter's answer to their request. */
export const openToCandidate: readonly OfferStatus[] = ['sent', 'negotiating'];

export const askChangesSchema = z.strictObject({
  changes: z
    .array(askedChangeSchema)
    .min(1, 'must name at least one change')
    .max(10, 'can hold at most 10 changes')
    .superRefine((changes, ctx) => {
      changes.forEach((c, i) => {
        if (changes.findIndex((o) => o.field === c.field) !== i) ctx.addIssue({ code: 'custom', path: [i, 'field'], message: 'is asked for twice' });
      });
    }),
  comment: z.string('must be text').trim().max(2000, 'must be at most 2000 characters').default(''),
});

function parseAsk(body: unknown) {
  const parsed = askChangesSchema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
  throw new ValidationError(fields);
}

/**
 * The candidate asks for changes through their link: each change names a negotiable term and
 * the value wanted. The request is kept with the values (current and asked); the journal names
 * only the fields, since roles that may not read pay read the journal. The offer goes to
 * negotiating and the recruiter hears which terms were asked about.
 */
export function createChangeAsks({ db, clock }: { db: Db; clock: Clock }) {
  async function ask(token: string, body: unknown) {
    const link = await findLiveLink(db, clock, token);
    const current = (await findOffer(db, link.orgId, link.offerId))!;
    if (current.currentVersion !== link.versionNumber || !openToCandidate.includes(current.status as OfferStatus)) {
      throw new ConflictError(`This offer is no longer waiting for your answer (it is "${current.status}").`);
    }
    const input = parseAsk(body);
    const terms = (await findVersion(db, link.orgId, link.offerId, link.versionNumber))!.terms as OfferTerms;
    const same = input.changes.flatMap((c, i) =>
      JSON.stringify(readTerm(terms, c.field)) === JSON.stringify(c.asked) ? [{ field: `changes.${i}.asked`, message: "is already the offer's value" }] : [],
    );
    if (same.length) throw new ValidationError(same);
    const deltas = toDeltas(terms, input.changes);
    const id = randomUUID();
    const now = clock.now();
    const fields = deltas.map((d) => d.field);
    const row = await db.transaction(async (tx) => {
      await insertChangeRequest(tx, {
        id,
        orgId: link.orgId,
        offerId: link.offerId,
        versionNumber: link.versionNumber,
        source: 'candidate',
        requestedBy: null,
        deltas,
        comment: input.comment,
        status: 'open',
        createdAt: now,
      });
      return writeOffer(tx, clock, { orgId: link.orgId, offerId: link.offerId, actorId: null }, async (offer) => {
        if (offer.currentVersion !== link.versionNumber) throw new ConflictError('A newer version of this offer was sent to you; open the link in the latest e-mail.');
        const moved = transition(offer.status as OfferStatus, 'change_requested');
        if (!moved.ok) throw new ConflictError(`This offer is no longer waiting for your answer (it is "${offer.status}").`);
        const labels = fields.map((f) => fieldOf(f)!.label);
        await notifyUser(tx, {
          orgId: offer.orgId,
          userId: offer.recruiterId,
          offerId: offer.id,
          kind: 'offer.change_requested',
          title: `${offer.candidateName} asked for changes to ${offer.title}`,
          body: `Asked about: ${labels.join(', ')}.${input.comment ? ` "${input.comment}"` : ''}`,
          now,
        });
        return {
          set: moved.to === moved.from ? {} : { status: moved.to },
          entries: [
            { type: 'offer.change_requested', data: { version: link.versionNumber, requestId: id, source: 'candidate', fields } },
            ...(moved.to === moved.from ? [] : [transitionEntry('change_requested', moved)]),
          ],
        };
      });
    });
    return { id, status: row.status };
  }

  return { ask };
}
