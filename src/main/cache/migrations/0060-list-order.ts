import type { Database } from 'better-sqlite3';

/**
 * Indexes for the chat list's order (tables/tickets.ts), so a list of the newest rows reads
 * them in order and stops at its limit instead of sorting every cached ticket (100k tickets
 * took ~250 ms a view, three views on each change):
 * - the chats waiting on a reply, found without reading the others;
 * - a view's tickets newest first, per assignee and status, and across the whole cache.
 * The rowid (pk) closes each index, which is the list's last sort key.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX ticket_activity_needs_reply ON ticket_activity(ticket_id) WHERE needs_reply = 1;
    CREATE INDEX tickets_assignee_recent ON tickets(assignee_id, status, last_message_at);
    CREATE INDEX tickets_status_recent ON tickets(status, last_message_at);
    CREATE INDEX tickets_recent ON tickets(last_message_at);
  `);
}
