import { addBusinessHours, businessHoursBetween, type BusinessCalendar } from '../../core/business-hours';
import { DUE_SOON_BUSINESS_HOURS, FOLLOW_UP_BUSINESS_HOURS } from './waiting-on';

/**
 * The two instants that let the database answer the board's time questions with plain
 * comparisons, exactly as waitingOn() answers them for one offer with business-hour arithmetic.
 */

/**
 * The latest due time that is "due soon" at `now`: a step due at or before it (and after `now`)
 * has at most DUE_SOON_BUSINESS_HOURS working hours left. When those hours end at closing time,
 * the closed hours up to the next opening are still within the limit.
 */
export function dueSoonUntil(now: Date, cal: BusinessCalendar): Date {
  return addBusinessHours(addBusinessHours(now, DUE_SOON_BUSINESS_HOURS, cal), 0, cal);
}

/**
 * The latest send time after which an unopened offer still waits on the candidate: sent at or
 * before it, FOLLOW_UP_BUSINESS_HOURS working hours have passed and the recruiter follows up.
 */
export function followUpSentBefore(now: Date, cal: BusinessCalendar): Date {
  const enough = (t: number) => businessHoursBetween(new Date(t), now, cal) >= FOLLOW_UP_BUSINESS_HOURS;
  // Bracket: step back a few days at a time until enough working time lies between.
  let span = 3 * 86_400_000;
  let lo = now.getTime() - span;
  for (let i = 0; i < 40 && !enough(lo); i++) {
    span *= 2;
    lo = now.getTime() - span;
  }
  if (!enough(lo)) return new Date(lo);
  // Working time back from now only grows as the send time moves earlier: bisect to the millisecond.
  let hi = now.getTime();
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (enough(mid)) lo = mid;
    else hi = mid;
  }
  return new Date(lo);
}
