import type { Database } from 'better-sqlite3';

/**
 * The supervisor console (issue 8, docs/figures.md). `tickets.reopen_count` / `reopened_at`:
 * a resolved case that went back to open, pending or queued (first-contact resolution needs to
 * know). `messages.whisper`: an internal note a supervisor wrote for the assigned agent only.
 * Indexes for the board's and the figures' queries (the board's covering: it reads no table row).
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE tickets ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0 CHECK (reopen_count >= 0);
    ALTER TABLE tickets ADD COLUMN reopened_at TEXT;
    ALTER TABLE messages ADD COLUMN whisper INTEGER NOT NULL DEFAULT 0 CHECK (whisper IN (0,1));
    CREATE INDEX tickets_resolved ON tickets(resolved_at) WHERE resolved_at IS NOT NULL;
    CREATE INDEX tickets_first_response ON tickets(first_response_at) WHERE first_response_at IS NOT NULL;
    CREATE INDEX tickets_reply_due ON tickets(reply_due_at) WHERE reply_due_at IS NOT NULL;
    CREATE INDEX tickets_created ON tickets(created_at);
    CREATE INDEX tickets_customer_category ON tickets(customer_id, category, created_at);
    CREATE INDEX tickets_live ON tickets(status, region_id, channel, queued_at, reply_due_at);
    CREATE INDEX tickets_chat_load ON tickets(channel, status, assignee_id);
    CREATE INDEX agents_name ON agents(name);
  `);
}
