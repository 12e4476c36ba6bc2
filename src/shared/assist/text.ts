/**
 * Text normalisation shared by every assist model: one place decides what a word is, so the
 * classifier, the keyword rules and the reply index all see the same tokens. Card numbers are
 * masked before anything else looks at the text (they must never reach an index or a model).
 */
import { maskCardNumbers } from '../card-mask';

const TYPOGRAPHIC_APOSTROPHE = /[\u2018\u2019\u02bc]/gu;

/**
 * What the customer said about a case, as one text: the subject (the pre-chat description) and
 * their messages, the first message left out when it is the description itself.
 */
export function customerSide(subject: string, bodies: readonly string[]): string {
  return [subject, ...bodies].filter((s, i, all) => s !== '' && all.indexOf(s) === i).join('\n');
}

/**
 * NFKC (full-width and ligature forms fold), typographic apostrophes folded to ', lowercase,
 * card numbers masked, spaces collapsed.
 */
export function normalise(text: string): string {
  return maskCardNumbers(text).normalize('NFKC').replace(TYPOGRAPHIC_APOSTROPHE, "'").toLowerCase().replace(/\s+/gu, ' ').trim();
}

const STOPWORDS: Record<'en' | 'de' | 'sv', readonly string[]> = {
  en: [
    'a', 'about', 'after', 'again', 'all', 'already', 'also', 'am', 'an', 'and', 'any', 'are', 'as', 'at', 'be', 'been', 'before',
    'but', 'by', 'can', 'could', 'did', 'do', 'does', 'don', 'for', 'from', 'get', 'got', 'had', 'has', 'have', 'he', 'hello', 'her', 'here',
    'hey', 'hi', 'him', 'his', 'how', 'i', 'if', 'im', 'in', 'is', 'it', 'its', 'just', 'let', 'll', 'me', 'my', 'no', 'not', 'now', 'of', 'ok',
    'okay', 'on', 'or', 'our', 'please', 'so', 'some', 'still', 'than', 'that', 'the', 'their', 'them', 'then', 'there', 'these', 'they',
    'this', 'to', 'too', 'up', 'us', 've', 'very', 'was', 'we', 'were', 'what', 'when', 'where', 'which', 'who', 'why', 'will', 'with',
    'would', 'yes', 'you', 'your',
  ],
  de: [
    'aber', 'alle', 'also', 'am', 'an', 'auch', 'auf', 'aus', 'bei', 'bin', 'bis', 'bitte', 'da', 'das', 'dass', 'dem', 'den', 'der', 'des',
    'die', 'doch', 'du', 'ein', 'eine', 'einen', 'einem', 'einer', 'es', 'für', 'hab', 'habe', 'haben', 'hallo', 'hat', 'ich', 'ihr', 'ihre',
    'im', 'in', 'ist', 'ja', 'jetzt', 'kann', 'mein', 'meine', 'meinen', 'meiner', 'mich', 'mir', 'mit', 'nach', 'nicht', 'noch', 'nur',
    'oder', 'schon', 'sehr', 'sie', 'sind', 'so', 'um', 'und', 'uns', 'vom', 'von', 'vor', 'war', 'was', 'warum', 'wenn', 'wie', 'wir',
    'wird', 'wurde', 'zu', 'zum', 'zur',
  ],
  sv: [
    'allt', 'att', 'av', 'bara', 'de', 'dem', 'den', 'det', 'din', 'du', 'där', 'efter', 'eller', 'en', 'er', 'ett', 'för', 'från', 'fick',
    'ha', 'har', 'hej', 'hur', 'här', 'i', 'inte', 'jag', 'kan', 'med', 'men', 'mig', 'min', 'mina', 'mitt', 'nu', 'när', 'och', 'om',
    'på', 'sin', 'ska', 'som', 'så', 'till', 'tack', 'upp', 'ut', 'var', 'varför', 'vad', 'vi', 'är', 'än', 'ännu', 'också',
  ],
};
const STOP_BY_LANGUAGE = new Map(Object.entries(STOPWORDS).map(([k, v]) => [k, new Set(v)]));
const STOP_ANY = new Set(Object.values(STOPWORDS).flat());

/** Suffixes stripped, longest first, when at least three letters stay: cheap, not Porter. */
const SUFFIXES: Record<'en' | 'de' | 'sv', readonly string[]> = {
  en: ['ing', 'ed', 'es', 's'],
  de: ['ungen', 'ung', 'en', 'er', 'es', 'e'],
  sv: ['ningarna', 'ningen', 'ningar', 'arna', 'erna', 'ande', 'ade', 'en', 'et', 'ar', 'er', 'or', 'na', 'a'],
};
/** Suffixes by their last letter, longest first: a word tries only those that can match. */
type SuffixTable = ReadonlyMap<string, readonly string[]>;
function suffixTable(list: readonly string[]): SuffixTable {
  const table = new Map<string, string[]>();
  for (const s of [...new Set(list)].sort((a, b) => b.length - a.length)) {
    const last = s[s.length - 1]!;
    table.set(last, [...(table.get(last) ?? []), s]);
  }
  return table;
}
const SUFFIX_BY_LANGUAGE = new Map(Object.entries(SUFFIXES).map(([k, v]) => [k, suffixTable(v)]));
const SUFFIX_ANY = suffixTable(Object.values(SUFFIXES).flat());
const MIN_STEM = 3;

function stem(word: string, table: SuffixTable): string {
  const candidates = table.get(word[word.length - 1]!);
  if (!candidates) return word;
  for (const s of candidates) {
    if (word.length - s.length >= MIN_STEM && word.endsWith(s)) return word.slice(0, -s.length);
  }
  return word;
}

/** Links and e-mail addresses: not words of the message. */
export const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/giu;
export const EMAIL_PATTERN = /[^\s@]+@[^\s@]+\.[^\s@]+/gu;

const NOT_WORD = /[^\p{L}\p{M}\p{N}]+/u;
const HAS_LETTER = /\p{L}/u;
const MAY_HOLD_LINK = /[@:]|www\./u;

/**
 * Words of the text minus stopwords, numbers dropped, lightly stemmed. With a language among
 * en/de/sv its own lists apply; otherwise (unknown or another language) all three together, so
 * that training and prediction agree whatever the detector says.
 */
export function tokens(text: string, language?: string | null): string[] {
  const stop = (language && STOP_BY_LANGUAGE.get(language)) || STOP_ANY;
  const suffixes = (language && SUFFIX_BY_LANGUAGE.get(language)) || SUFFIX_ANY;
  let n = normalise(text);
  if (MAY_HOLD_LINK.test(n)) n = n.replace(URL_PATTERN, ' ').replace(EMAIL_PATTERN, ' ');
  const out: string[] = [];
  for (const w of n.split(NOT_WORD)) {
    if (w.length < 2 || stop.has(w) || !HAS_LETTER.test(w)) continue;
    out.push(stem(w, suffixes));
  }
  return out;
}
