import type { Database } from 'better-sqlite3';

/**
 * Formal complaints worked by supervisors (issue 8). `tickets.complaint_opened_at`: when the case
 * became a formal complaint (its deadline counts from then). The supervisors' complaint list reads
 * open complaints soonest due first through `tickets_complaints`. A complaint from before this
 * migration gets the time of its first escalation to a complaint in the audit log (none: null).
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE tickets ADD COLUMN complaint_opened_at TEXT;
    CREATE INDEX tickets_complaints ON tickets(complaint_due_at, id) WHERE is_complaint = 1 AND status <> 'closed';
    UPDATE tickets SET complaint_opened_at = (
      SELECT min(a.at) FROM audit_log a
      WHERE a.ticket_id = tickets.id AND a.action = 'ticket.escalate' AND a.outcome = 'ok' AND json_extract(a.details_json, '$.to') = 'complaint'
    ) WHERE is_complaint = 1;
  `);
}
