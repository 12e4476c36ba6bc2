import type { CacheDb } from '../db';
import { LOCAL_SORT_FLOOR } from './messages';

/**
 * How far the agent has read each chat: the sort key of the newest server message seen. It
 * only moves forward. Local keys (the agent's unsent rows) sort after every server row, so
 * they are never a marker: a customer message that arrives later must still count as unread.
 */
export function createReadMarkersTable(db: CacheDb) {
  const advance = db.prepare<[string, string]>(
    `INSERT INTO read_markers (ticket_id, up_to) VALUES (?, ?)
     ON CONFLICT(ticket_id) DO UPDATE SET up_to = max(up_to, excluded.up_to)`,
  );
  const newestSent = db
    .prepare<[string], string>(`SELECT sort_key FROM messages WHERE ticket_id = ? AND sort_key < '${LOCAL_SORT_FLOOR}' ORDER BY sort_key DESC LIMIT 1`)
    .pluck();
  const remove = db.prepare<[string]>('DELETE FROM read_markers WHERE ticket_id = ?');
  return {
    /** Moves the marker to `upTo` unless it is already past it; false for a local key. */
    advance(ticketId: string, upTo: string): boolean {
      if (upTo >= LOCAL_SORT_FLOOR) return false;
      advance.run(ticketId, upTo);
      return true;
    },
    /** The agent answered: everything the cache holds from the server has been seen. */
    advanceToNewest(ticketId: string): void {
      const key = newestSent.get(ticketId);
      if (key !== undefined) advance.run(ticketId, key);
    },
    remove: (ticketId: string): void => void remove.run(ticketId),
  };
}
export type ReadMarkersTable = ReturnType<typeof createReadMarkersTable>;
