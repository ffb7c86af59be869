import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessHours, businessHoursBetween, isWorkingDay, wallTime, type BusinessCalendar } from '../../src/core/business-hours';
import { usFederalHolidays } from '../../src/core/us-federal-holidays';

const ny: BusinessCalendar = { timeZone: 'America/New_York', holidays: new Set() };
const la: BusinessCalendar = { timeZone: 'America/Los_Angeles', holidays: new Set() };
const at = (iso: string) => new Date(iso);

describe('US federal holidays', () => {
  it('lists the eleven holidays of 2026 with their observed dates', () => {
    expect(usFederalHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-01-19', name: 'Birthday of Martin Luther King, Jr.' },
      { date: '2026-02-16', name: "Washington's Birthday" },
      { date: '2026-05-25', name: 'Memorial Day' },
      { date: '2026-06-19', name: 'Juneteenth National Independence Day' },
      { date: '2026-07-03', name: 'Independence Day (observed)' },
      { date: '2026-09-07', name: 'Labor Day' },
      { date: '2026-10-12', name: 'Columbus Day' },
      { date: '2026-11-11', name: 'Veterans Day' },
      { date: '2026-11-26', name: 'Thanksgiving Day' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
  });

  it('observes Saturday holidays on Friday and Sunday holidays on Monday', () => {
    const dates = (y: number) => usFederalHolidays(y).map((h) => h.date);
    // 2027: Juneteenth Sat → Fri 18th, July 4 Sun → Mon 5th, Christmas Sat → Fri 24th.
    expect(dates(2027)).toEqual(expect.arrayContaining(['2027-06-18', '2027-07-05', '2027-12-24']));
    // New Year's Day 2028 is a Saturday: observed on Friday 2027-12-31, absent from 2028.
    expect(dates(2027)).toContain('2027-12-31');
    expect(dates(2028)).not.toContain('2028-01-01');
    expect(dates(2028)).not.toContain('2027-12-31');
    // Veterans Day 2029 is a Sunday → Monday 12th.
    expect(dates(2029)).toContain('2029-11-12');
    expect(usFederalHolidays(2028).length).toBe(10);
  });

  it('finds the floating Mondays and Thanksgiving', () => {
    const byName = Object.fromEntries(usFederalHolidays(2024).map((h) => [h.name, h.date]));
    expect(byName['Birthday of Martin Luther King, Jr.']).toBe('2024-01-15');
    expect(byName["Washington's Birthday"]).toBe('2024-02-19');
    expect(byName['Memorial Day']).toBe('2024-05-27');
    expect(byName['Labor Day']).toBe('2024-09-02');
    expect(byName['Columbus Day']).toBe('2024-10-14');
    expect(byName['Thanksgiving Day']).toBe('2024-11-28');
  });
});

describe('addBusinessHours', () => {
  it('adds within one working day', () => {
    // Tue 2026-03-03 10:00 EST = 15:00Z.
    expect(addBusinessHours(at('2026-03-03T15:00:00Z'), 3, ny).toISOString()).toBe('2026-03-03T18:00:00.000Z');
  });

  it('carries past closing into the next morning', () => {
    // Tue 15:00 EST + 4h = 2h on Tuesday, 2h on Wednesday → Wed 11:00 EST.
    expect(addBusinessHours(at('2026-03-03T20:00:00Z'), 4, ny).toISOString()).toBe('2026-03-04T16:00:00.000Z');
  });

  it('starts a Friday evening request on Monday morning', () => {
    // Fri 2026-02-20 18:30 EST → Mon 09:00 + 2h = Mon 11:00 EST.
    expect(addBusinessHours(at('2026-02-20T23:30:00Z'), 2, ny).toISOString()).toBe('2026-02-23T16:00:00.000Z');
  });

  it('skips weekends: 8 hours from Friday 13:00 ends Monday 13:00', () => {
    expect(addBusinessHours(at('2026-02-20T18:00:00Z'), 8, ny).toISOString()).toBe('2026-02-23T18:00:00.000Z');
  });

  it('begins at the next opening when started before hours', () => {
    expect(addBusinessHours(at('2026-03-03T11:00:00Z'), 1, ny).toISOString()).toBe('2026-03-03T15:00:00.000Z');
  });

  it('skips federal holidays, including observed ones', () => {
    // Thanksgiving 2026 (Thu 26th): Wed 16:00 EST + 2h → 1h Wed, Thu closed, Fri 10:00.
    expect(addBusinessHours(at('2026-11-25T21:00:00Z'), 2, ny).toISOString()).toBe('2026-11-27T15:00:00.000Z');
    // July 4 2026 is a Saturday, observed Friday July 3: Thu 16:00 EDT + 2h → Mon 10:00 EDT.
    expect(addBusinessHours(at('2026-07-02T20:00:00Z'), 2, ny).toISOString()).toBe('2026-07-06T14:00:00.000Z');
    // New Year's Day 2028 observed on Friday 2027-12-31.
    expect(addBusinessHours(at('2027-12-30T21:00:00Z'), 2, ny).toISOString()).toBe('2028-01-03T15:00:00.000Z');
  });

  it("skips the organisation's own holidays", () => {
    const cal = { ...ny, holidays: new Set(['2026-03-04']) };
    expect(addBusinessHours(at('2026-03-03T20:00:00Z'), 4, cal).toISOString()).toBe('2026-03-05T16:00:00.000Z');
  });

  it('counts working time in the calendar’s own time zone', () => {
    // 2026-03-03 16:00Z is 11:00 in New York but 08:00 in Los Angeles.
    const start = at('2026-03-03T16:00:00Z');
    expect(addBusinessHours(start, 1, ny).toISOString()).toBe('2026-03-03T17:00:00.000Z');
    expect(addBusinessHours(start, 1, la).toISOString()).toBe('2026-03-03T18:00:00.000Z');
    // Closing time differs too: 7 hours from 11:00 New York run into the next day there, not in LA (09:00 + 7h = 16:00 PST).
    expect(addBusinessHours(start, 7, ny).toISOString()).toBe('2026-03-04T15:00:00.000Z');
    expect(addBusinessHours(start, 7, la).toISOString()).toBe('2026-03-04T00:00:00.000Z');
  });

  it('keeps 09:00–17:00 local across the spring and autumn DST switches', () => {
    // Spring forward Sun 2026-03-08: Fri 16:00 EST (21:00Z) + 2h → Mon 10:00 EDT (14:00Z).
    expect(addBusinessHours(at('2026-03-06T21:00:00Z'), 2, ny).toISOString()).toBe('2026-03-09T14:00:00.000Z');
    // Fall back Sun 2026-11-01: Fri 16:00 EDT (20:00Z) + 2h → Mon 10:00 EST (15:00Z).
    expect(addBusinessHours(at('2026-10-30T20:00:00Z'), 2, ny).toISOString()).toBe('2026-11-02T15:00:00.000Z');
    // A zone whose switch is on a weekday (Europe, last Sunday of March) still works a full day after it.
    const london = { timeZone: 'Europe/London', holidays: new Set<string>() };
    expect(addBusinessHours(at('2026-03-27T16:00:00Z'), 2, london).toISOString()).toBe('2026-03-30T09:00:00.000Z');
  });

  it('refuses negative and non-finite hours', () => {
    expect(() => addBusinessHours(at('2026-03-03T15:00:00Z'), -1, ny)).toThrow(RangeError);
    expect(() => addBusinessHours(at('2026-03-03T15:00:00Z'), Number.NaN, ny)).toThrow(RangeError);
  });
});

describe('businessHoursBetween', () => {
  it('counts only working time', () => {
    // Fri 2026-03-06 12:00 EST to Mon 12:00 EDT: 5h Friday + 3h Monday.
    expect(businessHoursBetween(at('2026-03-06T17:00:00Z'), at('2026-03-09T16:00:00Z'), ny)).toBe(8);
    expect(businessHoursBetween(at('2026-03-07T12:00:00Z'), at('2026-03-08T12:00:00Z'), ny)).toBe(0);
    expect(businessHoursBetween(at('2026-03-03T15:30:00Z'), at('2026-03-03T15:45:00Z'), ny)).toBe(0.25);
  });

  it('is negative when the interval runs backwards', () => {
    expect(businessHoursBetween(at('2026-03-03T18:00:00Z'), at('2026-03-03T15:00:00Z'), ny)).toBe(-3);
  });

  it('inverts addBusinessHours (property)', () => {
    const zones = ['America/New_York', 'America/Los_Angeles', 'America/Chicago', 'Pacific/Honolulu', 'Europe/London'];
    fc.assert(
      fc.property(
        fc.date({ min: at('2024-01-01T00:00:00Z'), max: at('2029-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        fc.constantFrom(...zones),
        fc.uniqueArray(fc.integer({ min: 0, max: 365 * 6 }), { maxLength: 20 }),
        (start, hours, timeZone, offsets) => {
          const holidays = new Set(offsets.map((o) => new Date(Date.UTC(2024, 0, 1 + o)).toISOString().slice(0, 10)));
          const cal = { timeZone, holidays };
          const end = addBusinessHours(start, hours, cal);
          expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
          expect(Math.abs(businessHoursBetween(start, end, cal) - hours)).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('business hours over long spans', () => {
  /** The day-by-day definition: each working day's overlap with 09:00-17:00. */
  function naive(from: Date, to: Date, cal: BusinessCalendar): number {
    let total = 0;
    for (let t = Date.parse(`${from.toISOString().slice(0, 10)}T00:00:00Z`) - 2 * 86_400_000; t <= to.getTime() + 2 * 86_400_000; t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      if (!isWorkingDay(date, cal)) continue;
      const open = Math.max(from.getTime(), wallTime(date, 9, cal.timeZone));
      const close = Math.min(to.getTime(), wallTime(date, 17, cal.timeZone));
      if (close > open) total += close - open;
    }
    return total / 3_600_000;
  }

  it('equals the day-by-day count for spans from minutes to years, in several zones and with company holidays', () => {
    const zones = ['America/New_York', 'America/Los_Angeles', 'America/Phoenix', 'Pacific/Honolulu'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2027-06-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 3 * 365 * 86_400_000 }),
        fc.constantFrom(...zones),
        fc.boolean(),
        (start, span, timeZone, companyHolidays) => {
          const cal = { timeZone, holidays: new Set(companyHolidays ? ['2025-12-26', '2026-11-27', '2024-07-05', '2027-01-02'] : []) };
          const from = new Date(start);
          const to = new Date(start + span);
          expect(businessHoursBetween(from, to, cal)).toBeCloseTo(naive(from, to, cal), 9);
        },
      ),
      { numRuns: 300 },
    );
  });
});
