import type { Clock } from '../core/clock';
import { TooManyRequestsError, UnauthenticatedError } from '../core/errors';
import type { Db } from '../db/client';
import * as repo from './sign-in-throttle.repo';
import { addressKey, afterFailure, DEFAULT_ADDRESS_RULE, DEFAULT_EMAIL_RULE, emailKey, lockRemainingMs, type ThrottleRule } from './sign-in-throttle';

export interface SignInLimits {
  email: ThrottleRule;
  address: ThrottleRule;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { email: DEFAULT_EMAIL_RULE, address: DEFAULT_ADDRESS_RULE };

/**
 * Wraps a password sign-in with lockout. The state lives in the database, so it holds
 * across server processes. Locked or not, an unknown e-mail gets the same answer as a
 * known one: the key is the e-mail as typed, whether or not an account has it.
 */
export function createSignInGuard({ db, clock, limits = DEFAULT_SIGN_IN_LIMITS }: { db: Db; clock: Clock; limits?: SignInLimits }) {
  /** `isFailure` says which errors of `attempt` count as a wrong password (default: a refused sign-in). */
  async function guarded<T>(
    email: string,
    ip: string,
    attempt: () => Promise<T>,
    isFailure: (err: unknown) => boolean = (err) => err instanceof UnauthenticatedError,
  ): Promise<T> {
    const keys = { email: emailKey(email), address: addressKey(ip) };
    const now = clock.now();
    const states = await repo.findThrottles(db, [keys.email, keys.address]);
    const waitMs = Math.max(lockRemainingMs(states.get(keys.email) ?? null, now), lockRemainingMs(states.get(keys.address) ?? null, now));
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      throw new TooManyRequestsError(
        `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        Math.ceil(waitMs / 1000),
      );
    }
    try {
      const result = await attempt();
      await repo.clearThrottle(db, keys.email);
      return result;
    } catch (err) {
      if (isFailure(err)) {
        await repo.updateThrottle(db, keys.email, now, (s) => afterFailure(s, now, limits.email));
        await repo.updateThrottle(db, keys.address, now, (s) => afterFailure(s, now, limits.address));
      }
      throw err;
    }
  }

  return { guarded };
}

export type SignInGuard = ReturnType<typeof createSignInGuard>;
