import { describe, expect, it } from 'vitest';
import { defaultColumns, filterNames, parseSavedView, sharedWith } from '../../../src/flow/views/saved-view';

const UNIT = '0b5e7c1a-3f1d-4c2b-9a51-1f7a2c3d4e5f';
const OTHER_UNIT = '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

function problemsOf(body: unknown, currentPage?: 'board' | 'offers') {
  const parsed = parseSavedView(body, currentPage);
  expect(parsed.ok, JSON.stringify(body)).toBe(false);
  return parsed.ok ? [] : parsed.problems;
}

const fieldsOf = (body: unknown, currentPage?: 'board' | 'offers') => problemsOf(body, currentPage).map((p) => p.field);

describe('parseSavedView', () => {
  it('accepts a board view, keeps its filters as sent and fills in the page\'s columns', () => {
    const parsed = parseSavedView({ page: 'board', name: '  Breached approvals ', filters: { stage: 'comp_review,in_approval', sla: 'breached', view: 'all', businessUnitId: UNIT }, sharedWithRoles: ['finance'] });
    expect(parsed).toEqual({
      ok: true,
      view: {
        page: 'board',
        name: 'Breached approvals',
        filters: { stage: 'comp_review,in_approval', sla: 'breached', view: 'all', businessUnitId: UNIT },
        columns: [...defaultColumns.board],
        sharedWithRoles: ['finance'],
        sharedWithBusinessUnitId: null,
      },
    });
  });

  it('accepts an offers list view with columns in the order given, shared with a business unit', () => {
    const parsed = parseSavedView({ page: 'offers', name: 'Drafts', filters: { status: 'draft', q: 'engineer', sort: '-startDate' }, columns: ['candidate', 'title', 'recruiter'], sharedWithBusinessUnitId: UNIT });
    expect(parsed.ok && parsed.view).toMatchObject({ columns: ['candidate', 'title', 'recruiter'], sharedWithRoles: [], sharedWithBusinessUnitId: UNIT, filters: { status: 'draft', q: 'engineer', sort: '-startDate' } });
  });

  it('takes its filter names from the pages\' own query schemas, without paging', () => {
    expect(filterNames.board).toEqual(['businessUnitId', 'departmentId', 'recruiterId', 'stage', 'sla', 'view', 'sort']);
    expect(filterNames.offers).toEqual(['status', 'businessUnitId', 'departmentId', 'recruiterId', 'q', 'sort']);
  });

  it('checks filters as the page checks its query string', () => {
    const cases: [object, string, RegExp][] = [
      [{ page: 'board', name: 'x', filters: { stage: 'declined' } }, 'filters.stage', /open lifecycle statuses/],
      [{ page: 'board', name: 'x', filters: { sla: 'late' } }, 'filters.sla', /.+/],
      [{ page: 'board', name: 'x', filters: { businessUnitId: 'eng' } }, 'filters.businessUnitId', /business unit id/],
      [{ page: 'board', name: 'x', filters: { status: 'draft' } }, 'filters.status', /not a filter of the status board/],
      [{ page: 'offers', name: 'x', filters: { sla: 'breached' } }, 'filters.sla', /not a filter of the offers list/],
      [{ page: 'offers', name: 'x', filters: { status: 'drafted' } }, 'filters.status', /.+/],
      [{ page: 'offers', name: 'x', filters: { sort: 'salary' } }, 'filters.sort', /.+/],
      [{ page: 'offers', name: 'x', filters: { limit: '10' } }, 'filters.limit', /not kept in a view/],
      [{ page: 'board', name: 'x', filters: { cursor: 'abc' } }, 'filters.cursor', /not kept in a view/],
      [{ page: 'board', name: 'x', filters: { stage: ['draft'] } }, 'filters.stage', /must be text/],
      [{ page: 'board', name: 'x', filters: 'stage=draft' }, 'filters', /must be an object/],
    ];
    for (const [body, field, message] of cases) {
      const problems = problemsOf(body);
      expect(problems.map((p) => p.field), JSON.stringify(body)).toEqual([field]);
      expect(problems[0]!.message, JSON.stringify(body)).toMatch(message);
    }
  });

  it('refuses a bad page, name, columns, roles and business unit, all at once, naming each', () => {
    expect(fieldsOf({ name: 'x' })).toEqual(['page']);
    expect(fieldsOf({ page: 'dashboard', name: 'x' })).toEqual(['page']);
    expect(fieldsOf({ page: 'board' })).toEqual(['name']);
    expect(fieldsOf({ page: 'board', name: '   ' })).toEqual(['name']);
    expect(fieldsOf({ page: 'board', name: 'x'.repeat(81) })).toEqual(['name']);
    expect(parseSavedView({ page: 'board', name: 'x'.repeat(80) }).ok).toBe(true);
    expect(fieldsOf({ page: 'board', name: 'a\nb' })).toEqual(['name']);
    expect(
      fieldsOf({
        page: 'board',
        name: 7,
        columns: ['stage', 'salary', 'stage'],
        sharedWithRoles: ['finance', 'ceo', 'finance'],
        sharedWithBusinessUnitId: 'engineering',
        owner: 'me',
      }),
    ).toEqual(['owner', 'name', 'columns.1', 'columns.2', 'sharedWithRoles.1', 'sharedWithRoles.2', 'sharedWithBusinessUnitId']);
    expect(fieldsOf({ page: 'offers', name: 'x', columns: [] })).toEqual(['columns']);
    expect(fieldsOf({ page: 'offers', name: 'x', columns: ['waitingOn'] })).toEqual(['columns.0']);
    expect(fieldsOf({ page: 'offers', name: 'x', sharedWithRoles: 'finance' })).toEqual(['sharedWithRoles']);
    expect(fieldsOf(null)).toEqual(['(body)']);
  });

  it('keeps the page of a view being changed', () => {
    expect(parseSavedView({ name: 'Renamed' }, 'board')).toMatchObject({ ok: true, view: { page: 'board', name: 'Renamed' } });
    expect(problemsOf({ page: 'offers', name: 'x' }, 'board')[0]).toMatchObject({ field: 'page', message: expect.stringMatching(/cannot change from board to offers/) });
  });
});

describe('sharedWith', () => {
  const org = (role: string) => ({ role, businessUnitId: null });
  const inUnit = (role: string, unit = UNIT) => ({ role, businessUnitId: unit });

  it('a view shared with roles reaches holders of one of them, in any scope', () => {
    const view = { sharedWithRoles: ['finance'], sharedWithBusinessUnitId: null };
    expect(sharedWith(view, [org('finance')])).toBe(true);
    expect(sharedWith(view, [inUnit('finance')])).toBe(true);
    expect(sharedWith(view, [org('it'), inUnit('recruiter')])).toBe(false);
    expect(sharedWith(view, [])).toBe(false);
  });

  it('a view shared with roles in a business unit reaches holders of the role there or across the organisation', () => {
    const view = { sharedWithRoles: ['finance'], sharedWithBusinessUnitId: UNIT };
    expect(sharedWith(view, [inUnit('finance')])).toBe(true);
    expect(sharedWith(view, [org('finance')])).toBe(true);
    expect(sharedWith(view, [inUnit('finance', OTHER_UNIT)])).toBe(false);
    expect(sharedWith(view, [inUnit('recruiter')])).toBe(false);
  });

  it('a view shared with a business unit reaches anyone holding a role there', () => {
    const view = { sharedWithRoles: [], sharedWithBusinessUnitId: UNIT };
    expect(sharedWith(view, [inUnit('it')])).toBe(true);
    expect(sharedWith(view, [org('hrbp')])).toBe(true);
    expect(sharedWith(view, [inUnit('it', OTHER_UNIT)])).toBe(false);
  });

  it('a view shared with nobody reaches nobody', () => {
    expect(sharedWith({ sharedWithRoles: [], sharedWithBusinessUnitId: null }, [org('admin')])).toBe(false);
  });
});
