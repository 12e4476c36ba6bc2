/**
 * The desk's schema on PostgreSQL (docs/storage.md, "Migrations for both"): the same numbered
 * steps as the SQLite migrations (src/server/storage/migrations), same tables, same columns, same
 * row shapes, so the repositories of both engines return the same `*DbRow` types. Times stay ISO
 * text and JSON stays text, as on SQLite: the repositories and the wire converters are shared.
 * Differences, each on purpose:
 * - `COLLATE NOCASE` e-mail columns are matched with `lower(email)` (unique and plain indexes on
 *   it); citext would need an extension a managed database may not grant.
 * - Auto-numbered ids are identity columns (`audit_log.id`, `change_feed.seq`); money in minor
 *   units is `bigint` (SQLite's INTEGER is 64-bit too). `pg` returns int8 as text: the adapter
 *   sets a type parser for it (exact below 2^53, which amounts and sequence numbers stay under).
 * - `change_feed.xid` (PostgreSQL only): the appending transaction's id, so the feed is served in
 *   commit order (rows below `pg_snapshot_xmin(pg_current_snapshot())`, by `(xid, seq)`): a
 *   transaction that took its seq early and commits late is held back, never skipped.
 * - `change_feed.pos` (PostgreSQL only): the public feed position, NULL until the sequencer
 *   (sequencer.ts) numbers the row, densely, in `(xid, seq)` order once no transaction that could
 *   still commit an earlier row is running. The desktop's numeric cursor is a `pos`.
 * - A rebuilt table on SQLite (0030: SQLite cannot drop a UNIQUE in place) is an ALTER here.
 * Applied in one transaction each under an advisory lock, so two nodes starting at once do not
 * both migrate; the version is kept in `schema_version`; a database from a newer server is refused.
 */
import type pg from 'pg';

export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 10,
    name: 'initial',
    sql: `
    CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);

    CREATE TABLE regions (
      id text PRIMARY KEY,
      name text NOT NULL,
      time_zone text NOT NULL,
      locale text NOT NULL,
      currency text NOT NULL,
      hours_json text NOT NULL,
      chat_enabled integer NOT NULL DEFAULT 1,
      phone text,
      first_response_target_sec integer NOT NULL DEFAULT 300
    );

    CREATE TABLE agents (
      id text PRIMARY KEY,
      email text NOT NULL,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('agent','senior','supervisor')),
      tier integer NOT NULL CHECK (tier IN (1,2,3)),
      regions_json text NOT NULL,
      capacity integer NOT NULL DEFAULT 6 CHECK (capacity BETWEEN 0 AND 20),
      presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('available','away','offline')),
      presence_reason text,
      password_hash text NOT NULL,
      last_assigned_at text,
      version integer NOT NULL DEFAULT 1,
      created_at text NOT NULL
    );
    CREATE UNIQUE INDEX agents_email ON agents (lower(email));

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      agent_id text NOT NULL REFERENCES agents(id),
      token_hash text NOT NULL UNIQUE,
      created_at text NOT NULL,
      expires_at text NOT NULL,
      revoked_at text,
      user_agent text,
      ip text
    );
    CREATE INDEX sessions_agent ON sessions(agent_id);

    CREATE TABLE customers (
      id text PRIMARY KEY,
      name text NOT NULL,
      email text NOT NULL,
      phone text NOT NULL,
      locale text NOT NULL,
      time_zone text NOT NULL,
      region_id text NOT NULL REFERENCES regions(id),
      country text NOT NULL,
      currency text NOT NULL,
      device_json text,
      risk_flags_json text NOT NULL DEFAULT '[]',
      created_at text NOT NULL,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX customers_email ON customers (lower(email));

    CREATE TABLE accounts (
      id text PRIMARY KEY,
      customer_id text NOT NULL UNIQUE REFERENCES customers(id),
      status text NOT NULL CHECK (status IN ('active','locked','collections')),
      verification_status text NOT NULL CHECK (verification_status IN ('verified','pending','failed','not_started')),
      verification_attempts integer NOT NULL DEFAULT 0,
      verification_failure_reason text,
      spending_limit_minor bigint NOT NULL,
      currency text NOT NULL,
      version integer NOT NULL DEFAULT 1
    );

    CREATE TABLE payment_methods (
      id text PRIMARY KEY,
      customer_id text NOT NULL REFERENCES customers(id),
      kind text NOT NULL CHECK (kind IN ('card','bank_account')),
      brand text NOT NULL,
      last4 text NOT NULL CHECK (length(last4) = 4),
      expiry text,
      is_default integer NOT NULL DEFAULT 0,
      status text NOT NULL,
      last_decline_reason text,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX payment_methods_customer ON payment_methods(customer_id);

    CREATE TABLE orders (
      id text PRIMARY KEY,
      customer_id text NOT NULL REFERENCES customers(id),
      order_number text NOT NULL UNIQUE,
      merchant text NOT NULL,
      items_json text NOT NULL,
      total_minor bigint NOT NULL,
      currency text NOT NULL,
      plan text NOT NULL CHECK (plan IN ('pay_in_4','pay_in_30','financing','pay_now')),
      status text NOT NULL,
      placed_at text NOT NULL,
      return_window_ends_at text NOT NULL,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX orders_customer ON orders(customer_id);

    CREATE TABLE installments (
      id text PRIMARY KEY,
      order_id text NOT NULL REFERENCES orders(id),
      customer_id text NOT NULL REFERENCES customers(id),
      number integer NOT NULL,
      due_date text NOT NULL,
      amount_minor bigint NOT NULL,
      currency text NOT NULL,
      status text NOT NULL CHECK (status IN ('scheduled','paid','overdue','failed','paused')),
      paid_at text,
      late_fee_minor bigint NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (order_id, number)
    );
    CREATE INDEX installments_customer ON installments(customer_id);

    CREATE TABLE transactions (
      id text PRIMARY KEY,
      customer_id text NOT NULL REFERENCES customers(id),
      order_id text REFERENCES orders(id),
      installment_id text REFERENCES installments(id),
      kind text NOT NULL CHECK (kind IN ('purchase','payment','refund','fee')),
      status text NOT NULL CHECK (status IN ('pending','settled','failed','reversed')),
      amount_minor bigint NOT NULL,
      currency text NOT NULL,
      reference text NOT NULL,
      rail text NOT NULL,
      failure_reason text,
      created_at text NOT NULL,
      settled_at text,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX transactions_customer ON transactions(customer_id, created_at);

    CREATE TABLE returns (
      id text PRIMARY KEY,
      order_id text NOT NULL REFERENCES orders(id),
      customer_id text NOT NULL REFERENCES customers(id),
      status text NOT NULL CHECK (status IN ('requested','in_transit','received','refunded','rejected')),
      reason text NOT NULL,
      refund_amount_minor bigint NOT NULL,
      currency text NOT NULL,
      refund_date text,
      created_at text NOT NULL,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX returns_customer ON returns(customer_id);

    CREATE TABLE tickets (
      id text PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      customer_id text NOT NULL REFERENCES customers(id),
      channel text NOT NULL CHECK (channel IN ('chat','email','phone')),
      category text NOT NULL,
      status text NOT NULL CHECK (status IN ('queued','open','pending','resolved','closed')),
      priority text NOT NULL CHECK (priority IN ('low','normal','high','urgent')),
      tier integer NOT NULL CHECK (tier IN (1,2,3)),
      region_id text NOT NULL REFERENCES regions(id),
      assignee_id text REFERENCES agents(id),
      subject text NOT NULL,
      order_number text,
      customer_token_hash text UNIQUE,
      created_at text NOT NULL,
      queued_at text,
      offered_at text,
      accepted_at text,
      first_response_at text,
      resolved_at text,
      last_message_at text,
      csat integer CHECK (csat BETWEEN 1 AND 5),
      csat_comment text,
      is_complaint integer NOT NULL DEFAULT 0,
      complaint_due_at text,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX tickets_assignee ON tickets(assignee_id, status);
    CREATE INDEX tickets_queue ON tickets(region_id, status, queued_at);
    CREATE INDEX tickets_customer ON tickets(customer_id);

    CREATE TABLE messages (
      id text PRIMARY KEY,
      ticket_id text NOT NULL REFERENCES tickets(id),
      author_kind text NOT NULL CHECK (author_kind IN ('customer','agent','system','note')),
      author_id text,
      author_name text NOT NULL,
      body text NOT NULL,
      client_msg_id text,
      attachment_ids_json text NOT NULL DEFAULT '[]',
      created_at text NOT NULL,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX messages_ticket ON messages(ticket_id, created_at);
    CREATE UNIQUE INDEX messages_client_id ON messages(ticket_id, author_kind, client_msg_id) WHERE client_msg_id IS NOT NULL;

    CREATE TABLE attachments (
      id text PRIMARY KEY,
      ticket_id text NOT NULL REFERENCES tickets(id),
      message_id text REFERENCES messages(id),
      uploader_kind text NOT NULL CHECK (uploader_kind IN ('customer','agent')),
      uploader_id text,
      sha256 text NOT NULL,
      mime text NOT NULL,
      bytes integer NOT NULL,
      width integer NOT NULL,
      height integer NOT NULL,
      filename text NOT NULL,
      created_at text NOT NULL,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX attachments_ticket ON attachments(ticket_id);

    CREATE TABLE canned_replies (
      id text PRIMARY KEY,
      category text NOT NULL,
      title text NOT NULL,
      shortcut text NOT NULL UNIQUE,
      body text NOT NULL,
      version integer NOT NULL DEFAULT 1
    );

    CREATE TABLE macros (
      id text PRIMARY KEY,
      category text NOT NULL,
      title text NOT NULL,
      reply_body text,
      set_status text,
      set_priority text,
      version integer NOT NULL DEFAULT 1
    );

    CREATE TABLE incidents (
      id text PRIMARY KEY,
      title text NOT NULL,
      error_code text,
      status text NOT NULL,
      started_at text NOT NULL,
      resolved_at text
    );

    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at text NOT NULL,
      actor_kind text NOT NULL CHECK (actor_kind IN ('agent','customer','system')),
      actor_id text,
      action text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('ok','denied','rejected')),
      ticket_id text,
      customer_id text,
      details_json text NOT NULL DEFAULT '{}',
      ip text
    );
    CREATE INDEX audit_ticket ON audit_log(ticket_id);
    CREATE INDEX audit_actor ON audit_log(actor_id, at);

    CREATE TABLE change_feed (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      pos bigint UNIQUE,
      entity text NOT NULL,
      entity_id text NOT NULL,
      op text NOT NULL CHECK (op IN ('upsert','delete')),
      ticket_id text,
      customer_id text,
      gained_by text,
      lost_by text,
      lost_region text,
      at text NOT NULL
    );
    CREATE INDEX change_feed_commit_order ON change_feed(xid, seq);
    CREATE INDEX change_feed_unsequenced ON change_feed(xid, seq) WHERE pos IS NULL;

    CREATE TABLE sync_clients (
      client_id text PRIMARY KEY,
      agent_id text NOT NULL REFERENCES agents(id),
      created_at text NOT NULL,
      last_seen_at text NOT NULL
    );

    CREATE TABLE push_acks (
      client_id text NOT NULL,
      client_msg_id text NOT NULL,
      ack_json text NOT NULL,
      at text NOT NULL,
      PRIMARY KEY (client_id, client_msg_id)
    );`,
  },
  {
    version: 20,
    name: 'customer-identity',
    sql: `
    ALTER TABLE customers ADD COLUMN identity text NOT NULL DEFAULT 'verified' CHECK (identity IN ('verified','visitor'));
    ALTER TABLE tickets ADD COLUMN linked_ticket_id text REFERENCES tickets(id);
    ALTER TABLE change_feed ADD COLUMN gained_region text;
    ALTER TABLE tickets ADD COLUMN waiting_since text;
    ALTER TABLE tickets ADD COLUMN reply_due_at text;
    CREATE TABLE ticket_declines (
      ticket_id text NOT NULL REFERENCES tickets(id),
      agent_id text NOT NULL REFERENCES agents(id),
      at text NOT NULL,
      PRIMARY KEY (ticket_id, agent_id)
    );
    CREATE TABLE chat_tokens (
      token_hash text PRIMARY KEY,
      ticket_id text NOT NULL REFERENCES tickets(id),
      customer_id text NOT NULL REFERENCES customers(id),
      created_at text NOT NULL
    );
    CREATE INDEX chat_tokens_ticket ON chat_tokens(ticket_id);
    INSERT INTO chat_tokens (token_hash, ticket_id, customer_id, created_at)
      SELECT customer_token_hash, id, customer_id, coalesce(queued_at, created_at) FROM tickets WHERE customer_token_hash IS NOT NULL;
    UPDATE tickets SET customer_token_hash = NULL WHERE customer_token_hash IS NOT NULL;`,
  },
  {
    version: 30,
    name: 'canned-reply-languages',
    sql: `
    ALTER TABLE canned_replies ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en','sv','de'));
    ALTER TABLE canned_replies DROP CONSTRAINT canned_replies_shortcut_key;
    ALTER TABLE canned_replies ADD CONSTRAINT canned_replies_language_shortcut_key UNIQUE (language, shortcut);`,
  },
  {
    version: 40,
    name: 'macro-steps',
    sql: `
    ALTER TABLE macros ADD COLUMN steps_json text CHECK (steps_json IS NULL OR steps_json::jsonb IS NOT NULL);
    ALTER TABLE macros ADD COLUMN inputs_json text NOT NULL DEFAULT '[]' CHECK (inputs_json::jsonb IS NOT NULL);
    ALTER TABLE macros ADD COLUMN position integer NOT NULL DEFAULT 0;`,
  },
  {
    version: 50,
    name: 'region-calendars',
    sql: `
    ALTER TABLE regions ADD COLUMN holiday_country text;
    ALTER TABLE regions ADD COLUMN holiday_hours_json text NOT NULL DEFAULT '[]' CHECK (holiday_hours_json::jsonb IS NOT NULL);
    ALTER TABLE regions ADD COLUMN exceptions_json text NOT NULL DEFAULT '[]' CHECK (exceptions_json::jsonb IS NOT NULL);
    ALTER TABLE regions ADD COLUMN complaint_business_days integer NOT NULL DEFAULT 10 CHECK (complaint_business_days BETWEEN 1 AND 60);`,
  },
  {
    version: 60,
    name: 'mail',
    sql: `
    CREATE TABLE mail_outbox (
      id text PRIMARY KEY,
      ticket_id text NOT NULL REFERENCES tickets(id),
      message_id text REFERENCES messages(id),
      mail_message_id text NOT NULL UNIQUE,
      to_address text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      in_reply_to text,
      references_header text,
      created_at text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at text NOT NULL,
      last_error text,
      sent_at text
    );
    CREATE INDEX mail_outbox_unsent ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL;
    CREATE INDEX mail_outbox_ticket ON mail_outbox(ticket_id);
    CREATE TABLE mail_inbox (
      mail_message_id text PRIMARY KEY,
      ticket_id text NOT NULL REFERENCES tickets(id),
      message_id text REFERENCES messages(id),
      from_address text NOT NULL,
      received_at text NOT NULL
    );
    CREATE INDEX mail_inbox_ticket ON mail_inbox(ticket_id, received_at);`,
  },
  {
    version: 70,
    name: 'supervisor',
    sql: `
    ALTER TABLE tickets ADD COLUMN reopen_count integer NOT NULL DEFAULT 0 CHECK (reopen_count >= 0);
    ALTER TABLE tickets ADD COLUMN reopened_at text;
    ALTER TABLE messages ADD COLUMN whisper integer NOT NULL DEFAULT 0 CHECK (whisper IN (0,1));
    CREATE INDEX tickets_resolved ON tickets(resolved_at COLLATE "C") WHERE resolved_at IS NOT NULL;
    CREATE INDEX tickets_first_response ON tickets(first_response_at COLLATE "C") WHERE first_response_at IS NOT NULL;
    CREATE INDEX tickets_reply_due ON tickets(reply_due_at COLLATE "C") WHERE reply_due_at IS NOT NULL;
    CREATE INDEX tickets_created ON tickets(created_at COLLATE "C");
    CREATE INDEX tickets_customer_category ON tickets(customer_id, category, created_at);
    CREATE INDEX tickets_live ON tickets(status, region_id, channel, queued_at COLLATE "C", reply_due_at COLLATE "C");
    CREATE INDEX tickets_chat_load ON tickets(channel, status, assignee_id);
    CREATE INDEX agents_name ON agents(name COLLATE "C");`,
  },
  {
    version: 80,
    name: 'case-lifecycle',
    sql: `
    ALTER TABLE tickets ADD COLUMN outcome text CHECK (outcome IS NULL OR outcome IN ('solved','workaround','not_solvable','duplicate'));
    ALTER TABLE tickets ADD COLUMN tags_json text NOT NULL DEFAULT '[]' CHECK (tags_json::jsonb IS NOT NULL);
    ALTER TABLE tickets ADD COLUMN closes_at text;
    ALTER TABLE tickets ADD COLUMN merged_into_id text REFERENCES tickets(id);
    CREATE INDEX tickets_merged_into ON tickets(merged_into_id) WHERE merged_into_id IS NOT NULL;
    CREATE TABLE calls (
      id text PRIMARY KEY,
      ticket_id text NOT NULL REFERENCES tickets(id),
      customer_id text NOT NULL REFERENCES customers(id),
      agent_id text NOT NULL REFERENCES agents(id),
      direction text NOT NULL CHECK (direction IN ('in','out')),
      duration_sec integer NOT NULL CHECK (duration_sec BETWEEN 0 AND 86400),
      outcome text NOT NULL CHECK (outcome IN ('resolved','follow_up','callback','no_answer','voicemail')),
      notes text NOT NULL DEFAULT '',
      created_at text NOT NULL
    );
    CREATE INDEX calls_ticket ON calls(ticket_id, created_at COLLATE "C");
    CREATE INDEX tickets_closing ON tickets(closes_at COLLATE "C") WHERE status = 'resolved' AND closes_at IS NOT NULL;`,
  },
  {
    version: 90,
    name: 'complaints',
    sql: `
    ALTER TABLE tickets ADD COLUMN complaint_opened_at text;
    CREATE INDEX tickets_complaints ON tickets(complaint_due_at COLLATE "C", id COLLATE "C") WHERE is_complaint = 1 AND status <> 'closed';
    UPDATE tickets SET complaint_opened_at = (
      SELECT min(a.at COLLATE "C") FROM audit_log a
      WHERE a.ticket_id = tickets.id AND a.action = 'ticket.escalate' AND a.outcome = 'ok' AND (a.details_json::jsonb ->> 'to') = 'complaint'
    ) WHERE is_complaint = 1;`,
  },
  {
    version: 110,
    name: 'screenshot-text',
    sql: `
    ALTER TABLE attachments ADD COLUMN ocr_text text NOT NULL DEFAULT '';
    ALTER TABLE attachments ADD COLUMN cards_hidden integer NOT NULL DEFAULT 0 CHECK (cards_hidden >= 0);`,
  },
  {
    version: 120,
    name: 'triage',
    sql: `
    ALTER TABLE tickets ADD COLUMN language text;
    ALTER TABLE tickets ADD COLUMN mood text CHECK (mood IN ('angry','unhappy','neutral','happy'));
    ALTER TABLE tickets ADD COLUMN mood_score double precision;
    ALTER TABLE tickets ADD COLUMN suggested_category text;
    ALTER TABLE tickets ADD COLUMN suggested_confidence double precision;
    ALTER TABLE tickets ADD COLUMN suggestion_source text CHECK (suggestion_source IN ('model','keywords'));
    CREATE INDEX tickets_angry ON tickets(mood_score, id COLLATE "C") WHERE mood = 'angry' AND status IN ('queued','open','pending');`,
  },
  {
    version: 130,
    name: 'assist-history',
    sql: `
    ALTER TABLE messages ADD COLUMN canned_shortcut text;
    ALTER TABLE tickets ADD COLUMN initial_category text;`,
  },
  {
    // As SQLite's 140 (0140-one-message-index.ts): one per-ticket index on messages, not two.
    version: 140,
    name: 'one-message-index',
    sql: `
    DROP INDEX messages_ticket;
    DROP INDEX messages_client_id;
    CREATE UNIQUE INDEX messages_ticket ON messages(ticket_id, author_kind, client_msg_id);`,
  },
];

export const PG_LATEST_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;

/** A key for pg_advisory_xact_lock, the same on every node ("desk" in ASCII). */
const MIGRATION_LOCK = 0x6465736b;

export class PostgresFromTheFutureError extends Error {
  constructor(readonly found: number) {
    super(`This PostgreSQL database is at schema version ${found}, newer than this server knows (${PG_LATEST_VERSION}). Upgrade the server; never run an older one against it.`);
  }
}

/** The schema version of the database (0 for an empty one). */
export async function schemaVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('schema_version')::text AS t`);
  if (!exists.rows[0]?.t) return 0;
  const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
  return r.rows[0]?.v ?? 0;
}

/**
 * Brings the database to `target` (default: the latest), one transaction per migration under an
 * advisory lock (a second node waits, then finds nothing to do). Returns the version reached.
 */
export async function migratePostgres(client: pg.ClientBase, target = PG_LATEST_VERSION): Promise<number> {
  for (;;) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const current = await schemaVersion(client);
      if (current > PG_LATEST_VERSION) throw new PostgresFromTheFutureError(current);
      const next = PG_MIGRATIONS.find((m) => m.version > current && m.version <= target);
      if (!next) {
        await client.query('COMMIT');
        return current;
      }
      await client.query(next.sql);
      await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [next.version, next.name]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
}
