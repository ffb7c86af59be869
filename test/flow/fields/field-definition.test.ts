import { describe, expect, it } from 'vitest';
import { parseFieldDefinition, type DefinitionContext } from '../../../src/flow/fields/field-definition-validate';
import { offerWriterRoles, payReaderRoles } from '../../../src/flow/fields/field-access';
import type { FieldDefinition } from '../../../src/flow/fields/field-definition.schema';
import { checkPattern, unsafePatternReason } from '../../../src/flow/fields/field-pattern';
import { roles } from '../../../src/core/roles';

const shift: FieldDefinition = {
  key: 'shift',
  label: 'Shift',
  type: 'single_select',
  section: 'Schedule',
  order: 1,
  validation: { required: false },
  options: [
    { value: 'day', label: 'Day' },
    { value: 'night', label: 'Night' },
  ],
  access: { read: [...roles], write: ['admin', 'recruiter'] },
  sensitive: false,
};
const ctx: DefinitionContext = { others: new Map([['shift', shift]]) };

const base = { key: 'cost_center', label: 'Cost center', type: 'text' };

function parse(input: object, context: DefinitionContext = ctx) {
  return parseFieldDefinition(input, context);
}

/** The definition is refused with a problem naming `field` whose message matches. */
function refused(input: object, field: string, message: RegExp, context: DefinitionContext = ctx) {
  const r = parse(input, context);
  expect(r.ok, JSON.stringify(input)).toBe(false);
  if (r.ok) return;
  const p = r.problems.find((x) => x.field === field);
  expect(p, `expected a problem at ${field}, got ${JSON.stringify(r.problems)}`).toBeDefined();
  expect(p!.message).toMatch(message);
}

describe('a valid definition', () => {
  it('fills in every default explicitly', () => {
    const r = parse(base);
    expect(r).toEqual({
      ok: true,
      definition: {
        key: 'cost_center',
        label: 'Cost center',
        type: 'text',
        section: 'Additional details',
        order: 0,
        validation: { required: false },
        access: { read: [...roles], write: [...offerWriterRoles] },
        sensitive: false,
      },
    });
  });

  it('keeps everything a full definition says', () => {
    const r = parse({
      key: 'visa_sponsorship',
      label: '  Visa sponsorship ',
      type: 'multi_select',
      helpText: 'Which visas the company sponsors',
      section: 'Immigration',
      order: 3,
      validation: { requiredWhen: { all: [{ field: 'employmentType', op: 'in', value: ['contract_w2'] }, { field: 'custom.shift', op: 'eq', value: 'night' }] }, min: 1, max: 2 },
      options: [{ value: 'h1b', label: 'H-1B' }, { value: 'o1' }],
      default: ['h1b'],
      access: { read: ['admin', 'recruiter', 'finance'], write: ['recruiter'] },
      sensitive: true,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.definition).toMatchObject({
      label: 'Visa sponsorship',
      options: [{ value: 'h1b', label: 'H-1B' }, { value: 'o1', label: 'o1' }],
      default: ['h1b'],
      access: { read: ['admin', 'recruiter', 'finance'], write: ['recruiter'] },
      validation: { required: false, min: 1, max: 2 },
    });
  });

  it('a sensitive field is read by pay readers only, by default', () => {
    const r = parse({ ...base, key: 'retention_bonus', type: 'money', sensitive: true });
    expect(r.ok && r.definition.access.read).toEqual([...payReaderRoles]);
    expect(payReaderRoles).not.toContain('legal');
    expect(payReaderRoles).not.toContain('it');
    expect(payReaderRoles).toContain('finance');
  });

  it('accepts patterns of ordinary shapes', () => {
    for (const p of ['CC-[0-9]{4}', '[A-Z]{2}\\d{3,5}', '(PO|SO)-\\d+', '\\p{L}+', 'a(b)?c*'])
      expect(parse({ ...base, validation: { pattern: p } }).ok, p).toBe(true);
  });
});

describe('bad definitions are refused, naming the property', () => {
  it('key format', () => {
    refused({ ...base, key: 'CostCenter' }, 'key', /lower snake case/);
    refused({ ...base, key: '1st' }, 'key', /lower snake case/);
    refused({ ...base, key: 'a__b' }, 'key', /lower snake case/);
    refused({ ...base, key: 'a'.repeat(41) }, 'key', /at most 40/);
    refused({ label: 'x', type: 'text' }, 'key', /is required/);
  });

  it('key clashing with a built-in field or a reserved word', () => {
    refused({ ...base, key: 'employment_type' }, 'key', /clashes with the built-in field employmentType/);
    refused({ ...base, key: 'base_salary' }, 'key', /clashes with the built-in field .*baseSalaryCents/);
    refused({ ...base, key: 'start_date' }, 'key', /built-in field/);
    refused({ ...base, key: 'custom' }, 'key', /reserved word/);
  });

  it('unknown type', () => {
    refused({ ...base, type: 'currency' }, 'type', /unknown type "currency": use one of text, long_text/);
  });

  it('invalid pattern', () => {
    refused({ ...base, validation: { pattern: '[a-z' } }, 'validation.pattern', /not a valid regular expression/);
    refused({ ...base, validation: { pattern: 'a'.repeat(201) } }, 'validation.pattern', /at most 200/);
    refused({ ...base, validation: { pattern: '' } }, 'validation.pattern', /empty/);
  });

  it('unsafe pattern', () => {
    refused({ ...base, validation: { pattern: '(a+)+b' } }, 'validation.pattern', /unsafe.*nested quantifiers/);
    refused({ ...base, validation: { pattern: '(\\w+\\s?)*' } }, 'validation.pattern', /nested quantifiers/);
    refused({ ...base, validation: { pattern: '(?:x*y){2,}' } }, 'validation.pattern', /nested quantifiers/);
    refused({ ...base, validation: { pattern: '(a|ab)*c' } }, 'validation.pattern', /alternatives/);
    refused({ ...base, validation: { pattern: '(a)\\1' } }, 'validation.pattern', /back-reference/);
  });

  it('a pattern on a type that is not text', () => {
    refused({ ...base, type: 'number', validation: { pattern: '\\d+' } }, 'validation.pattern', /only to text and long_text/);
  });

  it('empty options', () => {
    refused({ ...base, type: 'single_select' }, 'options', /at least one choice/);
    refused({ ...base, type: 'multi_select', options: [] }, 'options', /at least one choice/);
  });

  it('duplicate option values, empty values and labels', () => {
    refused({ ...base, type: 'single_select', options: [{ value: 'a' }, { value: 'b' }, { value: 'A' }] }, 'options.2.value', /repeats the value "A" of options.0/);
    refused({ ...base, type: 'single_select', options: [{ value: ' ' }] }, 'options.0.value', /must not be empty/);
    refused({ ...base, type: 'single_select', options: [{ value: 'a', label: '' }] }, 'options.0.label', /must not be empty/);
  });

  it('options on a type that is not a select', () => {
    refused({ ...base, options: [{ value: 'a' }] }, 'options', /only to single_select and multi_select/);
  });

  it('min greater than max, and bounds of the wrong kind', () => {
    refused({ ...base, type: 'number', validation: { min: 10, max: 1 } }, 'validation.min', /greater than max/);
    refused({ ...base, type: 'date', validation: { min: '2027-06-01', max: '2027-01-01' } }, 'validation.min', /greater than max/);
    refused({ ...base, type: 'date', validation: { min: 5 } }, 'validation.min', /real date/);
    refused({ ...base, type: 'money', validation: { max: 1.5 } }, 'validation.max', /whole number of cents/);
    refused({ ...base, validation: { max: 500 } }, 'validation.max', /0 to 200/);
  });

  it('min or max on a type without order', () => {
    refused({ ...base, type: 'boolean', validation: { min: 0 } }, 'validation.min', /no order/);
    refused({ ...base, type: 'single_select', options: [{ value: 'a' }], validation: { max: 1 } }, 'validation.max', /no order/);
    refused({ ...base, type: 'user_reference', validation: { max: 1 } }, 'validation.max', /no order/);
  });

  it('requiredWhen on an unknown field', () => {
    refused({ ...base, validation: { requiredWhen: { field: 'custom.union_code', op: 'exists' } } }, 'validation.requiredWhen.field', /unknown field "custom.union_code"/);
    refused({ ...base, validation: { requiredWhen: { any: [{ field: 'employment', op: 'eq', value: 'x' }] } } }, 'validation.requiredWhen.any.0.field', /unknown field "employment"/);
    refused({ ...base, validation: { requiredWhen: { field: 'facts.overBudget', op: 'eq', value: true } } }, 'validation.requiredWhen.field', /unknown field/);
  });

  it('requiredWhen referring to the field itself', () => {
    refused({ ...base, validation: { requiredWhen: { not: { field: 'custom.cost_center', op: 'exists' } } } }, 'validation.requiredWhen.not.field', /refers to this field itself/);
  });

  it('requiredWhen with an operator or value that does not fit the field', () => {
    refused({ ...base, validation: { requiredWhen: { field: 'employmentType', op: 'gt', value: 1 } } }, 'validation.requiredWhen.op', /does not apply/);
    refused({ ...base, validation: { requiredWhen: { field: 'employmentType', op: 'eq', value: 'contractor' } } }, 'validation.requiredWhen.value', /"contractor" is not a value of employmentType/);
    refused({ ...base, validation: { requiredWhen: { field: 'custom.shift', op: 'eq', value: 'evening' } } }, 'validation.requiredWhen.value', /not a value of custom.shift: use one of day, night/);
    refused({ ...base, validation: { requiredWhen: { field: 'employmentType', op: 'wrong' } } }, 'validation.requiredWhen.op', /unknown operator/);
  });

  it('requiredWhen together with required', () => {
    refused({ ...base, validation: { required: true, requiredWhen: { field: 'employmentType', op: 'exists' } } }, 'validation.requiredWhen', /means nothing when required is true/);
  });

  it('unknown or repeated roles', () => {
    refused({ ...base, access: { read: ['admin', 'treasurer'] } }, 'access.read.1', /unknown role "treasurer"/);
    refused({ ...base, access: { read: ['admin', 'admin'] } }, 'access.read.1', /twice/);
    refused({ ...base, access: { read: [] } }, 'access.read', /at least one role/);
  });

  it('a sensitive field readable by a role that cannot read pay', () => {
    refused({ ...base, sensitive: true, access: { read: ['admin', 'legal'] } }, 'access.read.1', /legal cannot read pay/);
  });

  it('writers that do not edit offers, or do not read the field', () => {
    refused({ ...base, access: { read: [...roles], write: ['finance'] } }, 'access.write.0', /does not edit offers/);
    refused({ ...base, access: { read: ['admin'], write: ['admin', 'recruiter'] } }, 'access.write.1', /also be in access.read/);
  });

  it('label empty or too long', () => {
    refused({ ...base, label: '   ' }, 'label', /must not be empty/);
    refused({ ...base, label: 'x'.repeat(101) }, 'label', /at most 100/);
  });

  it('a default that fails its own validation', () => {
    refused({ ...base, validation: { pattern: 'CC-\\d{4}' }, default: 'CC-12' }, 'default', /own validation: .*expected form/);
    refused({ ...base, type: 'number', validation: { max: 10 }, default: 11 }, 'default', /at most 10/);
    refused({ ...base, type: 'single_select', options: [{ value: 'a' }], default: 'b' }, 'default', /not one of the choices/);
    refused({ ...base, type: 'user_reference', default: '00000000-0000-4000-8000-000000000000' }, 'default', /no default/);
  });

  it('a new version that changes the key or the type', () => {
    const previous = { ...shift, key: 'cost_center', type: 'text' as const, options: undefined };
    refused({ ...base, key: 'cost_centre' }, 'key', /cannot change/, { others: new Map(), previous });
    refused({ ...base, type: 'long_text' }, 'type', /cannot change from text to long_text/, { others: new Map(), previous });
  });

  it('unknown properties and wrong shapes', () => {
    refused({ ...base, colour: 'red' }, 'colour', /not a known property/);
    refused({ ...base, validation: { required: 'yes' } }, 'validation.required', /true or false/);
    refused({ ...base, order: -1 }, 'order', /zero or more/);
    expect(parseFieldDefinition([], ctx)).toMatchObject({ ok: false, problems: [{ field: '(body)' }] });
  });

  it('reports several problems at once', () => {
    const r = parse({ key: 'Bad Key', label: '', type: 'text', options: [{ value: 'a' }], access: { read: ['nobody'] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field).sort()).toEqual(['access.read.0', 'key', 'label', 'options']);
  });
});

describe('pattern safety', () => {
  it('finds the shapes that backtrack catastrophically and lets the rest through', () => {
    expect(unsafePatternReason('((a+))+')).toMatch(/nested/);
    expect(unsafePatternReason('(a{2,5})*')).toMatch(/nested/);
    expect(unsafePatternReason('(?<x>a|b)+')).toMatch(/alternatives/);
    expect(unsafePatternReason('(?<x>a)\\k<x>')).toMatch(/back-reference/);
    expect(unsafePatternReason('[(a+)+]')).toBeNull();
    expect(unsafePatternReason('\\(a+\\)+')).toBeNull();
    expect(unsafePatternReason('(ab)?(cd){2}')).toBeNull();
    expect(unsafePatternReason('\\u{1F600}+')).toBeNull();
  });

  it('compiles in Unicode mode and matches the whole value', () => {
    const r = checkPattern('CC-\\d{4}', 200);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.regex.test('CC-1234')).toBe(true);
    expect(r.regex.test('xCC-1234')).toBe(false);
    expect(checkPattern('\\-', 200).ok).toBe(false);
  });
});
