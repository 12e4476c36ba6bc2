import type { Database } from 'better-sqlite3';

/**
 * Merged cases (issue 8): a case merged into another carries `mergedIntoId` in its row. The
 * target's thread shows the source's messages too, so the cache finds a target's sources by an
 * index on that field (partial: only merged cases are in it, a handful among many).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX tickets_merged_into ON tickets(json_extract(row_json, '$.mergedIntoId'))
      WHERE json_extract(row_json, '$.mergedIntoId') IS NOT NULL;
  `);
}
