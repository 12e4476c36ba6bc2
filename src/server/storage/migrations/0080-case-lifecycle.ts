import type { Database } from 'better-sqlite3';

/**
 * The case lifecycle (issue 8): the wrap-up given on resolve (`outcome`, `tags_json`: a JSON array
 * of normalised tags, src/shared/wrap-up.ts) and, while a case is resolved, `closes_at`: when its
 * "one more thing" window ends and the closer (src/server/tickets/closer.ts) closes it. Cases
 * resolved before this migration keep NULL: they are never closed behind anyone's back.
 * `merged_into_id`: a case merged into another of the same customer (closed, its messages kept on
 * it; its reference leads to the case it was merged into).
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE tickets ADD COLUMN outcome TEXT CHECK (outcome IS NULL OR outcome IN ('solved','workaround','not_solvable','duplicate'));
    ALTER TABLE tickets ADD COLUMN tags_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags_json));
    ALTER TABLE tickets ADD COLUMN closes_at TEXT;
    ALTER TABLE tickets ADD COLUMN merged_into_id TEXT REFERENCES tickets(id);
    CREATE INDEX tickets_merged_into ON tickets(merged_into_id) WHERE merged_into_id IS NOT NULL;
    CREATE INDEX tickets_closing ON tickets(closes_at) WHERE status = 'resolved' AND closes_at IS NOT NULL;
  `);
}
