import type { Database } from 'better-sqlite3';

/**
 * Triage on arrival (issue 9, src/server/assist/triage.ts): what the desk read from the customer's
 * own words, kept on the case so the list, the chat header and the supervisors' board show it.
 * - `language`: ISO 639-1 of the customer's latest message eld could tell (null: too short so far);
 * - `mood` / `mood_score`: the customer's mood from their English messages (wink-nlp), smoothed
 *   over the case (null: no measured signal, e.g. other languages);
 * - `suggested_category` / `suggested_confidence` / `suggestion_source`: the category the
 *   classifier (or, while a category has too few examples, the keyword rules) reads from the first
 *   message, whether or not it agrees with the customer's pick.
 * `tickets_angry`: the live cases of angry customers, angriest first, for the supervisors' board.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE tickets ADD COLUMN language TEXT;
    ALTER TABLE tickets ADD COLUMN mood TEXT CHECK (mood IN ('angry','unhappy','neutral','happy'));
    ALTER TABLE tickets ADD COLUMN mood_score REAL;
    ALTER TABLE tickets ADD COLUMN suggested_category TEXT;
    ALTER TABLE tickets ADD COLUMN suggested_confidence REAL;
    ALTER TABLE tickets ADD COLUMN suggestion_source TEXT CHECK (suggestion_source IN ('model','keywords'));
    CREATE INDEX tickets_angry ON tickets(mood_score, id) WHERE mood = 'angry' AND status IN ('queued','open','pending');
  `);
}
