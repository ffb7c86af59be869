import { describe, expect, it } from 'vitest';
import { customCatalogue, customMergeValues } from '../../../src/flow/documents/custom-catalogue';
import { buildMergeContext } from '../../../src/flow/documents/field-catalogue';
import { renderTemplate } from '../../../src/flow/documents/template-render';
import { validateTemplate } from '../../../src/flow/documents/template-validate';
import type { FieldDefinition } from '../../../src/flow/fields/field-definition.schema';
import { mergeInput } from './template-fixtures';

const def = (key: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  label: key.replace(/_/g, ' '),
  type,
  section: 'Additional details',
  order: 0,
  validation: { required: false },
  access: { read: ['admin'], write: ['admin'] },
  sensitive: false,
  ...extra,
});

const defs = [
  def('cost_center', 'single_select', { options: [{ value: 'CC-100', label: 'Platform' }] }),
  def('shifts', 'multi_select', { options: [{ value: 'early', label: 'Early' }, { value: 'late', label: 'Late' }] }),
  def('stipend', 'money'),
  def('badge_date', 'date'),
  def('visa', 'boolean'),
  def('desk', 'number'),
  def('buddy', 'user_reference'),
  def('notes', 'long_text'),
];
const names = new Map([['7f1c8a52-3b1e-4c55-9f39-6d0c2f1d9a10', 'Dana Whitfield']]);

describe('custom fields in templates', () => {
  it('formats each type for a letter, and leaves a field without a value empty', () => {
    const values = { cost_center: 'CC-100', shifts: ['late', 'early'], stipend: 250_00, badge_date: '2027-02-01', visa: false, desk: 12, buddy: '7f1c8a52-3b1e-4c55-9f39-6d0c2f1d9a10' };
    expect(customMergeValues(defs, values, { currency: 'USD', userNames: names })).toEqual({
      cost_center: 'Platform',
      shifts: 'Late, Early',
      stipend: '$250.00',
      badge_date: 'February 1, 2027',
      visa: 'No',
      desk: 12,
      buddy: 'Dana Whitfield',
      notes: '',
    });
  });

  it('accepts the organisation\'s custom fields, refuses others by name, and trial-renders with examples', () => {
    const catalogue = customCatalogue(defs);
    expect(validateTemplate('{{ custom.cost_center }} {{ custom.shifts | upcase }}', catalogue)).toEqual({ ok: true, fields: ['custom.cost_center', 'custom.shifts'] });
    const refused = validateTemplate('{{ custom.cost_centre }}', catalogue);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems[0]!.message).toContain('(did you mean "custom.cost_center"?)');
    expect(validateTemplate('{{ custom.cost_center }}').ok).toBe(false);
    const group = validateTemplate('{{ custom }}', catalogue);
    if (!group.ok) expect(group.problems[0]!.message).toBe('"custom" is a group of fields; name one of them, e.g. "custom.badge_date"');
    else expect.fail('a bare group must be refused');
  });

  it('prints a value on one line, whatever it holds', async () => {
    const ctx = buildMergeContext({ ...mergeInput(), custom: customMergeValues(defs, { notes: 'line one\n# not a heading\n**bold**' }, { currency: 'USD', userNames: names }) });
    expect(await renderTemplate('Notes: {{ custom.notes }}', ctx)).toBe('Notes: line one # not a heading *\u200b*bold*\u200b*');
  });
});
