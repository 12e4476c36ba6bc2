/** The shared test cluster: one per process, a database per server, gone when done or at exit. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresMissing } from './postgres';
import { acquireTestDatabase, testPostgresRunning } from './test-postgres';

const required = process.env.AGENT_DESK_REQUIRE_SERVICES === '1';
const missing = postgresMissing();
if (missing && required) throw new Error(`AGENT_DESK_REQUIRE_SERVICES=1 but ${missing}`);

const socketDirOf = (url: string) => decodeURIComponent(new URL(url.replace('postgres://agentdesk@/', 'postgres://agentdesk@x/')).searchParams.get('host')!);

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(missing !== null)('the test PostgreSQL cluster', () => {
  it('gives each server its own database in one cluster, and stops the cluster when the last one is released', async () => {
    const a = await acquireTestDatabase();
    const b = await acquireTestDatabase();
    expect(a.url).not.toBe(b.url);
    expect(socketDirOf(a.url)).toBe(socketDirOf(b.url));
    await query(a.url, 'CREATE TABLE only_in_a (id int)');
    expect(await query(b.url, `SELECT 1 FROM pg_tables WHERE tablename = 'only_in_a'`)).toEqual([]);
    await a.release();
    expect(testPostgresRunning()).toBe(true);
    await b.release();
    expect(testPostgresRunning()).toBe(false);
    expect(existsSync(socketDirOf(a.url))).toBe(false);
  });

  it('stops the cluster when the process exits with it still running', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', `import('./tests/helpers/test-postgres.ts').then(async (m) => { const d = await m.acquireTestDatabase(); const dir = decodeURIComponent(d.url.split('host=')[1]); console.log(require('node:fs').readFileSync(dir + '/data/postmaster.pid', 'utf8').split('\\n')[0], d.url); process.exit(0); })`],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(child.status, child.stderr).toBe(0);
    const [pid, url] = child.stdout.split('\n').find((l) => l.includes('postgres://'))!.split(' ') as [string, string];
    expect(url).toMatch(/^postgres:\/\//);
    expect(Number(pid)).toBeGreaterThan(0);
    const alive = () => {
      try {
        process.kill(Number(pid), 0);
        return !/^Z/.test(spawnSync('ps', ['-o', 'stat=', '-p', pid], { encoding: 'utf8' }).stdout.trim()); // a zombie is gone too
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(false); // the postmaster is gone
    expect(existsSync(socketDirOf(url))).toBe(false);
  });
});
