/**
 * Starts a real desk server on an ephemeral port over a temp data directory, seeded small, on
 * either engine: SQLite in the data directory (the default) or PostgreSQL (`engine: 'postgres'`,
 * or AGENT_DESK_TEST_ENGINE=postgres, which the `postgres` vitest project sets). On PostgreSQL
 * every server gets a fresh database in one throwaway cluster per test process (test-postgres.ts).
 * `sql`/`sqlOne` query the desk's database on either engine, for assertions and test set-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { createDeskServer, type DeskServer } from '../../src/server/app';
import { createPostgresPool } from '../../src/server/storage/postgres/pool';
import type { Engine } from '../../src/server/storage/open-storage';
import { DEMO_PASSWORD, seedDemoWorld } from '../../src/server/demo/seed';
import { createLogger } from '../../src/server/logger';
import type { IdentityOptions } from '../../src/server/identity/verifier';
import type { Limits } from '../../src/server/services';
import type { Clock } from '../../src/server/util/clock';
import type { MailOptions } from '../../src/server/email/mail';
import { acquireTestDatabase } from './test-postgres';

export type { Engine };

/** The engine tests run on unless they choose: AGENT_DESK_TEST_ENGINE (sqlite by default). */
export function testEngine(): Engine {
  const value = process.env.AGENT_DESK_TEST_ENGINE ?? 'sqlite';
  if (value !== 'sqlite' && value !== 'postgres') throw new Error(`AGENT_DESK_TEST_ENGINE must be sqlite or postgres, not "${value}"`);
  return value;
}

/** `?` placeholders to PostgreSQL's `$1, $2, …` (test SQL has no `?` inside string literals). */
export function toPostgresPlaceholders(query: string): string {
  let n = 0;
  return query.replace(/\?/g, () => `$${++n}`);
}

export interface TestServerOptions {
  demo?: boolean;
  customers?: number;
  historicTickets?: number;
  simulator?: false;
  clock?: Clock;
  limits?: Partial<Limits>;
  dataDir?: string;
  /** Keep the data directory on close (restart tests). */
  keepData?: boolean;
  seedNow?: Date;
  port?: number;
  /** Socket pings and the sweep of ended sessions, every this many ms. */
  heartbeatMs?: number;
  /** How customers prove who they are (a company HS256 secret, public key or JWKS). */
  identity?: IdentityOptions;
  /** Host names the server answers to besides IP literals and localhost. */
  publicHosts?: string[];
  /** Reverse proxies whose X-Forwarded-For is believed (--trust-proxy). */
  trustProxy?: string[];
  /** The storage engine (default: testEngine()). */
  engine?: Engine;
  /** PostgreSQL: the database to use (a restart test starts a second server on the first's). */
  databaseUrl?: string;
  /** The email channel (mail in port, support address, relay, sender timings). */
  mail?: MailOptions;
}

export interface LoginResult {
  token: string;
  sessionId: string;
  agent: { id: string; role: string; regions: string[]; name: string };
}

export interface TestServer {
  url: string;
  dataDir: string;
  engine: Engine;
  /** PostgreSQL: the desk's database (null on SQLite). */
  databaseUrl: string | null;
  server: DeskServer;
  /** SQLite only: the desk's connection (throws on PostgreSQL; use `sql`). */
  readonly db: Database.Database;
  /** Rows of a query on the desk's database, either engine; `?` placeholders, standard SQL. */
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T[]>;
  /** The first row of a query (undefined when none). */
  sqlOne<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T | undefined>;
  /** The change feed's head: the position a sync cursor speaks (`seq` on SQLite, `pos` on PostgreSQL). */
  feedHead(): Promise<number>;
  /** The desk's epoch (the sync protocol's identity). */
  epoch(): Promise<string>;
  close(): Promise<void>;
  loginAgent(email: string, password?: string): Promise<LoginResult>;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'agent-desk-test-'));
  const engine = opts.engine ?? testEngine();
  const database = engine === 'postgres' ? await acquireTestDatabase(opts.databaseUrl) : null;
  let server: DeskServer;
  try {
    server = await createDeskServer({
      dataDir,
      databaseUrl: database?.url,
      port: opts.port ?? 0,
      logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
      clock: opts.clock,
      identity: opts.identity,
      publicHosts: opts.publicHosts,
      trustProxy: opts.trustProxy,
      heartbeatMs: opts.heartbeatMs,
      mail: opts.mail,
      limits: { requestsPerMinute: 100_000, loginPerMinute: 1000, ...opts.limits },
      prepare: async (db) => {
        const seeded = db.prepare(`SELECT value FROM meta WHERE key = 'demo'`).get();
        if (opts.demo !== false && !seeded)
          await seedDemoWorld(db, { customers: opts.customers ?? 120, historicTickets: opts.historicTickets ?? 80, now: opts.seedNow });
      },
    });
  } catch (err) {
    await database?.release();
    throw err;
  }
  // The tests' own connection to a PostgreSQL desk, with the desk's int8 parsing (counts as numbers).
  const pool: pg.Pool | null = database ? createPostgresPool({ connectionString: database.url, max: 2 }) : null;
  const sql = async <T,>(query: string, ...params: unknown[]): Promise<T[]> => {
    if (!pool) {
      const statement = server.db.prepare(query);
      if (statement.reader) return statement.all(...params) as T[];
      statement.run(...params);
      return [];
    }
    return (await pool.query(toPostgresPlaceholders(query), params)).rows as T[];
  };
  return {
    url: server.url,
    dataDir,
    engine,
    databaseUrl: database?.url ?? null,
    server,
    get db() {
      return server.db;
    },
    sql,
    sqlOne: async <T,>(query: string, ...params: unknown[]) => (await sql<T>(query, ...params))[0],
    async feedHead() {
      const column = engine === 'postgres' ? 'pos' : 'seq';
      const [row] = await sql<{ head: number | null }>(`SELECT max(${column}) AS head FROM change_feed`);
      return row?.head ?? 0;
    },
    async epoch() {
      const [row] = await sql<{ value: string }>(`SELECT value FROM meta WHERE key = 'epoch'`);
      if (!row) throw new Error('the desk has no epoch');
      return row.value;
    },
    async close() {
      await server.close();
      await pool?.end();
      await database?.release({ keep: opts.keepData });
      if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
    async loginAgent(email, password = DEMO_PASSWORD) {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as LoginResult;
    },
  };
}
