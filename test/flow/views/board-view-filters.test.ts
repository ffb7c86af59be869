import { describe, expect, it } from 'vitest';
import { parseSavedView } from '../../../src/flow/views/saved-view';
import { boardFiltersFromParams, boardFiltersFromView, boardFiltersToView } from '../../../src/web/features/board/components/board-query';

const UNIT = '0b5e7c1a-3f1d-4c2b-9a51-1f7a2c3d4e5f';

describe('the board page and its saved views', () => {
  it('saves the board\'s filters as the board API\'s own parameters, defaults left out, and the server accepts them', () => {
    const filters = boardFiltersFromParams(new URLSearchParams(`stage=comp_review&bu=${UNIT}&sla=breached&sort=newest`));
    const saved = boardFiltersToView(filters);
    expect(saved).toEqual({ stage: 'comp_review', businessUnitId: UNIT, sla: 'breached', sort: 'newest' });
    expect(parseSavedView({ page: 'board', name: 'x', filters: saved }).ok).toBe(true);
    expect(boardFiltersToView(boardFiltersFromParams(new URLSearchParams()))).toEqual({});
  });

  it('opens a view as the address bar\'s parameters, the same filters again', () => {
    const params = boardFiltersFromView({ stage: 'comp_review', businessUnitId: UNIT, sla: 'breached', view: 'waiting_on_me', sort: 'newest' });
    expect(Object.fromEntries(params)).toEqual({ view: 'waiting_on_me', stage: 'comp_review', bu: UNIT, sla: 'breached', sort: 'newest' });
    expect(boardFiltersToView(boardFiltersFromParams(params))).toEqual({ stage: 'comp_review', businessUnitId: UNIT, sla: 'breached', view: 'waiting_on_me', sort: 'newest' });
  });

  it('opens a view naming several stages on every stage, since the board picks one', () => {
    expect(Object.fromEntries(boardFiltersFromView({ stage: 'comp_review,in_approval', sla: 'ok' }))).toEqual({ sla: 'ok' });
  });

  it('keeps custom filters in the view\'s filters and custom columns in its columns, and opens them again', () => {
    const filters = boardFiltersFromParams(new URLSearchParams('stage=comp_review&custom.cost_center=CC-100&cols=custom.cost_center'));
    const saved = boardFiltersToView(filters);
    expect(saved).toEqual({ stage: 'comp_review', 'custom.cost_center': 'CC-100' });
    expect(parseSavedView({ page: 'board', name: 'x', filters: saved, columns: ['offer', 'stage', 'custom.cost_center'] }).ok).toBe(true);
    const params = boardFiltersFromView(saved, ['offer', 'stage', 'custom.cost_center']);
    expect(Object.fromEntries(params)).toEqual({ stage: 'comp_review', 'custom.cost_center': 'CC-100', cols: 'custom.cost_center' });
  });

  it('refuses in a view what the endpoints refuse: a parameter naming no custom field, columns in the filters', () => {
    const bad = parseSavedView({ page: 'offers', name: 'x', filters: { 'custom.Bad-Key': '1', columns: 'custom.a' }, columns: ['title', 'custom.Nope!'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.field).sort()).toEqual(['columns.1', 'filters.columns', 'filters.custom.Bad-Key']);
  });
});
