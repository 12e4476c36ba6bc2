/**
 * Finding a canned reply: fuzzy match (fuse.js) over shortcut, title, category and body in
 * one language, the chat's category first. Also the `/` trigger in the composer and filling a
 * reply for the chat on screen.
 */
import Fuse from 'fuse.js';
import type { TicketDetail } from '../../../shared/api/contract';
import { CATEGORIES, CATEGORY_LABELS, type CannedLanguage, type CannedReplyRow, type Category } from '../../../shared/domain';
import { buildTemplateContext, composeText, formattingFor, parseTemplate, renderTemplate, variableLabel, type ComposedText, type SelectedRow } from '../../../shared/templates';

/** How much being in the chat's category counts, on fuse's 0 (perfect) … 1 (no match) scale. */
export const CATEGORY_BOOST = 0.15;
/** Matches worse than this are not shown. */
export const MATCH_THRESHOLD = 0.4;
/** At most this many rows in the picker. */
export const MAX_RESULTS = 50;

interface SearchDoc {
  reply: CannedReplyRow;
  shortcut: string;
  title: string;
  category: string;
  /** The body with each variable as its label ("first name"), so `{{` never matches. */
  body: string;
}

const searchBody = (body: string) =>
  parseTemplate(body)
    .map((p) => (p.kind === 'text' ? p.text : variableLabel(p.path)))
    .join('');

const indexes = new WeakMap<readonly CannedReplyRow[], Map<CannedLanguage, { docs: SearchDoc[]; fuse: Fuse<SearchDoc> }>>();

function indexFor(replies: readonly CannedReplyRow[], language: CannedLanguage) {
  let perLanguage = indexes.get(replies);
  if (!perLanguage) indexes.set(replies, (perLanguage = new Map()));
  let index = perLanguage.get(language);
  if (!index) {
    const docs = replies
      .filter((r) => r.language === language)
      .map((reply) => ({ reply, shortcut: reply.shortcut, title: reply.title, category: CATEGORY_LABELS[reply.category] ?? reply.category, body: searchBody(reply.body) }));
    const fuse = new Fuse(docs, {
      keys: [
        { name: 'shortcut', weight: 3 },
        { name: 'title', weight: 2 },
        { name: 'category', weight: 1 },
        { name: 'body', weight: 0.5 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: MATCH_THRESHOLD,
    });
    perLanguage.set(language, (index = { docs, fuse }));
  }
  return index;
}

const categoryRank = (c: Category, first: Category | null) => (c === first ? -1 : CATEGORIES.indexOf(c));

/**
 * The replies of one language matching `query`, best first. An empty query lists them all, the
 * chat's category first, then by category and title. A shortcut that starts with the query
 * always leads; otherwise the chat's category earns a small boost, so a weak match there does
 * not bury a strong one elsewhere.
 */
export function rankReplies(replies: readonly CannedReplyRow[], query: string, language: CannedLanguage, category: Category | null): CannedReplyRow[] {
  const { docs, fuse } = indexFor(replies, language);
  const q = query.trim().toLowerCase();
  if (!q) {
    return docs
      .map((d) => d.reply)
      .sort((a, b) => categoryRank(a.category, category) - categoryRank(b.category, category) || a.title.localeCompare(b.title))
      .slice(0, MAX_RESULTS);
  }
  return fuse
    .search(q.slice(0, 32)) // fuse's bitap matches patterns of up to 32 characters
    .map((r) => {
      const prefix = r.item.shortcut.toLowerCase().startsWith(q) ? 1 : 0;
      const boost = r.item.reply.category === category ? CATEGORY_BOOST : 0;
      return { reply: r.item.reply, rank: (r.score ?? 1) - boost - prefix, at: r.refIndex };
    })
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .slice(0, MAX_RESULTS)
    .map((r) => r.reply);
}

/** The `/query` (or `::query`) the caret is in, at the start of a line; null when there is none. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  const typed = text.slice(lineStart, caret);
  const trigger = typed.startsWith('/') ? 1 : typed.startsWith('::') ? 2 : 0;
  if (!trigger || typed.length > 60) return null;
  return { start: lineStart, query: typed.slice(trigger) };
}

/**
 * A reply filled for the chat on screen: values inline, missing ones as ⟦prompts⟧. Its order,
 * installment and transaction are the row selected in the customer panel, when there is one.
 */
export function fillReply(
  reply: Pick<CannedReplyRow, 'body'>,
  detail: Pick<TicketDetail, 'ticket' | 'context'> | null,
  agent: { name: string } | null,
  language: CannedLanguage,
  selected: SelectedRow | null = null,
): ComposedText {
  const ctx = buildTemplateContext(detail, agent, selected);
  return composeText(renderTemplate(reply.body, ctx, formattingFor(ctx.customer, language)));
}

/** What the command palette lists: one row per reply. */
export interface CannedPaletteItem {
  id: string;
  title: string;
  shortcut: string;
  category: Category;
  language: CannedLanguage;
}
