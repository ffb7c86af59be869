import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../../../src/flow/fields/field-definition.schema';
import { capturedUnder, changedCustomKeys, mergeWrite, problemsOfWrite, readableKeys, writableKeys, type CapturedDefinition } from '../../../src/flow/fields/custom-values';

const def = (key: string, read: FieldDefinition['access']['read'], write: FieldDefinition['access']['write'], extra: Partial<FieldDefinition> = {}): CapturedDefinition => ({
  definitionId: `id-${key}`,
  version: 3,
  definition: { key, label: key.toUpperCase(), type: 'text', section: 'S', order: 0, validation: { required: false }, access: { read, write }, sensitive: false, ...extra },
});

const defs = [def('open', ['admin', 'recruiter', 'it'], ['admin', 'recruiter']), def('secret', ['admin'], ['admin']), def('locked', ['admin', 'recruiter'], ['admin'])];

describe('custom values', () => {
  it('reads and writes follow each definition', () => {
    expect([...readableKeys(defs, ['recruiter'])].sort()).toEqual(['locked', 'open']);
    expect([...writableKeys(defs, ['recruiter'])]).toEqual(['open']);
    expect([...readableKeys(defs, ['it', 'admin'])].sort()).toEqual(['locked', 'open', 'secret']);
  });

  it('keeps a stored value the writer cannot read, trims text and drops empty values', () => {
    const merged = mergeWrite({ open: 'a', secret: 's', locked: 'l' }, { open: '  b  ', locked: 'l', extra: [] }, defs, readableKeys(defs, ['recruiter']));
    expect(merged).toEqual({ open: 'b', secret: 's', locked: 'l' });
    // A readable value left out is a deletion.
    expect(mergeWrite({ open: 'a' }, {}, defs, readableKeys(defs, ['recruiter']))).toEqual({});
  });

  it('treats missing and empty as the same when finding changes', () => {
    expect(changedCustomKeys({ a: '', b: [1], c: 1 }, { b: [1], c: 2, d: null })).toEqual(['c']);
  });

  it('refuses a change to a field the roles may not write, and only a change', () => {
    const stored = { open: 'a', locked: 'l' };
    expect(problemsOfWrite(defs, ['recruiter'], stored, { open: 'b', locked: 'l' }, {}).forbidden).toEqual([]);
    expect(problemsOfWrite(defs, ['recruiter'], stored, { open: 'b', locked: 'm' }, {}).forbidden).toEqual([{ field: 'terms.custom.locked', message: 'your role may not set LOCKED' }]);
  });

  it('records the definition version of each value held', () => {
    expect(capturedUnder(defs, { open: 'x' })).toEqual({ open: { definitionId: 'id-open', version: 3 } });
    expect(capturedUnder(defs, undefined)).toEqual({});
  });
});
