/**
 * Card numbers typed by customers are masked to the last four digits before anything is
 * stored, indexed, logged or sent (PCI DSS), in every form a person or a keyboard produces.
 *
 * Detection runs on a normalised copy of the text with an index map back to the original, so
 * the masked span covers exactly the card as written and the text around it stays untouched:
 *
 * - Digits: every Unicode decimal digit (full-width, Arabic-Indic, Devanagari, mathematical
 *   bold...) and every compatibility digit (superscripts, circled digits) counts as its value.
 * - Invisible characters are dropped: format characters (zero-width space/joiners, word joiner,
 *   BOM, soft hyphen, bidi marks), combining marks (variation selectors, keycaps), controls and
 *   the Hangul fillers.
 * - Separators join digit groups, in runs of any length: spaces of every kind and tabs, line
 *   breaks, dashes of every kind (and minus signs), dots (and middle dots), slashes (and
 *   backslashes), underscores. Anything else (letters, `,` `:` `+` `(` `•`...) ends a run.
 *   Commas are not separators: they write amounts and lists, never card numbers.
 *
 * A card number is 13-19 digits of whole groups, Luhn-valid, not starting with 0. What is not a
 * card, even when its digits happen to pass Luhn (the must-stay table in the test lists them):
 *
 * - IBANs: two letters, two check digits and up to 30 more characters, recognised by their own
 *   mod-97 check (a mistyped IBAN is treated as plain digits).
 * - Identifiers: a word of letters and digits glued together or joined by `-./_` with at least
 *   two ASCII capital letters, one in its first part, and no small letters (ORD-1234567,
 *   1Z999AA10123456784, TX7KQ2M9PZ4A, case references): codes, not prose around a card
 *   (`card4111111111111111` and `4111-1111-1111-1111/CVV` are still cards).
 * - Dates: year-month-day and day-month-year (or month/day/year) with one separator kind.
 * - Phone numbers: a run straight after `+` with at most 15 digits (E.164).
 * - Amounts with thousands grouping: 1-3 digits, then groups of exactly three.
 * - Long numbers: a run of more than 19 digits grouped evenly (every group the length of the
 *   first, the last no longer): tracking numbers, transaction ids, unless the run is wholly
 *   cards (two cards in a row). A card followed by more digits in the same grouping
 *   (4111 1111 1111 1111 1227) cannot be told from such a number and stays: the price of
 *   leaving tracking numbers alone.
 *
 * Within a longer run (a card followed by its expiry date, two cards in a row) a card is looked
 * for as a window of whole groups shaped like a card: every group but the last at least three
 * digits. Preferred: the usual layouts (4-4-4-4, 4-6-5, one group...), then the whole run.
 *
 * Across messages: `maskCardAcross` treats a customer's consecutive messages as one text joined
 * by a line break and masks the parts of any card that spans them.
 */

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function maskedCard(last4: string): string {
  return `•••• ${last4}`;
}

/** What an earlier part of a card that spans messages becomes. */
export const MASKED_PART = '••••';

// ---- normalisation -------------------------------------------------------------------------
// Each code point of the original becomes one UTF-16 unit of the normalised copy, or nothing.

const IGNORE = -1;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const DASH = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const UNDERSCORE = 0x5f;
/** Any letter that is not ASCII: a word letter, never part of a code. */
const WORD_LETTER = 0xe0; // 'à'
/** Any other non-ASCII character: ends a run. */
const OTHER = 0x23; // '#'

const ASCII_CLASS = new Int16Array(128);
for (let c = 0; c < 128; c++) {
  let v: number = c;
  if (c === 9 || c === 32) v = SPACE;
  else if (c >= 10 && c <= 13) v = NEWLINE;
  else if (c === 0x5c) v = SLASH;
  else if (c < 32 || c === 127) v = IGNORE;
  ASCII_CLASS[c] = v;
}

const RE_DECIMAL = /\p{Nd}/u;
const RE_INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\p{Cc}\u115F\u1160\u3164\uFFA0]/u;
const RE_SPACE = /[\p{Zs}\u2800]/u;
const RE_LINE = /[\p{Zl}\p{Zp}]/u;
const RE_DASH = /[\p{Pd}\u2212\u02D7\u2796\u2043]/u;
const RE_DOT = /[\u00B7\u0387\u2024\u2027\u2219\u22C5\u30FB\u3002\uFF61\uFF65]/u;
const RE_SLASH = /[\u2044\u2215\u2216\u29F5\u29F8\u29F9]/u;
const RE_CONNECTOR = /\p{Pc}/u;
const RE_OTHER_NUMBER = /\p{No}/u;
const RE_LETTER = /\p{L}/u;

const isDecimal = (cp: number): boolean => RE_DECIMAL.test(String.fromCodePoint(cp));

/** Decimal digits are encoded in runs of ten from 0 to 9 (a Unicode stability policy). */
function decimalValue(cp: number): number {
  let first = cp;
  while (first > 0 && isDecimal(first - 1)) first--;
  return (cp - first) % 10;
}

function classifyNonAscii(cp: number): number {
  // Full-width ASCII (U+FF01-FF5E) is ASCII shifted.
  if (cp >= 0xff01 && cp <= 0xff5e) return ASCII_CLASS[cp - 0xfee0] as number;
  const ch = String.fromCodePoint(cp);
  if (RE_DECIMAL.test(ch)) return 48 + decimalValue(cp);
  if (RE_INVISIBLE.test(ch)) return IGNORE;
  if (RE_SPACE.test(ch)) return SPACE;
  if (RE_LINE.test(ch)) return NEWLINE;
  if (RE_DASH.test(ch)) return DASH;
  if (RE_DOT.test(ch)) return DOT;
  if (RE_SLASH.test(ch)) return SLASH;
  if (RE_CONNECTOR.test(ch)) return UNDERSCORE;
  if (RE_OTHER_NUMBER.test(ch)) {
    const folded = ch.normalize('NFKC');
    return folded.length === 1 && folded >= '0' && folded <= '9' ? folded.charCodeAt(0) : OTHER;
  }
  if (RE_LETTER.test(ch)) return WORD_LETTER;
  return OTHER;
}

const nonAsciiClass = new Map<number, number>();
function classify(cp: number): number {
  if (cp < 128) return ASCII_CLASS[cp] as number;
  let v = nonAsciiClass.get(cp);
  if (v === undefined) {
    v = classifyNonAscii(cp);
    if (nonAsciiClass.size < 100_000) nonAsciiClass.set(cp, v);
  }
  return v;
}

/** The normalised copy of one or more texts, with where each of its units came from. */
interface Normal {
  /** One UTF-16 unit per character that is not invisible (see classify). */
  n: string;
  /** Original UTF-16 range of each unit; the invisible characters after it are included. */
  start: number[];
  end: number[];
  /** Which text each unit came from (-1: the line break between texts). */
  text: number[];
}

const newNormal = (): Normal => ({ n: '', start: [], end: [], text: [] });

function push(out: Normal, code: number, start: number, end: number, textIndex: number): void {
  out.n += String.fromCharCode(code);
  out.start.push(start);
  out.end.push(end);
  out.text.push(textIndex);
}

function normaliseInto(out: Normal, s: string, textIndex: number): void {
  const first = out.start.length;
  for (let i = 0; i < s.length; ) {
    let cp = s.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        width = 2;
      }
    }
    const v = classify(cp);
    if (v !== IGNORE) push(out, v, i, i + width, textIndex);
    // Invisible: it belongs to the unit before it (a keycap mark after its digit).
    else if (out.end.length > first) out.end[out.end.length - 1] = i + width;
    i += width;
  }
}

// ---- what is not a card ----------------------------------------------------------------------

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => (c >= 97 && c <= 122) || c === WORD_LETTER;
const isAlnum = (c: number): boolean => isDigit(c) || isUpper(c) || isLower(c);
const isJoiner = (c: number): boolean => c === DASH || c === DOT || c === SLASH || c === UNDERSCORE;
const isSeparator = (c: number): boolean => c === SPACE || c === NEWLINE || c === DASH || c === DOT || c === SLASH || c === UNDERSCORE;

const IBAN_HEAD = /(?<![0-9A-Za-z\u00e0])[A-Za-z]{2}[0-9]{2}/g;
const DATE = /(?<![0-9])(?:(\d{4})([-./])(\d{1,2})\2(\d{1,2})|(\d{1,2})([-./])(\d{1,2})\6(\d{4}))(?![0-9])/g;

function block(blocked: Uint8Array, from: number, to: number): void {
  blocked.fill(1, from, to);
}

/**
 * Codes: ≥ 2 ASCII capitals, no small letters, some digits, a capital in the first token
 * (ORD-1234567, 1Z999AA10123456784, INV/2026/0001). A code is letters and digits, in tokens
 * joined by `-./_`; the digits of a code are no card's.
 */
function blockCodes(n: string, blocked: Uint8Array): void {
  let i = 0;
  while (i < n.length) {
    if (!isAlnum(n.charCodeAt(i))) {
      i++;
      continue;
    }
    const from = i;
    let upper = 0;
    let digits = 0;
    let lower = false;
    let headUpper = false;
    let inHead = true;
    for (;;) {
      const c = n.charCodeAt(i);
      if (isUpper(c)) {
        upper++;
        if (inHead) headUpper = true;
      } else if (isDigit(c)) digits++;
      else if (isLower(c)) lower = true;
      else {
        // A joiner continues the code only when a letter or digit follows.
        let j = i;
        while (j < n.length && isJoiner(n.charCodeAt(j))) j++;
        if (j === i || j >= n.length || !isAlnum(n.charCodeAt(j))) break;
        inHead = false;
        i = j;
        continue;
      }
      i++;
      if (i >= n.length) break;
    }
    if (!lower && upper >= 2 && digits > 0 && headUpper) block(blocked, from, i);
  }
}

function ibanValid(chars: string): boolean {
  const s = chars.slice(4) + chars.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) rem = (rem * 10 + (c - 48)) % 97;
    else rem = (rem * 100 + ((c | 0x20) - 97 + 10)) % 97;
  }
  return rem === 1;
}

/** IBANs: country, check digits, then characters in groups; the mod-97 check decides. */
function blockIbans(n: string, blocked: Uint8Array): void {
  for (const m of n.matchAll(IBAN_HEAD)) {
    let chars = '';
    const ends: { at: number; length: number }[] = [];
    let i = m.index;
    while (i < n.length && chars.length <= 34) {
      const c = n.charCodeAt(i);
      if (isDigit(c) || isUpper(c) || (c >= 97 && c <= 122)) {
        chars += n[i];
        i++;
        continue;
      }
      if (c === WORD_LETTER) break;
      if (chars.length >= 15 && chars.length <= 34) ends.push({ at: i, length: chars.length });
      // Groups are joined by a space or a dash (at most two).
      let j = i;
      while (j < n.length && j - i < 2 && (n.charCodeAt(j) === SPACE || n.charCodeAt(j) === DASH)) j++;
      if (j === i || j >= n.length || !isAlnum(n.charCodeAt(j)) || n.charCodeAt(j) === WORD_LETTER) break;
      i = j;
    }
    if (i >= n.length && chars.length >= 15 && chars.length <= 34) ends.push({ at: i, length: chars.length });
    for (let k = ends.length - 1; k >= 0; k--) {
      const e = ends[k]!;
      if (ibanValid(chars.slice(0, e.length))) {
        block(blocked, m.index, e.at);
        break;
      }
    }
  }
}

const isDay = (v: number): boolean => v >= 1 && v <= 31;
const isMonth = (v: number): boolean => v >= 1 && v <= 12;
const isYear = (v: number): boolean => v >= 1900 && v <= 2099;

function blockDates(n: string, blocked: Uint8Array): void {
  for (const m of n.matchAll(DATE)) {
    const ymd = m[1] !== undefined;
    const a = Number(ymd ? m[1] : m[5]);
    const b = Number(ymd ? m[3] : m[7]);
    const c = Number(ymd ? m[4] : m[8]);
    const date = ymd ? isYear(a) && isMonth(b) && isDay(c) : isYear(c) && ((isDay(a) && isMonth(b)) || (isMonth(a) && isDay(b)));
    if (date) block(blocked, m.index, m.index + m[0].length);
  }
}

// ---- finding cards ---------------------------------------------------------------------------

interface Group {
  /** Range in the normalised copy. */
  from: number;
  to: number;
  digits: string;
}

interface Window {
  first: Group;
  last: Group;
  digits: string;
  score: number;
}

/** The usual ways cards are printed: one block, fours (the last shorter), Amex/Diners 4-6-x. */
function usualLayout(groups: Group[], i: number, j: number): boolean {
  if (i === j) return true;
  const len = (k: number) => groups[k]!.digits.length;
  if (j - i === 2 && len(i) === 4 && len(i + 1) === 6 && (len(j) === 4 || len(j) === 5)) return true;
  for (let k = i; k < j; k++) if (len(k) !== 4) return false;
  return len(j) <= 4;
}

/** 13-19 digits, Luhn-valid, not starting with 0 (no card number does). */
const isCard = (digits: string): boolean => digits.length >= 13 && digits.length <= 19 && digits.charCodeAt(0) !== 48 && luhnValid(digits);

function windowsOf(chain: Group[], found: Window[]): void {
  let total = 0;
  for (const g of chain) total += g.digits.length;
  if (total < 13) return;
  const lengths = chain.map((g) => g.digits.length);
  const l0 = lengths[0]!;
  const last = chain.length - 1;
  if (chain.length > 1) {
    // An amount written with thousands separators: 1 234 567 890 123.
    if (l0 <= 3 && lengths.every((l, k) => k === 0 || l === 3)) return;
    // A long number grouped evenly (a tracking number, a transaction id) is one number, unless
    // it is wholly cards (two cards in a row).
    if (total > 19 && lengths.every((l, k) => (k === last ? l <= l0 : l === l0))) {
      const from: number[] = new Array<number>(chain.length + 1).fill(-1);
      from[0] = 0;
      for (let i = 0; i <= last; i++) {
        if (from[i] === -1) continue;
        let digits = '';
        for (let j = i; j <= last && digits.length < 19; j++) {
          digits += chain[j]!.digits;
          if (from[j + 1] === -1 && isCard(digits)) from[j + 1] = i;
        }
      }
      if (from[chain.length] === -1) return;
      for (let end = chain.length; end > 0; end = from[end]!) {
        const i = from[end]!;
        const digits = chain.slice(i, end).map((g) => g.digits).join('');
        found.push({ first: chain[i]!, last: chain[end - 1]!, digits, score: 2 });
      }
      return;
    }
  }
  for (let i = 0; i <= last; i++) {
    let digits = '';
    let short = false; // a group of one or two digits inside the window
    for (let j = i; j <= last; j++) {
      if (j > i && lengths[j - 1]! < 3) short = true;
      digits += chain[j]!.digits;
      if (digits.length > 19) break;
      const whole = i === 0 && j === last;
      // Inside a longer run a card is groups of at least three digits; only a whole run may be
      // grouped any other way.
      if ((short && !whole) || !isCard(digits)) continue;
      found.push({ first: chain[i]!, last: chain[j]!, digits, score: usualLayout(chain, i, j) ? 2 : whole ? 1 : 0 });
    }
  }
}

/**
 * Digit groups joined by separators only, in runs; blocked digits (codes, IBANs, dates) end a
 * run. A blocked range always covers whole groups, so blocking only splits runs.
 */
function runsOf(n: string, blocked: Uint8Array | null): Group[][] {
  const runs: Group[][] = [];
  let run: Group[] = [];
  let joined = false; // whether everything since the last group was separators
  for (let i = 0; i < n.length; ) {
    const c = n.charCodeAt(i);
    if (isDigit(c) && !blocked?.[i]) {
      let j = i + 1;
      while (j < n.length && isDigit(n.charCodeAt(j)) && !blocked?.[j]) j++;
      if (!joined && run.length) {
        runs.push(run);
        run = [];
      }
      run.push({ from: i, to: j, digits: n.slice(i, j) });
      joined = true;
      i = j;
      continue;
    }
    if (!isSeparator(c)) joined = false;
    i++;
  }
  if (run.length) runs.push(run);
  return runs;
}

/** Whether any whole groups of a run make a card at all: most texts with many digits do not. */
function mayHoldCard(run: Group[]): boolean {
  for (let i = 0; i < run.length; i++) {
    let digits = '';
    for (let j = i; j < run.length && digits.length < 19; j++) {
      digits += run[j]!.digits;
      if (isCard(digits)) return true;
    }
  }
  return false;
}

/** Luhn-valid windows of whole digit groups of the normalised text: best first, no overlaps, in text order. */
function findWindows(n: string): Window[] {
  // Cheap first: without any Luhn-valid window there is nothing to tell apart.
  if (!runsOf(n, null).some(mayHoldCard)) return [];
  const blocked = new Uint8Array(n.length);
  blockCodes(n, blocked);
  blockIbans(n, blocked);
  blockDates(n, blocked);

  const candidates: Window[] = [];
  for (const run of runsOf(n, blocked)) {
    const head = run[0]!.from;
    // A phone number: `+` and at most 15 digits (E.164).
    if (head > 0 && n.charCodeAt(head - 1) === 0x2b && run.reduce((sum, g) => sum + g.digits.length, 0) <= 15) continue;
    windowsOf(run, candidates);
  }
  if (candidates.length === 0) return [];
  candidates.sort((x, y) => y.score - x.score || y.digits.length - x.digits.length || x.first.from - y.first.from);
  const chosen: Window[] = [];
  for (const w of candidates) {
    if (chosen.every((o) => w.last.to <= o.first.from || w.first.from >= o.last.to)) chosen.push(w);
  }
  return chosen.sort((x, y) => x.first.from - y.first.from);
}

export interface CardMatch {
  start: number;
  end: number;
  last4: string;
}

/** ASCII without invisible controls: its normalised copy has the same length. */
const PLAIN_ASCII = /^[\t-\r\x20-\x7e]*$/;

/** Whether the text has too few digits, in any form, for a card (the common case). */
function tooFewDigits(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) {
      c = classify(text.codePointAt(i)!);
      if (text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff) i++;
    }
    if (c >= 48 && c <= 57 && ++digits >= 13) return false;
  }
  return true;
}

/** Finds card numbers in text: ranges of the original text, in order. */
export function findCardNumbers(text: string): CardMatch[] {
  if (tooFewDigits(text)) return [];
  const toMatch = (w: Window, start: number, end: number): CardMatch => ({ start, end, last4: w.digits.slice(-4) });
  if (PLAIN_ASCII.test(text)) {
    // Every character is its own unit: the normalised copy maps one to one.
    const n = text.replace(/[\t\v\f\r\\]/g, (ch) => String.fromCharCode(ASCII_CLASS[ch.charCodeAt(0)] as number));
    return findWindows(n).map((w) => toMatch(w, w.first.from, w.last.to));
  }
  const norm = newNormal();
  normaliseInto(norm, text, 0);
  return findWindows(norm.n).map((w) => toMatch(w, norm.start[w.first.from]!, norm.end[w.last.to - 1]!));
}

function replaceRanges(text: string, ranges: { start: number; end: number; with: string }[]): string {
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const r of ranges) {
    out += text.slice(pos, r.start) + r.with;
    pos = r.end;
  }
  return out + text.slice(pos);
}

/** Replaces every card number in text with `•••• 1234`; everything else stays as written. */
export function maskCardNumbers(text: string): string {
  const matches = findCardNumbers(text);
  if (matches.length === 0) return text;
  return replaceRanges(
    text,
    matches.map((m) => ({ start: m.start, end: m.end, with: maskedCard(m.last4) })),
  );
}

export function containsCardNumber(text: string): boolean {
  return findCardNumbers(text).length > 0;
}

// ---- across messages -------------------------------------------------------------------------

/**
 * Whether a message could continue a card begun in earlier messages: it starts (after
 * separators and invisible characters) with a digit. Cheap; lets a caller skip looking back.
 */
export function mayContinueCard(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const v = classify(cp);
    if (cp > 0xffff) i++;
    if (v === IGNORE || isSeparator(v)) continue;
    return isDigit(v);
  }
  return false;
}

export interface CardAcrossMatch {
  last4: string;
  /** Where the card's digits are: text index (0..previous.length, the last being `next`) and range. */
  parts: { text: number; start: number; end: number }[];
}

/**
 * Cards that span the boundary between `next` and the texts before it (oldest first), read as
 * one text joined by line breaks. Cards inside one text are not reported: mask each text first.
 */
export function findCardAcross(previousTexts: readonly string[], next: string): CardAcrossMatch[] {
  if (previousTexts.length === 0 || !mayContinueCard(next)) return [];
  const texts = [...previousTexts, next];
  const last = texts.length - 1;
  const norm = newNormal();
  texts.forEach((t, k) => {
    if (k > 0) push(norm, NEWLINE, -1, -1, -1);
    normaliseInto(norm, t, k);
  });
  const out: CardAcrossMatch[] = [];
  for (const w of findWindows(norm.n)) {
    if (norm.text[w.last.to - 1] !== last || norm.text[w.first.from] === last) continue;
    const parts: CardAcrossMatch['parts'] = [];
    for (let i = w.first.from; i < w.last.to; i++) {
      const k = norm.text[i]!;
      if (k < 0) continue;
      if (!isDigit(norm.n.charCodeAt(i))) continue;
      const p = parts[parts.length - 1];
      if (p && p.text === k) p.end = norm.end[i]!;
      else parts.push({ text: k, start: norm.start[i]!, end: norm.end[i]! });
    }
    out.push({ last4: w.digits.slice(-4), parts });
  }
  return out;
}

/**
 * Masks a customer's new message together with their messages just before it (oldest first):
 * each text on its own, then any card spanning them. The last text holding part of a card gets
 * `•••• 1234`, earlier parts `••••`. `changed` lists the previous texts that changed.
 */
export function maskCardAcross(previousTexts: readonly string[], next: string): { previous: string[]; next: string; changed: number[] } {
  const previous = previousTexts.map(maskCardNumbers);
  let masked = maskCardNumbers(next);
  const edits: { start: number; end: number; with: string }[][] = previous.map(() => []);
  const nextEdits: { start: number; end: number; with: string }[] = [];
  for (const m of findCardAcross(previous, masked)) {
    m.parts.forEach((p, k) => {
      const edit = { start: p.start, end: p.end, with: k === m.parts.length - 1 ? maskedCard(m.last4) : MASKED_PART };
      if (p.text === previous.length) nextEdits.push(edit);
      else edits[p.text]!.push(edit);
    });
  }
  masked = replaceRanges(masked, nextEdits);
  const changed: number[] = [];
  const out = previous.map((t, k) => {
    const r = replaceRanges(t, edits[k]!);
    if (r !== previousTexts[k]) changed.push(k);
    return r;
  });
  return { previous: out, next: masked, changed };
}
