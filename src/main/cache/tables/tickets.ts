import type { EarlierCase, TicketSummary, TicketView } from '../../../shared/api/contract';
import type { AuthorKind, TicketRow } from '../../../shared/domain';
import type { CacheDb } from '../db';
import { LOCAL_SORT_FLOOR } from './messages';

interface TicketListDbRow {
  row_json: string;
  customer_name: string | null;
  customer_verified: number;
  last_author_kind: AuthorKind | null;
  last_preview: string | null;
  needs_reply: number;
  unread: number;
  pending_count: number;
}

export interface EvictionCandidate {
  id: string;
  customer_id: string;
  bytes: number;
}

const parseTicket = (json: string): TicketRow => JSON.parse(json) as TicketRow;

function toSummary(r: TicketListDbRow): TicketSummary {
  return {
    ...parseTicket(r.row_json),
    customerName: r.customer_name ?? 'Customer',
    customerVerified: r.customer_verified === 1,
    lastMessagePreview: r.last_preview,
    lastMessageAuthor: r.last_author_kind,
    unread: r.unread,
    pendingCount: r.pending_count,
  };
}

// Tickets waiting on a reply first, then the most recent conversation (no message last). Only
// the page's candidates are sorted: every chat waiting on a reply (found through its own index),
// and the newest `offset + limit` tickets of each slice of the view, each read newest first from
// an index that stops there (migration 0060). Together they hold the page: the rows that wait
// come first, and the rest of the page is at most `offset + limit` rows down the view's recency
// order. Only the page's rows are read in full.
const listQuery = (where: string, slices: readonly string[]) => `
  WITH candidates AS (
    SELECT t.pk FROM ticket_activity a JOIN tickets t ON t.id = a.ticket_id
    WHERE a.needs_reply = 1${where ? ` AND ${where}` : ''}
    ${slices.map((slice) => `UNION SELECT pk FROM (SELECT t.pk FROM tickets t ${slice ? `WHERE ${slice}` : ''} ORDER BY t.last_message_at DESC, t.pk DESC LIMIT @offset + @limit)`).join('\n    ')}
  ),
  page AS (
    SELECT t.pk, t.last_message_at, coalesce(a.needs_reply, 0) AS needs_reply
    FROM candidates k JOIN tickets t ON t.pk = k.pk LEFT JOIN ticket_activity a ON a.ticket_id = t.id
    ORDER BY needs_reply DESC, t.last_message_at DESC, t.pk DESC LIMIT @limit OFFSET @offset
  )
  SELECT t.row_json, c.name AS customer_name,
    coalesce(json_extract(c.row_json, '$.identity'), 'verified') <> 'visitor' AS customer_verified, a.last_author_kind, a.last_preview, page.needs_reply,
    coalesce(a.unread, 0) AS unread, coalesce(a.pending_count, 0) AS pending_count
  FROM page
  JOIN tickets t ON t.pk = page.pk
  LEFT JOIN customers c ON c.id = t.customer_id
  LEFT JOIN ticket_activity a ON a.ticket_id = t.id
  ORDER BY page.needs_reply DESC, page.last_message_at DESC, page.pk DESC`;

// A page further down the same order, without sorting everything above it: the chats waiting on
// a reply (few) take the first positions; the rest is read newest first through the view's
// recency index, skipping the waiting ones by rowid (a list built once; the index holds the rowid,
// so the rows skipped over are never read).
const WAITING = (where: string) => `SELECT t.pk, t.last_message_at FROM ticket_activity a JOIN tickets t ON t.id = a.ticket_id WHERE a.needs_reply = 1${where ? ` AND ${where}` : ''}`;
export const deepListQuery = (where: string): string => `
  WITH waiting AS (
    ${WAITING(where)} ORDER BY t.last_message_at DESC, t.pk DESC LIMIT @limit OFFSET @offset
  ),
  rest AS (
    SELECT t.pk, t.last_message_at FROM tickets t
    WHERE t.pk NOT IN (SELECT w.pk FROM ticket_activity a JOIN tickets w ON w.id = a.ticket_id WHERE a.needs_reply = 1)${where ? ` AND ${where}` : ''}
    ORDER BY t.last_message_at DESC, t.pk DESC
    LIMIT @limit - (SELECT count(*) FROM waiting) OFFSET max(0, @offset - (SELECT count(*) FROM (${WAITING(where)})))
  ),
  page AS (SELECT pk, last_message_at, 1 AS needs_reply FROM waiting UNION ALL SELECT pk, last_message_at, 0 FROM rest)
  SELECT t.row_json, c.name AS customer_name,
    coalesce(json_extract(c.row_json, '$.identity'), 'verified') <> 'visitor' AS customer_verified, a.last_author_kind, a.last_preview, page.needs_reply,
    coalesce(a.unread, 0) AS unread, coalesce(a.pending_count, 0) AS pending_count
  FROM page
  JOIN tickets t ON t.pk = page.pk
  LEFT JOIN customers c ON c.id = t.customer_id
  LEFT JOIN ticket_activity a ON a.ticket_id = t.id
  ORDER BY page.needs_reply DESC, page.last_message_at DESC, page.pk DESC`;

/**
 * A customer's cases but one, newest first: through tickets_customer (customer_id, created_at;
 * the rowid breaks ties) and, per row, messages_ticket_sort for the first customer message.
 * A visitor's customer id is never reused, so a visitor has no earlier cases.
 */
export const OF_CUSTOMER_SQL = `SELECT t.row_json,
    (SELECT substr(m.body, 1, 280) FROM messages m WHERE m.ticket_id = t.id AND m.author_kind = 'customer' ORDER BY m.sort_key LIMIT 1) AS first_question
  FROM tickets t
  WHERE t.customer_id = @customer AND t.id <> @except
    AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = @customer AND json_extract(c.row_json, '$.identity') = 'visitor')
  ORDER BY t.created_at DESC, t.pk DESC
  LIMIT @limit`;

/** What the search index holds for a reference: as written and without the dash. */
export const referenceSearchText = (reference: string): string => `${reference} ${reference.replace(/-/g, '')}`;

/** Tickets: the wire row as JSON plus the columns the views, joins and search use. */
export function createTicketsTable(db: CacheDb) {
  type TicketArgs = [string, string, string, string, string | null, string, string | null, string | null, number, string];
  const forWrite = db.prepare<[string], { pk: number; reference: string; version: number }>('SELECT pk, reference, version FROM tickets WHERE id = ?');
  const insert = db.prepare<TicketArgs>(
    `INSERT INTO tickets (id, reference, customer_id, status, assignee_id, created_at, resolved_at, last_message_at, version, row_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare<[...TicketArgs, number]>(
    `UPDATE tickets SET id = ?, reference = ?, customer_id = ?, status = ?, assignee_id = ?, created_at = ?, resolved_at = ?,
       last_message_at = ?, version = ?, row_json = ?
     WHERE pk = ?`,
  );
  const ftsInsert = db.prepare<[number | bigint, string]>('INSERT INTO tickets_fts (rowid, reference) VALUES (?, ?)');
  const ftsDelete = db.prepare<[number]>('DELETE FROM tickets_fts WHERE rowid = ?');
  const ftsClear = db.prepare('DELETE FROM tickets_fts');
  const remove = db.prepare<[string], number>('DELETE FROM tickets WHERE id = ? RETURNING pk').pluck();
  const clear = db.prepare('DELETE FROM tickets');
  const byId = db.prepare<[string], string>('SELECT row_json FROM tickets WHERE id = ?').pluck();
  // Through the reference index (FTS5 holds the compact form too), then the exact column.
  const byReference = db.prepare<{ match: string; reference: string }, { id: string; reference: string; customer_name: string | null }>(
    `SELECT t.id, t.reference, c.name AS customer_name
     FROM tickets_fts f JOIN tickets t ON t.pk = f.rowid LEFT JOIN customers c ON c.id = t.customer_id
     WHERE tickets_fts MATCH @match AND t.reference = @reference
     LIMIT 1`,
  );
  const mergedInto = db
    .prepare<[string], string>(`SELECT row_json FROM tickets WHERE json_extract(row_json, '$.mergedIntoId') = ? ORDER BY created_at`)
    .pluck();
  const idsOfCustomer = db.prepare<[string], string>('SELECT id FROM tickets WHERE customer_id = ?').pluck();
  const customerHasTickets = db.prepare<[string], number>('SELECT 1 FROM tickets WHERE customer_id = ? LIMIT 1').pluck();
  const ofCustomer = db.prepare<{ customer: string; except: string; limit: number }, { row_json: string; first_question: string | null }>(OF_CUSTOMER_SQL);
  const previous = db.prepare<[string, string, number], string>(
    'SELECT row_json FROM tickets WHERE customer_id = ? AND id <> ? ORDER BY created_at DESC LIMIT ?',
  ).pluck();

  // Each view: its condition, and the same condition cut into slices an index reads in order.
  type Page = { limit: number; offset: number };
  const mine = `t.assignee_id = @agent AND t.status IN ('open', 'pending')`;
  const waiting = `t.assignee_id = @agent AND t.status = 'pending'`;
  const resolvedToday = `t.assignee_id = @agent AND t.status IN ('resolved', 'closed') AND t.resolved_at >= @since`;
  // The first page reads each slice's newest rows (the head of the order); a later page skips down.
  const pageQuery = <P extends Page>(where: string, slices: readonly string[]) => {
    const first = db.prepare<P, TicketListDbRow>(listQuery(where, slices));
    const deep = db.prepare<P, TicketListDbRow>(deepListQuery(where));
    return { all: (p: P) => (p.offset === 0 ? first : deep).all(p) };
  };
  const views = {
    mine: pageQuery<{ agent: string } & Page>(mine, [`t.assignee_id = @agent AND t.status = 'open'`, `t.assignee_id = @agent AND t.status = 'pending'`]),
    queue: pageQuery<Page>(`t.status = 'queued'`, [`t.status = 'queued'`]),
    waiting: pageQuery<{ agent: string } & Page>(waiting, [waiting]),
    resolved_today: pageQuery<{ agent: string; since: string } & Page>(resolvedToday, [
      `t.assignee_id = @agent AND t.status = 'resolved' AND t.resolved_at >= @since`,
      `t.assignee_id = @agent AND t.status = 'closed' AND t.resolved_at >= @since`,
    ]),
    all: pageQuery<Page>('', ['']),
  };
  const byIds = db.prepare<{ ids: string } & Page, TicketListDbRow>(listQuery('t.id IN (SELECT value FROM json_each(@ids))', ['t.id IN (SELECT value FROM json_each(@ids))']));
  // A view's length, counted in the indexes of migration 0060 (no row is read).
  const countOf = (where: string) => db.prepare<{ agent?: string; since?: string }, number>(`SELECT count(*) FROM tickets t${where ? ` WHERE ${where}` : ''}`).pluck();
  const counts = {
    mine: countOf(mine),
    queue: countOf(`t.status = 'queued'`),
    waiting: countOf(waiting),
    resolved_today: countOf(resolvedToday),
    all: countOf(''),
  };

  // Oldest resolved or closed tickets with nothing of the agent's attached to them; the size
  // estimate is computed for the chosen page only.
  const evictionCandidates = db.prepare<[number], EvictionCandidate>(
    `SELECT t.id, t.customer_id,
       length(t.row_json) + coalesce((SELECT sum(length(m.body) + length(m.attachment_ids_json) + 64) FROM messages m WHERE m.ticket_id = t.id), 0) AS bytes
     FROM (
       SELECT c.pk FROM tickets c
       WHERE c.status IN ('resolved', 'closed')
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.ticket_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = c.id AND m.sort_key >= '${LOCAL_SORT_FLOOR}' AND m.delivery <> 'sent')
       ORDER BY coalesce(c.resolved_at, c.last_message_at, c.created_at), c.pk
       LIMIT ?
     ) page
     JOIN tickets t ON t.pk = page.pk
     ORDER BY coalesce(t.resolved_at, t.last_message_at, t.created_at), t.pk`,
  );

  return {
    /** Version-guarded upsert (insert, or update only when the version is greater); true when something changed. */
    upsert(r: TicketRow): boolean {
      const args: TicketArgs = [r.id, r.reference, r.customerId, r.status, r.assigneeId, r.createdAt, r.resolvedAt, r.lastMessageAt, r.version, JSON.stringify(r)];
      const existing = forWrite.get(r.id);
      if (!existing) {
        ftsInsert.run(insert.run(...args).lastInsertRowid, referenceSearchText(r.reference));
        return true;
      }
      if (r.version <= existing.version) return false;
      update.run(...args, existing.pk);
      if (existing.reference !== r.reference) {
        ftsDelete.run(existing.pk);
        ftsInsert.run(existing.pk, referenceSearchText(r.reference));
      }
      return true;
    },
    remove(id: string): boolean {
      const pk = remove.get(id);
      if (pk === undefined) return false;
      ftsDelete.run(pk);
      return true;
    },
    clear(): void {
      clear.run();
      ftsClear.run();
    },
    get: (id: string): TicketRow | null => {
      const json = byId.get(id);
      return json === undefined ? null : parseTicket(json);
    },
    /**
     * A ticket by its canonical `XXXX-XXXX` reference (see parseReference), or null. A merged
     * case's reference leads to the case it was merged into, when that one is cached.
     */
    byReference(reference: string): { ticketId: string; reference: string; customerName: string } | null {
      const compact = reference.replace(/-/g, '');
      if (!/^[A-Z0-9]{1,16}$/.test(compact)) return null;
      const r = byReference.get({ match: `"${compact}"`, reference });
      if (!r) return null;
      let found = { ticketId: r.id, reference: r.reference, customerName: r.customer_name ?? 'Customer' };
      for (let hops = 0, json = byId.get(r.id); json !== undefined && hops < 10; hops++) {
        const into = parseTicket(json).mergedIntoId;
        const next = into ? byId.get(into) : undefined;
        if (next === undefined) break;
        found = { ...found, ticketId: into!, reference: parseTicket(next).reference };
        json = next;
      }
      return found;
    },
    idsOfCustomer: (customerId: string): string[] => idsOfCustomer.all(customerId),
    /** The cached cases merged into this one, oldest first (their threads show in its thread). */
    mergedInto: (id: string): TicketRow[] => mergedInto.all(id).map(parseTicket),
    customerHasTickets: (customerId: string): boolean => customerHasTickets.get(customerId) !== undefined,
    /** The customer's cases except one, newest first, with their first customer message; none for a visitor. */
    ofCustomer(customerId: string, exceptId: string | null, limit: number): EarlierCase[] {
      return ofCustomer.all({ customer: customerId, except: exceptId ?? '', limit }).map((r) => {
        const t = parseTicket(r.row_json);
        return { ticketId: t.id, reference: t.reference, createdAt: t.createdAt, category: t.category, status: t.status, firstQuestion: r.first_question };
      });
    },
    previous: (customerId: string, exceptId: string, limit: number): TicketRow[] =>
      previous.all(customerId, exceptId, limit).map(parseTicket),
    /** A page of a view in list order, `offset` rows down. */
    list(view: TicketView, agentId: string, page: { limit: number; offset?: number }, localMidnight: string): TicketSummary[] {
      const p = { limit: page.limit, offset: page.offset ?? 0 };
      switch (view) {
        case 'mine':
          return views.mine.all({ agent: agentId, ...p }).map(toSummary);
        case 'queue':
          return views.queue.all(p).map(toSummary);
        case 'waiting':
          return views.waiting.all({ agent: agentId, ...p }).map(toSummary);
        case 'resolved_today':
          return views.resolved_today.all({ agent: agentId, since: localMidnight, ...p }).map(toSummary);
        case 'all':
          return views.all.all(p).map(toSummary);
        default:
          return assertNever(view);
      }
    },
    /** How many tickets the view holds. */
    count(view: TicketView, agentId: string, localMidnight: string): number {
      switch (view) {
        case 'mine':
        case 'waiting':
          return counts[view].get({ agent: agentId }) ?? 0;
        case 'resolved_today':
          return counts.resolved_today.get({ agent: agentId, since: localMidnight }) ?? 0;
        case 'queue':
        case 'all':
          return counts[view].get({}) ?? 0;
        default:
          return assertNever(view);
      }
    },
    /** The summaries of these tickets (those in the cache), in list order. */
    summaries: (ids: readonly string[]): TicketSummary[] => (ids.length === 0 ? [] : byIds.all({ ids: JSON.stringify(ids), limit: ids.length, offset: 0 }).map(toSummary)),
    evictionCandidates: (limit: number): EvictionCandidate[] => evictionCandidates.all(limit),
  };
}
export type TicketsTable = ReturnType<typeof createTicketsTable>;

function assertNever(x: never): never {
  throw new Error(`unexpected value ${String(x)}`);
}
