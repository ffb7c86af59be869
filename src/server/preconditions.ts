import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidRequestError, PreconditionRequiredError } from '../core/errors';

/** Reads the row version a write is based on, from If-Match: "7" (or W/"7"). */
export function requireIfMatch(req: FastifyRequest): number {
  const raw = req.headers['if-match'];
  if (!raw) {
    throw new PreconditionRequiredError('Send If-Match with the version you read (the ETag of the offer), so a stale write cannot overwrite a newer one.');
  }
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(raw).trim());
  if (!m) throw new InvalidRequestError(`If-Match "${raw}" is not an offer version like "3".`, [{ field: 'If-Match', message: 'must be an offer ETag like "3"' }]);
  return Number(m[1]);
}

export function setEtag(reply: FastifyReply, rowVersion: number) {
  reply.header('etag', `"${rowVersion}"`);
}
