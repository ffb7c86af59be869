/**
 * Sign-in throttling as pure rules: count failures per key in a fixed window and lock the
 * key once it reaches the limit. Keys are per e-mail (so one account cannot be guessed at
 * from many addresses) and per client address (so one address cannot spray many accounts).
 */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

export const DEFAULT_EMAIL_RULE: ThrottleRule = { maxFailures: 5, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };
export const DEFAULT_ADDRESS_RULE: ThrottleRule = { maxFailures: 50, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES };

export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

/** Milliseconds until the key may try again; 0 when it is not locked. */
export function lockRemainingMs(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

/** The state after one more failure: a new window once the old one has passed, a lock at the limit. */
export function afterFailure(state: ThrottleState | null, now: Date, rule: ThrottleRule): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStartedAt.getTime() >= rule.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStartedAt = fresh ? now : state.windowStartedAt;
  const stillLocked = state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : null;
  const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : stillLocked;
  return { failures, windowStartedAt, lockedUntil };
}
