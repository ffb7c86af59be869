import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidRequestError, PreconditionRequiredError } from '../core/errors';

/** Reads the row version a write is based on, from If-Match: "7" (or W/"7"). */
/**
 * The version a write is based on, from If-Match: "3" (or W/"3"); null when the header is absent.
 * `what` names the thing versioned (an offer, a field, a view) in the problem a bad header gets.
 */
export function readIfMatch(req: FastifyRequest, what = 'offer'): number | null {
  const raw = req.headers['if-match'];
  if (!raw) return null;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(raw).trim());
  if (!m) throw new InvalidRequestError(`If-Match "${raw}" is not a ${what} version like "3".`, [{ field: 'If-Match', message: `must be a ${what} ETag like "3"` }]);
  return Number(m[1]);
}

/** As readIfMatch, and 428 without the header: a stale write must never overwrite a newer one. */
export function requireIfMatch(req: FastifyRequest, what = 'offer'): number {
  const version = readIfMatch(req, what);
  if (version === null) {
    throw new PreconditionRequiredError(`Send If-Match with the version of the ${what} you read (its ETag), so a stale write cannot overwrite a newer one.`);
  }
  return version;
}

export function setEtag(reply: FastifyReply, rowVersion: number) {
  reply.header('etag', `"${rowVersion}"`);
}
