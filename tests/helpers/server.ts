/** Starts a real desk server on an ephemeral port over a temp data directory, seeded small. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createDeskServer, type DeskServer } from '../../src/server/app';
import { DEMO_PASSWORD, seedDemoWorld } from '../../src/server/demo/seed';
import { createLogger } from '../../src/server/logger';
import type { IdentityOptions } from '../../src/server/identity/verifier';
import type { Limits } from '../../src/server/services';
import type { Clock } from '../../src/server/util/clock';

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
}

export interface LoginResult {
  token: string;
  sessionId: string;
  agent: { id: string; role: string; regions: string[]; name: string };
}

export interface TestServer {
  url: string;
  dataDir: string;
  server: DeskServer;
  db: Database.Database;
  close(): Promise<void>;
  loginAgent(email: string, password?: string): Promise<LoginResult>;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'agent-desk-test-'));
  const server = await createDeskServer({
    dataDir,
    port: opts.port ?? 0,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    clock: opts.clock,
    identity: opts.identity,
    publicHosts: opts.publicHosts,
    trustProxy: opts.trustProxy,
    heartbeatMs: opts.heartbeatMs,
    limits: { requestsPerMinute: 100_000, loginPerMinute: 1000, ...opts.limits },
    prepare: async (db) => {
      const seeded = db.prepare(`SELECT value FROM meta WHERE key = 'demo'`).get();
      if (opts.demo !== false && !seeded)
        await seedDemoWorld(db, { customers: opts.customers ?? 120, historicTickets: opts.historicTickets ?? 80, now: opts.seedNow });
    },
  });
  return {
    url: server.url,
    dataDir,
    server,
    db: server.db,
    async close() {
      await server.close();
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
