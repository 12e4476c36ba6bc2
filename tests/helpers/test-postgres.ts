/**
 * The PostgreSQL cluster the desk servers of one test process share (tests/helpers/server.ts):
 * started on the first server that asks, one fresh database per server, stopped when the last
 * server has closed. Under the `postgres` vitest project the cluster lives until the end of the
 * test file instead (postgres-project.setup.ts holds it, so sequential servers of one file do not
 * start a cluster each), and that file's `afterAll` stops it.
 */
import { postgresMissing, startPostgres, type TestPostgres } from './postgres';

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

async function stopIfUnused(): Promise<void> {
  if (users > 0 || held || kept || !cluster) return;
  const stopping = cluster;
  cluster = null;
  await (await stopping).stop();
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
    cluster ??= startPostgres({ database: `desk_${process.pid}_0` });
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

/** Stops the cluster now if no server uses it, else when the last one closes. */
export async function releaseTestPostgres(): Promise<void> {
  held = false;
  kept = false;
  await stopIfUnused();
}

/** Whether a cluster is running or starting (for the helper's own test). */
export function testPostgresRunning(): boolean {
  return cluster !== null;
}
