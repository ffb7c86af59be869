import { describe, expect, it } from 'vitest';
import { customFiltersFrom } from '../../src/web/lib/custom-query';
import { boundsInverted, boundToParam, filterChips, rangeText, withRange } from '../../src/web/lib/custom-range';

describe('custom range filters in the web app', () => {
  it('sends money typed in dollars as cents, numbers and dates as typed, and nothing for an empty input', () => {
    expect(boundToParam('money', 100)).toBe('10000');
    expect(boundToParam('money', '250.5')).toBe('25050');
    expect(boundToParam('number', 37.5)).toBe('37.5');
    expect(boundToParam('date', '2027-01-31')).toBe('2027-01-31');
    expect(boundToParam('money', '')).toBeUndefined();
  });

  it('compares bounds the way the server does', () => {
    expect(boundsInverted('money', '30000', '10000')).toBe(true);
    expect(boundsInverted('number', '9', '10')).toBe(false);
    expect(boundsInverted('date', '2027-03-01', '2027-02-28')).toBe(true);
    expect(boundsInverted('date', '2027-03-01', undefined)).toBe(false);
  });

  it('says a range in words, money with its cents', () => {
    expect(rangeText('money', '10000', '30000')).toBe('$100.00 – $300.00');
    expect(rangeText('number', '1000', undefined)).toBe('from 1,000');
    expect(rangeText('money', undefined, '30000')).toBe('up to $300.00');
  });

  it('reads bounds from the address bar and makes one chip of a key\'s two bounds', () => {
    const filters = customFiltersFrom(new URLSearchParams('custom.cost_center=CC-1&custom.stipend.max=30000&custom.stipend.min=10000&custom.x.from=1&status=draft'))!;
    expect(filters).toEqual({ 'custom.cost_center': 'CC-1', 'custom.stipend.max': '30000', 'custom.stipend.min': '10000' });
    expect(filterChips(filters)).toEqual([
      { kind: 'equals', key: 'cost_center', params: ['custom.cost_center'], raw: 'CC-1' },
      { kind: 'range', key: 'stipend', params: ['custom.stipend.max', 'custom.stipend.min'], min: '10000', max: '30000' },
    ]);
  });

  it('replaces a key\'s earlier bounds with the new range, other filters kept', () => {
    expect(withRange({ 'custom.a': 'x', 'custom.s.min': '1', 'custom.s.max': '9' }, 's', { max: '5' })).toEqual({ 'custom.a': 'x', 'custom.s.max': '5' });
  });
});
