import type { Database } from 'better-sqlite3';

/**
 * What the agent did and the server has not acknowledged yet (SYNC.md "Writing"), and drafts.
 * seq is AUTOINCREMENT: strictly increasing and never reused, even after rows are deleted.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      client_msg_id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      ticket_id TEXT NOT NULL,
      payload_json TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      last_error TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX outbox_ticket ON outbox(ticket_id);

    CREATE TABLE drafts (
      ticket_id TEXT PRIMARY KEY,
      body TEXT NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('reply','note')),
      updated_at TEXT NOT NULL
    ) STRICT;
  `);
}
