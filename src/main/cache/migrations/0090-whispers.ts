import type { Database } from 'better-sqlite3';

/**
 * Whispers kept (issue 8): `messages.whisper` is 1 for an internal note a supervisor wrote for the
 * assigned agent only (the server's `MessageRow.whisper`), so the thread can label it. The rule is
 * a comparison, not an IN list (see 0070: an IN list costs a pull page's insert an ephemeral table).
 * Whispers cached before this migration stay unflagged notes until the server sends them again.
 */
export function up(db: Database): void {
  db.exec(`ALTER TABLE messages ADD COLUMN whisper INTEGER NOT NULL DEFAULT 0 CHECK (whisper = 0 OR whisper = 1);`);
}
