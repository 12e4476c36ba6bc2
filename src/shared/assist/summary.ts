/**
 * The handover summary a colleague reads before taking over a case. Extractive: every line is a
 * sentence someone wrote in the chat (no generative model ships on npm), picked by rules:
 *   - request: the customer's sentences that best state the problem, scored by problem words,
 *     category keywords, questions and references, against greetings and pleasantries;
 *   - done: agent sentences with an action or a promise ("I have refunded", "I'll check"), and
 *     system events (assignments, status changes);
 *   - open questions: customer questions no agent message answered after them.
 * Everything is card-masked and cut to 200 characters.
 */
import { maskCardNumbers } from '../card-mask';
import type { Category } from '../domain';
import { keywordCategory } from './keywords';
import { moodOf, type Mood } from './sentiment';
import { detectLanguage } from './language';

export interface SummaryInput {
  subject: string;
  category: Category | null;
  messages: { authorKind: 'customer' | 'agent' | 'note' | 'system' | string; body: string; createdAt: string }[];
  /** From the side panels, e.g. "Order #1234 · 3 of 4 paid". */
  facts?: string[];
}

export interface HandoverSummary {
  request: string;
  done: string[];
  openQuestions: string[];
  mood: Mood | null;
  facts: string[];
}

export const MAX_ITEM_CHARS = 200;
const MAX_REQUEST_SENTENCES = 2;
const MAX_DONE = 6;

/** Cuts at a word boundary with an ellipsis. */
export function clip(text: string, max = MAX_ITEM_CHARS): string {
  const t = maskCardNumbers(text).replace(/\s+/gu, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Sentences of a message: split after . ! ? and at line breaks. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
}

const PROBLEM = /\b(not|no|never|still|again|can'?t|cannot|won'?t|didn'?t|doesn'?t|fail\w*|error|wrong|charged|missing|overdue|late|refund\w*|return\w*|paid|payment|problem|issue|why|nicht|kein\w*|fehler|noch|immer|inte|ingen|fel|fortfarande|varför|warum)\b/giu;
const PLEASANTRY = /^(hi|hello|hey|hej|hallo|good (morning|afternoon|evening)|thanks?|thank you|tack|danke|ok(ay)?|great|perfect|bye)\b[\s!,.]*$/iu;
const REFERENCE = /#?\b[A-Z]{2,}-?\d{3,}\b|#\d{3,}|\border\b/iu;

function requestScore(sentence: string, index: number): number {
  if (PLEASANTRY.test(sentence)) return -1;
  const problems = new Set([...sentence.matchAll(PROBLEM)].map((m) => m[0].toLowerCase())).size;
  const keywords = keywordCategory(sentence) ? 1.5 : 0;
  const question = sentence.includes('?') ? 0.5 : 0;
  const reference = REFERENCE.test(sentence) ? 0.5 : 0;
  const words = sentence.split(/\s+/u).length;
  const length = words < 4 ? -1 : words > 40 ? -0.5 : 0;
  // Earlier sentences state the problem more often than later ones.
  return problems + keywords + question + reference + length - index * 0.05;
}

/** An agent sentence saying what was done or will be done. */
const ACTION = /\b(i(?:'ve| have)|i'?ll|i will|we(?:'ve| have)|we'?ll|we will|i (?:just )?(?:checked|sent|refunded|moved|extended|waived|paused|escalated|reset|updated|changed|cancelled|created|asked|contacted|forwarded|removed|added|opened|reopened|marked|registered|credited)|has been|have been|is now|are now|ich habe|wir haben|ich werde|jag har|vi har|jag kommer|jag ska)\b/iu;
/** A sentence that asks something. Any later agent message counts as the answer to all before it. */
const QUESTION = /\?\s*$/u;

export function handoverSummary(i: SummaryInput): HandoverSummary {
  const customerSentences: { text: string; index: number }[] = [];
  const done: string[] = [];
  const open: string[] = [];
  for (const m of i.messages) {
    const parts = sentences(m.body);
    switch (m.authorKind) {
      case 'customer':
        for (const s of parts) {
          customerSentences.push({ text: s, index: customerSentences.length });
          if (QUESTION.test(s)) open.push(s);
        }
        break;
      case 'agent':
        // An agent reply after a question answers it (the agent may have answered in a call or a macro).
        open.length = 0;
        for (const s of parts) if (ACTION.test(s) && !QUESTION.test(s)) done.push(s);
        break;
      case 'system':
        if (m.body.trim()) done.push(m.body.trim());
        break;
      default:
        break;
    }
  }

  const ranked = customerSentences
    .map((s) => ({ ...s, score: requestScore(s.text, s.index) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, MAX_REQUEST_SENTENCES)
    .sort((a, b) => a.index - b.index);
  const request = ranked.length > 0 ? ranked.map((s) => s.text).join(' ') : i.subject;

  const customerText = i.messages
    .filter((m) => m.authorKind === 'customer')
    .slice(-3)
    .map((m) => m.body)
    .join(' ');
  const mood = customerText.trim() ? (moodOf(customerText, detectLanguage(customerText).language)?.mood ?? null) : null;

  const unique = (items: string[]) => [...new Set(items.map((s) => clip(s)))];
  return {
    request: clip(request),
    done: unique(done).slice(-MAX_DONE),
    openQuestions: unique(open),
    mood,
    facts: unique(i.facts ?? []),
  };
}
