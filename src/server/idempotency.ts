import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../core/clock';
import { canonicalJson } from '../core/canonical-json';
import { AppError, InvalidRequestError } from '../core/errors';
import type { Db } from '../db/client';
import { requireActor } from './plugins/auth';
import { toProblem } from './plugins/errors';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from './idempotency.repo';

const KEY_TTL_MS = 24 * 60 * 60 * 1000;

export class IdempotencyKeyReusedError extends AppError {
  constructor(key: string) {
    super('idempotency_key_reused', 422, `Idempotency-Key "${key}" was already used for a different request.`, [
      { field: 'Idempotency-Key', message: 'was used before with another body or path' },
    ]);
  }
}

export class IdempotencyInProgressError extends AppError {
  constructor(key: string) {
    super('idempotency_in_progress', 409, `A request with Idempotency-Key "${key}" is still in progress; retry shortly.`);
  }
}

/**
 * A POST with Idempotency-Key runs once: a retry gets the first result back
 * (same status and body) and creates nothing twice. Failures the client can fix
 * (4xx) are kept too; a 5xx releases the key so the retry runs for real.
 */
export function createIdempotency({ db, clock }: { db: Db; clock: Clock }) {
  return async function idempotent<T>(
    req: FastifyRequest,
    reply: FastifyReply,
    successStatus: number,
    run: () => Promise<T>,
  ): Promise<T> {
    const header = req.headers['idempotency-key'];
    if (header === undefined) return run();
    const key = String(header);
    if (!/^[\w.:-]{1,200}$/.test(key)) {
      throw new InvalidRequestError('Idempotency-Key must be 1-200 letters, digits, dots, colons, dashes or underscores.', [
        { field: 'Idempotency-Key', message: 'has characters or a length it may not have' },
      ]);
    }
    const actor = requireActor(req);
    const k = { orgId: actor.orgId, userId: actor.userId, key };
    const requestHash = createHash('sha256').update(`${req.method} ${req.routeOptions.url}\n${canonicalJson(req.params)}\n${canonicalJson(req.body ?? null)}`).digest('hex');
    const now = clock.now();
    const existing = await claimIdempotencyKey(db, k, requestHash, now, new Date(now.getTime() - KEY_TTL_MS));
    if (existing) {
      if (existing.requestHash !== requestHash) throw new IdempotencyKeyReusedError(key);
      if (existing.statusCode === null) throw new IdempotencyInProgressError(key);
      reply.header('idempotent-replayed', 'true');
      if (existing.statusCode >= 400) reply.type('application/problem+json');
      reply.code(existing.statusCode);
      return existing.response as T;
    }
    try {
      const result = await run();
      await completeIdempotencyKey(db, k, successStatus, result);
      return result;
    } catch (err) {
      if (err instanceof AppError && err.status < 500) {
        await completeIdempotencyKey(db, k, err.status, toProblem(err as never));
      } else {
        await releaseIdempotencyKey(db, k);
      }
      throw err;
    }
  };
}

export type Idempotent = ReturnType<typeof createIdempotency>;
