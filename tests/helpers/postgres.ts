/**
 * A throwaway PostgreSQL cluster for tests: `initdb` into a temp folder, the server listening
 * only on a unix socket in that folder (no TCP port), trust authentication for the one local
 * user, durability switched off (a test cluster dies with the test). Debian's binaries
 * (/usr/lib/postgresql/<version>/bin, installed by `.ci/run`). PostgreSQL refuses to run as
 * root, so under root the folder is handed to the `postgres` system user and the binaries run as
 * that user; the socket stays reachable for root.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestPostgres {
  /** `postgres://agentdesk@/agentdesk?host=<socket dir>`: for `pg` and `--database-url`. */
  url: string;
  socketDir: string;
  database: string;
  /** Creates another database in the cluster and returns its URL (one per test file or node group). */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown) and removes the folder. */
  stop(): Promise<void>;
}

const USER = 'agentdesk';

/** The folder of Debian's PostgreSQL binaries, newest version first; null when none is installed. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, 'bin');
    if (existsSync(path.join(bin, 'postgres')) && existsSync(path.join(bin, 'initdb'))) return bin;
  }
  return null;
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function postgresMissing(): string | null {
  return postgresBinDir() ? null : 'PostgreSQL is not installed (Debian: apt-get install postgresql; .ci/run does it)';
}

/**
 * What a test file does when a service it starts is missing: skips, saying why (returns the reason),
 * or fails at once under AGENT_DESK_REQUIRE_SERVICES=1 (CI, where `.ci/run` installs them).
 */
export function skipUnlessInstalled(missing: string | null): string | null {
  if (missing && process.env.AGENT_DESK_REQUIRE_SERVICES === '1') throw new Error(`AGENT_DESK_REQUIRE_SERVICES=1 but ${missing}`);
  if (missing) console.warn(`skipped: ${missing}`);
  return missing;
}

const asRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function systemUser(name: string): { uid: number; gid: number } {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) throw new Error(`running as root needs the "${name}" system user (Debian's postgresql package creates it)`);
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, uid, gid);
    else chownSync(p, uid, gid);
  }
}

export interface StartPostgresOptions {
  database?: string;
  /**
   * Flush commits to disk as production does (fsync, synchronous_commit on). Off by default: a
   * test cluster dies with the test. The benchmark turns it on so figures compare with SQLite's.
   */
  durable?: boolean;
}

export async function startPostgres({ database = 'agentdesk', durable = false }: StartPostgresOptions = {}): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresMissing()!);
  const root = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = root;
  const owner = asRoot() ? systemUser('postgres') : null;
  if (owner) {
    chmodSync(root, 0o755);
    chownSync(root, owner.uid, owner.gid);
  }
  const run = (cmd: string, args: string[]) => spawnSync(path.join(bin, cmd), args, { encoding: 'utf8', ...(owner ? { uid: owner.uid, gid: owner.gid } : {}), env: { ...process.env, LC_ALL: 'C.UTF-8' } });

  const init = run('initdb', ['-D', dataDir, '-U', USER, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions']);
  if (init.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }

  const server: ChildProcess = spawn(
    path.join(bin, 'postgres'),
    ['-D', dataDir, '-k', socketDir, '-c', "listen_addresses=", ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']), '-c', 'max_connections=200', '-c', 'unix_socket_permissions=0777'],
    { stdio: ['ignore', 'ignore', 'pipe'], ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) },
  );
  let log = '';
  server.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));

  const psql = (db: string, sql: string) => spawnSync('psql', ['-h', socketDir, '-U', USER, '-d', db, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited at start: ${log}`);
    if (psql('postgres', 'SELECT 1').status === 0) break;
    if (Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new Error(`postgres did not accept connections within 20 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const urlFor = (db: string) => `postgres://${USER}@/${db}?host=${encodeURIComponent(socketDir)}`;
  const createDatabase = async (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
    const r = psql('postgres', `CREATE DATABASE ${name}`);
    if (r.status !== 0) throw new Error(`CREATE DATABASE ${name}: ${r.stderr}`);
    return urlFor(name);
  };
  const url = await createDatabase(database);

  return {
    url,
    socketDir,
    database,
    createDatabase,
    async stop() {
      if (server.exitCode === null) {
        server.kill('SIGINT'); // fast shutdown
        const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (owner) chownTree(root, process.getuid!(), process.getgid!());
      rmSync(root, { recursive: true, force: true });
    },
  };
}
