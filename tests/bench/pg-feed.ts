/**
 * The cost of the PostgreSQL feed sequencer and follower (docs/storage.md "The feed across
 * nodes"), on a throwaway cluster (tests/helpers/postgres.ts: unix socket, fsync off):
 *
 * 1. Sequencer throughput: rows numbered per second by one run over a backlog of 50,000 rows,
 *    and by many small runs (10 rows each, the shape of a busy node: a run per few commits).
 * 2. Delivery: two nodes (two stores on one database); node A commits one feed row per
 *    transaction, one at a time and 10 in flight, in rounds interleaved with the baseline below
 *    (the machine is shared: paired ratios move less than absolute figures). Reported: A's
 *    transactions per second, the median per-round ratio to the baseline, and the
 *    delay from `write` resolving to the row reaching A's own listeners and B's (before the
 *    follower, A's listeners ran before `write` resolved, and B heard nothing). Baseline in the
 *    same run: the same transaction (BEGIN, the feed row, pg_notify, COMMIT) through kysely on a
 *    pool of the same size, with no follower running anywhere.
 *
 *   npx tsx tests/bench/pg-feed.ts
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migratePostgres } from '../../src/server/storage/postgres/migrations';
import { createPostgresPool } from '../../src/server/storage/postgres/pool';
import type { Database } from '../../src/server/storage/postgres/schema';
import { runSequencer } from '../../src/server/storage/postgres/sequencer';
import { createPostgresAsyncStore, type PostgresAsyncStore } from '../../src/server/storage/postgres/store';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function sequencerThroughput(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const insert = (n: number) =>
    c.query(`INSERT INTO change_feed (entity, entity_id, op, at) SELECT 'ticket', 't' || g, 'upsert', '2026-11-29T00:00:00Z' FROM generate_series(1, $1) g`, [n]);
  await insert(50_000);
  let t = performance.now();
  const bulk = await runSequencer(c, { notify: false });
  const bulkMs = performance.now() - t;
  console.log(`sequencer, one run over a 50,000-row backlog: ${bulk.numbered} rows in ${ms(bulkMs)} = ${Math.round(bulk.numbered / (bulkMs / 1000)).toLocaleString('en')} rows/s`);

  let numbered = 0;
  let spent = 0;
  const runs: number[] = [];
  for (let i = 0; i < 1_000; i++) {
    await insert(10);
    t = performance.now();
    numbered += (await runSequencer(c)).numbered;
    const d = performance.now() - t;
    runs.push(d);
    spent += d;
  }
  console.log(
    `sequencer, 1,000 runs of 10 rows (table of ${(50_000 + numbered).toLocaleString('en')}): ${Math.round(numbered / (spent / 1000)).toLocaleString('en')} rows/s, ` +
      `a run p50 ${ms(pct(runs, 50))}, p95 ${ms(pct(runs, 95))}; an empty run: ${ms(await timeEmptyRun(c))}`,
  );
  await c.end();
}

async function timeEmptyRun(c: pg.Client): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await runSequencer(c);
    xs.push(performance.now() - t);
  }
  return pct(xs, 50);
}

interface Nodes {
  a: PostgresAsyncStore;
  b: PostgresAsyncStore;
  toA: number[];
  toB: number[];
  committed: Map<string, number>;
}

async function twoNodes(url: string): Promise<Nodes> {
  const quiet = () => undefined;
  const n: Nodes = {
    a: createPostgresAsyncStore({ connectionString: url, onFeedError: quiet }),
    b: createPostgresAsyncStore({ connectionString: url, onFeedError: quiet }),
    toA: [],
    toB: [],
    committed: new Map(),
  };
  const measure = (store: PostgresAsyncStore, sink: number[]) =>
    store.onFeed((rows) => {
      const now = performance.now();
      // A row heard before its write resolved here has no time yet: it was not late (counted 0).
      for (const r of rows) sink.push(Math.max(0, now - (n.committed.get(r.entity_id) ?? now)));
    });
  measure(n.a, n.toA);
  measure(n.b, n.toB);
  await Promise.all([n.a.write(async () => undefined), n.b.write(async () => undefined)]);
  await new Promise((r) => setTimeout(r, 300)); // LISTEN clients connected
  return n;
}

/** Runs `total` one-row transactions, `inFlight` at a time; returns tx/s. */
async function load(inFlight: number, total: number, write: (id: string) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) await write(`r${round}-${inFlight}-${next++}`);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}
let round = 0;

function baselineWriter(url: string) {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPostgresPool({ connectionString: url }) }) });
  const write = async (id: string) => {
    await db
      .transaction()
      .setIsolationLevel('read committed')
      .execute(async (trx) => {
        const row = { entity: 'ticket' as const, entity_id: id, op: 'upsert' as const, ticket_id: id, customer_id: null, gained_by: null, lost_by: null, lost_region: null, gained_region: null, at: new Date().toISOString() };
        await trx.insertInto('change_feed').values(row).returning('seq').executeTakeFirstOrThrow();
        await sql`SELECT pg_notify('desk_feed', 'baseline')`.execute(trx);
      });
  };
  return { write, close: () => db.destroy() };
}

const median = (xs: number[]) => pct(xs, 50);

async function delivery(cluster: TestPostgres, inFlight: number, rounds: number, perRound: number): Promise<void> {
  const baseUrl = await migrated(cluster, `feed_base_${inFlight}`);
  const nodesUrl = await migrated(cluster, `feed_nodes_${inFlight}`);
  const base = baselineWriter(baseUrl);
  const nodes = await twoNodes(nodesUrl);
  const plain: number[] = [];
  const followed: number[] = [];
  const ratios: number[] = [];
  for (round = 0; round < rounds; round++) {
    const p = await load(inFlight, perRound, base.write);
    const f = await load(inFlight, perRound, async (id) => {
      await nodes.a.write((tx) => tx.feed({ entity: 'ticket', entity_id: id, op: 'upsert', ticket_id: id }));
      nodes.committed.set(id, performance.now());
    });
    plain.push(p);
    followed.push(f);
    ratios.push(f / p);
  }
  const deadline = Date.now() + 10_000;
  const total = rounds * perRound;
  while ((nodes.toA.length < total || nodes.toB.length < total) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const lat = (xs: number[]) => `p50 ${ms(median(xs))} p95 ${ms(pct(xs, 95))} p99 ${ms(pct(xs, 99))} (${xs.length} rows)`;
  console.log(
    `${inFlight} in flight, ${rounds} rounds of ${perRound} one-row transactions: no follower ${Math.round(median(plain)).toLocaleString('en')} tx/s, ` +
      `two nodes following ${Math.round(median(followed)).toLocaleString('en')} tx/s, median ratio ${median(ratios).toFixed(2)} (per round: ${ratios.map((r) => r.toFixed(2)).join(' ')})`,
  );
  console.log(`  write resolved → node A's listeners ${lat(nodes.toA)}; → node B's ${lat(nodes.toB)}`);
  console.log(`  lag after: A ${JSON.stringify(await nodes.a.feedLag())}, B ${JSON.stringify(await nodes.b.feedLag())}`);
  await Promise.all([nodes.a.close(), nodes.b.close(), base.close()]);
}

async function migrated(cluster: TestPostgres, name: string): Promise<string> {
  const url = await cluster.createDatabase(name);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await migratePostgres(c);
  await c.end();
  return url;
}

async function main(): Promise<void> {
  const missing = postgresMissing();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const cluster = await startPostgres({ database: 'bench' });
  try {
    await sequencerThroughput(await migrated(cluster, 'feed_seq'));
    await delivery(cluster, 1, 7, 400);
    await delivery(cluster, 10, 7, 1_000);
  } finally {
    await cluster.stop();
  }
}

void main();
