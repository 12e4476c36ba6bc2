import type { Database } from 'better-sqlite3';

/**
 * Assist (issue 9): the resolved cases of the agent's regions the desk last sent
 * (`GET /api/assist/corpus`), kept so suggested replies and similar cases work offline. One row:
 * the whole set is replaced at each fetch.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE assist_cases (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      fetched_at TEXT NOT NULL,
      body_json TEXT NOT NULL
    );
  `);
}
