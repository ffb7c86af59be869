import { describe, expect, it } from 'vitest';
import { afterFailure, lockRemainingMs, type ThrottleRule } from '../../src/auth/sign-in-throttle';
import { passwordProblems } from '../../src/auth/password-policy';

const rule: ThrottleRule = { maxFailures: 3, windowMs: 10_000, lockMs: 5_000 };
const at = (ms: number) => new Date(Date.UTC(2027, 0, 1) + ms);

describe('sign-in throttle rules', () => {
  it('locks at the limit within one window, for lockMs', () => {
    let s = afterFailure(null, at(0), rule);
    s = afterFailure(s, at(1_000), rule);
    expect(lockRemainingMs(s, at(1_000))).toBe(0);
    s = afterFailure(s, at(2_000), rule);
    expect(lockRemainingMs(s, at(2_000))).toBe(5_000);
    expect(lockRemainingMs(s, at(7_000))).toBe(0);
  });

  it('starts a new window once the old one has passed', () => {
    let s = afterFailure(null, at(0), rule);
    s = afterFailure(s, at(1_000), rule);
    s = afterFailure(s, at(10_000), rule);
    expect(s).toMatchObject({ failures: 1, windowStartedAt: at(10_000), lockedUntil: null });
  });
});

describe('password policy', () => {
  it('takes 8 to 128 characters, counted as characters', () => {
    expect(passwordProblems('seven77')).toHaveLength(1);
    expect(passwordProblems('🦊🦊🦊🦊🦊🦊🦊🦊')).toEqual([]);
    expect(passwordProblems('x'.repeat(128) + 'y')).toHaveLength(1);
  });

  it('refuses common passwords in any case and names the field given', () => {
    expect(passwordProblems('Password1', 'newPassword')).toEqual([{ field: 'newPassword', message: expect.stringContaining('common') }]);
    expect(passwordProblems('Sunshine1')).toHaveLength(1);
    expect(passwordProblems('FOOTBALL1')).toHaveLength(1);
  });

  it('accepts the demo and test passwords', () => {
    expect(passwordProblems('offerline-demo')).toEqual([]);
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
  });
});
