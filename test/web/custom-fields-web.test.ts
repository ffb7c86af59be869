import { describe, expect, it } from 'vitest';
import { bodyFromDraft, draftFromField } from '../../src/web/features/fields/components/field-draft';
import { canMove, entriesOf, layoutOf, moveBy, moveTo } from '../../src/web/features/fields/components/layout-model';
import type { CustomField } from '../../src/web/features/fields/api/fields';
import { toApiValues, toInputValue, withoutLabel } from '../../src/web/lib/custom-values';

const unit = '81496b53-94af-4f60-9b01-0b4786b6bac2';
const field = (key: string, section: string, order: number, businessUnitId: string | null = null, extra: Partial<CustomField['definition']> = {}): CustomField => ({
  id: key,
  key,
  businessUnitId,
  currentVersion: 1,
  createdAt: '',
  updatedAt: '',
  retired: null,
  definition: { key, label: key.toUpperCase(), type: 'text', section, order, validation: { required: false }, access: { read: ['admin'], write: ['admin'] }, sensitive: false, ...extra },
});

describe('intake form layout editor', () => {
  const fields = [field('a', 'One', 0), field('b', 'One', 1), field('c', 'Two', 2, unit), field('other_unit', 'Two', 3, 'x'), { ...field('gone', 'One', 0), retired: { at: '', byUserId: '', forced: false, reason: null, usedBy: [] } }];
  const keys = (l: ReturnType<typeof layoutOf>) => l.map((g) => `${g.section}: ${g.items.map((i) => i.key).join(' ')}`);

  it("lays out the unit's form: organisation-wide and its own fields, retired and other units' left out", () => {
    expect(keys(layoutOf(fields, unit))).toEqual(['One: a b', 'Two: c']);
    expect(keys(layoutOf(fields, null))).toEqual(['One: a b']);
  });

  it('moves within a section, and past its ends into the next or previous section', () => {
    const l = layoutOf(fields, unit);
    expect(keys(moveBy(l, 'b', 'top'))).toEqual(['One: b a', 'Two: c']);
    expect(keys(moveBy(l, 'b', 'down'))).toEqual(['One: a', 'Two: b c']);
    expect(keys(moveBy(l, 'c', 'up'))).toEqual(['One: a b c']);
    expect(keys(moveBy(l, 'a', 'down'))).toEqual(['One: b a', 'Two: c']);
    expect(canMove(l, 'a')).toEqual({ up: false, down: true, top: false });
    expect(keys(moveTo(l, 'a', 'Two', 'c'))).toEqual(['One: b', 'Two: a c']);
  });

  it('numbers the whole form, so sections keep the order of their first field; with no room between neighbours, afresh in tens', () => {
    expect(entriesOf(moveBy(layoutOf(fields, unit), 'b', 'top'))).toEqual([
      { key: 'b', section: 'One', order: 0, version: 1 },
      { key: 'a', section: 'One', order: 10, version: 1 },
      { key: 'c', section: 'Two', order: 20, version: 1 },
    ]);
  });

  it("keeps the saved numbers of fields that did not move, organisation-wide ones first, so a unit admin's move touches only the unit's fields", () => {
    const spaced = [field('a', 'One', 10), field('b', 'One', 20), field('u1', 'One', 30, unit), field('u2', 'Two', 40, unit), field('z', 'Two', 50)];
    // u2 to the top of section One: between nothing and a.
    expect(entriesOf(moveBy(layoutOf(spaced, unit), 'u2', 'up'))).toEqual([
      { key: 'a', section: 'One', order: 10, version: 1 },
      { key: 'b', section: 'One', order: 20, version: 1 },
      { key: 'u1', section: 'One', order: 30, version: 1 },
      { key: 'u2', section: 'One', order: 40, version: 1 },
      { key: 'z', section: 'Two', order: 50, version: 1 },
    ]);
    const top = entriesOf(moveBy(layoutOf(spaced, unit), 'u1', 'top'));
    expect(top.map((e) => e.key)).toEqual(['u1', 'a', 'b', 'u2', 'z']);
    expect(top.filter((e) => ['a', 'b', 'z'].includes(e.key)).map((e) => e.order)).toEqual([10, 20, 50]);
    expect(top[0]!.order).toBeLessThan(10);
    expect(top[3]!.order).toBe(40);
  });
});

describe('field editor and custom values in the browser', () => {
  it('sends money bounds in cents, a simple required-when, and keeps the place on edit', () => {
    const f = field('stipend', 'Extras', 7, null, { type: 'money', validation: { required: false, max: 500_00, requiredWhen: { field: 'employmentType', op: 'in', value: ['contract_w2', 'temp_to_hire'] } } });
    const draft = draftFromField(f);
    expect(draft.max).toBe('500');
    expect(draft.whenValue).toBe('contract_w2, temp_to_hire');
    expect(bodyFromDraft({ ...draft, max: '600' })).toMatchObject({ order: 7, section: 'Extras', validation: { max: 600_00, requiredWhen: { field: 'employmentType', op: 'in', value: ['contract_w2', 'temp_to_hire'] } } });
  });

  it('types money in dollars and stores cents; empty inputs are left out', () => {
    const defs = [{ key: 'stipend', label: 'Stipend', type: 'money' as const }, { key: 'note', label: 'Note', type: 'text' as const }, { key: 'tags', label: 'Tags', type: 'multi_select' as const }];
    expect(toInputValue(defs[0]!, 150_00)).toBe(150);
    expect(toApiValues(defs, { stipend: 150.5, note: '  ', tags: [] })).toEqual({ stipend: 150_50 });
    expect(withoutLabel('Stipend', 'Stipend must be zero or more')).toBe('must be zero or more');
  });
});
