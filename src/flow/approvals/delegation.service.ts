import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { ValidationError } from '../../core/errors';
import type { Db } from '../../db/client';
import { activeUserById, usersByIds } from './approver-directory.repo';
import { endDelegations, insertDelegation, listDelegationsOf } from './approvals.repo';

/** "While I am away, this person approves for me." One delegation at a time; a new one replaces the old. */
export function createDelegationService({ db, clock }: { db: Db; clock: Clock }) {
  async function list(actor: Actor) {
    const rows = await listDelegationsOf(db, actor.orgId, actor.userId, clock.now());
    const people = new Map((await usersByIds(db, actor.orgId, rows.map((r) => r.delegateId))).map((u) => [u.id, u.name]));
    return {
      delegations: rows.map((r) => ({
        id: r.id,
        delegate: { id: r.delegateId, name: people.get(r.delegateId) ?? 'Unknown user' },
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
      })),
    };
  }

  async function set(actor: Actor, input: { delegateId: string; startsAt?: string; endsAt: string }) {
    const now = clock.now();
    const startsAt = input.startsAt ? new Date(input.startsAt) : now;
    const endsAt = new Date(input.endsAt);
    const problems = [];
    if (input.delegateId === actor.userId) problems.push({ field: 'delegateId', message: 'must be someone other than you' });
    else if (!(await activeUserById(db, actor.orgId, input.delegateId))) {
      problems.push({ field: 'delegateId', message: `no active user with id "${input.delegateId}"` });
    }
    if (endsAt <= startsAt) problems.push({ field: 'endsAt', message: `must be after the start (${startsAt.toISOString()})` });
    if (endsAt <= now) problems.push({ field: 'endsAt', message: 'must be in the future' });
    if (problems.length) throw new ValidationError(problems);
    await db.transaction(async (tx) => {
      await endDelegations(tx, actor.orgId, actor.userId, now);
      await insertDelegation(tx, { id: randomUUID(), orgId: actor.orgId, userId: actor.userId, delegateId: input.delegateId, startsAt, endsAt, createdAt: now });
    });
    return list(actor);
  }

  async function clear(actor: Actor) {
    await db.transaction((tx) => endDelegations(tx, actor.orgId, actor.userId, clock.now()));
    return list(actor);
  }

  return { list, set, clear };
}

export type DelegationService = ReturnType<typeof createDelegationService>;
