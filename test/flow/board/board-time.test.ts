import { describe, expect, it } from 'vitest';
import { businessHoursBetween } from '../../../src/core/business-hours';
import { dueSoonUntil, followUpSentBefore } from '../../../src/flow/board/board-time';
import { FOLLOW_UP_BUSINESS_HOURS, slaState } from '../../../src/flow/board/waiting-on';

// The SQL filters compare instants with these limits; waitingOn() counts business hours. They must agree.
const cal = { timeZone: 'America/New_York', holidays: new Set(['2026-11-27']) };
const nows = [
  '2026-11-16T14:00:00Z', // Mon 09:00
  '2026-11-18T20:00:00Z', // Wed 15:00
  '2026-11-20T19:30:00Z', // Fri 14:30: the limit runs into Monday
  '2026-11-20T18:00:00Z', // Fri 13:00: the four hours end at closing time
  '2026-11-21T15:00:00Z', // Sat
  '2026-11-25T21:00:00Z', // Wed 16:00 before Thanksgiving and the organisation's Friday
  '2026-11-30T14:00:00Z', // Mon 09:00 after the long weekend
  '2026-11-02T15:00:00Z', // Mon 10:00, the day after daylight saving ended
  '2027-03-15T13:30:00Z', // Mon 09:30, the day after daylight saving started
].map((s) => new Date(s));
const MS = 1;

describe('board time limits', () => {
  it.each(nows)('due soon until: the last due time slaState() calls due soon, at %s', (now) => {
    const limit = dueSoonUntil(now, cal);
    expect(slaState(limit, now, cal)).toBe('due_soon');
    expect(slaState(new Date(limit.getTime() + MS), now, cal)).toBe('ok');
  });

  it.each(nows)('follow up: the last send time that has waited the follow-up hours, at %s', (now) => {
    const before = followUpSentBefore(now, cal);
    expect(businessHoursBetween(before, now, cal)).toBeGreaterThanOrEqual(FOLLOW_UP_BUSINESS_HOURS);
    expect(businessHoursBetween(new Date(before.getTime() + MS), now, cal)).toBeLessThan(FOLLOW_UP_BUSINESS_HOURS);
  });
});
