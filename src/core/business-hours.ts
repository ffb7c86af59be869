import { addDays } from './dates';
import { usFederalHolidayDates } from './us-federal-holidays';

/**
 * Business-hour arithmetic for SLAs: working time is 09:00–17:00 on weekdays in the
 * approver's time zone, minus US federal holidays (observed dates) and the organisation's
 * own holidays. Wall-clock times are resolved with Intl, so a day on which daylight saving
 * starts or ends still has exactly eight working hours.
 */
export interface BusinessCalendar {
  /** IANA time zone, e.g. America/New_York. */
  timeZone: string;
  /** The organisation's extra closed days, ISO dates (YYYY-MM-DD). */
  holidays: ReadonlySet<string>;
}

const OPEN_HOUR = 9;
const CLOSE_HOUR = 17;
const HOUR_MS = 3_600_000;
/** No real calendar closes for ten years; this stops a loop over a misconfigured one. */
const MAX_DAYS = 3660;

/** The instant `hours` working hours after `start`; a start outside working time begins at the next opening. */
export function addBusinessHours(start: Date, hours: number, cal: BusinessCalendar): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`Business hours must be a finite number of at least 0, got ${hours}`);
  let remaining = hours * HOUR_MS;
  let t = start.getTime();
  let date = localDate(t, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, date = addDays(date, 1)) {
    if (!isWorkingDay(date, cal)) continue;
    const open = wallTime(date, OPEN_HOUR, cal.timeZone);
    const close = wallTime(date, CLOSE_HOUR, cal.timeZone);
    if (t >= close) continue;
    if (t < open) t = open;
    if (remaining <= close - t) return new Date(t + remaining);
    remaining -= close - t;
    t = close;
  }
  throw new RangeError('The business calendar has no working day in ten years.');
}

/**
 * Working hours between two instants (fractional); negative when `to` is before `from`. The first
 * and last days count their overlap with 09:00-17:00; every working day in between counts eight
 * hours, so a span of years costs no more than a span of days.
 */
export function businessHoursBetween(from: Date, to: Date, cal: BusinessCalendar): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return -businessHoursBetween(to, from, cal);
  const first = localDate(a, cal.timeZone);
  const last = localDate(b, cal.timeZone);
  const within = (date: string) => {
    if (!isWorkingDay(date, cal)) return 0;
    return Math.max(0, Math.min(b, wallTime(date, CLOSE_HOUR, cal.timeZone)) - Math.max(a, wallTime(date, OPEN_HOUR, cal.timeZone)));
  };
  if (first === last) return within(first) / HOUR_MS;
  const between = workingDaysBetween(addDays(first, 1), last, cal);
  return (within(first) + within(last)) / HOUR_MS + between * (CLOSE_HOUR - OPEN_HOUR);
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** Working days in [start, end) (ISO dates): weekdays by arithmetic, less the closed weekdays among them. */
function workingDaysBetween(start: string, end: string, cal: BusinessCalendar): number {
  if (start >= end) return 0;
  const s = dayNumber(start);
  const e = dayNumber(end);
  // Day 0 (1970-01-01) was a Thursday: weekday of day n is (n + 4) mod 7, 0 = Sunday.
  const weekdaysBefore = (n: number) => {
    const weeks = Math.floor(n / 7);
    let count = weeks * 5;
    for (let d = weeks * 7; d < n; d++) {
      const wd = (((d + 4) % 7) + 7) % 7;
      if (wd !== 0 && wd !== 6) count++;
    }
    return count;
  };
  let days = weekdaysBefore(e) - weekdaysBefore(s);
  const closed = new Set(cal.holidays);
  // As isWorkingDay does: a date is a federal holiday when its own year's list has it.
  for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) for (const d of federalDates(year)) if (d.startsWith(String(year))) closed.add(d);
  for (const d of closed) {
    if (d < start || d >= end) continue;
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) days--;
  }
  return days;
}

export function isWorkingDay(date: string, cal: BusinessCalendar): boolean {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (wd === 0 || wd === 6) return false;
  if (cal.holidays.has(date)) return false;
  return !federalDates(Number(date.slice(0, 4))).has(date);
}

const federalCache = new Map<number, ReadonlySet<string>>();
function federalDates(year: number): ReadonlySet<string> {
  let set = federalCache.get(year);
  if (!set) {
    set = usFederalHolidayDates(year);
    federalCache.set(year, set);
  }
  return set;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what a caller with a bad calendar should see.
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
function wallFields(t: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

function localDate(t: number, timeZone: string): string {
  const f = wallFields(t, timeZone);
  return `${String(f.year).padStart(4, '0')}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
}

/** The zone's offset from UTC at an instant, in ms (local minus UTC). */
function offsetAt(t: number, timeZone: string): number {
  const f = wallFields(t, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/**
 * The instant a wall clock in the zone shows `hour`:00 on `date`. Two passes settle the offset
 * on either side of a DST switch; 09:00 and 17:00 are never inside a US switch (02:00).
 */
export function wallTime(date: string, hour: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, hour);
  const first = naive - offsetAt(naive, timeZone);
  return naive - offsetAt(first, timeZone);
}
