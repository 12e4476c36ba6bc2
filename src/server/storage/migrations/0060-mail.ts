import type { Database } from 'better-sqlite3';

/**
 * Email as a channel (issue 8). `mail_outbox`: replies to email cases, queued in the reply's own
 * transaction and sent after the commit by the mail sender (src/server/email/sender.ts), with
 * retries; `next_attempt_at` doubles as a lease so two nodes never send one mail at once.
 * `mail_inbox`: the Message-ID of every mail received, so a redelivered mail is stored once and
 * a reply can name the mail it answers (In-Reply-To).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE mail_outbox (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL REFERENCES tickets(id),
      message_id TEXT REFERENCES messages(id),
      mail_message_id TEXT NOT NULL UNIQUE,
      to_address TEXT NOT NULL,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      in_reply_to TEXT,
      references_header TEXT,
      created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      last_error TEXT,
      sent_at TEXT
    );
    CREATE INDEX mail_outbox_unsent ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL;
    CREATE INDEX mail_outbox_ticket ON mail_outbox(ticket_id);

    CREATE TABLE mail_inbox (
      mail_message_id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL REFERENCES tickets(id),
      message_id TEXT REFERENCES messages(id),
      from_address TEXT NOT NULL,
      received_at TEXT NOT NULL
    );
    CREATE INDEX mail_inbox_ticket ON mail_inbox(ticket_id, received_at);
  `);
}
