import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../../src/core/canonical-json';
import { GENESIS_HASH, verifyChain } from '../../src/core/journal';
import { extendChain } from '../../src/journal/chain';

const at = new Date('2027-01-01T00:00:00.000Z');
const build = (n: number) =>
  extendChain({ offerId: 'o1', seq: 0, hash: GENESIS_HASH }, 'u1', at, Array.from({ length: n }, (_, i) => ({ type: 't', data: { i } })));

describe('journal chain', () => {
  it('verifies an intact chain and an empty one', () => {
    const { links, head } = build(5);
    expect(verifyChain(links, head)).toMatchObject({ ok: true, length: 5 });
    expect(verifyChain([], { seq: 0, hash: GENESIS_HASH })).toMatchObject({ ok: true, length: 0 });
  });

  it('names the first broken entry for an edit, a deletion, a reorder and a cut tail', () => {
    const { links, head } = build(5);
    const edited = links.map((l, i) => (i === 2 ? { ...l, data: { i: 99 } } : l));
    expect(verifyChain(edited, head)).toMatchObject({ ok: false, brokenAtSeq: 3 });
    const deleted = links.filter((_, i) => i !== 1);
    expect(verifyChain(deleted, head)).toMatchObject({ ok: false, brokenAtSeq: 2 });
    const reordered = [links[0]!, links[2]!, links[1]!, links[3]!, links[4]!];
    expect(verifyChain(reordered, head)).toMatchObject({ ok: false, brokenAtSeq: 2 });
    expect(verifyChain(links.slice(0, 4), head)).toMatchObject({ ok: false, brokenAtSeq: 5 });
  });

  it('canonical JSON does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });
});
