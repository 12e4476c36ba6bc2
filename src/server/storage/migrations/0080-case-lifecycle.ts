import type { Database } from 'better-sqlite3';

/**
 * The case lifecycle (issue 8): the wrap-up given on resolve (`outcome`, `tags_json`: a JSON array
 * of normalised tags, src/shared/wrap-up.ts) and, while a case is resolved, `closes_at`: when its
 * "one more thing" window ends and the closer (src/server/tickets/closer.ts) closes it. Cases
 * resolved before this migration keep NULL: they are never closed behind anyone's back.
 * `merged_into_id`: a case merged into another of the same customer (closed, its messages kept on
 * it; its reference leads to the case it was merged into).
 * `calls`: phone calls an agent logged on a case (desk-side only: never shown to the customer).
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE tickets ADD COLUMN outcome TEXT CHECK (outcome IS NULL OR outcome IN ('solved','workaround','not_solvable','duplicate'));
    ALTER TABLE tickets ADD COLUMN tags_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags_json));
    ALTER TABLE tickets ADD COLUMN closes_at TEXT;
    ALTER TABLE tickets ADD COLUMN merged_into_id TEXT REFERENCES tickets(id);
    CREATE INDEX tickets_merged_into ON tickets(merged_into_id) WHERE merged_into_id IS NOT NULL;
    CREATE TABLE calls (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL REFERENCES tickets(id),
      customer_id TEXT NOT NULL REFERENCES customers(id),
      agent_id TEXT NOT NULL REFERENCES agents(id),
      direction TEXT NOT NULL CHECK (direction IN ('in','out')),
      duration_sec INTEGER NOT NULL CHECK (duration_sec BETWEEN 0 AND 86400),
      outcome TEXT NOT NULL CHECK (outcome IN ('resolved','follow_up','callback','no_answer','voicemail')),
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    );
    CREATE INDEX calls_ticket ON calls(ticket_id, created_at);
    CREATE INDEX tickets_closing ON tickets(closes_at) WHERE status = 'resolved' AND closes_at IS NOT NULL;
  `);
}
