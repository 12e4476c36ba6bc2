/**
 * Opens the desk server's one SQLite file: pragmas in one place, numbered migrations tracked in
 * PRAGMA user_version, a database from a newer server refused with a clear error.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { MIGRATIONS, LATEST_VERSION } from './migrations';

export type Db = Database.Database;

export class DatabaseFromTheFutureError extends Error {
  constructor(found: number, supported: number) {
    super(
      `This database was written by a newer Agent Desk server (schema ${found}; this server knows up to ${supported}). ` +
        'Upgrade the server, or point --data-dir at another folder.',
    );
    this.name = 'DatabaseFromTheFutureError';
  }
}

export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  // An ack promises a commit survives a crash of the process; NORMAL in WAL keeps that
  // (only a power cut can lose the last transactions) and is markedly faster.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  // A group commit of a busy tick dirties about a thousand pages (message indexes, ticket rows):
  // at SQLite's default of 1,000 pages nearly every commit also checkpointed the WAL, about 30 µs
  // of each message's cost. Checkpoint every 10,000 pages (a WAL of up to ~40 MB) instead. On a
  // desk server a thread of its own copies the pages after every commit (checkpointer.ts), and
  // this one, the writer's, is the backstop that lets the WAL start over.
  db.pragma('wal_autocheckpoint = 10000');
}

export function migrate(db: Db, target = LATEST_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) throw new DatabaseFromTheFutureError(current, LATEST_VERSION);
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/** Opens (creating when missing) and migrates the database; gives it an epoch on creation. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    applyPragmas(db);
    migrate(db);
    db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('epoch', ?)`).run(randomUUID());
    db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('created_at', ?)`).run(new Date().toISOString());
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
