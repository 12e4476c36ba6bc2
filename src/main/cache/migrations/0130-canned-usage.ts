import type { Database } from 'better-sqlite3';

/**
 * Canned usage kept (issue "Assist that never leaves the desk"): `messages.canned_shortcut` is
 * the shortcut of the canned reply an agent's reply came from (the server's
 * `MessageRow.cannedShortcut`), so the console's assist can learn from the cached history
 * without asking the server. Replies cached before this migration have none until the server
 * sends them again.
 */
export function up(db: Database): void {
  db.exec(`ALTER TABLE messages ADD COLUMN canned_shortcut TEXT;`);
}
