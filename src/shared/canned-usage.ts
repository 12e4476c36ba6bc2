/**
 * Which canned reply a sent reply came from, for assist to learn from (`messages.canned_shortcut`).
 *
 * The rule: a reply counts as the canned reply the agent inserted into its draft when the sent
 * text still holds at least 60% of the words of the inserted text, in order (the longest common
 * subsequence of their words, over the inserted text's word count). The inserted text is the reply
 * as the console filled it, minus its `⟦prompts⟧` (the agent is meant to replace those). Words
 * are compared lower-cased, punctuation aside, so fixing a comma or a capital changes nothing;
 * rewriting half the reply, or keeping one sentence of a long one, no longer counts. When several
 * replies went into one draft, the one the text keeps most of wins (ties: the later insert).
 * Pure: the console (composer) and the demo world's history share it.
 */

/** The share of an inserted canned text a sent reply must keep to count as that reply. */
export const CANNED_KEPT_SHARE = 0.6;

/** A canned reply put into a draft: its shortcut and the text the composer inserted. */
export interface CannedUse {
  shortcut: string;
  text: string;
}

const PROMPT = /⟦[^⟦⟧\n]*⟧/g;

/** Lower-cased words, punctuation and prompts dropped ("Hi Ann, it's paid!" → hi ann it's paid). */
export function wordsOf(text: string): string[] {
  return text
    .replace(PROMPT, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}'’]+/u)
    .map((w) => w.replace(/^['’]+|['’]+$/g, ''))
    .filter((w) => w.length > 0);
}

/** Length of the longest common subsequence of two word lists (two rows of the table). */
function commonWords(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    [prev, row] = [row, prev];
  }
  return prev[b.length]!;
}

/** How much of `inserted` the `sent` text keeps, 0…1 (1 when nothing countable was inserted and the text is unchanged). */
export function keptShare(inserted: string, sent: string): number {
  const want = wordsOf(inserted);
  if (want.length === 0) return 0;
  return commonWords(want, wordsOf(sent)) / want.length;
}

/** The shortcut to record for a reply about to be sent, or null for a hand-written one. */
export function cannedShortcutFor(sent: string, uses: readonly CannedUse[]): string | null {
  let best: { shortcut: string; share: number } | null = null;
  for (const use of uses) {
    const share = keptShare(use.text, sent);
    if (share >= CANNED_KEPT_SHARE && (!best || share >= best.share)) best = { shortcut: use.shortcut, share };
  }
  return best?.shortcut ?? null;
}
