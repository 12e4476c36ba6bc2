import type { Database } from 'better-sqlite3';

/**
 * Canned replies in several languages (issue: canned replies in English, Swedish and German).
 * `language` is one of en / sv / de; a shortcut is unique per language, so `pd-processing` names
 * the same reply in each. SQLite cannot drop the old UNIQUE(shortcut) in place, so the table is
 * rebuilt (nothing references it); every existing reply was written in English.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE canned_replies_new (
      id TEXT PRIMARY KEY,
      category TEXT NOT NULL,
      language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en','sv','de')),
      title TEXT NOT NULL,
      shortcut TEXT NOT NULL,
      body TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      UNIQUE (language, shortcut)
    ) STRICT;
    INSERT INTO canned_replies_new (id, category, language, title, shortcut, body, version)
      SELECT id, category, 'en', title, shortcut, body, version FROM canned_replies;
    DROP TABLE canned_replies;
    ALTER TABLE canned_replies_new RENAME TO canned_replies;
  `);
}
