import type { Database } from 'better-sqlite3';

/**
 * What assist learns from (issue "Assist that never leaves the desk"):
 * - `messages.canned_shortcut`: the shortcut of the canned reply an agent's reply came from
 *   (the console sends it while the sent text still largely is that reply; null for a reply
 *   written by hand and for every other message).
 * - `tickets.initial_category`: the category the case was opened with (the customer's pick on
 *   the chat page, the email router's, the agent's on a call), kept when the agent corrects
 *   `category`. Cases from before this migration have none (null): their first pick is unknown.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE messages ADD COLUMN canned_shortcut TEXT;
    ALTER TABLE tickets ADD COLUMN initial_category TEXT;
  `);
}
