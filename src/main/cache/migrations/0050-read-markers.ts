import type { Database } from 'better-sqlite3';

/**
 * What the agent has seen, and the console's own state per agent:
 * - `read_markers`: per ticket, the sort key of the newest server message the agent has seen;
 *   unread counts only customer messages after it (and after the newest agent reply).
 * - `ui_state`: small JSON values the console keeps per agent (its open chat tabs).
 * The list's preview changes too (the newest message that is not a system line), so every
 * ticket's activity row is computed again here.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE read_markers (
      ticket_id TEXT PRIMARY KEY,
      up_to TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE ui_state (
      key TEXT PRIMARY KEY,
      value_json TEXT NOT NULL
    ) STRICT;

    DELETE FROM ticket_activity;
    INSERT INTO ticket_activity (ticket_id, last_author_kind, last_preview, needs_reply, unread, pending_count)
    SELECT t.ticket_id,
      (SELECT author_kind FROM messages WHERE ticket_id = t.ticket_id AND author_kind <> 'system' ORDER BY sort_key DESC LIMIT 1),
      (SELECT substr(body, 1, 200) FROM messages WHERE ticket_id = t.ticket_id AND author_kind <> 'system' ORDER BY sort_key DESC LIMIT 1),
      coalesce((SELECT author_kind = 'customer' FROM messages WHERE ticket_id = t.ticket_id AND author_kind IN ('customer', 'agent') ORDER BY sort_key DESC LIMIT 1), 0),
      (SELECT count(*) FROM messages WHERE ticket_id = t.ticket_id AND author_kind = 'customer'
         AND sort_key > coalesce((SELECT sort_key FROM messages WHERE ticket_id = t.ticket_id AND author_kind = 'agent' AND sort_key < '~' ORDER BY sort_key DESC LIMIT 1), '')),
      (SELECT count(*) FROM messages WHERE ticket_id = t.ticket_id AND sort_key >= '~' AND delivery = 'pending')
    FROM (SELECT DISTINCT ticket_id FROM messages) t;
  `);
}
