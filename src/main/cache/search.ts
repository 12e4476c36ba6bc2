/**
 * Local search over the FTS5 indexes: message bodies, the text the desk read in screenshots (a
 * hit names the message that carries the screenshot), and per ticket its reference and the
 * customer's name and e-mail. User text never reaches MATCH as syntax: every term is quoted
 * (quotes doubled), operators and parentheses become plain words, the last term matches as a
 * prefix. Matches are marked with SNIPPET_OPEN / SNIPPET_CLOSE (control characters no one types)
 * so the renderer can emphasise them while showing the text as text.
 */
import { SNIPPET_CLOSE, SNIPPET_OPEN, type SearchHit } from '../../shared/api/contract';
import type { CacheDb } from './db';

export { SNIPPET_CLOSE, SNIPPET_OPEN };
/** A hit in a screenshot's text says so before the snippet. */
export const SCREENSHOT_PREFIX = 'In a screenshot: ';
const SNIPPET_TOKENS = 12;
const MAX_TERMS = 16;
/** A term the unicode61 tokenizer turns into at least one token. */
const HAS_TOKEN = /[\p{L}\p{N}]/u;

/** The FTS5 query for what the agent typed, or null when it holds nothing searchable. */
export function toFtsQuery(text: string): string | null {
  const terms = text
    .split(/\s+/)
    .filter((t) => HAS_TOKEN.test(t))
    .slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return terms.map((t, i) => `"${t.replace(/"/g, '""')}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
}

interface HitDbRow {
  ticket_id: string;
  message_id: string | null;
  reference: string | null;
  customer_name: string | null;
  rank: number;
  snippet: string;
}

interface TicketHitDbRow {
  ticket_id: string;
  reference: string;
  customer_name: string | null;
  rank: number;
  marked: string;
}

interface CustomerHitDbRow {
  ticket_id: string;
  reference: string;
  rank: number;
  name_marked: string;
  email_marked: string;
}

const marks = `char(2), char(3)`;
/** A customer with many tickets shows with at most this many (the newest). */
const TICKETS_PER_CUSTOMER = 5;
/** Message matches ranked per search: the newest this many. */
export const RANK_WINDOW = 2000;

export function createSearch(db: CacheDb) {
  // Ranking every match of a very common word costs seconds over a million messages; rank only
  // among its newest RANK_WINDOW matches (agents look for recent conversations), which FTS5
  // reads in rowid order and stops early. Selective terms have fewer matches and rank them all.
  const messageHits = db.prepare<{ q: string; limit: number }, HitDbRow>(
    `WITH recent AS (SELECT rowid AS pk, rank, snippet(messages_fts, 0, ${marks}, '…', ${SNIPPET_TOKENS}) AS snippet
                     FROM messages_fts WHERE messages_fts MATCH @q ORDER BY rowid DESC LIMIT ${RANK_WINDOW}),
          best AS (SELECT pk, rank, snippet FROM recent ORDER BY rank LIMIT @limit)
     SELECT m.ticket_id, m.id AS message_id, t.reference, c.name AS customer_name, best.rank, best.snippet
     FROM best
     JOIN messages m ON m.pk = best.pk
     LEFT JOIN tickets t ON t.id = m.ticket_id
     LEFT JOIN customers c ON c.id = t.customer_id
     ORDER BY best.rank`,
  );
  // Screenshots are few next to messages: rank all their matches.
  const screenshotHits = db.prepare<{ q: string; limit: number }, HitDbRow>(
    `SELECT a.ticket_id, a.message_id, t.reference, c.name AS customer_name, h.rank, h.snippet
     FROM (SELECT rowid AS pk, rank, snippet(attachment_texts_fts, 0, ${marks}, '…', ${SNIPPET_TOKENS}) AS snippet
           FROM attachment_texts_fts WHERE attachment_texts_fts MATCH @q ORDER BY rank LIMIT @limit) h
     JOIN attachment_texts x ON x.pk = h.pk
     JOIN attachments a ON a.id = x.attachment_id
     LEFT JOIN tickets t ON t.id = a.ticket_id
     LEFT JOIN customers c ON c.id = t.customer_id
     ORDER BY h.rank`,
  );
  const referenceHits = db.prepare<{ q: string; limit: number }, TicketHitDbRow>(
    `SELECT t.id AS ticket_id, t.reference, c.name AS customer_name, h.rank, h.marked
     FROM (SELECT rowid AS pk, rank, highlight(tickets_fts, 0, ${marks}) AS marked
           FROM tickets_fts WHERE tickets_fts MATCH @q ORDER BY rank LIMIT @limit) h
     JOIN tickets t ON t.pk = h.pk
     LEFT JOIN customers c ON c.id = t.customer_id
     ORDER BY h.rank`,
  );
  const customerHits = db.prepare<{ q: string; limit: number }, CustomerHitDbRow>(
    `SELECT t.id AS ticket_id, t.reference, h.rank, h.name_marked, h.email_marked
     FROM (SELECT rowid AS pk, rank, highlight(customers_fts, 0, ${marks}) AS name_marked, highlight(customers_fts, 1, ${marks}) AS email_marked
           FROM customers_fts WHERE customers_fts MATCH @q ORDER BY rank LIMIT @limit) h
     JOIN customers c ON c.pk = h.pk
     JOIN tickets t ON t.pk IN (SELECT pk FROM tickets WHERE customer_id = c.id ORDER BY created_at DESC LIMIT ${TICKETS_PER_CUSTOMER})
     ORDER BY h.rank, t.created_at DESC`,
  );

  return function search(query: string, limit: number): SearchHit[] {
    const q = toFtsQuery(query);
    if (q === null || limit <= 0) return [];
    const hits: { rank: number; hit: SearchHit }[] = [];
    for (const r of referenceHits.all({ q, limit })) {
      const customerName = r.customer_name ?? 'Customer';
      hits.push({ rank: r.rank, hit: { ticketId: r.ticket_id, messageId: null, reference: r.reference, customerName, snippet: `${markedReference(r)} · ${customerName}` } });
    }
    for (const r of customerHits.all({ q, limit })) {
      const customerName = r.name_marked.replace(MARKS, '');
      const snippet = [r.reference, r.name_marked, r.email_marked].filter((s) => s !== '').join(' · ');
      hits.push({ rank: r.rank, hit: { ticketId: r.ticket_id, messageId: null, reference: r.reference, customerName, snippet } });
    }
    for (const r of messageHits.all({ q, limit })) {
      hits.push({
        rank: r.rank,
        hit: { ticketId: r.ticket_id, messageId: r.message_id, reference: r.reference ?? '', customerName: r.customer_name ?? 'Customer', snippet: r.snippet },
      });
    }
    for (const r of screenshotHits.all({ q, limit })) {
      hits.push({
        rank: r.rank,
        hit: { ticketId: r.ticket_id, messageId: r.message_id, reference: r.reference ?? '', customerName: r.customer_name ?? 'Customer', snippet: `${SCREENSHOT_PREFIX}${r.snippet}` },
      });
    }
    // bm25: lower is better. Stable, so ticket and customer hits win ties.
    return hits
      .sort((a, b) => a.rank - b.rank)
      .slice(0, limit)
      .map((h) => h.hit);
  };
}

const MARKS = new RegExp(`[${SNIPPET_OPEN}${SNIPPET_CLOSE}]`, 'g');

/**
 * The index holds "ABCD-EFGH ABCDEFGH"; show the dashed form, wholly marked when only the
 * compact form matched.
 */
function markedReference(r: TicketHitDbRow): string {
  const space = r.marked.lastIndexOf(' ');
  const dashed = space >= 0 ? r.marked.slice(0, space) : r.marked;
  const compact = space >= 0 ? r.marked.slice(space + 1) : '';
  if (!dashed.includes(SNIPPET_OPEN) && compact.includes(SNIPPET_OPEN)) return `${SNIPPET_OPEN}${r.reference}${SNIPPET_CLOSE}`;
  return dashed;
}
