/**
 * Opens the desktop's offline cache (SYNC.md "Local tables"): one SQLite file per agent and
 * server, pragmas in one place, numbered migrations tracked in PRAGMA user_version, a file from
 * a newer Agent Desk refused before anything is written to it, and the SQLite failures an agent
 * can act on (read-only, disk full, corrupt, locked) turned into one error with a clear message.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { LATEST_CACHE_VERSION, CACHE_MIGRATIONS } from './migrations';

export type CacheDb = Database.Database;

export class CacheFromTheFutureError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This offline cache was written by a newer Agent Desk (schema ${found}; this build knows up to ${supported}). ` +
        'Update Agent Desk; your data was not touched.',
    );
    this.name = 'CacheFromTheFutureError';
  }
}

export type CacheUnavailableReason = 'read_only' | 'disk_full' | 'corrupt' | 'locked';

const REASON_MESSAGES: Record<CacheUnavailableReason, (file: string) => string> = {
  read_only: (f) => `Agent Desk cannot write its offline cache because ${f} or its folder is read-only; make them writable and restart Agent Desk.`,
  disk_full: (f) => `The disk holding the offline cache (${f}) is full; free some space and Agent Desk carries on where it stopped.`,
  corrupt: (f) => `The offline cache (${f}) is damaged; sign out and back in without keeping the cache to rebuild it from the server.`,
  locked: (f) => `The offline cache (${f}) is in use by another Agent Desk; close the other window or instance and try again.`,
};

export class CacheUnavailableError extends Error {
  constructor(
    readonly reason: CacheUnavailableReason,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(REASON_MESSAGES[reason](file), options);
    this.name = 'CacheUnavailableError';
  }
}

/** Which reason, if any, an error from SQLite or the file system stands for. */
export function cacheUnavailableReason(err: unknown): CacheUnavailableReason | null {
  if (err instanceof CacheUnavailableError) return err.reason;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_AUTH')) return 'read_only';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'read_only';
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full';
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return 'corrupt';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  return null;
}

/** Wraps an error the agent can act on in a CacheUnavailableError; anything else is returned as is. */
export function toCacheError(err: unknown, file: string): unknown {
  const reason = cacheUnavailableReason(err);
  if (reason === null || err instanceof CacheUnavailableError) return err;
  return new CacheUnavailableError(reason, file, { cause: err });
}

/**
 * Every pragma of the cache, in one place. WAL and synchronous=FULL: this file holds replies an
 * agent typed and has not sent yet, so a commit must survive a power cut. auto_vacuum only takes
 * effect on a new file; it lets eviction give space back to the disk.
 */
export function applyPragmas(db: CacheDb): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
}

const userVersion = (db: CacheDb): number => db.pragma('user_version', { simple: true }) as number;

/** Runs the migrations after the file's version up to `target`, each in its own transaction. */
export function migrateCache(db: CacheDb, target: number = LATEST_CACHE_VERSION): number {
  const current = userVersion(db);
  if (current > LATEST_CACHE_VERSION) throw new CacheFromTheFutureError(current, LATEST_CACHE_VERSION);
  for (const m of CACHE_MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return userVersion(db);
}

/** Opens (creating folders and file when missing) and migrates the cache. */
/** `nativeBinding`: better-sqlite3's addon built for Electron's ABI (src/main/electron/native.ts); Node uses its own. */
export function openCache(file: string, opts: { nativeBinding?: string } = {}): CacheDb {
  let db: CacheDb | null = null;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
    db.pragma('busy_timeout = 5000');
    // Before any pragma that writes (journal_mode does): a file from the future stays untouched.
    const found = userVersion(db);
    if (found > LATEST_CACHE_VERSION) throw new CacheFromTheFutureError(found, LATEST_CACHE_VERSION);
    applyPragmas(db);
    migrateCache(db);
    // A write probe, so a read-only file is reported now rather than at the first reply sent.
    db.transaction(() => db!.pragma(`user_version = ${userVersion(db!)}`)).immediate();
    return db;
  } catch (err) {
    try {
      db?.close();
    } catch {
      // closing a connection that failed to open is best effort
    }
    throw toCacheError(err, file);
  }
}
