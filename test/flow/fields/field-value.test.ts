import { describe, expect, it } from 'vitest';
import { roles } from '../../../src/core/roles';
import type { FieldDefinition, FieldType } from '../../../src/flow/fields/field-definition.schema';
import { validateCustomValues, validateValue } from '../../../src/flow/fields/field-value';

function def(type: FieldType, more: Partial<FieldDefinition> = {}): FieldDefinition {
  return {
    key: 'f',
    label: 'The field',
    type,
    section: 'Additional details',
    order: 0,
    validation: { required: false },
    access: { read: [...roles], write: ['admin', 'recruiter'] },
    sensitive: false,
    ...more,
  };
}

const ok = (d: FieldDefinition, v: unknown, other = {}) => expect(validateValue(d, v, other), JSON.stringify(v)).toEqual([]);
function bad(d: FieldDefinition, v: unknown, message: RegExp, other = {}) {
  const problems = validateValue(d, v, other);
  expect(problems, JSON.stringify(v)).toHaveLength(1);
  expect(problems[0]!.field).toBe('custom.f');
  expect(problems[0]!.message).toMatch(/^The field /);
  expect(problems[0]!.message).toMatch(message);
}

describe('validateValue, type by type', () => {
  it('text: one line, length limits, pattern on the whole value', () => {
    const d = def('text', { validation: { required: false, min: 2, max: 8, pattern: 'CC-\\d+' } });
    ok(d, 'CC-12');
    ok(d, ' CC-12 ');
    bad(d, 'CC-123456', /at most 8 characters/);
    bad(d, 'C', /at least 2 characters/);
    bad(d, 'xCC-12', /expected form/);
    bad(d, 'CC-1\nCC-2', /one line/);
    bad(d, 12, /must be text/);
    bad(def('text'), 'x'.repeat(201), /at most 200/);
  });

  it('long text: several lines, up to 5000 characters by default', () => {
    ok(def('long_text'), 'line one\nline two');
    bad(def('long_text'), 'x'.repeat(5001), /at most 5000/);
    bad(def('long_text', { validation: { required: false, max: 10 } }), 'x'.repeat(11), /at most 10/);
  });

  it('number: finite, within min and max', () => {
    const d = def('number', { validation: { required: false, min: 0.5, max: 40 } });
    ok(d, 0.5);
    ok(d, 40);
    bad(d, 41, /at most 40/);
    bad(d, 0, /at least 0.5/);
    bad(d, '3', /must be a number/);
    bad(d, Number.NaN, /must be a number/);
  });

  it('money: whole cents, zero or more, min and max in cents', () => {
    const d = def('money', { validation: { required: false, min: 100_00, max: 5_000_00 } });
    ok(d, 250_00);
    bad(d, 12.5, /whole number of cents/);
    bad(d, 50_00, /at least \$100.00 \(it is \$50.00\)/);
    bad(d, 6_000_00, /at most \$5,000.00/);
    bad(def('money'), -1, /zero or more/);
  });

  it('date: a real ISO date within min and max', () => {
    const d = def('date', { validation: { required: false, min: '2027-01-01', max: '2027-12-31' } });
    ok(d, '2027-02-28');
    bad(d, '2027-02-30', /real date/);
    bad(d, '2026-12-31', /on or after 2027-01-01/);
    bad(d, '2028-01-01', /on or before 2027-12-31/);
  });

  it('boolean: true or false, and false counts as filled in', () => {
    const d = def('boolean', { validation: { required: true } });
    ok(d, false);
    ok(d, true);
    bad(d, 'yes', /true or false/);
    bad(d, undefined, /is required/);
  });

  it('single select: one of the options', () => {
    const d = def('single_select', { options: [{ value: 'day', label: 'Day' }, { value: 'night', label: 'Night' }] });
    ok(d, 'night');
    bad(d, 'evening', /"evening" is not one of the choices: day, night/);
    bad(d, ['day'], /not one of the choices/);
  });

  it('multi select: distinct options, count within min and max', () => {
    const d = def('multi_select', { options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }, { value: 'c', label: 'C' }], validation: { required: false, min: 1, max: 2 } });
    ok(d, ['a', 'c']);
    bad(d, ['a', 'b', 'c'], /at most 2 choices/);
    bad(d, ['a', 'a'], /twice/);
    bad(d, ['z'], /"z" is not one of the choices/);
    bad(d, 'a', /list of choices/);
  });

  it('user reference: a user id', () => {
    ok(def('user_reference'), '3f1c2a7e-5b1d-4c8e-9f00-1234567890ab');
    bad(def('user_reference'), 'dana@example.com', /id of a user/);
  });
});

describe('required and required-when', () => {
  it('empty values are missing: null, "", whitespace and []', () => {
    const d = def('text', { validation: { required: true } });
    for (const v of [undefined, null, '', '   ']) bad(d, v, /The field is required$/);
    bad(def('multi_select', { options: [{ value: 'a', label: 'A' }], validation: { required: true } }), [], /is required/);
    ok(def('text'), null);
  });

  it('required when a built-in term holds', () => {
    const d = def('text', { validation: { required: false, requiredWhen: { field: 'employmentType', op: 'in', value: ['contract_w2', 'contract_1099'] } } });
    bad(d, undefined, /is required when employmentType is one of contract_w2, contract_1099/, { terms: { employmentType: 'contract_w2' } });
    ok(d, undefined, { terms: { employmentType: 'full_time' } });
    ok(d, undefined, {});
  });

  it('required when another custom field holds, and nested terms', () => {
    const d = def('money', {
      validation: { required: false, requiredWhen: { all: [{ field: 'custom.shift', op: 'eq', value: 'night' }, { not: { field: 'compensation.payBasis', op: 'eq', value: 'hourly' } }] } },
    });
    bad(d, null, /required when custom.shift is night and not \(compensation.payBasis is hourly\)/, { terms: { compensation: { payBasis: 'salary' } }, custom: { shift: 'night' } });
    ok(d, null, { terms: { compensation: { payBasis: 'hourly' } }, custom: { shift: 'night' } });
    ok(d, null, { custom: { shift: '' } });
  });

  it('required when a multi select contains a choice', () => {
    const d = def('text', { validation: { required: false, requiredWhen: { field: 'custom.visas', op: 'contains', value: 'h1b' } } });
    bad(d, '', /required when custom.visas includes h1b/, { custom: { visas: ['o1', 'h1b'] } });
    ok(d, '', { custom: { visas: ['o1'] } });
  });
});

describe('validateCustomValues', () => {
  it('checks every definition and refuses keys without one', () => {
    const defs = [def('number', { key: 'hours', label: 'Hours', validation: { required: true } }), def('text', { key: 'note', label: 'Note' })];
    expect(validateCustomValues(defs, { note: 'hi', extra: 1 })).toEqual([
      { field: 'custom.extra', message: 'is not a custom field of this offer: no field has the key "extra"' },
      { field: 'custom.hours', message: 'Hours is required' },
    ]);
    expect(validateCustomValues(defs, { hours: 20 })).toEqual([]);
  });
});
