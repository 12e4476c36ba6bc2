/**
 * The text half of the assist evaluation. Seeds the demo world into a temp SQLite desk (as the
 * desk server does on first start), reads the resolved and closed cases, trains on the oldest
 * 80% and measures on the newest 20%:
 *   - category of the first customer message: naive Bayes (suggestCategory) vs the keyword rules,
 *     and the customer's pre-chat pick when the desk stores it (`tickets.initial_category`);
 *   - top-3 suggested replies at each held-out canned reply an agent sent
 *     (`messages.canned_shortcut`), vs the category's most-used replies;
 * and, on fixtures, language-id accuracy and mood accuracy.
 * Run alone: npx tsx scripts/eval/text.ts [--customers N] [--tickets N]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Category } from '../../src/shared/domain';
import { maskCardNumbers } from '../../src/shared/card-mask';
import {
  buildSuggestionIndex,
  categoryOnlyReplies,
  detectLanguage,
  keywordCategory,
  moodOf,
  suggestCategory,
  suggestReplies,
  trainCategoryModel,
  type CannedCandidate,
  type ResolvedCase,
} from '../../src/shared/assist';
import { openDatabase, type Db } from '../../src/server/storage/db';
import { seedDemoWorld } from '../../src/server/demo/seed';
import { accuracy, cannedUses, hitRate, splitByTime, type HistoryMessage } from './text-metrics';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures/assist');
/** A fixed present, so two runs read the same history. */
const SEED_NOW = new Date('2026-03-02T12:00:00Z');

interface TicketRow {
  id: string;
  reference: string;
  category: Category;
  initial_category?: string | null;
  outcome: string | null;
  created_at: string;
  resolved_at: string | null;
}
interface MessageRow {
  ticket_id: string;
  author_kind: string;
  body: string;
  canned_shortcut?: string | null;
}

interface Case {
  ticket: TicketRow;
  messages: HistoryMessage[];
  firstCustomer: string;
  customerText: string;
  language: string | null;
}

const columns = (db: Db, table: string) => new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));

function readCases(db: Db): { cases: Case[]; hasInitialCategory: boolean; hasCannedShortcut: boolean } {
  const ticketColumns = columns(db, 'tickets');
  const messageColumns = columns(db, 'messages');
  const hasInitialCategory = ticketColumns.has('initial_category');
  const hasCannedShortcut = messageColumns.has('canned_shortcut');
  const tickets = db
    .prepare(
      `SELECT id, reference, category, outcome, created_at, resolved_at${hasInitialCategory ? ', initial_category' : ''}
       FROM tickets WHERE status IN ('resolved', 'closed')`,
    )
    .all() as TicketRow[];
  const messages = db
    .prepare(
      `SELECT m.ticket_id, m.author_kind, m.body${hasCannedShortcut ? ', m.canned_shortcut' : ''}
       FROM messages m JOIN tickets t ON t.id = m.ticket_id
       WHERE t.status IN ('resolved', 'closed')${messageColumns.has('whisper') ? ' AND m.whisper = 0' : ''}
       ORDER BY m.ticket_id, m.created_at, m.rowid`,
    )
    .all() as MessageRow[];
  const byTicket = new Map<string, HistoryMessage[]>();
  for (const m of messages) {
    let list = byTicket.get(m.ticket_id);
    if (!list) byTicket.set(m.ticket_id, (list = []));
    list.push({ authorKind: m.author_kind, body: maskCardNumbers(m.body), cannedShortcut: m.canned_shortcut ?? null });
  }
  const cases: Case[] = [];
  for (const ticket of tickets) {
    const history = byTicket.get(ticket.id) ?? [];
    const customer = history.filter((m) => m.authorKind === 'customer').map((m) => m.body);
    if (customer.length === 0) continue;
    const customerText = customer.join('\n');
    cases.push({ ticket, messages: history, firstCustomer: customer[0]!, customerText, language: detectLanguage(customerText).language });
  }
  return { cases, hasInitialCategory, hasCannedShortcut };
}

function toResolved(c: Case): ResolvedCase {
  const lastAgent = [...c.messages].reverse().find((m) => m.authorKind === 'agent');
  return {
    id: c.ticket.id,
    reference: c.ticket.reference,
    category: c.ticket.category,
    language: c.language,
    text: c.customerText,
    outcome: c.ticket.outcome,
    resolution: lastAgent?.body ?? '',
    shortcuts: [...new Set(c.messages.flatMap((m) => (m.cannedShortcut ? [m.cannedShortcut] : [])))],
    resolvedAt: c.ticket.resolved_at ?? c.ticket.created_at,
  };
}

function readCanned(db: Db): CannedCandidate[] {
  return (db.prepare('SELECT id, shortcut, language, category, title, body FROM canned_replies ORDER BY shortcut, language').all() as CannedCandidate[]).map((r) => ({
    ...r,
    category: (r.category as Category | null) ?? null,
  }));
}

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

/** The commonest mistakes, "actual→predicted ×n", most frequent first. */
function confusions(pairs: readonly { predicted: string; actual: string }[], top = 4): string[] {
  const counts = new Map<string, number>();
  for (const p of pairs) if (p.predicted !== p.actual) counts.set(`${p.actual}→${p.predicted}`, (counts.get(`${p.actual}→${p.predicted}`) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top).map(([k, n]) => `${k} ×${n}`);
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export async function evalText(options: { customers?: number; historicTickets?: number } = {}): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-eval-text-'));
  const db = openDatabase(path.join(dir, 'desk.db'));
  try {
    await seedDemoWorld(db, { customers: options.customers ?? 3000, historicTickets: options.historicTickets ?? 2500, now: SEED_NOW });
    const { cases, hasInitialCategory, hasCannedShortcut } = readCases(db);
    const { train, test } = splitByTime(cases, (c) => c.ticket.resolved_at ?? c.ticket.created_at);

    // ---- category of the first customer message ----
    const model = trainCategoryModel(
      train.map((c) => ({ text: c.customerText, category: c.ticket.category })),
      SEED_NOW,
    );
    const modelPairs = test.map((c) => ({ predicted: suggestCategory(model, c.firstCustomer)?.category ?? 'other', actual: c.ticket.category }));
    const keywordPairs = test.map((c) => ({ predicted: keywordCategory(c.firstCustomer)?.category ?? 'other', actual: c.ticket.category }));
    const preChat = hasInitialCategory
      ? accuracy(test.filter((c) => c.ticket.initial_category != null).map((c) => ({ predicted: c.ticket.initial_category, actual: c.ticket.category })))
      : null;
    // How honest the confidence is: mean confidence vs accuracy on the held-out set.
    const suggestions = test.map((c) => ({ s: suggestCategory(model, c.firstCustomer), actual: c.ticket.category }));
    const meanConfidence = suggestions.reduce((sum, x) => sum + (x.s?.confidence ?? 0), 0) / Math.max(1, suggestions.length);

    // ---- suggested replies ----
    const canned = readCanned(db);
    const t0 = performance.now();
    const index = buildSuggestionIndex(canned, train.map(toResolved));
    const buildMs = performance.now() - t0;
    const uses = hasCannedShortcut ? test.flatMap((c) => cannedUses(c.messages, c.language, c.ticket.category)) : [];
    const replies = !hasCannedShortcut
      ? 'n/a: no canned usage recorded (messages.canned_shortcut is missing)'
      : uses.length === 0
        ? 'n/a: no canned usage recorded (messages.canned_shortcut is empty on every held-out agent message)'
        : (() => {
            // The topic's own replies, without the generic ones (greetings, "anything else?", closings:
            // category "other") that nearly every case uses and any ranker gets right easily.
            const generic = new Set(canned.filter((r) => r.category === 'other').map((r) => r.shortcut));
            const topic = uses.filter((u) => !generic.has(u.shortcut));
            // What the console knows at the time: triage's category from the first message, not the final one.
            const firstWords = new Map(test.map((c) => [c.ticket.id, c.firstCustomer] as const));
            const atTheTime = test.flatMap((c) =>
              cannedUses(c.messages, c.language, suggestCategory(model, firstWords.get(c.ticket.id) ?? '')?.category ?? ((c.ticket.initial_category ?? c.ticket.category) as Category)),
            );
            return {
              uses: uses.length,
              top3: pct(hitRate(uses, (conversation) => suggestReplies(index, conversation, 3))),
              top3CategoryOnly: pct(hitRate(uses, (conversation) => categoryOnlyReplies(index, conversation, 3))),
              topicUses: topic.length,
              top3Topic: pct(hitRate(topic, (conversation) => suggestReplies(index, conversation, 3))),
              top3TopicCategoryOnly: pct(hitRate(topic, (conversation) => categoryOnlyReplies(index, conversation, 3))),
              top3TriageCategory: pct(hitRate(atTheTime, (conversation) => suggestReplies(index, conversation, 3))),
              top3TriageCategoryOnly: pct(hitRate(atTheTime, (conversation) => categoryOnlyReplies(index, conversation, 3))),
            };
          })();

    // ---- fixtures ----
    const languages = fixture<{ language: string; text: string }[]>('languages.json');
    const languageResults = languages.map((l) => ({ predicted: detectLanguage(l.text).language, actual: l.language }));
    const perLanguage: Record<string, string> = {};
    for (const code of [...new Set(languages.map((l) => l.language))]) {
      const of = languageResults.filter((r) => r.actual === code);
      perLanguage[code] = `${of.filter((r) => r.predicted === r.actual).length}/${of.length}`;
    }
    const moods = fixture<{ mood: string; text: string }[]>('moods.json');
    const moodPairs = moods.map((m) => ({ predicted: moodOf(m.text, 'en')?.mood ?? null, actual: m.mood }));

    const detected = new Map<string, number>();
    for (const c of cases) detected.set(c.language ?? 'unknown', (detected.get(c.language ?? 'unknown') ?? 0) + 1);

    return {
      cases: { resolved: cases.length, train: train.length, heldOut: test.length, languages: Object.fromEntries([...detected].sort((a, b) => b[1] - a[1])) },
      category: {
        model: pct(accuracy(modelPairs)),
        keywords: pct(accuracy(keywordPairs)),
        preChatPick: hasInitialCategory ? pct(preChat) : 'n/a: tickets.initial_category is missing',
        modelMeanConfidence: pct(meanConfidence),
        modelConfusions: confusions(modelPairs),
        keywordConfusions: confusions(keywordPairs),
        trainedCategories: model.trained,
      },
      replies,
      indexBuildMs: Math.round(buildMs),
      languageId: { accuracy: pct(accuracy(languageResults)), lines: languages.length, perLanguage },
      mood: { accuracy: pct(accuracy(moodPairs)), lines: moods.length },
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function flatten(prefix: string, value: unknown, rows: [string, string][]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, rows);
  } else rows.push([prefix, Array.isArray(value) ? value.join(', ') : String(value)]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const result = await evalText({ customers: arg('--customers'), historicTickets: arg('--tickets') });
  const rows: [string, string][] = [];
  flatten('', result, rows);
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('metric'.padEnd(width), ' value (accuracies in %)');
  for (const [k, v] of rows) console.log(k.padEnd(width), '', v);
}
