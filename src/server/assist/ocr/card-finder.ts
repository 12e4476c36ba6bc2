/**
 * Finds card numbers among the words OCR read from a screenshot, with the boxes to blur.
 *
 * A card is 13-19 digits, Luhn-valid, starting with 2-6 (Mastercard 2-series and 5, Amex/Diners/JCB
 * 3, Visa 4, Discover/UnionPay/Maestro 6), written on one line either as one token
 * (`4111111111111111`, `4111-1111-1111-1111`) or as groups spread over adjacent words
 * (`4111 1111 1111 1111`, Amex `3782 822463 10005`): a window of whole groups where every group
 * but the last has at least three digits (the same shape rule as src/shared/card-mask.ts).
 *
 * OCR confuses a few letters with digits (O/o -> 0, l/I/| -> 1, S/s -> 5, B -> 8). A word counts
 * as digits when it is digits with at most one such letter per four characters (and at least one
 * real digit); anything with another letter (`TX7KQ2M9`, `ORD-1234567`) ends the run, so codes
 * with letters are never cards.
 *
 * Not cards, even when Luhn-valid: a run straight after `+` (a phone number); a run of more than
 * 19 digits grouped evenly (tracking and transaction numbers) unless it is wholly cards; dates and
 * amounts (`12/27`, `1,299.00`: `/` and `,` end a word's digits).
 */
import { luhnValid } from '../../../shared/card-mask';
import type { OcrBox, OcrLine, OcrWord } from './scanner';

export interface CardHit {
  /** The digits as read (after undoing OCR confusions). */
  digits: string;
  last4: string;
  /** The union of the boxes of the words that hold it. */
  bbox: OcrBox;
  /** Which words of the line hold it (indexes into `line.words`). */
  lineIndex: number;
  wordIndexes: number[];
}

const CONFUSABLE: Record<string, string> = { O: '0', o: '0', l: '1', I: '1', '|': '1', S: '5', s: '5', B: '8' };

interface Group {
  digits: string;
  word: number;
}

/** A group of digits as OCR may have written it, or null when it is not digits. */
export function readDigitGroup(raw: string): string | null {
  if (raw.length === 0) return null;
  let out = '';
  let confused = 0;
  let real = 0;
  for (const ch of raw) {
    if (ch >= '0' && ch <= '9') {
      out += ch;
      real++;
    } else if (CONFUSABLE[ch]) {
      out += CONFUSABLE[ch];
      confused++;
    } else return null;
  }
  if (real === 0 || confused > Math.max(1, Math.floor(raw.length / 4))) return null;
  return out;
}

/** The digit groups one word holds (`4111-1111` holds two), or null when the word is not digits. */
function wordGroups(text: string): { groups: string[]; plus: boolean } | null {
  let core = text.normalize('NFKC');
  // A label glued on: `Card:4111...` or `#4111...`.
  const glued = /^[A-Za-z]*[:#](.+)$/.exec(core);
  if (glued) core = glued[1]!;
  const plus = core.startsWith('+');
  core = core.replace(/^[^0-9A-Za-z|]+/, '').replace(/[^0-9A-Za-z|]+$/, '');
  if (core === '') return null;
  const parts = core.split(/[-.·–—_]+/);
  const groups: string[] = [];
  for (const part of parts) {
    const g = readDigitGroup(part);
    if (g === null) return null;
    groups.push(g);
  }
  return { groups, plus };
}

function cardShaped(groups: readonly Group[]): boolean {
  const digits = groups.map((g) => g.digits).join('');
  if (digits.length < 13 || digits.length > 19) return false;
  if (!/^[2-6]/.test(digits)) return false;
  for (let i = 0; i < groups.length - 1; i++) if (groups[i]!.digits.length < 3) return false;
  return luhnValid(digits);
}

/** An evenly grouped number longer than a card (every group the first's length, the last no longer). */
function evenLongNumber(groups: readonly Group[]): boolean {
  const total = groups.reduce((n, g) => n + g.digits.length, 0);
  if (total <= 19 || groups.length < 2) return false;
  const size = groups[0]!.digits.length;
  return groups.every((g, i) => (i === groups.length - 1 ? g.digits.length <= size : g.digits.length === size));
}

/** Card windows in one run of groups, longest first at each start, left to right. */
function windows(groups: readonly Group[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let i = 0;
  while (i < groups.length) {
    let best = -1;
    for (let j = groups.length - 1; j >= i; j--) {
      if (cardShaped(groups.slice(i, j + 1))) {
        best = j;
        break;
      }
    }
    if (best >= 0) {
      found.push([i, best]);
      i = best + 1;
    } else i++;
  }
  return found;
}

function union(boxes: readonly OcrBox[]): OcrBox {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/** Words far apart on a line (more than three line-heights of space) belong to different runs. */
function adjacent(a: OcrWord, b: OcrWord): boolean {
  const height = Math.max(a.bbox.y1 - a.bbox.y0, b.bbox.y1 - b.bbox.y0, 1);
  return b.bbox.x0 - a.bbox.x1 <= height * 3;
}

function cardsInRun(run: Group[], plus: boolean, line: OcrLine, lineIndex: number): CardHit[] {
  if (run.length === 0 || plus) return [];
  const found = windows(run);
  if (found.length === 0) return [];
  if (evenLongNumber(run)) {
    const covered = found.reduce((n, [a, b]) => n + (b - a + 1), 0);
    if (covered !== run.length) return [];
  }
  return found.map(([a, b]) => {
    const digits = run
      .slice(a, b + 1)
      .map((g) => g.digits)
      .join('');
    const wordIndexes = [...new Set(run.slice(a, b + 1).map((g) => g.word))];
    return { digits, last4: digits.slice(-4), bbox: union(wordIndexes.map((w) => line.words[w]!.bbox)), lineIndex, wordIndexes };
  });
}

export function findCards(lines: readonly OcrLine[]): CardHit[] {
  const hits: CardHit[] = [];
  lines.forEach((line, lineIndex) => {
    let run: Group[] = [];
    let runPlus = false;
    line.words.forEach((word, w) => {
      const read = wordGroups(word.text);
      const prev = line.words[w - 1];
      const continues = read !== null && run.length > 0 && prev !== undefined && adjacent(prev, word) && !read.plus;
      if (!continues) {
        hits.push(...cardsInRun(run, runPlus, line, lineIndex));
        run = [];
        runPlus = read?.plus ?? false;
      }
      if (read) for (const digits of read.groups) run.push({ digits, word: w });
    });
    hits.push(...cardsInRun(run, runPlus, line, lineIndex));
  });
  return hits;
}
