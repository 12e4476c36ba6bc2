/**
 * Which language a customer writes in, from eld's n-gram data (shipped in the package; nothing
 * leaves the machine). The extra-small dataset is used: on tests/fixtures/assist/languages.json
 * (103 support lines in 11 languages) extrasmall, small, medium and large all scored 103/103,
 * and extrasmall loads fastest (see tests/bench/assist.ts). Detection is limited to the
 * languages a support desk of ours meets, which keeps short Nordic lines from drifting into
 * languages nobody writes in.
 */
import { eld } from 'eld/extrasmall';
import { maskCardNumbers } from '../card-mask';
import { EMAIL_PATTERN, URL_PATTERN } from './text';

/** ISO 639-1 codes detection chooses among. */
export const DETECTED_LANGUAGES = ['en', 'de', 'sv', 'fr', 'es', 'nl', 'da', 'no', 'fi', 'it', 'pl'] as const;

/** Below this many letters (after stripping) a guess is not worth showing. */
export const MIN_LETTERS = 12;

let detector: typeof eld | null = null;
function getDetector(): typeof eld {
  if (!detector) {
    detector = eld.newInstance();
    detector.setLanguageSubset([...DETECTED_LANGUAGES]);
  }
  return detector;
}

const MASKED = /•+/gu;
const NUMBERISH = /[\p{N}#€$£%.,:/+\-–()]+/gu;
const LETTER = /\p{L}/gu;

/** The words of the text without card numbers, links, addresses and numbers. */
export function languageText(text: string): string {
  return maskCardNumbers(text).replace(URL_PATTERN, ' ').replace(EMAIL_PATTERN, ' ').replace(MASKED, ' ').replace(NUMBERISH, ' ').replace(/\s+/gu, ' ').trim();
}

export function detectLanguage(text: string): { language: string | null; reliable: boolean } {
  const clean = languageText(text);
  const letters = clean.match(LETTER)?.length ?? 0;
  if (letters < MIN_LETTERS) return { language: null, reliable: false };
  const result = getDetector().detect(clean);
  if (!result.language) return { language: null, reliable: false };
  return { language: result.language, reliable: result.isReliable() };
}
