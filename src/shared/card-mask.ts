/**
 * Card numbers typed by customers are masked to the last four digits before anything is
 * stored, indexed, logged or sent (PCI DSS). A card number is 13-19 digits, Luhn-valid,
 * written with any single separators (space, dash, dot, slash) between digit groups.
 * Digit runs that are not card numbers (order numbers, phone numbers, amounts) are left alone.
 */

const GROUP = /\d+/g;
const SEPARATOR = /^[ \-./\u00a0]$/;

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

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** Splits text into runs of digit groups joined by single separators. */
function digitRuns(text: string): Group[][] {
  const runs: Group[][] = [];
  let current: Group[] = [];
  for (const m of text.matchAll(GROUP)) {
    const g = { start: m.index, end: m.index + m[0].length, digits: m[0] };
    const prev = current[current.length - 1];
    const between = prev ? text.slice(prev.end, g.start) : '';
    if (prev && between.length === 1 && SEPARATOR.test(between)) current.push(g);
    else {
      if (current.length) runs.push(current);
      current = [g];
    }
  }
  if (current.length) runs.push(current);
  return runs;
}

export interface CardMatch {
  start: number;
  end: number;
  last4: string;
}

/** Finds card numbers in text: leftmost, then longest window of whole digit groups. */
export function findCardNumbers(text: string): CardMatch[] {
  const found: CardMatch[] = [];
  for (const run of digitRuns(text)) {
    let i = 0;
    while (i < run.length) {
      let bestEnd = -1;
      let digits = '';
      for (let j = i; j < run.length; j++) {
        digits += (run[j] as Group).digits;
        if (digits.length > 19) break;
        if (digits.length >= 13 && luhnValid(digits)) bestEnd = j;
      }
      if (bestEnd < 0) {
        i++;
        continue;
      }
      const window = run.slice(i, bestEnd + 1);
      const all = window.map((g) => g.digits).join('');
      found.push({ start: (window[0] as Group).start, end: (window[window.length - 1] as Group).end, last4: all.slice(-4) });
      i = bestEnd + 1;
    }
  }
  return found;
}

/** Replaces every card number in text with `•••• 1234`. */
export function maskCardNumbers(text: string): string {
  const matches = findCardNumbers(text);
  if (matches.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const m of matches) {
    out += text.slice(pos, m.start) + maskedCard(m.last4);
    pos = m.end;
  }
  return out + text.slice(pos);
}

export function containsCardNumber(text: string): boolean {
  return findCardNumbers(text).length > 0;
}
