/**
 * The US federal holidays (5 U.S.C. 6103) of one year, as the dates offices are closed:
 * a fixed-date holiday on a Saturday is observed the Friday before, on a Sunday the Monday
 * after. That is why New Year's Day of the next year can appear as December 31 of this one,
 * and a Saturday January 1 is absent from its own year.
 */
export interface Holiday {
  /** ISO date, YYYY-MM-DD. */
  date: string;
  name: string;
}

const cache = new Map<number, Holiday[]>();

export function usFederalHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`Not a calendar year: ${year}`);
  let list = cache.get(year);
  if (!list) {
    list = compute(year);
    cache.set(year, list);
  }
  return list.map((h) => ({ ...h }));
}

/** The observed dates of one year as a set, for calendar arithmetic. */
export function usFederalHolidayDates(year: number): ReadonlySet<string> {
  return new Set(usFederalHolidays(year).map((h) => h.date));
}

function compute(year: number): Holiday[] {
  const out: Holiday[] = [];
  const fixed = (y: number, month: number, day: number, name: string) => {
    const observed = observe(y, month, day);
    if (observed.year === year) out.push({ date: iso(observed.year, observed.month, observed.day), name: observed.shifted ? `${name} (observed)` : name });
  };
  fixed(year, 1, 1, "New Year's Day");
  out.push({ date: iso(year, 1, nthWeekday(year, 1, 1, 3)), name: 'Birthday of Martin Luther King, Jr.' });
  out.push({ date: iso(year, 2, nthWeekday(year, 2, 1, 3)), name: "Washington's Birthday" });
  out.push({ date: iso(year, 5, lastWeekday(year, 5, 1)), name: 'Memorial Day' });
  fixed(year, 6, 19, 'Juneteenth National Independence Day');
  fixed(year, 7, 4, 'Independence Day');
  out.push({ date: iso(year, 9, nthWeekday(year, 9, 1, 1)), name: 'Labor Day' });
  out.push({ date: iso(year, 10, nthWeekday(year, 10, 1, 2)), name: 'Columbus Day' });
  fixed(year, 11, 11, 'Veterans Day');
  out.push({ date: iso(year, 11, nthWeekday(year, 11, 4, 4)), name: 'Thanksgiving Day' });
  fixed(year, 12, 25, 'Christmas Day');
  // Next year's New Year's Day, when it falls on a Saturday, is observed on this year's December 31.
  fixed(year + 1, 1, 1, "New Year's Day");
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function observe(year: number, month: number, day: number) {
  const wd = weekday(year, month, day);
  const shift = wd === 6 ? -1 : wd === 0 ? 1 : 0;
  const d = new Date(Date.UTC(year, month - 1, day + shift));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), shifted: shift !== 0 };
}

/** Day of the month of the nth given weekday (0 = Sunday). */
function nthWeekday(year: number, month: number, wd: number, n: number): number {
  const first = weekday(year, month, 1);
  return 1 + ((wd - first + 7) % 7) + 7 * (n - 1);
}

function lastWeekday(year: number, month: number, wd: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = weekday(year, month, lastDay);
  return lastDay - ((last - wd + 7) % 7);
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
