/**
 * Assist on the agent's machine (issue 9, docs/assist.md): suggested replies, similar resolved
 * cases and the handover summary, computed from the cache, so they work offline.
 *
 * - The resolved cases come from the desk (`GET /api/assist/corpus`, the agent's regions), are
 *   kept in the cache (assist_cases) and fetched again every `refreshMs` while online.
 * - The index (BM25 over canned replies and cases) is built once per change of either, not per
 *   message; ranking a chat then takes a few milliseconds.
 * - Message languages are read with eld on this machine, once per message (memoised).
 */
import type { AssistForTicket, HandoverSummary, LocalMessage } from '../../shared/api/contract';
import type * as AssistCoreModule from '../../shared/assist';
import type { CannedCandidate, ResolvedCase, SuggestionIndex } from '../../shared/assist';
import type { CannedReplyRow, TicketRow } from '../../shared/domain';
import { CorpusResponse, type CorpusCase } from '../../shared/protocol/assist';
import type { Cache } from '../cache/cache';
import { createAssistCasesTable } from '../cache/tables/assist-cases';
import { panelFacts } from './panel-facts';

export interface AssistServiceDeps {
  cache: Cache;
  /** The desk's resolved cases for this agent (the server client's `assistCorpus`). */
  fetchCases(): Promise<unknown>;
  isLive(): boolean;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  now?: () => Date;
  /** How often the cases are fetched again while online (default 30 minutes). */
  refreshMs?: number;
}

/** The assist core, loaded on first use (its language and mood models take about a second to load; the console's start does not wait for them). */
type AssistCore = typeof AssistCoreModule;
let core: Promise<AssistCore> | null = null;
const loadCore = (): Promise<AssistCore> => (core ??= import('../../shared/assist'));

/** How many of a chat's latest messages assist reads. */
const THREAD_WINDOW = 200;
const LANGUAGE_MEMO = 5_000;

export function createAssistService(d: AssistServiceDeps) {
  const table = createAssistCasesTable(d.cache.db);
  const now = d.now ?? (() => new Date());
  const refreshMs = d.refreshMs ?? 30 * 60_000;
  let index: { key: string; ix: SuggestionIndex } | null = null;
  let stored = table.get();
  let lastAttempt = 0;
  let fetching: Promise<void> | null = null;
  const languages = new Map<string, string | null>();

  const cannedKey = (rows: readonly CannedReplyRow[]) => `${rows.length}:${rows.reduce((n, r) => n + r.version, 0)}`;

  function currentIndex({ buildSuggestionIndex }: AssistCore, canned: readonly CannedReplyRow[]): SuggestionIndex {
    const key = `${cannedKey(canned)}|${stored?.fetchedAt ?? 'none'}`;
    if (index?.key !== key) index = { key, ix: buildSuggestionIndex(canned.map(toCandidate), (stored?.cases ?? []).map(toResolved)) };
    return index.ix;
  }

  /** Fetches the cases when online and due (or forced); failures keep what the cache holds. */
  function refresh(force = false): Promise<void> {
    if (!d.isLive()) return Promise.resolve();
    if (!force && stored && now().getTime() - Date.parse(stored.fetchedAt) < refreshMs) return Promise.resolve();
    if (!force && now().getTime() - lastAttempt < 60_000) return Promise.resolve();
    lastAttempt = now().getTime();
    fetching ??= (async () => {
      try {
        const body = CorpusResponse.parse(await d.fetchCases());
        const fetchedAt = now().toISOString();
        table.put(fetchedAt, body.cases);
        stored = { fetchedAt, cases: body.cases };
        d.log.info({ cases: body.cases.length }, 'assist: resolved cases fetched');
      } catch (err) {
        d.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'assist: resolved cases not fetched; using the cached ones');
      } finally {
        fetching = null;
      }
    })();
    return fetching;
  }

  function thread(ticketId: string): { ticket: TicketRow; messages: LocalMessage[] } | null {
    const ticket = d.cache.tickets.get(ticketId);
    if (!ticket) return null;
    return { ticket, messages: d.cache.messages.page(ticketId, null, THREAD_WINDOW).messages };
  }

  function languageOf({ detectLanguage }: AssistCore, m: Pick<LocalMessage, 'id' | 'authorKind' | 'body'>): string | null {
    if (m.authorKind !== 'customer') return null;
    let lang = languages.get(m.id);
    if (lang === undefined) {
      const guess = detectLanguage(m.body);
      const found: string | null = guess.reliable ? (guess.language ?? null) : null;
      if (languages.size >= LANGUAGE_MEMO) languages.delete(languages.keys().next().value!);
      languages.set(m.id, found);
      lang = found;
    }
    return lang ?? null;
  }

  return {
    refresh,
    /** A page of messages with each customer message's language. */
    async withLanguages(messages: LocalMessage[]): Promise<LocalMessage[]> {
      if (!messages.some((m) => m.authorKind === 'customer')) return messages;
      const a = await loadCore();
      return messages.map((m) => (m.authorKind === 'customer' ? { ...m, language: languageOf(a, m) } : m));
    },
    async forTicket(ticketId: string): Promise<AssistForTicket> {
      void refresh();
      const a = await loadCore();
      const t = thread(ticketId);
      const casesFetchedAt = stored?.fetchedAt ?? null;
      if (!t) return { replies: [], similar: [], casesFetchedAt };
      const customer = t.messages.filter((m) => m.authorKind === 'customer');
      const latestLanguage = [...customer].reverse().map((m) => languageOf(a, m)).find((l) => l !== null) ?? null;
      const conversation = {
        text: a.customerSide(t.ticket.subject, customer.map((m) => m.body)),
        language: latestLanguage ?? t.ticket.language ?? null,
        category: categoryForRanking(t.ticket),
        usedShortcuts: t.messages.map((m) => (m as { cannedShortcut?: string | null }).cannedShortcut).filter((s): s is string => !!s),
      };
      const rows = d.cache.reference.cannedReplies();
      const ix = currentIndex(a, rows);
      const canned = new Map(rows.map((r) => [r.id, r]));
      const replies = a.suggestReplies(ix, conversation, 3).flatMap((s) => {
        const row = canned.get(s.id);
        return row ? [{ id: row.id, shortcut: row.shortcut, title: row.title, language: row.language, why: s.why }] : [];
      });
      const similar = a.similarCases(ix, conversation, 3)
        .filter((s) => s.case.id !== ticketId)
        .map(({ case: c }) => ({
          ticketId: c.id,
          reference: c.reference,
          category: c.category,
          outcome: c.outcome,
          resolution: c.resolution,
          text: c.text,
          resolvedAt: c.resolvedAt,
        }));
      return { replies, similar, casesFetchedAt };
    },
    async summary(ticketId: string): Promise<HandoverSummary> {
      const { handoverSummary } = await loadCore();
      const t = thread(ticketId);
      if (!t) return { request: '', done: [], openQuestions: [], mood: null, facts: [] };
      const detail = d.cache.tickets.detail(ticketId);
      return handoverSummary({
        subject: t.ticket.subject,
        category: t.ticket.category,
        messages: t.messages.filter((m) => m.delivery !== 'rejected' && !m.whisper).map((m) => ({ authorKind: m.authorKind, body: m.body, createdAt: m.createdAt })),
        facts: detail ? panelFacts(detail) : [],
      });
    },
    /** The summary of a thread the desk sent (the supervisor's silent view: not in the cache). */
    async summaryOf(ticket: Pick<TicketRow, 'subject' | 'category'>, messages: readonly { authorKind: string; body: string; createdAt: string; whisper?: boolean }[]): Promise<HandoverSummary> {
      const { handoverSummary } = await loadCore();
      return handoverSummary({
        subject: ticket.subject,
        category: ticket.category,
        messages: messages.filter((m) => !m.whisper).map((m) => ({ authorKind: m.authorKind, body: m.body, createdAt: m.createdAt })),
      });
    },
    /** When the cases were last fetched (null: never). */
    get casesFetchedAt(): string | null {
      return stored?.fetchedAt ?? null;
    },
  };
}
export type AssistService = ReturnType<typeof createAssistService>;

/** How sure triage must be before its category ranks the replies instead of the customer's pick. */
const SUGGESTION_TRUSTED = 0.6;

/**
 * The category replies are ranked for: the case's, unless it is still the customer's own pick and
 * triage reads another one with confidence (a refund question filed as "other" gets refund replies).
 */
export function categoryForRanking(t: Pick<TicketRow, 'category' | 'categorySuggestion' | 'initialCategory'>): TicketRow['category'] {
  const s = t.categorySuggestion;
  const stillThePick = t.initialCategory === undefined || t.initialCategory === null || t.initialCategory === t.category;
  return s && stillThePick && s.confidence >= SUGGESTION_TRUSTED ? s.category : t.category;
}

const toCandidate = (r: CannedReplyRow): CannedCandidate => ({ id: r.id, shortcut: r.shortcut, language: r.language, category: r.category, title: r.title, body: r.body });

const toResolved = (c: CorpusCase): ResolvedCase => ({
  id: c.id,
  reference: c.reference,
  category: c.category,
  language: c.language,
  text: c.text,
  outcome: c.outcome,
  resolution: c.resolution,
  shortcuts: c.shortcuts,
  resolvedAt: c.resolvedAt,
});
