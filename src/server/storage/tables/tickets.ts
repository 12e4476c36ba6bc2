import type { Category, Channel, Mood, Priority, TicketRow, TicketStatus, Tier } from '../../../shared/domain';
import type { ResolveOutcome } from '../../../shared/wrap-up';
import type { Db } from '../db';
import { literalRows, type LiteralRows } from './literal-rows';

export interface TicketDbRow {
  id: string;
  reference: string;
  customer_id: string;
  channel: Channel;
  category: Category;
  status: TicketStatus;
  priority: Priority;
  tier: Tier;
  region_id: string;
  assignee_id: string | null;
  subject: string;
  order_number: string | null;
  created_at: string;
  queued_at: string | null;
  offered_at: string | null;
  accepted_at: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  last_message_at: string | null;
  csat: number | null;
  csat_comment: string | null;
  is_complaint: number;
  complaint_due_at: string | null;
  /** A case started by quoting another case's reference, without being its customer. */
  linked_ticket_id: string | null;
  /** When the customer's oldest unanswered message arrived; null when nothing waits on an agent. */
  waiting_since: string | null;
  /** When the region's reply target runs out for that message. */
  reply_due_at: string | null;
  /** How many times the case went from resolved back to open, pending or queued (migration 70). */
  reopen_count: number;
  /** When it last did. */
  reopened_at: string | null;
  /** The wrap-up's outcome (migration 80); null until resolved with a wrap-up. */
  outcome: ResolveOutcome | null;
  /** The case's tags, a JSON array of normalised strings. */
  tags_json: string;
  /** While resolved: when the "one more thing" window ends and the closer closes the case. */
  closes_at: string | null;
  /** Set on a case merged into another (closed; its reference leads there). */
  merged_into_id: string | null;
  /** When it became a formal complaint (migration 90); null when it is none. */
  complaint_opened_at: string | null;
  /**
   * The category the case was opened with (migration 130): the customer's pick on the chat page,
   * the one an email or call started with; `category` is what an agent corrected it to. Null on
   * cases from before the migration.
   */
  initial_category: Category | null;
  /** Triage on arrival (migration 120, src/server/assist/triage.ts): the customer's language (ISO 639-1). */
  language: string | null;
  /** The customer's mood, smoothed over the case; null where no signal is measured. */
  mood: Mood | null;
  mood_score: number | null;
  /** The category read from the first message, with its confidence and where it came from. */
  suggested_category: Category | null;
  suggested_confidence: number | null;
  suggestion_source: 'model' | 'keywords' | null;
  version: number;
}

export function toWireTicket(r: TicketDbRow): TicketRow {
  return {
    id: r.id,
    reference: r.reference,
    customerId: r.customer_id,
    channel: r.channel,
    category: r.category,
    status: r.status,
    priority: r.priority,
    tier: r.tier,
    regionId: r.region_id,
    assigneeId: r.assignee_id,
    subject: r.subject,
    orderNumber: r.order_number,
    createdAt: r.created_at,
    offeredAt: r.offered_at,
    acceptedAt: r.accepted_at,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    lastMessageAt: r.last_message_at,
    csat: r.csat,
    isComplaint: r.is_complaint === 1,
    complaintDueAt: r.complaint_due_at,
    linkedTicketId: r.linked_ticket_id,
    waitingSince: r.waiting_since,
    replyDueAt: r.reply_due_at,
    outcome: r.outcome,
    tags: JSON.parse(r.tags_json) as string[],
    closesAt: r.closes_at,
    mergedIntoId: r.merged_into_id,
    initialCategory: r.initial_category,
    language: r.language,
    mood: r.mood,
    categorySuggestion:
      r.suggested_category !== null && r.suggested_confidence !== null && r.suggestion_source !== null
        ? { category: r.suggested_category, confidence: r.suggested_confidence, source: r.suggestion_source }
        : null,
    version: r.version,
  };
}

/** What the supervisor's figures read of a case (supervisor/figures.ts). */
export type FigureTicketRow = Pick<
  TicketDbRow,
  'id' | 'customer_id' | 'category' | 'channel' | 'region_id' | 'assignee_id' | 'status' | 'created_at' | 'queued_at' | 'accepted_at' | 'first_response_at' | 'resolved_at' | 'csat' | 'reopen_count'
>;
const FIGURE_COLUMNS = 'id, customer_id, category, channel, region_id, assignee_id, status, created_at, queued_at, accepted_at, first_response_at, resolved_at, csat, reopen_count';
/** One queue of the live board: live cases (queued, open, pending) of a region and channel. */
export interface BoardQueueRow {
  region_id: string;
  channel: Channel;
  waiting: number;
  oldest_queued_at: string | null;
  /** Live cases whose reply_due_at has passed. */
  breached: number;
}
/** One status's share of a queue, as the index delivers it (grouped by status first: no sort). */
export interface BoardQueuePart {
  status: TicketStatus;
  region_id: string;
  channel: Channel;
  n: number;
  oldest_queued_at: string | null;
  breached: number;
}
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The board's queues from their per-status parts (both engines), by region and channel in byte order. */
export function mergeBoardQueues(parts: readonly BoardQueuePart[]): BoardQueueRow[] {
  const out = new Map<string, BoardQueueRow>();
  for (const p of parts) {
    const key = `${p.region_id}\u0000${p.channel}`;
    let q = out.get(key);
    if (!q) out.set(key, (q = { region_id: p.region_id, channel: p.channel, waiting: 0, oldest_queued_at: null, breached: 0 }));
    q.breached += Number(p.breached);
    if (p.status === 'queued') {
      q.waiting += Number(p.n);
      q.oldest_queued_at = p.oldest_queued_at;
    }
  }
  return [...out.values()].sort((a, b) => byteOrder(a.region_id, b.region_id) || byteOrder(a.channel, b.channel));
}
/** Loads from their per-status parts (both engines), by agent id in byte order. */
export function mergeLoads(parts: readonly { agent_id: string; load: number }[]): { agent_id: string; load: number }[] {
  const out = new Map<string, number>();
  for (const p of parts) out.set(p.agent_id, (out.get(p.agent_id) ?? 0) + Number(p.load));
  return [...out].map(([agent_id, load]) => ({ agent_id, load })).sort((a, b) => byteOrder(a.agent_id, b.agent_id));
}

/** A live case whose reply falls due (or fell due) before a time: the board's alerts. */
export type DueTicketRow = Pick<TicketDbRow, 'id' | 'reference' | 'region_id' | 'channel' | 'status' | 'assignee_id' | 'waiting_since' | 'reply_due_at'>;

/** An open formal complaint (is_complaint = 1, not closed) as the supervisors' list reads it. */
export interface ComplaintDbRow {
  id: string;
  reference: string;
  status: TicketStatus;
  region_id: string;
  customer_id: string;
  customer_name: string;
  assignee_id: string | null;
  assignee_name: string | null;
  complaint_opened_at: string | null;
  complaint_due_at: string | null;
}

/**
 * A recently resolved case as assist learns from it: the pre-chat description (subject) and the
 * category the agent confirmed (the classifier), and how it ended (similar cases).
 */
export type ResolvedCaseRow = Pick<TicketDbRow, 'id' | 'reference' | 'region_id' | 'category' | 'subject' | 'language' | 'outcome' | 'resolved_at'>;

/** A live case of an angry customer, as the supervisors' board lists it. */
export type AngryTicketRow = Pick<TicketDbRow, 'id' | 'reference' | 'region_id' | 'channel' | 'status' | 'assignee_id' | 'mood_score'>;

/** Columns an update may set; `version` is bumped by every update. */
export type TicketPatch = Partial<Omit<TicketDbRow, 'id' | 'reference' | 'version' | 'created_at'>>;
const PATCHABLE = new Set<string>([
  'customer_id', 'channel', 'category', 'status', 'priority', 'tier', 'region_id', 'assignee_id', 'subject',
  'order_number', 'queued_at', 'offered_at', 'accepted_at', 'first_response_at',
  'resolved_at', 'last_message_at', 'csat', 'csat_comment', 'is_complaint', 'complaint_due_at', 'waiting_since', 'reply_due_at',
  'reopen_count', 'reopened_at', 'complaint_opened_at',
  'outcome', 'tags_json', 'closes_at', 'merged_into_id',
  'language', 'mood', 'mood_score', 'suggested_category', 'suggested_confidence', 'suggestion_source',
]);

/**
 * Whose view of the tickets a sync read takes: `'all'` (a supervisor), or one agent's own tickets
 * plus the waiting queue of its regions up to its tier (`canReadTicket` in SQL).
 */
export type TicketReader = 'all' | { agentId: string; regions: readonly string[]; tier: Tier };

export function createTicketsTable(db: Db) {
  const byId = literalRows(db.prepare<[string], TicketDbRow>('SELECT * FROM tickets WHERE id = ?'));
  const byReference = literalRows(db.prepare<[string], TicketDbRow>('SELECT * FROM tickets WHERE reference = ?'));
  const angryLive = db.prepare<[number], AngryTicketRow>(
    `SELECT id, reference, region_id, channel, status, assignee_id, mood_score FROM tickets
     WHERE mood = 'angry' AND status IN ('queued','open','pending') ORDER BY mood_score, id LIMIT ?`,
  );
  const recentResolved = db.prepare<[number], ResolvedCaseRow>(
    `SELECT id, reference, region_id, category, subject, language, outcome, resolved_at FROM tickets WHERE status IN ('resolved','closed') AND resolved_at IS NOT NULL AND merged_into_id IS NULL ORDER BY resolved_at DESC, id LIMIT ?`,
  );
  const activeChatOf = literalRows(db.prepare<[string], TicketDbRow>(
    `SELECT * FROM tickets WHERE customer_id = ? AND channel = 'chat' AND status IN ('queued','open','pending') ORDER BY created_at DESC LIMIT 1`,
  ));
  const insert = db.prepare(
    `INSERT INTO tickets (id, reference, customer_id, channel, category, status, priority, tier, region_id, assignee_id,
       subject, order_number, linked_ticket_id, created_at, queued_at, last_message_at, waiting_since, reply_due_at, initial_category)
     VALUES (@id, @reference, @customer_id, @channel, @category, @status, @priority, @tier, @region_id, @assignee_id,
       @subject, @order_number, @linked_ticket_id, @created_at, @queued_at, @last_message_at, @waiting_since, @reply_due_at, @category)`,
  );
  const queued = literalRows(db.prepare<[string], TicketDbRow>(
    `SELECT * FROM tickets WHERE region_id = ? AND status = 'queued' ORDER BY queued_at, id`,
  ));
  const allQueued = literalRows(db.prepare<[], TicketDbRow>(`SELECT * FROM tickets WHERE status = 'queued' ORDER BY queued_at, id`));
  const activeChatLoad = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM tickets WHERE assignee_id = ? AND channel = 'chat' AND status IN ('open','pending')`,
  );
  // Not answered yet, or offered and not accepted (an escalated or transferred chat a colleague answered).
  const unansweredFor = literalRows(db.prepare<[string], TicketDbRow>(
    `SELECT * FROM tickets WHERE assignee_id = ? AND status = 'open' AND (first_response_at IS NULL OR accepted_at IS NULL) ORDER BY id`,
  ));
  const avgHandle = db.prepare<[string], { avg: number | null }>(
    `SELECT avg((julianday(resolved_at) - julianday(accepted_at)) * 86400) AS avg FROM (
       SELECT resolved_at, accepted_at FROM tickets
       WHERE region_id = ? AND channel = 'chat' AND resolved_at IS NOT NULL AND accepted_at IS NOT NULL
       ORDER BY resolved_at DESC LIMIT 200)`,
  );
  const queuePosition = db.prepare<[string, number, string, string, string], { n: number }>(
    `SELECT count(*) AS n FROM tickets WHERE region_id = ? AND status = 'queued' AND tier = ?
       AND (queued_at < ? OR (queued_at = ? AND id <= ?))`,
  );
  // Routing's next candidate: the oldest queued, unassigned ticket after a (queued_at, id) cursor.
  const nextQueued = literalRows(db.prepare<[string, string, string, string], TicketDbRow>(
    `SELECT * FROM tickets WHERE region_id = ? AND status = 'queued' AND assignee_id IS NULL
       AND (coalesce(queued_at, '') > ? OR (coalesce(queued_at, '') = ? AND id > ?))
     ORDER BY coalesce(queued_at, ''), id LIMIT 1`,
  ));
  const declined = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM ticket_declines WHERE ticket_id = ? AND agent_id = ?');
  const decline = db.prepare<[string, string, string]>('INSERT OR IGNORE INTO ticket_declines (ticket_id, agent_id, at) VALUES (?, ?, ?)');
  const updates = new Map<string, LiteralRows<[Record<string, unknown>], TicketDbRow>>();
  const guardedUpdates = new Map<string, ReturnType<Db['prepare']>>();
  // What one agent may read (tickets/access.ts `canReadTicket`); regions travel as a JSON array.
  const READABLE = `(assignee_id = ? OR (assignee_id IS NULL AND status = 'queued' AND region_id IN (SELECT value FROM json_each(?)) AND tier <= ?))`;
  const readableAfter = literalRows(db.prepare<[string, string, string, number, number], TicketDbRow>(`SELECT * FROM tickets WHERE id > ? AND ${READABLE} ORDER BY id LIMIT ?`));
  const readableCount = db.prepare<[string, string, number], { n: number }>(`SELECT count(*) AS n FROM tickets WHERE ${READABLE}`);
  const readableOfCustomer = db.prepare<[string, string, string, number], { one: number }>(`SELECT 1 AS one FROM tickets WHERE customer_id = ? AND ${READABLE} LIMIT 1`);
  const allAfter = literalRows(db.prepare<[string, number], TicketDbRow>('SELECT * FROM tickets WHERE id > ? ORDER BY id LIMIT ?'));
  const allCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM tickets');
  // The supervisor's board and figures (supervisor/): aggregates over live cases, rows of a window.
  const figureRows = db.prepare<[string, string, string], FigureTicketRow>(
    // `+id`: sorted after the fact, so the planner reads the three time indexes (MULTI-INDEX OR), not every ticket in id order.
    `SELECT ${FIGURE_COLUMNS} FROM tickets WHERE created_at >= ? OR resolved_at >= ? OR first_response_at >= ? ORDER BY +id`,
  );
  // Grouped by status first, in the order of the covering indexes (tickets_live, tickets_chat_load):
  // no sort; the parts are merged in JS (8 ms → 1.4 ms for 10,000 live cases, measured).
  const boardQueueParts = db.prepare<[string], BoardQueuePart>(
    `SELECT status, region_id, channel, count(*) AS n, min(queued_at) AS oldest_queued_at, count(*) FILTER (WHERE reply_due_at < ?) AS breached
     FROM tickets WHERE status IN ('queued','open','pending') GROUP BY status, region_id, channel`,
  );
  const liveLoadParts = db.prepare<[], { agent_id: string; load: number }>(
    `SELECT assignee_id AS agent_id, count(*) AS load FROM tickets
     WHERE channel = 'chat' AND status IN ('open','pending') AND assignee_id IS NOT NULL GROUP BY status, assignee_id`,
  );
  const dueBetween = db.prepare<[string, string, number], DueTicketRow>(
    `SELECT id, reference, region_id, channel, status, assignee_id, waiting_since, reply_due_at FROM tickets
     WHERE reply_due_at >= ? AND reply_due_at < ? AND status IN ('queued','open','pending') ORDER BY reply_due_at, id LIMIT ?`,
  );
  const dueToClose = db.prepare<[string, number], { id: string }>(
    `SELECT id FROM tickets WHERE status = 'resolved' AND closes_at IS NOT NULL AND closes_at <= ? ORDER BY closes_at, id LIMIT ?`,
  );
  // Through tickets_complaints (a partial index): soonest due first; a complaint without a due date last.
  const openComplaints = db.prepare<[number], ComplaintDbRow>(
    `SELECT t.id, t.reference, t.status, t.region_id, t.customer_id, c.name AS customer_name, t.assignee_id, a.name AS assignee_name,
            t.complaint_opened_at, t.complaint_due_at
     FROM tickets t JOIN customers c ON c.id = t.customer_id LEFT JOIN agents a ON a.id = t.assignee_id
     WHERE t.is_complaint = 1 AND t.status <> 'closed'
     ORDER BY t.complaint_due_at IS NULL, t.complaint_due_at, t.id LIMIT ?`,
  );
  const scope = (r: Exclude<TicketReader, 'all'>) => [r.agentId, JSON.stringify(r.regions), r.tier] as const;

  return {
    get: (id: string): TicketDbRow | null => byId.get(id) ?? null,
    /**
     * The ticket, to be changed by this transaction on what it holds now (routing, an agent's
     * mutation, a customer's message). PostgreSQL: `SELECT * FROM tickets WHERE id = $1 FOR
     * UPDATE`, so a second node deciding on the same ticket waits and then reads the new row.
     * SQLite: a plain select (one writer: the transaction already excludes every other).
     */
    getForUpdate: (id: string): TicketDbRow | null => byId.get(id) ?? null,
    getByReference: (reference: string): TicketDbRow | null => byReference.get(reference) ?? null,
    /** The customer's live chat still under way (queued, open or pending), if any. */
    activeChatOf: (customerId: string): TicketDbRow | null => activeChatOf.get(customerId) ?? null,
    insert: (r: Pick<TicketDbRow, 'id' | 'reference' | 'customer_id' | 'channel' | 'category' | 'status' | 'priority' | 'tier' | 'region_id' | 'assignee_id' | 'subject' | 'order_number' | 'linked_ticket_id' | 'created_at' | 'queued_at' | 'last_message_at' | 'waiting_since' | 'reply_due_at'>): void =>
      void insert.run(r),
    /**
     * Applies a patch, bumps the version, returns the new row. `current` is the row as this
     * transaction read it (`getForUpdate`): SQLite then builds the new row from it instead of
     * reading it back (`RETURNING *` materialises all 28 columns, the dearest part of a customer
     * message's update), guarded by its version. PostgreSQL always reads it back.
     */
    update(id: string, patch: TicketPatch, current?: TicketDbRow): TicketDbRow {
      const keys = Object.keys(patch).filter((k) => PATCHABLE.has(k)).sort();
      const sig = keys.join(',');
      const values: Record<string, unknown> = { id };
      for (const k of keys) values[k] = (patch as Record<string, unknown>)[k] ?? null;
      if (current?.id === id) {
        let guarded = guardedUpdates.get(sig);
        if (!guarded) {
          const sets = [...keys.map((k) => `${k} = @${k}`), 'version = version + 1'].join(', ');
          guarded = db.prepare(`UPDATE tickets SET ${sets} WHERE id = @id AND version = @expected_version`);
          guardedUpdates.set(sig, guarded);
        }
        if (guarded.run({ ...values, expected_version: current.version }).changes === 1) {
          const next = { ...current, version: current.version + 1 } as Record<string, unknown>;
          for (const k of keys) next[k] = values[k];
          return next as unknown as TicketDbRow;
        }
        // `current` was not the row this transaction holds: read the truth back below.
      }
      let stmt = updates.get(sig);
      if (!stmt) {
        const sets = [...keys.map((k) => `${k} = @${k}`), 'version = version + 1'].join(', ');
        stmt = literalRows(db.prepare<[Record<string, unknown>], TicketDbRow>(`UPDATE tickets SET ${sets} WHERE id = @id RETURNING *`));
        updates.set(sig, stmt);
      }
      const row = stmt.get(values);
      if (!row) throw new Error(`ticket ${id} vanished`);
      return row;
    },
    /** The most recent resolved cases (not merged away), newest first: what assist learns from (assist/). */
    recentResolved: (limit: number): ResolvedCaseRow[] => recentResolved.all(limit),
    /** Live cases whose customer reads as angry, angriest first (through tickets_angry). */
    angryLive: (limit: number): AngryTicketRow[] => angryLive.all(limit),
    queuePosition: (t: Pick<TicketDbRow, 'region_id' | 'tier' | 'queued_at' | 'id'>): number =>
      queuePosition.get(t.region_id, t.tier, t.queued_at ?? '', t.queued_at ?? '', t.id)?.n ?? 1,
    queuedInRegion: (regionId: string): TicketDbRow[] => queued.all(regionId),
    allQueued: (): TicketDbRow[] => allQueued.all(),
    /**
     * The oldest queued, unassigned ticket of a region after `after` (ordered by queued_at, id),
     * for routing to offer. PostgreSQL: the same select with `FOR UPDATE SKIP LOCKED`, so two
     * nodes draining one queue at once take different tickets instead of waiting for (or offering)
     * the same one. SQLite: a plain select (one writer).
     */
    nextQueuedForUpdate: (regionId: string, after?: Pick<TicketDbRow, 'queued_at' | 'id'> | null): TicketDbRow | null => {
      const q = after ? (after.queued_at ?? '') : '';
      return nextQueued.get(regionId, q, q, after?.id ?? '') ?? null;
    },
    chatLoad: (agentId: string): number => activeChatLoad.get(agentId)?.n ?? 0,
    unansweredFor: (agentId: string): TicketDbRow[] => unansweredFor.all(agentId),
    averageHandleSec: (regionId: string): number | null => avgHandle.get(regionId)?.avg ?? null,
    /**
     * Resolved cases whose "one more thing" window ended at or before `now`, oldest first, at
     * most `limit` (the closer closes each in its own transaction, reading it for update).
     */
    dueToClose: (now: string, limit: number): string[] => dueToClose.all(now, limit).map((r) => r.id),
    /** An agent declined this routed chat: routing does not offer it to them again. */
    recordDecline: (ticketId: string, agentId: string, at: string): void => void decline.run(ticketId, agentId, at),
    declinedBy: (ticketId: string, agentId: string): boolean => declined.get(ticketId, agentId) !== undefined,

    // The supervisor's board and figures (supervisor/).
    /** Cases created, first answered or resolved at or after `since`, by id: what the figures of a window read. */
    figureRows: (since: string): FigureTicketRow[] => figureRows.all(since, since, since),
    /** Live cases per region and channel: waiting, the oldest queued, breached as of `now`; by region, channel. */
    boardQueues: (now: string): BoardQueueRow[] => mergeBoardQueues(boardQueueParts.all(now)),
    /** Live chats (open, pending) per assignee, as routing counts load; by agent id. */
    liveLoads: (): { agent_id: string; load: number }[] => mergeLoads(liveLoadParts.all()),
    /** Live cases whose reply falls due in [from, before), soonest first (then id), at most `limit`; from '' for every overdue one. */
    dueBetween: (from: string, before: string, limit: number): DueTicketRow[] => dueBetween.all(from, before, limit),
    /** Open formal complaints (not closed), soonest due first (then id), at most `limit`. */
    openComplaints: (limit: number): ComplaintDbRow[] => openComplaints.all(limit),

    // Sync reads (sync/pull.ts, sync/changes.ts): what a reader may see, paged by id.
    /** The next `limit` tickets the reader may read with an id after `after`, in id order (byte order). */
    visibleAfter: (reader: TicketReader, after: string, limit: number): TicketDbRow[] =>
      reader === 'all' ? allAfter.all(after, limit) : readableAfter.all(after, ...scope(reader), limit),
    /** How many tickets the reader may read. */
    visibleCount: (reader: TicketReader): number => (reader === 'all' ? allCount.get()!.n : readableCount.get(...scope(reader))!.n),
    /** Whether the reader may read at least one ticket of this customer (and so the customer's context). */
    customerVisible: (customerId: string, reader: TicketReader): boolean =>
      reader === 'all' || readableOfCustomer.get(customerId, ...scope(reader)) !== undefined,
  };
}
export type TicketsTable = ReturnType<typeof createTicketsTable>;
