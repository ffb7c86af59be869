import { describe, expect, it } from 'vitest';
import { ageWords, boardApiParams, boardFiltersFromParams, boardFiltersToParams, hasNarrowingFilters } from '../../src/web/features/board/components/board-query';

const bu = '81496b53-94af-4f60-9b01-0b4786b6bac2';
const dept = '94365c7c-6768-4ee6-8fc1-66ba7dcddc26';

describe('status board filters in the address bar', () => {
  it('reads a shared address and writes it back the same', () => {
    const address = `view=waiting_on_me&stage=comp_review&bu=${bu}&dept=${dept}&sla=breached&sort=newest`;
    const filters = boardFiltersFromParams(new URLSearchParams(address));
    expect(filters).toEqual({ view: 'waiting_on_me', stage: 'comp_review', businessUnitId: bu, departmentId: dept, recruiterId: undefined, sla: 'breached', sort: 'newest' });
    expect(boardFiltersToParams(filters).toString()).toBe(address);
  });

  it('leaves defaults out, so a plain board has a plain address', () => {
    const filters = boardFiltersFromParams(new URLSearchParams(''));
    expect(filters).toMatchObject({ view: 'all', sort: 'oldest' });
    expect(boardFiltersToParams(filters).toString()).toBe('');
    expect(hasNarrowingFilters(filters)).toBe(false);
  });

  it('drops what the server would refuse: closed or unknown stages, unknown views, ids that are not ids', () => {
    const filters = boardFiltersFromParams(new URLSearchParams('stage=declined&view=everyone&sla=late&sort=random&bu=engineering&recruiter=1'));
    expect(filters).toEqual({ view: 'all', sort: 'oldest', stage: undefined, sla: undefined, businessUnitId: undefined, departmentId: undefined, recruiterId: undefined });
  });

  it('asks the API with its own parameter names, the page size and the cursor', () => {
    const params = boardApiParams({ view: 'mine', sort: 'oldest', businessUnitId: bu, sla: 'due_soon' }, 50, 'abc');
    expect(Object.fromEntries(params)).toEqual({ view: 'mine', sort: 'oldest', limit: '50', businessUnitId: bu, sla: 'due_soon', cursor: 'abc' });
  });
});

describe('ages in business time', () => {
  it('counts whole days from 8 hours, else whole hours, as the board sentences do', () => {
    expect(ageWords(0)).toEqual({ key: 'underHour', count: 0 });
    expect(ageWords(0.9)).toEqual({ key: 'underHour', count: 0 });
    expect(ageWords(1.5)).toEqual({ key: 'hour', count: 1 });
    expect(ageWords(7.9)).toEqual({ key: 'hours', count: 7 });
    expect(ageWords(8)).toEqual({ key: 'day', count: 1 });
    expect(ageWords(17)).toEqual({ key: 'days', count: 2 });
  });
});

describe('custom fields on the board', () => {
  it('keeps custom filters under the API\'s names and custom columns as cols in the address, and asks the API for both', () => {
    const address = 'custom.cost_center=CC-100&custom.remote_ok=true&cols=custom.cost_center%2Ccustom.shifts';
    const filters = boardFiltersFromParams(new URLSearchParams(address));
    expect(filters.custom).toEqual({ 'custom.cost_center': 'CC-100', 'custom.remote_ok': 'true' });
    expect(filters.columns).toEqual(['custom.cost_center', 'custom.shifts']);
    expect(boardFiltersToParams(filters).toString()).toBe(address);
    expect(hasNarrowingFilters(filters)).toBe(true);
    expect(Object.fromEntries(boardApiParams(filters, 50))).toMatchObject({ 'custom.cost_center': 'CC-100', 'custom.remote_ok': 'true', columns: 'custom.cost_center,custom.shifts' });
  });

  it('keeps a range\'s bounds in the address and asks the API for them', () => {
    const address = 'custom.remote_stipend.min=10000&custom.remote_stipend.max=30000';
    const filters = boardFiltersFromParams(new URLSearchParams(address));
    expect(filters.custom).toEqual({ 'custom.remote_stipend.min': '10000', 'custom.remote_stipend.max': '30000' });
    expect(boardFiltersToParams(filters).toString()).toBe(address);
    expect(Object.fromEntries(boardApiParams(filters, 50))).toMatchObject({ 'custom.remote_stipend.min': '10000', 'custom.remote_stipend.max': '30000' });
  });

  it('drops parameters that name no custom field and columns that are not custom ones', () => {
    const filters = boardFiltersFromParams(new URLSearchParams('custom.Bad-Key=1&custom.x=&cols=offer,custom.ok'));
    expect(filters.custom).toBeUndefined();
    expect(filters.columns).toEqual(['custom.ok']);
  });
});
