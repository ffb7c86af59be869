import { describe, expect, it } from 'vitest';
import { csvHref, durationUnit, inUnit, metricsApiParams, metricsFiltersFromParams, metricsFiltersToParams, periodRange } from '../../src/web/features/metrics/components/metrics-query';

const bu = '81496b53-94af-4f60-9b01-0b4786b6bac2';
const now = new Date('2027-03-10T15:30:00Z');

describe('metrics dashboard filters in the address bar', () => {
  it('reads a shared address and writes it back the same', () => {
    const address = `bu=${bu}&level=L4&type=contract_w2&period=custom&from=2027-01-01&to=2027-02-01`;
    const filters = metricsFiltersFromParams(new URLSearchParams(address));
    expect(filters).toMatchObject({ businessUnitId: bu, level: 'L4', employmentType: 'contract_w2', period: 'custom', from: '2027-01-01', to: '2027-02-01' });
    expect(metricsFiltersToParams(filters).toString()).toBe(address);
  });

  it('defaults to the last 90 days and leaves that out of the address', () => {
    const filters = metricsFiltersFromParams(new URLSearchParams('period=weekly&type=intern&from=2027-02-30&bu=eng'));
    expect(filters).toMatchObject({ period: '90', employmentType: undefined, businessUnitId: undefined });
    expect(metricsFiltersToParams(filters).toString()).toBe('');
  });

  it('keeps custom dates only with a custom period', () => {
    const filters = metricsFiltersFromParams(new URLSearchParams('period=30&from=2027-01-01'));
    expect(metricsFiltersToParams(filters).toString()).toBe('period=30');
  });
});

describe('the period and query the API is asked for', () => {
  it('counts the last N days back from today (UTC) and leaves the end to the server', () => {
    expect(periodRange({ period: '30' }, now)).toEqual({ from: '2027-02-08' });
    expect(periodRange({ period: '365' }, now)).toEqual({ from: '2026-03-10' });
  });

  it('passes custom dates, and never a period that ends before it starts', () => {
    expect(periodRange({ period: 'custom', from: '2027-01-01', to: '2027-02-01' }, now)).toEqual({ from: '2027-01-01', to: '2027-02-01' });
    expect(periodRange({ period: 'custom', from: '2027-02-01', to: '2027-01-01' }, now)).toEqual({ from: '2027-02-01' });
  });

  it('gives the CSV link the same filters as the chart', () => {
    const filters = { businessUnitId: bu, employmentType: 'full_time', period: '90' as const };
    expect(metricsApiParams(filters, now).toString()).toBe(`businessUnitId=${bu}&employmentType=full_time&from=2026-12-10`);
    expect(csvHref('cycle-time', filters, now)).toBe(`/api/v1/metrics/cycle-time?businessUnitId=${bu}&employmentType=full_time&from=2026-12-10&format=csv`);
  });
});

describe('durations on a chart', () => {
  it('picks one unit by the largest value: minutes, hours from 2 hours, days from 2 days', () => {
    expect(durationUnit(90)).toBe('minutes');
    expect(durationUnit(120)).toBe('hours');
    expect(durationUnit(2 * 1440)).toBe('days');
    expect(inUnit(150, 'hours')).toBe(2.5);
    expect(inUnit(4000, 'days')).toBe(2.8);
  });
});
