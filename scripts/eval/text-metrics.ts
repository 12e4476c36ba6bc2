/**
 * The metric helpers of the text evaluation (scripts/eval/text.ts), pure so they can be tested
 * on small synthetic histories: the time split, accuracy, and the reply hit rate.
 */
import type { Conversation } from '../../src/shared/assist';

/** Oldest `trainShare` by `at` for training, the rest held out; ties keep their order. */
export function splitByTime<T>(items: readonly T[], at: (item: T) => string, trainShare = 0.8): { train: T[]; test: T[] } {
  const sorted = [...items].sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
  const cut = Math.round(sorted.length * trainShare);
  return { train: sorted.slice(0, cut), test: sorted.slice(cut) };
}

/** Share of pairs where the prediction equals the truth; null without pairs. */
export function accuracy<T>(pairs: readonly { predicted: T; actual: T }[]): number | null {
  if (pairs.length === 0) return null;
  return pairs.filter((p) => p.predicted === p.actual).length / pairs.length;
}

export interface HistoryMessage {
  authorKind: string;
  body: string;
  /** The canned reply an agent message used, when recorded. */
  cannedShortcut: string | null;
}

/** One moment an agent used a canned reply: the conversation up to it, and the reply used. */
export interface CannedUse {
  conversation: Conversation;
  shortcut: string;
}

/**
 * The moments of one case at which an agent sent a canned reply, each with what the agent saw:
 * the customer's messages so far, the replies already used. `language` and `category` are the
 * case's (the evaluation cannot know what the console showed at the time).
 */
export function cannedUses(messages: readonly HistoryMessage[], language: string | null, category: Conversation['category']): CannedUse[] {
  const uses: CannedUse[] = [];
  const customer: string[] = [];
  const used: string[] = [];
  for (const m of messages) {
    if (m.authorKind === 'customer') customer.push(m.body);
    if (m.authorKind === 'agent' && m.cannedShortcut) {
      uses.push({ conversation: { text: customer.join('\n'), language, category, usedShortcuts: [...used] }, shortcut: m.cannedShortcut });
      used.push(m.cannedShortcut);
    }
  }
  return uses;
}

/** Share of uses whose reply is among the first `k` a ranker proposes; null without uses. */
export function hitRate(uses: readonly CannedUse[], rank: (c: Conversation) => { shortcut: string }[], k = 3): number | null {
  if (uses.length === 0) return null;
  return uses.filter((u) => rank(u.conversation).slice(0, k).some((r) => r.shortcut === u.shortcut)).length / uses.length;
}
