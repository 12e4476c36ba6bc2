/**
 * A small BM25 index over token lists, built once, searched many times.
 *
 * Hand-written rather than wink-bm25-text-search, which the first version used: measured in
 * tests/bench/assist.ts over 3,000 resolved cases, wink's search took ~5 ms per suggestion
 * (it sums scores into an object keyed by string id and sorts every matching document) and its
 * build ~440 ms (prep tasks per field, per-document frequency objects), both over budget; it
 * also refuses collections of fewer than three documents. Here postings are typed arrays with
 * each term's BM25 weight precomputed, and a search sums into one Float64Array.
 */

export interface Bm25Options {
  k1?: number;
  b?: number;
}

export interface Bm25Index {
  readonly size: number;
  /** Documents that share a word with the query and their scores, best first (ties: lower index). */
  search(queryTokens: readonly string[], limit?: number): { doc: number; score: number }[];
}

interface Posting {
  docs: Int32Array;
  weights: Float64Array;
}

export function buildBm25(documents: readonly (readonly string[])[], options: Bm25Options = {}): Bm25Index {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const size = documents.length;
  const frequencies = documents.map((tokens) => {
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    return tf;
  });
  const totalLength = documents.reduce((sum, d) => sum + d.length, 0);
  const averageLength = size > 0 ? totalLength / size || 1 : 1;

  const raw = new Map<string, { docs: number[]; weights: number[] }>();
  frequencies.forEach((tf, doc) => {
    const norm = k1 * (1 - b + (b * documents[doc]!.length) / averageLength);
    for (const [term, f] of tf) {
      let p = raw.get(term);
      if (!p) raw.set(term, (p = { docs: [], weights: [] }));
      p.docs.push(doc);
      p.weights.push((f * (k1 + 1)) / (f + norm));
    }
  });
  const postings = new Map<string, Posting>();
  for (const [term, p] of raw) {
    const idf = Math.log(1 + (size - p.docs.length + 0.5) / (p.docs.length + 0.5));
    postings.set(term, { docs: Int32Array.from(p.docs), weights: Float64Array.from(p.weights, (w) => w * idf) });
  }

  return {
    size,
    search(queryTokens, limit = size) {
      const scores = new Float64Array(size);
      const touched: number[] = [];
      for (const term of new Set(queryTokens)) {
        const p = postings.get(term);
        if (!p) continue;
        for (let i = 0; i < p.docs.length; i++) {
          const doc = p.docs[i]!;
          if (scores[doc] === 0) touched.push(doc);
          scores[doc] = scores[doc]! + p.weights[i]!;
        }
      }
      return touched
        .map((doc) => ({ doc, score: scores[doc]! }))
        .sort((x, y) => y.score - x.score || x.doc - y.doc)
        .slice(0, limit);
    },
  };
}
