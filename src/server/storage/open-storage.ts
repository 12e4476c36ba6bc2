/**
 * Opens the desk's storage on the engine the configuration names (docs/storage.md):
 *
 * - **SQLite** (the embedded default): `desk.sqlite` in the data directory, migrated on open.
 * - **PostgreSQL** (`--database-url postgres://…` / `AGENT_DESK_DATABASE_URL`): migrated at start
 *   under an advisory lock (two nodes starting at once: one migrates, the other waits and finds
 *   nothing to do). A new PostgreSQL desk is prepared (e.g. the demo world seeded) in a temporary
 *   SQLite file and copied in with the migration command's copy (`copySqliteToPostgres`, one
 *   transaction, verified counts), so both engines start from the same rows; a node that loses the
 *   race to prepare finds the database taken and goes on with what the winner copied.
 *
 * Attachments' files stay in the data directory's attachment store on both engines.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { createSqliteAsyncStore, singleNodeSignals, type AsyncStore, type Signals } from './async-store';
import { createCheckpointer } from './checkpointer';
import { openDatabase, type Db } from './db';
import { copySqliteToPostgres, TargetNotEmptyError } from './postgres/copy-from-sqlite';
import { migratePostgres } from './postgres/migrations';
import { createPostgresPool } from './postgres/pool';
import { createPostgresAsyncStore, type FeedLag } from './postgres/store';
import { createStore, type Store } from './store';

export type Engine = 'sqlite' | 'postgres';

export interface OpenStorageOptions {
  dataDir: string;
  /** postgres://… selects PostgreSQL; absent: SQLite in `dataDir`. */
  databaseUrl?: string;
  /** PostgreSQL pool size per node (default 10). */
  poolSize?: number;
  now: () => Date;
  log: Logger;
  /**
   * Prepares the database before the server serves (seeding the demo world, upgrading demo
   * content). `fresh`: the desk is new. On PostgreSQL it runs only for a new desk, on a temporary
   * SQLite database that is then copied in.
   */
  prepare?: (db: Db, fresh: boolean) => Promise<void> | void;
}

export interface OpenedStorage {
  engine: Engine;
  storage: AsyncStore;
  /** Hints to the other nodes sharing the database (none on SQLite: one node). */
  signals: Signals;
  /** SQLite only: the connection (backups, the demo content upgrades). */
  sqlite: { db: Db; store: Store } | null;
  /** Where the data lives, for the start-up banner and logs (no password). */
  describe: string;
  /** PostgreSQL: how far the feed is behind (for /health and monitoring); null on SQLite (one writer, no lag). */
  feedLag(): Promise<FeedLag | null>;
  close(): Promise<void>;
}

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/** The URL without its password (a socket URL such as postgres://user@/db?host=/run/… is no WHATWG URL, hence text). */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:)[^@/?#]*@/i, '$1***@');
}

export async function openStorage(opts: OpenStorageOptions): Promise<OpenedStorage> {
  if (opts.databaseUrl) return openPostgres(opts, opts.databaseUrl);
  const file = path.join(opts.dataDir, 'desk.sqlite');
  const fresh = !existsSync(file);
  const db = openDatabase(file);
  try {
    await opts.prepare?.(db, fresh);
  } catch (err) {
    db.close();
    throw err;
  }
  const store = createStore(db, opts.now);
  const checkpoints = createCheckpointer(file, { log: opts.log });
  const stopCheckpoints = store.onCommit(checkpoints.committed);
  return {
    engine: 'sqlite',
    storage: createSqliteAsyncStore(store, opts.now),
    signals: singleNodeSignals,
    sqlite: { db, store },
    describe: file,
    feedLag: async () => null,
    close: async () => {
      stopCheckpoints();
      await checkpoints.close();
      db.close();
    },
  };
}

async function openPostgres(opts: OpenStorageOptions, url: string): Promise<OpenedStorage> {
  if (!isPostgresUrl(url)) throw new Error(`--database-url must start with postgres:// or postgresql://, not "${redactDatabaseUrl(url)}"`);
  const pool = createPostgresPool({ connectionString: url, max: opts.poolSize ?? 10 }, (err) => opts.log.error({ err }, 'PostgreSQL: an idle pooled connection failed'));
  try {
    const client = await pool.connect().catch((err: Error) => {
      throw new Error(`could not connect to PostgreSQL at ${redactDatabaseUrl(url)}: ${err.message}`);
    });
    try {
      const version = await migratePostgres(client);
      opts.log.info({ version }, 'PostgreSQL schema ready');
      const fresh = (await client.query(`SELECT 1 FROM meta WHERE key = 'epoch'`)).rowCount === 0;
      if (fresh && opts.prepare) await prepareInSqlite(opts, client);
      // A desk without prepared content still needs its epoch (the sync protocol's identity).
      await client.query(`INSERT INTO meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING`, [randomUUID()]);
      await client.query(`INSERT INTO meta (key, value) VALUES ('created_at', $1) ON CONFLICT (key) DO NOTHING`, [opts.now().toISOString()]);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const storage = createPostgresAsyncStore({ pool, now: opts.now, onFeedError: (err) => opts.log.error({ err }, 'PostgreSQL change feed: follower error (retrying)') });
  return {
    engine: 'postgres',
    storage,
    signals: storage.signals,
    sqlite: null,
    describe: redactDatabaseUrl(url),
    feedLag: () => storage.feedLag(),
    close: async () => {
      await storage.close();
      await pool.end();
    },
  };
}

/** Prepares a new PostgreSQL desk in a temporary SQLite database, then copies it in. */
async function prepareInSqlite(opts: OpenStorageOptions, client: pg.PoolClient): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-prepare-'));
  const db = openDatabase(path.join(dir, 'desk.sqlite'));
  try {
    await opts.prepare!(db, true);
    const t0 = Date.now();
    const report = await copySqliteToPostgres(db, client);
    const rows = report.tables.reduce((n, t) => n + t.postgres, 0);
    opts.log.info({ rows, ms: Date.now() - t0 }, 'new PostgreSQL desk prepared (copied from a temporary SQLite database)');
  } catch (err) {
    // Another node prepared the desk first: use what it copied.
    if (!(err instanceof TargetNotEmptyError)) throw err;
    opts.log.info('another node prepared this PostgreSQL desk first');
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
