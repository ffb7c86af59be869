import { addBusinessHours, isWorkingDay, wallTime, type BusinessCalendar } from '../../core/business-hours';
import { addDays, isoDate } from '../../core/dates';
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
 * Counted back from `now` one working day at a time (09:00-17:00 in the zone, as
 * businessHoursBetween counts them), starting from a date no zone has reached yet.
 */
export function followUpSentBefore(now: Date, cal: BusinessCalendar): Date {
  const t = now.getTime();
  let remaining = FOLLOW_UP_BUSINESS_HOURS * HOUR_MS;
  let date = addDays(isoDate(now), 1);
  for (let i = 0; i < MAX_DAYS; i++, date = addDays(date, -1)) {
    if (!isWorkingDay(date, cal)) continue;
    const open = wallTime(date, OPEN_HOUR, cal.timeZone);
    const end = Math.min(t, wallTime(date, CLOSE_HOUR, cal.timeZone));
    if (end <= open) continue;
    if (remaining <= end - open) return new Date(end - remaining);
    remaining -= end - open;
  }
  throw new RangeError('The business calendar has no working day in ten years.');
}

const OPEN_HOUR = 9;
const CLOSE_HOUR = 17;
const HOUR_MS = 3_600_000;
const MAX_DAYS = 3660;
