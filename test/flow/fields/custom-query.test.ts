import { describe, expect, it } from 'vitest';
import { parseFilterParam } from '../../../src/flow/fields/custom-params';
import { columnValues, filterValueFor, judgeCustomFilters, queryableFields, type ScopedDefinition } from '../../../src/flow/fields/custom-query';
import type { FieldDefinition } from '../../../src/flow/fields/field-definition.schema';

const def = (key: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition =>
  ({
    key,
    label: key.replace(/_/g, ' '),
    type,
    section: 'Additional details',
    order: 0,
    validation: { required: false },
    access: { read: ['admin', 'recruiter', 'finance', 'it'], write: ['admin', 'recruiter'] },
    sensitive: false,
    ...extra,
  }) as FieldDefinition;

const UNIT_A = '00000000-0000-4000-8000-00000000000a';
const UNIT_B = '00000000-0000-4000-8000-00000000000b';
const org = (d: FieldDefinition): ScopedDefinition => ({ businessUnitId: null, definition: d });

describe('custom field filter values', () => {
  it('reads each type\'s value from the query string as the stored JSON value', () => {
    expect(filterValueFor(def('n', 'number'), '2.5')).toEqual({ value: 2.5 });
    expect(filterValueFor(def('m', 'money'), '250000')).toEqual({ value: 250000 });
    expect(filterValueFor(def('b', 'boolean'), 'false')).toEqual({ value: false });
    expect(filterValueFor(def('d', 'date'), '2027-01-31')).toEqual({ value: '2027-01-31' });
    expect(filterValueFor(def('s', 'multi_select', { options: [{ value: 'day', label: 'Day' }] }), 'day')).toEqual({ value: ['day'] });
    expect(filterValueFor(def('t', 'text'), '  PO-1 ')).toEqual({ value: 'PO-1' });
  });

  it('says why a value could never match', () => {
    expect(filterValueFor(def('m', 'money'), '12.50')).toMatchObject({ why: expect.stringContaining('whole number of cents') });
    expect(filterValueFor(def('b', 'boolean'), 'yes')).toMatchObject({ why: expect.stringContaining('true or false') });
    expect(filterValueFor(def('d', 'date'), '2027-02-30')).toMatchObject({ why: expect.stringContaining('real date') });
    expect(filterValueFor(def('s', 'single_select', { options: [{ value: 'a', label: 'A' }] }), 'z')).toMatchObject({ why: expect.stringContaining('not one of the choices') });
    expect(filterValueFor(def('t', 'text'), '  ')).toEqual({ why: 'must not be empty' });
  });
});

describe('judging custom filters', () => {
  const defs = [org(def('cost_center', 'single_select', { options: [{ value: 'CC-1', label: 'One' }] })), org(def('tier', 'text', { sensitive: true, access: { read: ['admin', 'finance'], write: ['admin'] } }))];

  it('needs every one of the roles to read the field', () => {
    expect(judgeCustomFilters({ 'custom.tier': 'x' }, defs, ['admin', 'finance']).problems).toEqual([]);
    const { problems } = judgeCustomFilters({ 'custom.tier': 'x' }, defs, ['admin', 'it'], 'filters.');
    expect(problems).toEqual([{ field: 'filters.custom.tier', message: expect.stringContaining('your role it may not read it') }]);
  });

  it('matches either unit\'s meaning when two units define the key differently', () => {
    const twice = [
      { businessUnitId: UNIT_A, definition: def('shift', 'single_select', { options: [{ value: 'day', label: 'Day' }] }) },
      { businessUnitId: UNIT_B, definition: def('shift', 'multi_select', { options: [{ value: 'day', label: 'Day' }] }) },
    ];
    expect(judgeCustomFilters({ 'custom.shift': 'day' }, twice, ['admin']).filters).toEqual([{ kind: 'equals', param: 'custom.shift', anyOf: [{ shift: 'day' }, { shift: ['day'] }] }]);
  });

  it('refuses a key no field in force has', () => {
    expect(judgeCustomFilters({ 'custom.nope': 'x' }, defs, ['admin']).problems).toEqual([{ field: 'custom.nope', message: expect.stringContaining('"nope"') }]);
  });
});

describe('custom range filters', () => {
  const defs = [org(def('stipend', 'money')), org(def('hours', 'number')), org(def('review_on', 'date')), org(def('tier', 'text')), org(def('remote', 'boolean'))];
  const judge = (params: Record<string, string>, prefix?: string) => judgeCustomFilters(params, defs, ['admin'], prefix);

  it('reads custom.<key>.min and .max as inclusive bounds beside the key itself', () => {
    expect(parseFilterParam('custom.stipend')).toEqual({ key: 'stipend', op: 'eq' });
    expect(parseFilterParam('custom.stipend.min')).toEqual({ key: 'stipend', op: 'min' });
    expect(parseFilterParam('custom.stipend.max')).toEqual({ key: 'stipend', op: 'max' });
    // A field may be keyed min: custom.min is its equality, custom.min.max its upper bound.
    expect(parseFilterParam('custom.min')).toEqual({ key: 'min', op: 'eq' });
    expect(parseFilterParam('custom.min.max')).toEqual({ key: 'min', op: 'max' });
    for (const bad of ['custom.stipend.from', 'custom..min', 'custom.Stipend.min', 'custom.stipend.min.max', 'stipend.min']) expect(parseFilterParam(bad), bad).toBeNull();
  });

  it('makes one range of a key\'s bounds, typed as the field stores values', () => {
    expect(judge({ 'custom.stipend.min': '10000', 'custom.stipend.max': '30000' })).toEqual({ filters: [{ kind: 'range', key: 'stipend', anyOf: [{ as: 'numeric', min: 10000, max: 30000 }] }], problems: [] });
    expect(judge({ 'custom.hours.max': '37.5' }).filters).toEqual([{ kind: 'range', key: 'hours', anyOf: [{ as: 'numeric', max: 37.5 }] }]);
    expect(judge({ 'custom.review_on.min': '2027-01-01', 'custom.review_on.max': '2027-01-01' }).filters).toEqual([{ kind: 'range', key: 'review_on', anyOf: [{ as: 'date', min: '2027-01-01', max: '2027-01-01' }] }]);
    // With an equality on another key, both apply.
    expect(judge({ 'custom.tier': 'gold', 'custom.hours.min': '10' }).filters.map((f) => f.kind)).toEqual(['equals', 'range']);
  });

  it('refuses a range on a type without order, a bound the field could not hold, and a min above the max, naming the parameter', () => {
    expect(judge({ 'custom.tier.min': 'a' }).problems).toEqual([{ field: 'custom.tier.min', message: expect.stringContaining('only number, money and date fields take a range') }]);
    expect(judge({ 'custom.remote.max': 'true' }, 'filters.').problems).toEqual([{ field: 'filters.custom.remote.max', message: expect.stringContaining('a boolean field') }]);
    expect(judge({ 'custom.stipend.min': '100.50' }).problems).toEqual([{ field: 'custom.stipend.min', message: expect.stringContaining('whole number of cents') }]);
    expect(judge({ 'custom.review_on.max': '2027-02-30' }).problems).toEqual([{ field: 'custom.review_on.max', message: expect.stringContaining('real date') }]);
    expect(judge({ 'custom.hours.min': '40', 'custom.hours.max': '9' }).problems).toEqual([{ field: 'custom.hours.min', message: 'hours: must not be above custom.hours.max (9)' }]);
    expect(judge({ 'custom.review_on.min': '2027-03-01', 'custom.review_on.max': '2027-02-01' }, 'filters.').problems).toEqual([
      { field: 'filters.custom.review_on.min', message: expect.stringContaining('must not be above custom.review_on.max (2027-02-01)') },
    ]);
    expect(judge({ 'custom.nope.min': '1' }).problems).toEqual([{ field: 'custom.nope.min', message: expect.stringContaining('"nope"') }]);
  });

  it('reads the bounds by each unit\'s meaning of a key, skipping a unit whose type has no order', () => {
    const twice = [
      { businessUnitId: UNIT_A, definition: def('bonus', 'money') },
      { businessUnitId: UNIT_B, definition: def('bonus', 'text') },
    ];
    expect(judgeCustomFilters({ 'custom.bonus.min': '500' }, twice, ['admin']).filters).toEqual([{ kind: 'range', key: 'bonus', anyOf: [{ as: 'numeric', min: 500 }] }]);
  });
});

describe('custom columns and the pickers', () => {
  const defs = [
    org(def('cost_center', 'text')),
    { businessUnitId: UNIT_A, definition: def('finance_code', 'text', { access: { read: ['admin', 'finance'], write: ['admin'] } }) },
    org(def('tier', 'text', { sensitive: true, access: { read: ['admin', 'finance'], write: ['admin'] } })),
  ];

  it('shows a value only where the roles reaching the offer read it under the offer\'s unit, naming sensitive ones for the audit', () => {
    const values = { cost_center: 'CC-1', finance_code: 'F-1', tier: 'T1' };
    expect(columnValues(values, ['cost_center', 'finance_code', 'tier'], defs, { businessUnitId: UNIT_A, roles: ['finance'] })).toEqual({
      custom: values,
      sensitive: ['terms.custom.tier'],
    });
    expect(columnValues(values, ['cost_center', 'finance_code', 'tier'], defs, { businessUnitId: UNIT_B, roles: ['finance'] }).custom).toEqual({ cost_center: 'CC-1', tier: 'T1' });
    expect(columnValues(values, ['cost_center', 'finance_code', 'tier'], defs, { businessUnitId: UNIT_A, roles: ['recruiter'] })).toEqual({ custom: { cost_center: 'CC-1' }, sensitive: [] });
  });

  it('offers a field as a column when one role reads it and as a filter when all do', () => {
    const fields = queryableFields(defs, ['recruiter', 'finance']);
    expect(fields.map((f) => [f.key, f.filterable])).toEqual([
      ['cost_center', true],
      ['finance_code', false],
      ['tier', false],
    ]);
    expect(queryableFields(defs, ['it']).map((f) => f.key)).toEqual(['cost_center']);
  });
});
