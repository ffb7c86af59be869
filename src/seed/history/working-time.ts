/**
 * Business-hours-ish timing for generated histories: people act 09:00–18:00 US Eastern
 * (taken as a fixed UTC-5, 14:00–23:00 UTC), Monday to Friday. Holidays and daylight saving
 * are ignored: timings only need to look like office work, and SLA due times are stored
 * instants that the product compares as such.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OPEN = 14 * HOUR;
const CLOSE = 23 * HOUR;
const WORK_MS = CLOSE - OPEN;

function isWeekday(ms: number): boolean {
  const d = new Date(ms).getUTCDay();
  return d !== 0 && d !== 6;
}

/** The instant itself if it falls in working time, else the next opening. */
export function nextWorkingMoment(ms: number): number {
  let t = ms;
  for (let i = 0; i < 10; i++) {
    const dayStart = t - (((t % DAY) + DAY) % DAY);
    const inDay = t - dayStart;
    if (isWeekday(dayStart)) {
      if (inDay < OPEN) return dayStart + OPEN;
      if (inDay < CLOSE) return t;
    }
    t = dayStart + DAY + OPEN;
    if (isWeekday(dayStart + DAY)) return t;
  }
  return t;
}

/** `hours` of working time after `ms` (a start outside working time begins at the next opening). */
export function addWorkingHours(ms: number, hours: number): number {
  let t = nextWorkingMoment(ms);
  let remaining = Math.max(0, hours) * HOUR;
  for (let i = 0; i < 4000; i++) {
    const dayStart = t - (t % DAY);
    const left = dayStart + CLOSE - t;
    if (remaining < left) return Math.round(t + remaining);
    remaining -= left;
    t = nextWorkingMoment(dayStart + DAY);
  }
  return t;
}

/** Whole milliseconds, as timestamp(3) columns store them. */
export const toIso = (ms: number) => new Date(Math.round(ms)).toISOString();

export { HOUR, DAY, WORK_MS };
