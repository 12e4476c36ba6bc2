/**
 * What only the PostgreSQL store does (the shared behaviour is in ../contract): retrying a
 * transaction that lost a deadlock or a serialisation check, the one `pg_notify` per appending
 * transaction, int8 as exact numbers. Against a throwaway cluster; skipped with the reason where
 * PostgreSQL is not installed, failing instead under AGENT_DESK_REQUIRE_SERVICES=1.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { postgresMissing, skipUnlessInstalled, startPostgres, type TestPostgres } from '../../../../tests/helpers/postgres';
import { agentRow, feedRow, tick } from '../contract/engine';
import { migratePostgres } from './migrations';
import { createPostgresPool, parseInt8 } from './pool';
import { LISTENER_APPLICATION_NAME } from './feed-follower';
import { createPostgresAsyncStore, FEED_CHANNEL } from './store';

const missing = skipUnlessInstalled(postgresMissing());

let cluster: TestPostgres;
let n = 0;
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closing.splice(0).reverse()) await c();
});

async function setup(opts: { maxAttempts?: number; onIdleError?: (err: Error) => void; pollMs?: number } = {}) {
  const url = await cluster.createDatabase(`store_${++n}`);
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  await migratePostgres(raw);
  const storage = createPostgresAsyncStore({ connectionString: url, ...opts });
  closing.push(() => raw.end(), () => storage.close());
  return { url, raw, storage };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('int8 from PostgreSQL', () => {
  it('is an exact number below 2^53 and refused, never rounded, above it', () => {
    expect(parseInt8('9007199254740991')).toBe(2 ** 53 - 1);
    expect(parseInt8('-42')).toBe(-42);
    expect(() => parseInt8('9007199254740993')).toThrow(RangeError);
  });
});

describe.skipIf(missing !== null)('the async store on PostgreSQL', () => {
  beforeAll(async () => {
    cluster = await startPostgres({ database: 'store' });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('refuses a pool that would return int8 as text', async () => {
    const plain = new pg.Pool({ connectionString: cluster.url });
    expect(() => createPostgresAsyncStore({ pool: plain })).toThrow(/createPostgresPool/);
    void plain.end();
    const pool = createPostgresPool({ connectionString: cluster.url });
    const storage = createPostgresAsyncStore({ pool });
    await storage.close(); // stops its follower; the pool belongs to the caller
    expect(pool.ending).toBe(false);
    await pool.end();
  });

  it('retries the loser of a real deadlock: both transactions commit, each hook runs once', async () => {
    const { storage } = await setup();
    await storage.write(async (tx) => {
      await tx.agents.insert(agentRow('a1'));
      await tx.agents.insert(agentRow('a2'));
    });
    const aLocked = deferred();
    const bLocked = deferred();
    const attempts = { a: 0, b: 0 };
    const hooks: string[] = [];
    // Each locks one agent row, waits for the other to lock its own, then wants the other's.
    const a = storage.write(async (tx) => {
      attempts.a++;
      await tx.agents.setPresence('a1', 'available', null, 5);
      aLocked.resolve();
      await bLocked.promise;
      await tx.agents.setPresence('a2', 'available', null, 5);
      tx.afterCommit(() => hooks.push('a'));
    });
    const b = storage.write(async (tx) => {
      attempts.b++;
      await tx.agents.setPresence('a2', 'away', null, 3);
      bLocked.resolve();
      await aLocked.promise;
      await tx.agents.setPresence('a1', 'away', null, 3);
      tx.afterCommit(() => hooks.push('b'));
    });
    await Promise.all([a, b]);
    expect(attempts.a + attempts.b).toBe(3); // exactly one of them ran again
    expect(hooks.sort()).toEqual(['a', 'b']);
    const [one, two] = await storage.read(async (tx) => [await tx.agents.get('a1'), await tx.agents.get('a2')]);
    expect([one?.version, two?.version]).toEqual([3, 3]);
    // The one that ran again committed last: its values won on both rows.
    expect(one?.presence).toBe(two?.presence);
  }, 20_000);

  it('gives up after the bounded number of attempts, passing the error on; other errors are not retried', async () => {
    const { storage } = await setup({ maxAttempts: 3 });
    let runs = 0;
    const serialization = Object.assign(new Error('could not serialize access'), { code: '40001' });
    await expect(
      storage.write(async (tx) => {
        runs++;
        await tx.agents.insert(agentRow(`a${runs}`));
        throw serialization;
      }),
    ).rejects.toBe(serialization);
    expect(runs).toBe(3);
    expect(await storage.read((tx) => tx.agents.all())).toEqual([]);

    runs = 0;
    await expect(
      storage.write(async () => {
        runs++;
        throw Object.assign(new Error('unique violation'), { code: '23505' });
      }),
    ).rejects.toThrow('unique violation');
    expect(runs).toBe(1);
  });

  it('notifies desk_feed once per committed transaction that appended, never for a rollback or one without feed rows', async () => {
    const { url, storage } = await setup();
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    closing.push(() => listener.end());
    const heard: string[] = [];
    listener.on('notification', (m) => heard.push(`${m.channel}:${m.payload}`));
    await listener.query(`LISTEN ${FEED_CHANNEL}`);

    await storage.write(async (tx) => {
      await tx.feed(feedRow('t1'));
      await tx.feed(feedRow('t2'));
      await tx.feed(feedRow('t3'));
    });
    await storage.write((tx) => tx.agents.insert(agentRow('a1'))); // no feed rows
    await expect(
      storage.write(async (tx) => {
        await tx.feed(feedRow('lost'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await storage.write((tx) => tx.feed(feedRow('t4')));
    // A round trip on the listening connection: notifications sent before it have arrived.
    await listener.query('SELECT 1');
    expect(heard).toEqual([`${FEED_CHANNEL}:${storage.nodeId}`, `${FEED_CHANNEL}:${storage.nodeId}`]);
  });

  it('survives an idle pooled connection being killed: reported, and the next query opens a new one', async () => {
    const idleErrors: Error[] = [];
    // The follower polls once a minute here, and nothing wakes it (no feed rows): once its start-up
    // run is over, every pooled client is idle.
    const { raw, storage } = await setup({ onIdleError: (err) => void idleErrors.push(err), pollMs: 60_000 });
    await storage.write((tx) => tx.agents.insert(agentRow('a1'))); // leaves idle clients in the pool
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killed = await raw.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state = 'idle' AND application_name <> $1`,
      [LISTENER_APPLICATION_NAME],
    );
    expect(killed.rows[0]!.n).toBeGreaterThan(0);
    // Each killed pooled client is reported, and leaves the pool.
    await vi.waitFor(() => expect(idleErrors).toHaveLength(killed.rows[0]!.n), { timeout: 5_000 });
    expect((await storage.read((tx) => tx.agents.get('a1')))?.id).toBe('a1');
  });

  it('survives a connection killed while its client is checked out, inside a transaction: that write fails, nothing else', async () => {
    const { raw, storage } = await setup({ pollMs: 60_000 });
    const gate = deferred();
    const write = storage.write(async (tx) => {
      await tx.agents.insert(agentRow('a1'));
      await gate.promise;
      await tx.agents.insert(agentRow('a2'));
    });
    await vi.waitFor(async () => {
      const r = await raw.query(`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`);
      expect(r.rows[0].n).toBe(1);
    });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the socket's end reaches the client first
    gate.resolve();
    await expect(write).rejects.toThrow(/terminat|not queryable|Connection/);
    expect(await storage.read((tx) => tx.agents.all())).toEqual([]);
    await storage.write((tx) => tx.agents.insert(agentRow('a3')));
    expect((await storage.read((tx) => tx.agents.all())).map((a) => a.id)).toEqual(['a3']);
  });

  it('close resolves once its connections are closed: a server stopped right after cuts nothing', async () => {
    const own = await startPostgres({ database: 'closing' });
    const idleErrors: Error[] = [];
    try {
      const setupClient = new pg.Client({ connectionString: own.url });
      await setupClient.connect();
      await migratePostgres(setupClient);
      await setupClient.end();
      const storage = createPostgresAsyncStore({ connectionString: own.url, onIdleError: (err) => void idleErrors.push(err) });
      const gate = deferred();
      const writes = ['a1', 'a2', 'a3'].map((id) =>
        storage.write(async (tx) => {
          await tx.agents.insert(agentRow(id));
          await gate.promise; // three transactions open at once: three pooled connections
        }),
      );
      await tick();
      gate.resolve();
      await Promise.all(writes);
      await storage.close();
    } finally {
      await own.stop(); // fast shutdown: terminates any connection still open
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(idleErrors).toEqual([]);
  }, 30_000);

  it('tags each feed row with its transaction id (the commit-order reader’s key)', async () => {
    const { raw, storage } = await setup();
    await storage.write(async (tx) => {
      await tx.feed(feedRow('x'));
      await tx.feed(feedRow('y'));
    });
    await storage.write((tx) => tx.feed(feedRow('z')));
    const rows = (await raw.query<{ entity_id: string; xid: string }>('SELECT entity_id, xid::text AS xid FROM change_feed ORDER BY seq')).rows;
    expect(rows.map((r) => r.entity_id)).toEqual(['x', 'y', 'z']);
    expect(rows[0]!.xid).toBe(rows[1]!.xid);
    expect(BigInt(rows[2]!.xid)).toBeGreaterThan(BigInt(rows[0]!.xid));
  });
});

