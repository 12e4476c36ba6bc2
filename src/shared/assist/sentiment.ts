/**
 * The customer's mood from their words, English only: wink-nlp's lexicon sentiment (its English
 * model ships in wink-eng-lite-web-model) plus cues that support lines carry and a general
 * lexicon misses ("third time", "!!!", shouting, "still"). Other languages get null: there is
 * no measured signal for them. Text whose language is unknown (too short to tell) is read as
 * English, which for "ok" or "thanks!" is what it is.
 *
 * Thresholds were tuned on tests/fixtures/assist/moods.json (see scripts/eval/text.ts).
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export type Mood = 'angry' | 'unhappy' | 'neutral' | 'happy';

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;
/** Building the pipeline takes ~300 ms: done on first use, once. */
function pipeline(): Nlp {
  nlp ??= winkNLP(model, ['sbd', 'negation', 'sentiment']);
  return nlp;
}

/** Words that mean the customer is angry at us, not just unlucky. */
const ANGER = /\b(ridiculous|unacceptable|useless|furious|scam|worst|joke|ombudsman|complaint|sick of|kidding|unbelievable|ignoring|manager|third time|fourth time|again and again|incompetent|disgrace|outrageous|lawyer|pathetic)\b/giu;
/** Signs of worry or disappointment. */
const WORRY = /\b(unfortunately|still|disappoint\w*|worried|worry|stress\w*|frustrat\w*|confus\w*|sadly|longer than|upset|annoy\w*)\b/giu;
/** Gratitude and relief. */
const GRATITUDE = /\b(thanks?|thank you|appreciated?|helpful|perfect|brilliant|awesome|lovely|solved|sorted|works again|worked)\b/giu;
const REPEATED_MARKS = /[!?]{2,}/u;
const SHOUTED_WORD = /\b[A-Z]{4,}\b/gu;

const LEXICON_WEIGHT = 0.6;
const ANGER_WEIGHT = 0.45;
const WORRY_WEIGHT = 0.2;
const GRATITUDE_WEIGHT = 0.4;
/** A lexicon score of a one- or two-word line ("ok", "fine") says nothing. */
const MIN_WORDS_FOR_LEXICON = 3;

export const MOOD_THRESHOLDS = { angry: -0.4, unhappy: -0.1, happy: 0.25 } as const;

function distinct(text: string, pattern: RegExp): number {
  return new Set([...text.matchAll(pattern)].map((m) => m[0].toLowerCase())).size;
}

export function moodOf(text: string, language: string | null): { score: number; mood: Mood } | null {
  if (language !== null && language !== 'en') return null;
  const trimmed = text.trim();
  if (!trimmed) return null;
  const words = trimmed.split(/\s+/u).length;
  const nlpDoc = pipeline().readDoc(trimmed);
  const lexicon = words >= MIN_WORDS_FOR_LEXICON ? nlpDoc.out(pipeline().its.sentiment) : 0;

  const letters = trimmed.replace(/[^A-Za-z]/gu, '');
  const shouting = letters.length >= 8 && letters.replace(/[^A-Z]/gu, '').length / letters.length > 0.6;
  const anger = distinct(trimmed, ANGER) + (REPEATED_MARKS.test(trimmed) ? 1 : 0) + (shouting ? 1 : distinct(trimmed, SHOUTED_WORD) > 0 ? 0.5 : 0);
  const valence = LEXICON_WEIGHT * (typeof lexicon === 'number' ? lexicon : 0) - WORRY_WEIGHT * distinct(trimmed, WORRY) + GRATITUDE_WEIGHT * Math.min(1, distinct(trimmed, GRATITUDE));
  const score = Math.max(-1, Math.min(1, valence - ANGER_WEIGHT * anger));

  const mood: Mood =
    anger > 0 && score <= MOOD_THRESHOLDS.angry ? 'angry' : score <= MOOD_THRESHOLDS.unhappy ? 'unhappy' : score >= MOOD_THRESHOLDS.happy ? 'happy' : 'neutral';
  return { score: Math.round(score * 1000) / 1000, mood };
}
