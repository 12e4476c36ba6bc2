import type { LocalMessage, MessageDelivery } from '../../../shared/api/contract';
import type { AuthorKind, MessageRow } from '../../../shared/domain';
import type { RejectionCode } from '../../../shared/protocol/mutations';
import type { CacheDb } from '../db';
import { parseJson } from './json';

export interface MessageDbRow {
  id: string;
  ticket_id: string;
  author_kind: AuthorKind;
  author_id: string | null;
  author_name: string;
  body: string;
  client_msg_id: string | null;
  attachment_ids_json: string;
  created_at: string;
  version: number;
  delivery: MessageDelivery;
  rejection_code: RejectionCode | null;
  rejection_reason: string | null;
  outbox_seq: number | null;
  sort_key: string;
  /** 1: a supervisor's whisper to the assigned agent (migration 0090). */
  whisper: number;
  /** The canned reply an agent's reply came from, by shortcut (migration 0130). */
  canned_shortcut: string | null;
}

const COLUMNS =
  'id, ticket_id, author_kind, author_id, author_name, body, client_msg_id, attachment_ids_json, created_at, version, delivery, rejection_code, rejection_reason, outbox_seq, sort_key, whisper, canned_shortcut';

/** Server rows sort by server time then id; ties on createdAt stay stable. */
export const sentSortKey = (createdAt: string, id: string): string => `${createdAt}|${id}`;
/** Local rows sort after every server row ('~' is above any digit), in outbox order. */
export const localSortKey = (seq: number): string => `~${String(seq).padStart(16, '0')}`;
/** The lowest sort key a local row can have. */
export const LOCAL_SORT_FLOOR = '~';
export const localMessageId = (clientMsgId: string): string => `local:${clientMsgId}`;

export function toLocalMessage(r: MessageDbRow): LocalMessage {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    authorKind: r.author_kind,
    authorId: r.author_id,
    authorName: r.author_name,
    body: r.body,
    clientMsgId: r.client_msg_id,
    attachmentIds: parseJson<string[]>(r.attachment_ids_json, []),
    createdAt: r.created_at,
    version: r.version,
    delivery: r.delivery,
    rejection: r.rejection_code ? { code: r.rejection_code, reason: r.rejection_reason ?? '' } : null,
    sortKey: r.sort_key,
    ...(r.whisper === 1 ? { whisper: true as const } : {}),
    ...(r.canned_shortcut ? { cannedShortcut: r.canned_shortcut } : {}),
  };
}

export interface LocalMessageInsert {
  id: string;
  ticketId: string;
  authorKind: AuthorKind;
  authorId: string;
  authorName: string;
  body: string;
  clientMsgId: string;
  attachmentIds: string[];
  createdAt: string;
  outboxSeq: number;
}

interface IndexedRow {
  pk: number;
  body: string;
}

/**
 * Messages and their search index. Every write keeps messages_fts in step explicitly (see
 * migration 0020 for why not triggers); index deletes go in rowid order so FTS5 can keep its
 * pending terms in memory until the commit.
 *
 * Inside `batchingIndex` (a pull page), new rows are indexed together, by one statement that
 * reads their bodies back from the table in rowid order, when the batch ends — or earlier, before
 * any write that changes or deletes a row, so the index always sees the rows it is told to drop.
 * A page's bodies then cross from JavaScript to SQLite once, not twice, and the index runs one
 * statement a page instead of one a row (a fifth of a 500-change page's CPU time; see
 * tests/bench/cache-profile.ts).
 */
export function createMessagesTable(db: CacheDb) {
  const ftsInsert = db.prepare<[number | bigint, string]>('INSERT INTO messages_fts (rowid, body) VALUES (?, ?)');
  const ftsDelete = db.prepare<[number, string]>(`INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', ?, ?)`);
  const ftsRebuild = db.prepare(`INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')`);
  // The queued rows as a range when they are one (the new rows of a page usually are: each takes
  // the next rowid), else as a list.
  const ftsInsertRange = db.prepare<[number, number]>('INSERT INTO messages_fts (rowid, body) SELECT pk, body FROM messages WHERE pk BETWEEN ? AND ? ORDER BY pk');
  const ftsInsertList = db.prepare<[string]>(
    'INSERT INTO messages_fts (rowid, body) SELECT m.pk, m.body FROM messages m WHERE m.pk IN (SELECT value FROM json_each(?)) ORDER BY m.pk',
  );
  let batching = false;
  let queued: number[] = [];
  const indexQueued = (): void => {
    if (queued.length === 0) return;
    const pks = queued;
    queued = [];
    pks.sort((a, b) => a - b);
    const first = pks[0]!;
    if (pks.every((pk, i) => pk === first + i)) ftsInsertRange.run(first, pks[pks.length - 1]!);
    else ftsInsertList.run(JSON.stringify(pks));
  };
  const index = (pk: number | bigint, body: string): void => {
    if (batching) queued.push(Number(pk));
    else ftsInsert.run(pk, body);
  };
  const unindex = (rows: IndexedRow[]): void => {
    if (rows.length > 1) rows.sort((a, b) => a.pk - b.pk);
    for (const r of rows) ftsDelete.run(r.pk, r.body);
  };

  type SentArgs = [string, string, string, string | null, string, string, string | null, string, string, number, string, number, string | null];
  const forWrite = db.prepare<[string], IndexedRow & { version: number }>('SELECT pk, body, version FROM messages WHERE id = ?');
  // Most rows of a pull are new: try the insert first, look at the existing row only on conflict.
  const insertSent = db.prepare<SentArgs>(
    `INSERT INTO messages (id, ticket_id, author_kind, author_id, author_name, body, client_msg_id, attachment_ids_json, created_at, version, delivery, sort_key, whisper, canned_shortcut)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sent', ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
  );
  const hasLocalRows = db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM messages WHERE outbox_seq IS NOT NULL)').pluck();
  // A local row (version 0) that took the server id on its ack becomes the server row here.
  const updateSent = db.prepare<[...SentArgs, number]>(
    `UPDATE messages SET id = ?, ticket_id = ?, author_kind = ?, author_id = ?, author_name = ?, body = ?, client_msg_id = ?,
       attachment_ids_json = ?, created_at = ?, version = ?, delivery = 'sent', rejection_code = NULL, rejection_reason = NULL,
       outbox_seq = NULL, sort_key = ?, whisper = ?, canned_shortcut = ?
     WHERE pk = ?`,
  );
  const deleteLocalTwin = db.prepare<[string, string, string], IndexedRow>(
    'DELETE FROM messages WHERE client_msg_id = ? AND outbox_seq IS NOT NULL AND ticket_id = ? AND id <> ? RETURNING pk, body',
  );
  const deleteSent = db.prepare<[string], IndexedRow & { ticket_id: string }>(
    `DELETE FROM messages WHERE id = ? AND delivery = 'sent' RETURNING pk, body, ticket_id`,
  );
  const deleteSentOfTicket = db.prepare<[string], IndexedRow>(`DELETE FROM messages WHERE ticket_id = ? AND delivery = 'sent' RETURNING pk, body`);
  const deleteAllSent = db.prepare(`DELETE FROM messages WHERE delivery = 'sent'`);
  const deleteOfTicket = db.prepare<[string], IndexedRow>('DELETE FROM messages WHERE ticket_id = ? RETURNING pk, body');
  const insertLocal = db.prepare<[string, string, string, string, string, string, string, string, string, number, string]>(
    `INSERT INTO messages (id, ticket_id, author_kind, author_id, author_name, body, client_msg_id, attachment_ids_json, created_at, version, delivery, outbox_seq, sort_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'pending', ?, ?)`,
  );
  const byId = db.prepare<[string], MessageDbRow>(`SELECT ${COLUMNS} FROM messages WHERE id = ?`);
  const localByClientId = db.prepare<[string], MessageDbRow>(`SELECT ${COLUMNS} FROM messages WHERE client_msg_id = ? AND outbox_seq IS NOT NULL`);
  const exists = db.prepare<[string], number>('SELECT 1 FROM messages WHERE id = ?').pluck();
  const markSent = db.prepare<[string, string]>(`UPDATE messages SET id = ?, delivery = 'sent', rejection_code = NULL, rejection_reason = NULL WHERE id = ?`);
  const markRejected = db.prepare<[string, string, string]>(`UPDATE messages SET delivery = 'rejected', rejection_code = ?, rejection_reason = ? WHERE id = ?`);
  const removeById = db.prepare<[string], IndexedRow>('DELETE FROM messages WHERE id = ? RETURNING pk, body');
  const newest = db.prepare<[string, number], MessageDbRow>(`SELECT ${COLUMNS} FROM messages WHERE ticket_id = ? ORDER BY sort_key DESC LIMIT ?`);
  const before = db.prepare<[string, string, number], MessageDbRow>(
    `SELECT ${COLUMNS} FROM messages WHERE ticket_id = ? AND sort_key < ? ORDER BY sort_key DESC LIMIT ?`,
  );
  // A merged thread: the target's messages and its sources', by sort key (time, then id) across them.
  const newestOfMany = db.prepare<[string, number], MessageDbRow>(
    `SELECT ${COLUMNS} FROM messages WHERE ticket_id IN (SELECT value FROM json_each(?)) ORDER BY sort_key DESC LIMIT ?`,
  );
  const beforeOfMany = db.prepare<[string, string, number], MessageDbRow>(
    `SELECT ${COLUMNS} FROM messages WHERE ticket_id IN (SELECT value FROM json_each(?)) AND sort_key < ? ORDER BY sort_key DESC LIMIT ?`,
  );
  const ticketsWithLocalRows = db
    .prepare<[], string>(`SELECT DISTINCT ticket_id FROM messages WHERE sort_key >= '${LOCAL_SORT_FLOOR}' AND delivery <> 'sent'`)
    .pluck();

  return {
    /**
     * Runs `write` (inside a transaction) with the index inserts of its new rows done together
     * at its end; the index is complete when it returns, or throws.
     */
    batchingIndex<T>(write: () => T): T {
      if (batching) return write();
      batching = true;
      try {
        const result = write();
        indexQueued();
        return result;
      } finally {
        batching = false;
        queued = [];
      }
    },
    /** Whether any local row exists (if not, a page can skip looking for local twins). */
    hasLocalRows: (): boolean => hasLocalRows.get() === 1,
    /**
     * Applies a server row, version-guarded; true when something changed. `twins`: whether
     * the agent's local rows may hold this row's client id (see hasLocalRows).
     */
    upsertSent(r: MessageRow, twins = true): boolean {
      // The server row of an optimistic reply replaces the local row of the same ticket.
      if (twins && r.clientMsgId !== null) {
        indexQueued();
        unindex(deleteLocalTwin.all(r.clientMsgId, r.ticketId, r.id));
      }
      const args: SentArgs = [
        r.id,
        r.ticketId,
        r.authorKind,
        r.authorId,
        r.authorName,
        r.body,
        r.clientMsgId,
        r.attachmentIds.length ? JSON.stringify(r.attachmentIds) : '[]',
        r.createdAt,
        r.version,
        sentSortKey(r.createdAt, r.id),
        r.whisper ? 1 : 0,
        r.cannedShortcut ?? null,
      ];
      const inserted = insertSent.run(...args);
      if (inserted.changes > 0) {
        index(inserted.lastInsertRowid, r.body);
        return true;
      }
      const existing = forWrite.get(r.id);
      if (!existing || r.version <= existing.version) return false;
      indexQueued();
      updateSent.run(...args, existing.pk);
      if (existing.body !== r.body) {
        unindex([{ pk: existing.pk, body: existing.body }]);
        index(existing.pk, r.body);
      }
      return true;
    },
    /** Deletes a server row; returns its ticket, or null when there was none. */
    deleteSent(id: string): string | null {
      indexQueued();
      const gone = deleteSent.get(id);
      if (!gone) return null;
      unindex([gone]);
      return gone.ticket_id;
    },
    /** Server rows of a ticket (never the agent's pending or rejected rows). */
    deleteSentOfTicket(ticketId: string): number {
      indexQueued();
      const gone = deleteSentOfTicket.all(ticketId);
      unindex(gone);
      return gone.length;
    },
    /** Every server row (must-resync); the index is rebuilt from the local rows that stay. */
    deleteAllSent(): void {
      queued = []; // the rebuild indexes every row that stays
      deleteAllSent.run();
      ftsRebuild.run();
    },
    /** Every row of these tickets (eviction, which never picks a ticket with local rows). */
    deleteOfTickets(ticketIds: string[]): void {
      indexQueued();
      const gone: IndexedRow[] = [];
      for (const id of ticketIds) gone.push(...deleteOfTicket.all(id));
      unindex(gone);
    },
    insertLocal(m: LocalMessageInsert): void {
      const { lastInsertRowid } = insertLocal.run(
        m.id,
        m.ticketId,
        m.authorKind,
        m.authorId,
        m.authorName,
        m.body,
        m.clientMsgId,
        JSON.stringify(m.attachmentIds),
        m.createdAt,
        m.outboxSeq,
        localSortKey(m.outboxSeq),
      );
      index(lastInsertRowid, m.body);
    },
    get: (id: string): MessageDbRow | null => byId.get(id) ?? null,
    /** The agent's own row for a mutation (pending, rejected, or sent but not yet pulled). */
    localByClientId: (clientMsgId: string): MessageDbRow | null => localByClientId.get(clientMsgId) ?? null,
    exists: (id: string): boolean => exists.get(id) !== undefined,
    /** The ack arrived: the row is sent and, when the server said so, takes the server id. */
    markSent: (id: string, newId: string): void => void markSent.run(newId, id),
    markRejected: (id: string, code: RejectionCode, reason: string): void => void markRejected.run(code, reason, id),
    remove(id: string): void {
      indexQueued();
      unindex(removeById.all(id));
    },
    /** Newest first by sort key (`limit` rows), before `beforeKey` when given. */
    newest: (ticketId: string, beforeKey: string | null, limit: number): MessageDbRow[] =>
      beforeKey === null ? newest.all(ticketId, limit) : before.all(ticketId, beforeKey, limit),
    /** As `newest`, over several tickets' messages at once (a case and the cases merged into it). */
    newestOfMany: (ticketIds: readonly string[], beforeKey: string | null, limit: number): MessageDbRow[] =>
      beforeKey === null ? newestOfMany.all(JSON.stringify(ticketIds), limit) : beforeOfMany.all(JSON.stringify(ticketIds), beforeKey, limit),
    ticketsWithLocalRows: (): string[] => ticketsWithLocalRows.all(),
  };
}
export type MessagesTable = ReturnType<typeof createMessagesTable>;
