import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../../src/flow/documents/text-diff';

describe('line diff', () => {
  it('shows what changed between two letters', () => {
    const v1 = 'Dear Ada,\nBase salary: $180,000.00\nStart date: April 5, 2027\nWelcome!';
    const v2 = 'Dear Ada,\nBase salary: $190,000.00\nStart date: April 5, 2027\nWelcome!';
    expect(diffLines(v1, v2)).toEqual([
      { op: 'same', text: 'Dear Ada,' },
      { op: 'removed', text: 'Base salary: $180,000.00' },
      { op: 'added', text: 'Base salary: $190,000.00' },
      { op: 'same', text: 'Start date: April 5, 2027' },
      { op: 'same', text: 'Welcome!' },
    ]);
  });

  it('rebuilds both texts from the diff (property)', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const d = diffLines(before, after);
        const old = d.filter((l) => l.op !== 'added').map((l) => l.text).join('\n');
        const neu = d.filter((l) => l.op !== 'removed').map((l) => l.text).join('\n');
        expect(old).toBe(before === '' ? '' : before);
        expect(neu).toBe(after === '' ? '' : after);
      }),
    );
  });
});
