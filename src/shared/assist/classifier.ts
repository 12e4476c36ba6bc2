/**
 * The category of a new conversation, learnt from the desk's own resolved cases.
 *
 * A small multinomial naive Bayes written here rather than wink-naive-bayes-text-classifier:
 * wink's `computeOdds` gives each label's one-vs-rest log2 odds, which do not form a probability
 * distribution over the categories (we want a confidence the console can show and threshold),
 * it refuses to consolidate with fewer than two labels or ten words, and its state is a JSON
 * string of its internals. Here the state is plain JSON (`CategoryModel`), the posterior is a
 * softmax of log joint probabilities, and training is one pass over the examples.
 *
 * Words count once per example (binarised NB, better on short texts). A category with fewer
 * than MIN_EXAMPLES_PER_CATEGORY examples is left out of the model and predicted by the
 * keyword rules instead.
 */
import { CATEGORIES, type Category } from '../domain';
import { keywordCategory } from './keywords';
import { tokens } from './text';

export interface TrainingExample {
  text: string;
  category: Category;
}

export interface CategoryModel {
  version: 1;
  trainedAt: string;
  /** Examples seen, all categories. */
  examples: number;
  /** Examples per category (all categories, trained or not). */
  perCategory: Record<string, number>;
  /** Categories with at least MIN_EXAMPLES_PER_CATEGORY examples: the ones the model predicts. */
  trained: Category[];
  /** Per trained category: how many of its examples hold each word. */
  wordCounts: Record<string, Record<string, number>>;
  /** Per trained category: the sum of its wordCounts. */
  wordTotals: Record<string, number>;
  /** Distinct words over the trained categories. */
  vocabulary: number;
}

export const MIN_EXAMPLES_PER_CATEGORY = 8;

/** Additive smoothing of word likelihoods. */
const SMOOTHING = 0.5;
/**
 * Naive Bayes multiplies word evidence as if words were independent, so its posteriors are far
 * too sure on long texts. Dividing the log joint by this power of the word count tempers that.
 */
const TEMPERATURE_EXPONENT = 0.5;
/** Keyword rules are trusted this much at best (their hit share scales it). */
const KEYWORD_TRUST = 0.6;

export function trainCategoryModel(examples: TrainingExample[], now: Date = new Date()): CategoryModel {
  const perCategory: Record<string, number> = {};
  for (const c of CATEGORIES) perCategory[c] = 0;
  for (const e of examples) perCategory[e.category] = (perCategory[e.category] ?? 0) + 1;
  const trained = CATEGORIES.filter((c) => (perCategory[c] ?? 0) >= MIN_EXAMPLES_PER_CATEGORY);
  const wordCounts: Record<string, Record<string, number>> = {};
  const wordTotals: Record<string, number> = {};
  for (const c of trained) {
    wordCounts[c] = {};
    wordTotals[c] = 0;
  }
  const vocabulary = new Set<string>();
  for (const e of examples) {
    const counts = wordCounts[e.category];
    if (!counts) continue;
    for (const w of new Set(tokens(e.text))) {
      counts[w] = (counts[w] ?? 0) + 1;
      wordTotals[e.category]! += 1;
      vocabulary.add(w);
    }
  }
  return { version: 1, trainedAt: now.toISOString(), examples: examples.length, perCategory, trained, wordCounts, wordTotals, vocabulary: vocabulary.size };
}

/** Posterior over the model's trained categories, highest first; empty when no word is known. */
export function categoryPosterior(model: CategoryModel, text: string): { category: Category; probability: number }[] {
  if (model.trained.length === 0) return [];
  const words = [...new Set(tokens(text))].filter((w) => model.trained.some((c) => model.wordCounts[c]![w] !== undefined));
  if (words.length === 0) return [];
  const trainedExamples = model.trained.reduce((sum, c) => sum + (model.perCategory[c] ?? 0), 0);
  const temperature = Math.max(1, words.length ** TEMPERATURE_EXPONENT);
  const logits = model.trained.map((c) => {
    const counts = model.wordCounts[c]!;
    const denominator = Math.log(model.wordTotals[c]! + SMOOTHING * model.vocabulary);
    let logJoint = Math.log((model.perCategory[c] ?? 0) / trainedExamples);
    for (const w of words) logJoint += Math.log((counts[w] ?? 0) + SMOOTHING) - denominator;
    return logJoint / temperature;
  });
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return model.trained
    .map((category, i) => ({ category, probability: exps[i]! / sum }))
    .sort((a, b) => b.probability - a.probability || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
}

/**
 * The model's category when it knows the words and the category; the keyword rules when there
 * is no model, the model knows none of the words, or the keywords name a category the model
 * was not trained on (too few examples) and the model is unsure. Null when neither says a thing.
 */
export function suggestCategory(
  model: CategoryModel | null,
  text: string,
): { category: Category; confidence: number; source: 'model' | 'keywords' } | null {
  const keywords = keywordCategory(text);
  const fromKeywords = keywords && { category: keywords.category, confidence: KEYWORD_TRUST * keywords.score, source: 'keywords' as const };
  const top = model ? categoryPosterior(model, text)[0] : undefined;
  if (!top) return fromKeywords;
  if (fromKeywords && model && !model.trained.includes(fromKeywords.category) && top.probability < 1 - KEYWORD_TRUST * (keywords?.score ?? 0)) {
    return fromKeywords;
  }
  return { category: top.category, confidence: top.probability, source: 'model' };
}
