import type { Database } from 'better-sqlite3';

/**
 * Customers are who the company's site says they are (issue: verified customer identity).
 * - `customers.identity`: `verified` for customers the company knows (seeded or proven by a
 *   signed identity token), `visitor` for someone who chatted without one: a row of its own
 *   per chat, never found again by name or email.
 * - `chat_tokens`: a chat may have several valid per-chat tokens (the same verified customer in
 *   a second tab); starting a chat never revokes anyone's token. Existing tokens move here; the
 *   old `tickets.customer_token_hash` column stays NULL (SQLite cannot drop a UNIQUE column
 *   without rebuilding the table that every other table references).
 * - `tickets.linked_ticket_id`: a case started by someone quoting another case's reference is
 *   linked to it, never continued.
 * - `tickets.waiting_since` / `reply_due_at`: when the customer's oldest unanswered message
 *   arrived and when the region's reply target runs out (the chat list's waiting timer and SLA
 *   state); system messages and notes never touch them.
 * - `ticket_declines`: agents who declined a routed chat are not offered it again.
 * - `change_feed.gained_region`: the region whose queue a ticket entered with this change, so
 *   that region's agents get the ticket with its thread and customer (a queued chat no longer
 *   shows "Customer" and "No customer record" until it is assigned).
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE customers ADD COLUMN identity TEXT NOT NULL DEFAULT 'verified' CHECK (identity IN ('verified','visitor'));
    ALTER TABLE tickets ADD COLUMN linked_ticket_id TEXT REFERENCES tickets(id);
    ALTER TABLE change_feed ADD COLUMN gained_region TEXT;
    ALTER TABLE tickets ADD COLUMN waiting_since TEXT;
    ALTER TABLE tickets ADD COLUMN reply_due_at TEXT;

    CREATE TABLE ticket_declines (
      ticket_id TEXT NOT NULL REFERENCES tickets(id),
      agent_id TEXT NOT NULL REFERENCES agents(id),
      at TEXT NOT NULL,
      PRIMARY KEY (ticket_id, agent_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE chat_tokens (
      token_hash TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL REFERENCES tickets(id),
      customer_id TEXT NOT NULL REFERENCES customers(id),
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX chat_tokens_ticket ON chat_tokens(ticket_id);

    INSERT INTO chat_tokens (token_hash, ticket_id, customer_id, created_at)
      SELECT customer_token_hash, id, customer_id, coalesce(queued_at, created_at) FROM tickets WHERE customer_token_hash IS NOT NULL;
    UPDATE tickets SET customer_token_hash = NULL WHERE customer_token_hash IS NOT NULL;
  `);
}
