/**
 * The PostgreSQL cluster the desk servers of one test process share (tests/helpers/server.ts):
 * started on the first server that asks, one fresh database per server, stopped when the last
 * server has closed. Under the `postgres` vitest project the cluster lives until the end of the
 * test file instead (postgres-project.setup.ts holds it, so sequential servers of one file do not
 * start a cluster each), and that file's `afterAll` stops it, even if a failed test left a server
 * open. Last resort, a process exiting with the cluster still up stops it (exit hook, synchronous).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { postgresBinDir, postgresMissing, startPostgres, type TestPostgres } from './postgres';

export interface TestDatabase {
  url: string;
  /** The server using it has closed; `keep`: its data stays for another server (a restart test). */
  release(opts?: { keep?: boolean }): Promise<void>;
}

let cluster: Promise<TestPostgres> | null = null;
let users = 0;
let held = false;
let kept = false;
let databases = 0;
let exitHook: (() => void) | null = null;

/**
 * For `process.on('exit')`, where nothing async runs: `pg_ctl stop -m immediate` (synchronous, it
 * waits until the server is gone; run as the folder's owner, the `postgres` user under root), then
 * removes the folder.
 */
function stopOnExit(pg: TestPostgres): () => void {
  return () => {
    const dataDir = path.join(pg.socketDir, 'data');
    const bin = postgresBinDir();
    if (bin && existsSync(dataDir)) {
      const { uid, gid } = statSync(dataDir);
      spawnSync(path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w'], { stdio: 'ignore', timeout: 10_000, ...(process.getuid?.() === 0 ? { uid, gid } : {}) });
    }
    rmSync(pg.socketDir, { recursive: true, force: true });
  };
}

async function stopCluster(): Promise<void> {
  if (!cluster) return;
  const stopping = cluster;
  cluster = null;
  if (exitHook) process.off('exit', exitHook);
  exitHook = null;
  await (await stopping).stop();
}

async function stopIfUnused(): Promise<void> {
  if (users > 0 || held || kept) return;
  await stopCluster();
}

/** A fresh database in the shared cluster, or `existingUrl` (a database a closed server kept). */
export async function acquireTestDatabase(existingUrl?: string): Promise<TestDatabase> {
  const missing = postgresMissing();
  if (missing) throw new Error(`a PostgreSQL test server was asked for, but ${missing}`);
  users++;
  let released = false;
  const release = async ({ keep = false } = {}) => {
    if (released) return;
    released = true;
    users--;
    if (keep) kept = true;
    await stopIfUnused();
  };
  try {
    cluster ??= startPostgres({ database: `desk_${process.pid}_0` }).then((started) => {
      exitHook = stopOnExit(started);
      process.once('exit', exitHook);
      return started;
    });
    const pg = await cluster;
    const url = existingUrl ?? (await pg.createDatabase(`desk_${process.pid}_${++databases}`));
    return { url, release };
  } catch (err) {
    if (cluster && users === 1) cluster = null; // a failed start is not reused
    await release();
    throw err;
  }
}

/** Keeps the cluster up between servers until `releaseTestPostgres` (the end of a test file). */
export function holdTestPostgres(): void {
  held = true;
}

/**
 * The end of a test file: stops the cluster once its servers have closed, or after 10 s with
 * servers still open (a failed test that never closed its server must not leave a cluster behind).
 */
export async function releaseTestPostgres(): Promise<void> {
  held = false;
  kept = false;
  for (const deadline = Date.now() + 10_000; users > 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  if (users > 0) console.warn(`stopping the test PostgreSQL cluster with ${users} server(s) still open`);
  await stopCluster();
}

/** Whether a cluster is running or starting (for the helper's own test). */
export function testPostgresRunning(): boolean {
  return cluster !== null;
}
