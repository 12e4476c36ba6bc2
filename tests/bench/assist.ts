/**
 * The assist core's speed: building the reply index over 3,000 resolved cases and 60 canned
 * replies (target < 300 ms), one reply suggestion (target < 5 ms), and the per-message models.
 * Each figure sits beside a baseline from the same run: tokens() over the same texts, the
 * work every model has to do anyway. Writes bench-results/assist.json.
 * Run: npx tsx tests/bench/assist.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { CATEGORIES, type Category } from '../../src/shared/domain';
import { CANNED_REPLIES } from '../../src/server/demo/canned-content';
import { SCRIPTS } from '../../src/server/demo/scripts';

const CASES = 3000;
const REPLIES = 60;

const importStart = performance.now();
const assist = await import('../../src/shared/assist');
const importMs = performance.now() - importStart;
const { buildSuggestionIndex, detectLanguage, moodOf, suggestCategory, suggestReplies, tokens, trainCategoryModel } = assist;

/** A small deterministic PRNG (mulberry32), so every run measures the same texts. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(2026);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const canned = Array.from({ length: REPLIES }, (_, i) => {
  const r = CANNED_REPLIES[i % CANNED_REPLIES.length]!;
  return { id: `reply-${i}`, shortcut: i < CANNED_REPLIES.length ? r.shortcut : `${r.shortcut}-${i}`, language: r.language, category: r.category, title: r.title, body: r.body };
});
const shortcutsOf = (category: Category) => canned.filter((r) => r.category === category).map((r) => r.shortcut);

function customerText(category: Category): string {
  const s = SCRIPTS[category];
  return [...pick(s.openers), pick(s.replies), pick(s.replies)].join('\n').replace(/\{order\}/gu, `ORD-${Math.floor(random() * 1e6)}`).replace(/\{\w+\}/gu, 'x');
}
const cases = Array.from({ length: CASES }, (_, i) => {
  const category = pick(CATEGORIES);
  const shortcuts = shortcutsOf(category);
  return {
    id: `case-${i}`,
    reference: `R-${i}`,
    category,
    language: 'en',
    text: customerText(category),
    outcome: 'solved',
    resolution: 'Done',
    shortcuts: shortcuts.length ? [pick(shortcuts), pick(shortcuts)] : [],
    resolvedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  };
});
const conversations = Array.from({ length: 200 }, () => {
  const category = pick(CATEGORIES);
  return { text: customerText(category), language: 'en', category };
});

/** Median of `runs` timings of fn, in ms. */
function median(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
/** Mean ms per call of fn over the items. */
function perCall<T>(items: readonly T[], fn: (item: T) => unknown, rounds = 3): number {
  for (const item of items) fn(item); // warm
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const item of items) fn(item);
  return (performance.now() - t0) / (rounds * items.length);
}

const texts = [...cases.map((c) => c.text), ...canned.map((r) => `${r.title} ${r.body}`)];
const buildBaseline = median(7, () => texts.forEach((t) => tokens(t)));
const buildMs = median(7, () => buildSuggestionIndex(canned, cases));
const index = buildSuggestionIndex(canned, cases);
const suggestBaseline = perCall(conversations, (c) => tokens(c.text), 5);
const suggestMs = perCall(conversations, (c) => suggestReplies(index, c, 3), 5);
const model = trainCategoryModel(cases.map((c) => ({ text: c.text, category: c.category })));
const categoryMs = perCall(conversations, (c) => suggestCategory(model, c.text));
const languageMs = perCall(conversations, (c) => detectLanguage(c.text));
const firstMood = performance.now();
moodOf('first use builds the pipeline', 'en');
const moodFirstMs = performance.now() - firstMood;
const moodMs = perCall(conversations, (c) => moodOf(c.text, 'en'));
const trainMs = median(3, () => trainCategoryModel(cases.map((c) => ({ text: c.text, category: c.category }))));

const results = {
  at: new Date().toISOString(),
  node: process.version,
  cases: CASES,
  replies: REPLIES,
  importAssistMs: importMs,
  build: { ms: buildMs, baselineTokensMs: buildBaseline, ratio: buildMs / buildBaseline, targetMs: 300 },
  suggestReplies: { ms: suggestMs, baselineTokensMs: suggestBaseline, ratio: suggestMs / suggestBaseline, targetMs: 5 },
  trainCategoryModel: { ms: trainMs, ratio: trainMs / buildBaseline },
  suggestCategory: { ms: categoryMs, ratio: categoryMs / suggestBaseline },
  detectLanguage: { ms: languageMs, ratio: languageMs / suggestBaseline },
  moodOf: { ms: moodMs, firstUseMs: moodFirstMs, ratio: moodMs / suggestBaseline },
};

const f = (ms: number) => `${ms.toFixed(3).padStart(9)} ms`;
console.log(`Assist core: ${CASES} resolved cases, ${REPLIES} canned replies (baseline: tokens() over the same text)`);
console.log(`  import of src/shared/assist     ${f(importMs)}  (eld extrasmall + wink model load)`);
console.log(`  buildSuggestionIndex            ${f(buildMs)}  baseline ${f(buildBaseline)}  ratio ${results.build.ratio.toFixed(2)}  target < 300 ms`);
console.log(`  suggestReplies (top 3)          ${f(suggestMs)}  baseline ${f(suggestBaseline)}  ratio ${results.suggestReplies.ratio.toFixed(1)}  target < 5 ms`);
console.log(`  trainCategoryModel              ${f(trainMs)}  ratio ${results.trainCategoryModel.ratio.toFixed(2)} of the build baseline`);
console.log(`  suggestCategory                 ${f(categoryMs)}  ratio ${results.suggestCategory.ratio.toFixed(1)}`);
console.log(`  detectLanguage                  ${f(languageMs)}  ratio ${results.detectLanguage.ratio.toFixed(1)}`);
console.log(`  moodOf                          ${f(moodMs)}  ratio ${results.moodOf.ratio.toFixed(1)}  (first use ${moodFirstMs.toFixed(0)} ms)`);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/assist.json', `${JSON.stringify(results, null, 2)}\n`);
