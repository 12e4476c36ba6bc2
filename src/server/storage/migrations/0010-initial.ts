import type { Database } from 'better-sqlite3';

/** The whole domain of DOMAIN.md, the change feed and the push ledger of SYNC.md. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

    CREATE TABLE regions (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      locale TEXT NOT NULL,
      currency TEXT NOT NULL,
      hours_json TEXT NOT NULL,          -- weekly business hours in the region's zone
      chat_enabled INTEGER NOT NULL DEFAULT 1,
      phone TEXT,
      first_response_target_sec INTEGER NOT NULL DEFAULT 300
    ) STRICT;

    CREATE TABLE agents (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE COLLATE NOCASE,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('agent','senior','supervisor')),
      tier INTEGER NOT NULL CHECK (tier IN (1,2,3)),
      regions_json TEXT NOT NULL,
      capacity INTEGER NOT NULL DEFAULT 6 CHECK (capacity BETWEEN 0 AND 20),
      presence TEXT NOT NULL DEFAULT 'offline' CHECK (presence IN ('available','away','offline')),
      presence_reason TEXT,
      password_hash TEXT NOT NULL,
      last_assigned_at TEXT,
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      agent_id TEXT NOT NULL REFERENCES agents(id),
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      revoked_at TEXT,
      user_agent TEXT,
      ip TEXT
    ) STRICT;
    CREATE INDEX sessions_agent ON sessions(agent_id);

    CREATE TABLE customers (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      email TEXT NOT NULL COLLATE NOCASE,
      phone TEXT NOT NULL,
      locale TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      region_id TEXT NOT NULL REFERENCES regions(id),
      country TEXT NOT NULL,
      currency TEXT NOT NULL,
      device_json TEXT,
      risk_flags_json TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX customers_email ON customers(email);

    CREATE TABLE accounts (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL UNIQUE REFERENCES customers(id),
      status TEXT NOT NULL CHECK (status IN ('active','locked','collections')),
      verification_status TEXT NOT NULL CHECK (verification_status IN ('verified','pending','failed','not_started')),
      verification_attempts INTEGER NOT NULL DEFAULT 0,
      verification_failure_reason TEXT,
      spending_limit_minor INTEGER NOT NULL,
      currency TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    CREATE TABLE payment_methods (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL REFERENCES customers(id),
      kind TEXT NOT NULL CHECK (kind IN ('card','bank_account')),
      brand TEXT NOT NULL,
      last4 TEXT NOT NULL CHECK (length(last4) = 4),
      expiry TEXT,
      is_default INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL,
      last_decline_reason TEXT,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX payment_methods_customer ON payment_methods(customer_id);

    CREATE TABLE orders (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL REFERENCES customers(id),
      order_number TEXT NOT NULL UNIQUE,
      merchant TEXT NOT NULL,
      items_json TEXT NOT NULL,
      total_minor INTEGER NOT NULL,
      currency TEXT NOT NULL,
      plan TEXT NOT NULL CHECK (plan IN ('pay_in_4','pay_in_30','financing','pay_now')),
      status TEXT NOT NULL,
      placed_at TEXT NOT NULL,
      return_window_ends_at TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX orders_customer ON orders(customer_id);

    CREATE TABLE installments (
      id TEXT PRIMARY KEY,
      order_id TEXT NOT NULL REFERENCES orders(id),
      customer_id TEXT NOT NULL REFERENCES customers(id),
      number INTEGER NOT NULL,
      due_date TEXT NOT NULL,
      amount_minor INTEGER NOT NULL,
      currency TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('scheduled','paid','overdue','failed','paused')),
      paid_at TEXT,
      late_fee_minor INTEGER NOT NULL DEFAULT 0,
      version INTEGER NOT NULL DEFAULT 1,
      UNIQUE (order_id, number)
    ) STRICT;
    CREATE INDEX installments_customer ON installments(customer_id);

    CREATE TABLE transactions (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL REFERENCES customers(id),
      order_id TEXT REFERENCES orders(id),
      installment_id TEXT REFERENCES installments(id),
      kind TEXT NOT NULL CHECK (kind IN ('purchase','payment','refund','fee')),
      status TEXT NOT NULL CHECK (status IN ('pending','settled','failed','reversed')),
      amount_minor INTEGER NOT NULL,
      currency TEXT NOT NULL,
      reference TEXT NOT NULL,
      rail TEXT NOT NULL,
      failure_reason TEXT,
      created_at TEXT NOT NULL,
      settled_at TEXT,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX transactions_customer ON transactions(customer_id, created_at);

    CREATE TABLE returns (
      id TEXT PRIMARY KEY,
      order_id TEXT NOT NULL REFERENCES orders(id),
      customer_id TEXT NOT NULL REFERENCES customers(id),
      status TEXT NOT NULL CHECK (status IN ('requested','in_transit','received','refunded','rejected')),
      reason TEXT NOT NULL,
      refund_amount_minor INTEGER NOT NULL,
      currency TEXT NOT NULL,
      refund_date TEXT,
      created_at TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX returns_customer ON returns(customer_id);

    CREATE TABLE tickets (
      id TEXT PRIMARY KEY,
      reference TEXT NOT NULL UNIQUE,
      customer_id TEXT NOT NULL REFERENCES customers(id),
      channel TEXT NOT NULL CHECK (channel IN ('chat','email','phone')),
      category TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued','open','pending','resolved','closed')),
      priority TEXT NOT NULL CHECK (priority IN ('low','normal','high','urgent')),
      tier INTEGER NOT NULL CHECK (tier IN (1,2,3)),
      region_id TEXT NOT NULL REFERENCES regions(id),
      assignee_id TEXT REFERENCES agents(id),
      subject TEXT NOT NULL,
      order_number TEXT,
      customer_token_hash TEXT UNIQUE,
      created_at TEXT NOT NULL,
      queued_at TEXT,
      offered_at TEXT,
      accepted_at TEXT,
      first_response_at TEXT,
      resolved_at TEXT,
      last_message_at TEXT,
      csat INTEGER CHECK (csat BETWEEN 1 AND 5),
      csat_comment TEXT,
      is_complaint INTEGER NOT NULL DEFAULT 0,
      complaint_due_at TEXT,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX tickets_assignee ON tickets(assignee_id, status);
    CREATE INDEX tickets_queue ON tickets(region_id, status, queued_at);
    CREATE INDEX tickets_customer ON tickets(customer_id);

    CREATE TABLE messages (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL REFERENCES tickets(id),
      author_kind TEXT NOT NULL CHECK (author_kind IN ('customer','agent','system','note')),
      author_id TEXT,
      author_name TEXT NOT NULL,
      body TEXT NOT NULL,
      client_msg_id TEXT,
      attachment_ids_json TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX messages_ticket ON messages(ticket_id, created_at);
    CREATE UNIQUE INDEX messages_client_id ON messages(ticket_id, author_kind, client_msg_id) WHERE client_msg_id IS NOT NULL;

    CREATE TABLE attachments (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL REFERENCES tickets(id),
      message_id TEXT REFERENCES messages(id),
      uploader_kind TEXT NOT NULL CHECK (uploader_kind IN ('customer','agent')),
      uploader_id TEXT,
      sha256 TEXT NOT NULL,
      mime TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      filename TEXT NOT NULL,
      created_at TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX attachments_ticket ON attachments(ticket_id);

    CREATE TABLE canned_replies (
      id TEXT PRIMARY KEY,
      category TEXT NOT NULL,
      title TEXT NOT NULL,
      shortcut TEXT NOT NULL UNIQUE,
      body TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    CREATE TABLE macros (
      id TEXT PRIMARY KEY,
      category TEXT NOT NULL,
      title TEXT NOT NULL,
      reply_body TEXT,
      set_status TEXT,
      set_priority TEXT,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    CREATE TABLE incidents (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      error_code TEXT,
      status TEXT NOT NULL,
      started_at TEXT NOT NULL,
      resolved_at TEXT
    ) STRICT;

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor_kind TEXT NOT NULL CHECK (actor_kind IN ('agent','customer','system')),
      actor_id TEXT,
      action TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('ok','denied','rejected')),
      ticket_id TEXT,
      customer_id TEXT,
      details_json TEXT NOT NULL DEFAULT '{}',
      ip TEXT
    ) STRICT;
    CREATE INDEX audit_ticket ON audit_log(ticket_id);
    CREATE INDEX audit_actor ON audit_log(actor_id, at);

    -- The change feed (SYNC.md): strictly increasing seq in commit order (one writer).
    CREATE TABLE change_feed (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('upsert','delete')),
      ticket_id TEXT,
      customer_id TEXT,
      gained_by TEXT,       -- agent who gained access to the ticket with this change
      lost_by TEXT,         -- agent who lost access to the ticket with this change
      lost_region TEXT,     -- region whose queue no longer shows the ticket after this change
      at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE sync_clients (
      client_id TEXT PRIMARY KEY,
      agent_id TEXT NOT NULL REFERENCES agents(id),
      created_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE push_acks (
      client_id TEXT NOT NULL,
      client_msg_id TEXT NOT NULL,
      ack_json TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (client_id, client_msg_id)
    ) STRICT, WITHOUT ROWID;
  `);
}
