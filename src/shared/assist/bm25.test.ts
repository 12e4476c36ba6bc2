import { describe, expect, it } from 'vitest';
import { buildBm25 } from './bm25';

describe('buildBm25', () => {
  const docs = [
    ['refund', 'card', 'return'],
    ['payment', 'bank', 'transfer', 'payment'],
    ['app', 'error', 'crash'],
    ['refund', 'refund', 'refund', 'store'],
    ['payment', 'app'],
  ];
  const ix = buildBm25(docs);

  it('scores only documents sharing a word with the query, best first', () => {
    const hits = ix.search(['refund']);
    expect(hits.map((h) => h.doc)).toEqual([3, 0]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('weighs rare words above common ones', () => {
    // "transfer" is in one document, "payment" in two: doc 1 has both and wins; doc 4 trails.
    const [first, second] = ix.search(['transfer', 'payment']);
    expect(first!.doc).toBe(1);
    expect(second!.doc).toBe(4);
    expect(ix.search(['transfer'])[0]!.score).toBeGreaterThan(ix.search(['payment'])[0]!.score);
  });

  it('limits, ignores unknown words and repeated query words', () => {
    expect(ix.search(['refund', 'app'], 1)).toHaveLength(1);
    expect(ix.search(['nothing', 'here'])).toEqual([]);
    expect(ix.search(['crash', 'crash'])).toEqual(ix.search(['crash']));
  });

  it('breaks ties by document order', () => {
    const same = buildBm25([['a', 'b'], ['a', 'b'], ['c']]);
    expect(same.search(['a']).map((h) => h.doc)).toEqual([0, 1]);
  });

  it('handles an empty collection and empty documents', () => {
    expect(buildBm25([]).search(['a'])).toEqual([]);
    expect(buildBm25([[], ['a']]).search(['a']).map((h) => h.doc)).toEqual([1]);
  });
});
