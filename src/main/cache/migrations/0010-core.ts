import type { Database } from 'better-sqlite3';

/**
 * What the server sends (tickets, messages, attachments, snapshots of the customer's world) and
 * the sync state. Snapshot rows keep the wire row as JSON plus the columns queries use.
 * No foreign keys between server-sourced tables: a page may bring a message before its ticket,
 * and losing access to a ticket must never strand a reply the agent has not sent yet.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE sync_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      client_id TEXT NOT NULL,
      cursor TEXT NOT NULL DEFAULT '',
      epoch TEXT,
      agent_id TEXT,
      server_url TEXT,
      last_synced_at TEXT
    ) STRICT;

    CREATE TABLE settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      settings_json TEXT NOT NULL
    ) STRICT;

    -- pk (tickets, messages, customers) is an explicit rowid so the search index can point at it
    -- (VACUUM keeps it).
    CREATE TABLE tickets (
      pk INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      reference TEXT NOT NULL,
      customer_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued','open','pending','resolved','closed')),
      assignee_id TEXT,
      created_at TEXT NOT NULL,
      resolved_at TEXT,
      last_message_at TEXT,
      version INTEGER NOT NULL,
      row_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX tickets_assignee ON tickets(assignee_id, status);
    CREATE INDEX tickets_status ON tickets(status);
    CREATE INDEX tickets_customer ON tickets(customer_id, created_at);

    -- Server rows (delivery 'sent') and the agent's optimistic rows (pending / rejected, id
    -- 'local:<clientMsgId>', version 0, outbox_seq set). sort_key: '<createdAt>|<id>' for server
    -- rows, '~<seq>' for local rows, so local rows sort after every server row.
    CREATE TABLE messages (
      pk INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      ticket_id TEXT NOT NULL,
      author_kind TEXT NOT NULL CHECK (author_kind IN ('customer','agent','system','note')),
      author_id TEXT,
      author_name TEXT NOT NULL,
      body TEXT NOT NULL,
      client_msg_id TEXT,
      attachment_ids_json TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      version INTEGER NOT NULL,
      delivery TEXT NOT NULL CHECK (delivery IN ('pending','sent','rejected')),
      rejection_code TEXT,
      rejection_reason TEXT,
      outbox_seq INTEGER,
      sort_key TEXT NOT NULL
    ) STRICT;
    CREATE INDEX messages_ticket_sort ON messages(ticket_id, sort_key);
    -- Only local rows: tiny, and free for the server rows of an initial sync.
    CREATE INDEX messages_local_client_id ON messages(client_msg_id) WHERE outbox_seq IS NOT NULL;

    CREATE TABLE attachments (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL,
      message_id TEXT,
      sha256 TEXT NOT NULL,
      version INTEGER NOT NULL,
      row_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX attachments_ticket ON attachments(ticket_id);
    CREATE INDEX attachments_sha ON attachments(sha256);

    -- What the ticket list shows about a ticket's messages, recomputed in the transaction that
    -- changes them (keyed by ticket id: messages may arrive before their ticket).
    CREATE TABLE ticket_activity (
      ticket_id TEXT PRIMARY KEY,
      last_author_kind TEXT,
      last_preview TEXT,
      needs_reply INTEGER NOT NULL DEFAULT 0,
      unread INTEGER NOT NULL DEFAULT 0,
      pending_count INTEGER NOT NULL DEFAULT 0
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE customers (
      pk INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      version INTEGER NOT NULL,
      row_json TEXT NOT NULL
    ) STRICT;
  `);
  for (const table of ['accounts', 'payment_methods', 'orders', 'installments', 'transactions', 'returns']) {
    db.exec(`
      CREATE TABLE ${table} (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        row_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ${table}_customer ON ${table}(customer_id);
    `);
  }
  for (const table of ['agents', 'canned_replies', 'macros']) {
    db.exec(`CREATE TABLE ${table} (id TEXT PRIMARY KEY, version INTEGER NOT NULL, row_json TEXT NOT NULL) STRICT;`);
  }
}
