import { hashSecret } from '../../auth/secrets';
import type { Clock } from '../../core/clock';
import { NotFoundError } from '../../core/errors';
import type { Db } from '../../db/client';
import { findCandidateLink, type CandidateLinkRow } from './candidate-links.repo';

/**
 * The one answer for a link that opens nothing: never issued, revoked, expired or from another
 * offer all read the same, so the answer does not tell whether an offer is behind it.
 */
export const linkGone = () =>
  new NotFoundError('offer link', 'this link', 'This link no longer opens an offer: it has expired or a newer offer was sent to you. The most recent e-mail has the current link.');

/** The live link behind a token, or the not-found answer. */
export async function findLiveLink(db: Db, clock: Clock, token: string): Promise<CandidateLinkRow> {
  const link = /^ocl_[\w-]{20,100}$/.test(token) ? await findCandidateLink(db, hashSecret(token)) : null;
  if (!link || link.revokedAt || link.expiresAt <= clock.now()) throw linkGone();
  return link;
}
