/**
 * Online backup of the desk's SQLite file with SQLite's backup API (better-sqlite3 `db.backup`),
 * safe while the desk runs and writes.
 *
 * The source is opened read-only: the backup never migrates, never changes a pragma, never
 * checkpoints the desk's WAL and cannot write a byte to the live file (`openDatabase` would do
 * all of those). WAL mode lets this reader coexist with the desk's writer: the copy is one read
 * transaction, a snapshot of the last commit before it began, and the desk keeps writing.
 *
 * The copy goes into a temp file beside the target, is checked (`PRAGMA integrity_check`,
 * `PRAGMA foreign_key_check`), and only then renamed to the target, so a failed or interrupted
 * backup never leaves a half-written file under the target's name.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LATEST_VERSION } from './migrations';

export interface BackupReport {
  /** Pages copied. */
  pages: number;
  bytes: number;
  ms: number;
  /** PRAGMA user_version of the copy: the schema version a restoring server must know. */
  schemaVersion: number;
  epoch: string | null;
  tickets: number;
  messages: number;
  attachments: number;
}

export class BackupCheckError extends Error {
  constructor(problems: string[]) {
    super(`the copy failed its check, so it was not kept: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
    this.name = 'BackupCheckError';
  }
}

/** Pages per backup step: all of them, so the copy is one read transaction and is never restarted by a write. */
const ALL_PAGES = 0x7fffffff;

export async function backupDatabase(source: string, target: string): Promise<BackupReport> {
  const started = Date.now();
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // The desk's writer holds the write lock briefly per transaction; wait for it like the desk does.
    src.pragma('busy_timeout = 5000');
    // SQLite restarts a step-wise backup whenever another connection writes between steps, which
    // under a steady write load may never finish. One step copies every page inside one read
    // transaction: a consistent snapshot, and in WAL mode the desk's writers are not blocked.
    const progress = await src.backup(partial, { progress: () => ALL_PAGES });
    selfContained(partial);
    const report = checkCopy(partial);
    renameSync(partial, target);
    return { ...report, pages: progress.totalPages, ms: Date.now() - started };
  } catch (err) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(f, { force: true });
    throw err;
  } finally {
    src.close();
  }
}

/**
 * The copy inherits WAL mode from the desk; switch it to a rollback journal so it is one
 * self-contained file that opens read-only anywhere (read-only media, another machine) without
 * -wal / -shm files appearing beside it. A restored desk switches it back to WAL at start.
 */
function selfContained(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Opens a copy and checks it: integrity, foreign keys, and what it holds. */
export function checkCopy(file: string): Omit<BackupReport, 'pages' | 'ms'> {
  const db = new Database(file, { fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.length !== 1 || integrity[0] !== 'ok') throw new BackupCheckError(integrity);
    const orphans = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (orphans.length > 0) throw new BackupCheckError(orphans.map((o) => `${o.table} row ${o.rowid} points at a missing ${o.parent}`));
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const epoch = db.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).get() as { value: string } | undefined;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    return {
      bytes: pageSize * pageCount,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      epoch: epoch?.value ?? null,
      tickets: count('tickets'),
      messages: count('messages'),
      attachments: count('attachments'),
    };
  } finally {
    db.close();
  }
}

/**
 * Whether another process has the database open (a running desk). WAL-mode connections keep a
 * shared lock on the file while open, so an exclusive lock is refused until the last one closes.
 */
export function databaseInUse(file: string): boolean {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw err;
  } finally {
    db.close();
  }
}

export interface RestoreReport extends Omit<BackupReport, 'pages' | 'ms'> {
  /** Where the database that was there went (it is never deleted), if there was one. */
  replacedBy: string | null;
  previousEpoch: string | null;
}

/**
 * Puts a backup in place as `database` (the desk must be stopped). The copy is checked first and
 * gets a new epoch: desktops that synced past the backup's last change must rebuild their caches
 * (their outboxes are kept) instead of trusting cursors the restored feed would hand out again.
 * A database already there is renamed aside with its -wal / -shm, never deleted.
 */
export function restoreDatabase(backup: string, database: string, now = new Date()): RestoreReport {
  const partial = path.join(path.dirname(database), `.${path.basename(database)}.${process.pid}.restoring`);
  copyFileSync(backup, partial);
  try {
    const checked = checkCopy(partial);
    if (checked.schemaVersion > LATEST_VERSION) {
      throw new Error(`the backup has schema ${checked.schemaVersion}, newer than this server knows (${LATEST_VERSION}): restore it with the server version that made it`);
    }
    const epoch = randomUUID();
    const db = new Database(partial, { fileMustExist: true });
    try {
      db.prepare(`INSERT INTO meta (key, value) VALUES ('epoch', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(epoch);
      db.prepare(`INSERT INTO meta (key, value) VALUES ('restored_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(now.toISOString());
    } finally {
      db.close();
    }
    let replacedBy: string | null = null;
    if (existsSync(database)) {
      replacedBy = `${database}.replaced-${now.toISOString().replace(/[:.]/g, '-')}`;
      // The -wal holds commits not yet in the main file: it moves with it, under the matching name.
      for (const suffix of ['-wal', '-shm']) if (existsSync(database + suffix)) renameSync(database + suffix, replacedBy + suffix);
      renameSync(database, replacedBy);
    }
    renameSync(partial, database);
    return { ...checked, epoch, previousEpoch: checked.epoch, replacedBy };
  } catch (err) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    throw err;
  }
}
