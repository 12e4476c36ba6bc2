import type { Database } from 'better-sqlite3';

/**
 * Cheaper writes for a pull page (profiled in tests/bench/cache-profile.ts):
 * - The CHECKs on `messages` and `tickets` said `x IN ('a','b',…)`. SQLite builds an ephemeral
 *   table for an IN list of more than two constants at every run of a statement, and a page runs
 *   the insert once a row: two such CHECKs were a quarter of a 500-change page. The same rules
 *   written as comparisons cost nothing. SQLite cannot alter a CHECK, so both tables are rebuilt
 *   (https://sqlite.org/lang_altertable.html#otheralter) with the same columns, rows and rowids
 *   (pk): the search indexes point at pk and stay valid.
 * - messages_fts without its %_docsize table (columnsize=0): one b-tree insert less a message.
 *   bm25 still weighs a body by its length, counting its tokens when it ranks (the same ranks;
 *   no slower over 200k messages, where the snippet tokenizes the same rows anyway). Rebuilt from
 *   the table, which holds every body. Phrase queries stay (detail=full): "ABCD-1234" and card
 *   digits are phrases of two tokens, which detail=none or column would refuse.
 * - tickets_assignee (assignee_id, status) and tickets_status (status) are prefixes of the list's
 *   recency indexes of migration 0060, which answer every query they served: two fewer index
 *   writes a ticket.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE tickets_0070 (
      pk INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      reference TEXT NOT NULL,
      customer_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status = 'queued' OR status = 'open' OR status = 'pending' OR status = 'resolved' OR status = 'closed'),
      assignee_id TEXT,
      created_at TEXT NOT NULL,
      resolved_at TEXT,
      last_message_at TEXT,
      version INTEGER NOT NULL,
      row_json TEXT NOT NULL
    ) STRICT;
    INSERT INTO tickets_0070 (pk, id, reference, customer_id, status, assignee_id, created_at, resolved_at, last_message_at, version, row_json)
      SELECT pk, id, reference, customer_id, status, assignee_id, created_at, resolved_at, last_message_at, version, row_json FROM tickets;
    DROP TABLE tickets;
    ALTER TABLE tickets_0070 RENAME TO tickets;
    CREATE INDEX tickets_customer ON tickets(customer_id, created_at);
    CREATE INDEX tickets_assignee_recent ON tickets(assignee_id, status, last_message_at);
    CREATE INDEX tickets_status_recent ON tickets(status, last_message_at);
    CREATE INDEX tickets_recent ON tickets(last_message_at);

    CREATE TABLE messages_0070 (
      pk INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      ticket_id TEXT NOT NULL,
      author_kind TEXT NOT NULL CHECK (author_kind = 'customer' OR author_kind = 'agent' OR author_kind = 'system' OR author_kind = 'note'),
      author_id TEXT,
      author_name TEXT NOT NULL,
      body TEXT NOT NULL,
      client_msg_id TEXT,
      attachment_ids_json TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      version INTEGER NOT NULL,
      delivery TEXT NOT NULL CHECK (delivery = 'pending' OR delivery = 'sent' OR delivery = 'rejected'),
      rejection_code TEXT,
      rejection_reason TEXT,
      outbox_seq INTEGER,
      sort_key TEXT NOT NULL
    ) STRICT;
    INSERT INTO messages_0070 (pk, id, ticket_id, author_kind, author_id, author_name, body, client_msg_id, attachment_ids_json, created_at,
                               version, delivery, rejection_code, rejection_reason, outbox_seq, sort_key)
      SELECT pk, id, ticket_id, author_kind, author_id, author_name, body, client_msg_id, attachment_ids_json, created_at,
             version, delivery, rejection_code, rejection_reason, outbox_seq, sort_key FROM messages;
    DROP TABLE messages;
    ALTER TABLE messages_0070 RENAME TO messages;
    CREATE INDEX messages_ticket_sort ON messages(ticket_id, sort_key);
    CREATE INDEX messages_local_client_id ON messages(client_msg_id) WHERE outbox_seq IS NOT NULL;

    DROP TABLE messages_fts;
    CREATE VIRTUAL TABLE messages_fts USING fts5(
      body,
      content = 'messages',
      content_rowid = 'pk',
      tokenize = 'unicode61 remove_diacritics 2',
      columnsize = 0
    );
    INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
  `);
}
