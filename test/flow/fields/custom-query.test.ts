import { describe, expect, it } from 'vitest';
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
    expect(judgeCustomFilters({ 'custom.shift': 'day' }, twice, ['admin']).filters).toEqual([{ param: 'custom.shift', anyOf: [{ shift: 'day' }, { shift: ['day'] }] }]);
  });

  it('refuses a key no field in force has', () => {
    expect(judgeCustomFilters({ 'custom.nope': 'x' }, defs, ['admin']).problems).toEqual([{ field: 'custom.nope', message: expect.stringContaining('"nope"') }]);
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
