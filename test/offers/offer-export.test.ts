import { describe, expect, it } from 'vitest';
import type { CapturedDefinition } from '../../src/flow/fields/custom-values';
import type { FieldDefinition } from '../../src/flow/fields/field-definition.schema';
import { csvValue, customCells, customColumns } from '../../src/offers/offer-export';

const def = (key: string, read: FieldDefinition['access']['read'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  label: key,
  type: 'text',
  section: 's',
  order: 0,
  validation: { required: false },
  access: { read, write: ['admin'] },
  sensitive: false,
  ...extra,
});
const captured = (d: FieldDefinition): CapturedDefinition => ({ definitionId: d.key, version: 1, definition: d });

describe('offers export columns', () => {
  const defs = [def('shifts', ['recruiter', 'it'], { order: 1, type: 'multi_select' }), def('bonus', ['recruiter'], { sensitive: true }), def('cost_center', ['recruiter', 'it'])];

  it('has a column per field one of the roles reads, ordered like the form, each key once', () => {
    expect(customColumns([...defs, def('cost_center', ['it'])], ['recruiter'])).toEqual(['custom.bonus', 'custom.cost_center', 'custom.shifts']);
    expect(customColumns(defs, ['it'])).toEqual(['custom.cost_center', 'custom.shifts']);
  });

  it('fills a cell only where the roles on that offer read the field, and names sensitive values shown', () => {
    const columns = ['custom.bonus', 'custom.cost_center', 'custom.shifts'];
    const values = { bonus: 100, cost_center: 'CC-100', shifts: ['early', 'late'] };
    expect(customCells(columns, values, defs.map(captured), ['recruiter'])).toEqual({
      cells: { 'custom.bonus': 100, 'custom.cost_center': 'CC-100', 'custom.shifts': ['early', 'late'] },
      sensitiveShown: ['terms.custom.bonus'],
    });
    expect(customCells(columns, values, defs.map(captured), ['it']).cells).toEqual({ 'custom.bonus': null, 'custom.cost_center': 'CC-100', 'custom.shifts': ['early', 'late'] });
    // A value without the definition it was captured under is not shown.
    expect(customCells(columns, values, [], ['recruiter']).cells['custom.cost_center']).toBeNull();
    expect(csvValue(['early', 'late'])).toBe('early;late');
  });
});
