import { describe, expect, it } from 'vitest';
import type { Category } from '../domain';
import { MIN_EXAMPLES_PER_CATEGORY, categoryPosterior, suggestCategory, trainCategoryModel, type TrainingExample } from './classifier';

/** Examples built from phrases: each category has its own vocabulary, with some shared words. */
function examples(category: Category, phrases: string[], count: number): TrainingExample[] {
  return Array.from({ length: count }, (_, i) => ({ category, text: `${phrases[i % phrases.length]} please help, order ${1000 + i}` }));
}

const REFUND = ['I sent the parcel back and want my money', 'the shop got the parcel back, where is my money', 'parcel returned to the shop last week'];
const GLITCH = ['the app shows a blank screen after login', 'blank screen in the app on my phone', 'app screen goes blank when I open it'];
const VERIFY = ['my passport photo is rejected', 'passport upload rejected again', 'they rejected my passport photo'];

describe('trainCategoryModel', () => {
  it('counts examples per category and trains only categories with enough of them', () => {
    const model = trainCategoryModel(
      [...examples('refund_return', REFUND, 12), ...examples('technical_glitch', GLITCH, 12), ...examples('account_verification', VERIFY, MIN_EXAMPLES_PER_CATEGORY - 1)],
      new Date('2026-03-01T10:00:00Z'),
    );
    expect(model.version).toBe(1);
    expect(model.trainedAt).toBe('2026-03-01T10:00:00.000Z');
    expect(model.examples).toBe(12 + 12 + MIN_EXAMPLES_PER_CATEGORY - 1);
    expect(model.perCategory.account_verification).toBe(MIN_EXAMPLES_PER_CATEGORY - 1);
    expect(model.perCategory.other).toBe(0);
    expect(model.trained).toEqual(['refund_return', 'technical_glitch']);
  });

  it('survives a JSON round trip with the same predictions', () => {
    const model = trainCategoryModel([...examples('refund_return', REFUND, 10), ...examples('technical_glitch', GLITCH, 10)]);
    const copy = JSON.parse(JSON.stringify(model)) as typeof model;
    expect(categoryPosterior(copy, 'blank screen')).toEqual(categoryPosterior(model, 'blank screen'));
  });
});

describe('suggestCategory', () => {
  const model = trainCategoryModel([...examples('refund_return', REFUND, 20), ...examples('technical_glitch', GLITCH, 20), ...examples('account_verification', VERIFY, 3)]);

  it('predicts from words the keyword rules do not know', () => {
    const s = suggestCategory(model, 'my screen is blank');
    expect(s).toMatchObject({ category: 'technical_glitch', source: 'model' });
    expect(s!.confidence).toBeGreaterThan(0.5);
    expect(s!.confidence).toBeLessThanOrEqual(1);
  });

  it('gives a posterior that sums to one, highest first', () => {
    const posterior = categoryPosterior(model, 'parcel back to the shop');
    expect(posterior[0]!.category).toBe('refund_return');
    expect(posterior.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 9);
  });

  it('is less sure when the words are shared by categories', () => {
    const clear = suggestCategory(model, 'parcel returned, where is my money')!.confidence;
    const muddled = suggestCategory(model, 'parcel returned but the app screen is blank')!.confidence;
    expect(muddled).toBeLessThan(clear);
  });

  it('falls back to keywords for a category with too few examples', () => {
    expect(suggestCategory(model, 'my identity verification failed')).toMatchObject({ category: 'account_verification', source: 'keywords' });
  });

  it('uses keywords without a model, and says nothing when neither knows', () => {
    expect(suggestCategory(null, 'I missed a payment, is there a late fee?')).toMatchObject({ category: 'missed_payment', source: 'keywords' });
    expect(suggestCategory(null, 'hello there')).toBeNull();
    expect(suggestCategory(model, 'hello there')).toBeNull();
  });

  it('keeps keyword confidence below the model when the model is sure', () => {
    const kw = suggestCategory(null, 'where is my refund')!;
    expect(kw.confidence).toBeGreaterThan(0);
    expect(kw.confidence).toBeLessThan(0.7);
  });
});
