import type { Database } from 'better-sqlite3';

/**
 * Formal complaints worked by supervisors (issue 8). `tickets.complaint_opened_at`: when the case
 * became a formal complaint (its deadline counts from then). The supervisors' complaint list reads
 * open complaints soonest due first through `tickets_complaints`.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE tickets ADD COLUMN complaint_opened_at TEXT;
    CREATE INDEX tickets_complaints ON tickets(complaint_due_at, id) WHERE is_complaint = 1 AND status <> 'closed';
  `);
}
