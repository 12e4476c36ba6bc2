/**
 * The change feed across nodes on PostgreSQL (docs/storage.md "The feed across nodes"): the
 * sequencer numbers rows in commit order without ever skipping a late committer, and two stores
 * on one database (two nodes) each hand their listeners every row either committed, once, in
 * position order: with NOTIFY, with only the fallback poll, and after their LISTEN connection was
 * killed. Also: signals between the nodes, `read` in one snapshot, and the lag figures. Against a
 * throwaway cluster; skipped with the reason where PostgreSQL is not installed.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { postgresMissing, skipUnlessInstalled, startPostgres, type TestPostgres } from '../../../../tests/helpers/postgres';
import type { FeedDbRow } from '../tables/change-feed';
import { feedRow, FIXED_NOW, tick } from '../contract/engine';
import { LISTENER_APPLICATION_NAME } from './feed-follower';
import { migratePostgres } from './migrations';
import { runSequencer } from './sequencer';
import { SignalTooLargeError } from './signals';
import { createPostgresAsyncStore, type PostgresAsyncStore, type PostgresAsyncStoreOptions } from './store';

const missing = skipUnlessInstalled(postgresMissing());

let cluster: TestPostgres;
let n = 0;
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closing.splice(0).reverse()) await c();
});

async function database() {
  const url = await cluster.createDatabase(`follow_${++n}`);
  const raw = await client(url);
  await migratePostgres(raw);
  return { url, raw };
}

async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  closing.push(() => c.end());
  return c;
}

/** A node: a store on `url` and what its feed listeners heard, flattened. */
function node(url: string, opts: Partial<PostgresAsyncStoreOptions> = {}) {
  const storage = createPostgresAsyncStore({ connectionString: url, now: () => FIXED_NOW, ...opts });
  closing.push(() => storage.close());
  const heard: FeedDbRow[] = [];
  const calls: FeedDbRow[][] = [];
  storage.onFeed((rows) => {
    calls.push(rows);
    heard.push(...rows);
  });
  return { storage, heard, calls };
}

const append = (c: pg.ClientBase, id: string) =>
  c.query<{ seq: string }>(`INSERT INTO change_feed (entity, entity_id, op, at) VALUES ('ticket', $1, 'upsert', '2026-11-29T00:00:00Z') RETURNING seq`, [id]).then((r) => Number(r.rows[0]!.seq));

async function positions(raw: pg.Client): Promise<{ entity_id: string; pos: number | null; seq: number }[]> {
  return (await raw.query('SELECT entity_id, pos::int AS pos, seq::int AS seq FROM change_feed ORDER BY pos NULLS LAST, seq')).rows;
}

describe.skipIf(missing !== null)('the change feed across nodes on PostgreSQL', () => {
  beforeAll(async () => {
    cluster = await startPostgres({ database: 'follow' });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('sequences in commit order: a late committer is held back, then gets a LATER position; nothing skipped, nothing twice, dense', async () => {
    const { url, raw } = await database();
    const [early, late, quick, seqClient] = await Promise.all([client(url), client(url), client(url), client(url)]);
    await append(raw, 'before');
    expect(await runSequencer(seqClient)).toEqual({ numbered: 1, head: 1 });

    await early.query('BEGIN');
    await early.query('SELECT pg_current_xact_id()'); // takes its xid first…
    await late.query('BEGIN');
    const lateSeq = await append(late, 'late'); // …late takes the next xid and the lower seq…
    const earlySeq = await append(early, 'early');
    await early.query('COMMIT'); // …early commits while late holds its row open
    await append(quick, 'quick'); // commits after late began: must wait for it
    expect(lateSeq).toBeLessThan(earlySeq);

    // early's transaction is older than every running one: numbered now; late and quick wait.
    expect(await runSequencer(seqClient)).toEqual({ numbered: 1, head: 2 });
    expect((await positions(raw)).map((r) => [r.entity_id, r.pos])).toEqual([
      ['before', 1],
      ['early', 2],
      ['quick', null],
    ]);
    const servedBefore = (await raw.query('SELECT entity_id FROM change_feed WHERE pos > 0 ORDER BY pos')).rows.map((r) => r.entity_id);

    await late.query('COMMIT');
    expect(await runSequencer(seqClient)).toEqual({ numbered: 2, head: 4 });
    expect(await runSequencer(seqClient)).toEqual({ numbered: 0, head: null });
    const all = await positions(raw);
    expect(all.map((r) => [r.entity_id, r.pos])).toEqual([
      ['before', 1],
      ['early', 2],
      ['late', 3],
      ['quick', 4],
    ]);
    // A reader whose cursor reached 2 while late was open goes on from 2 and misses nothing.
    const servedAfter = (await raw.query('SELECT entity_id FROM change_feed WHERE pos > 2 ORDER BY pos')).rows.map((r) => r.entity_id);
    expect([...servedBefore, ...servedAfter]).toEqual(['before', 'early', 'late', 'quick']);
  });

  it('two sequencer runs at once take turns: dense positions, none twice', async () => {
    const { url, raw } = await database();
    const [a, b] = await Promise.all([client(url), client(url)]);
    for (let i = 0; i < 200; i++) await append(raw, `r${i}`);
    const runs = await Promise.all([runSequencer(a), runSequencer(b)]);
    expect(runs.map((r) => r.numbered).sort((x, y) => x - y)).toEqual([0, 200]);
    expect((await positions(raw)).map((r) => r.pos)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('hands node B the rows node A committed, in position order, each once, within about a second with NOTIFY off (fallback poll); A’s own rows carry their snapshot, B marks them remote', async () => {
    const { url } = await database();
    const a = node(url, { notify: false });
    const b = node(url, { notify: false });
    await Promise.all([a.storage.read((tx) => tx.changeFeed.head()), b.storage.read((tx) => tx.changeFeed.head())]);
    const snapshot = { ticket: { id: 't1' } as never };
    const started = Date.now();
    await a.storage.write(async (tx) => {
      await tx.feed({ ...feedRow('t1'), snapshot });
      await tx.feed(feedRow('t2'));
    });
    await a.storage.write((tx) => tx.feed(feedRow('t3')));
    await vi.waitFor(() => expect(b.heard).toHaveLength(3), { timeout: 3_000, interval: 20 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(1_600); // the 1 s poll, plus a sequencer run and a read
    expect(b.heard.map((r) => [r.seq, r.entity_id, r.remote])).toEqual([
      [1, 't1', true],
      [2, 't2', true],
      [3, 't3', true],
    ]);
    expect(b.heard.every((r) => r.snapshot === undefined)).toBe(true);
    expect(b.calls.map((c) => c.length)).toEqual([2, 1]); // one call per transaction

    await vi.waitFor(() => expect(a.heard).toHaveLength(3), { timeout: 3_000 });
    expect(a.heard.map((r) => [r.seq, r.entity_id, r.remote])).toEqual([
      [1, 't1', undefined],
      [2, 't2', undefined],
      [3, 't3', undefined],
    ]);
    expect(a.heard[0]!.snapshot).toBe(snapshot);
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // another poll: nothing twice
    expect([a.heard.length, b.heard.length]).toEqual([3, 3]);
  });

  it('with NOTIFY, delivers to the other node well before the fallback poll', async () => {
    const { url } = await database();
    const a = node(url, { pollMs: 60_000 });
    const b = node(url, { pollMs: 60_000 });
    await Promise.all([a.storage.feedLag(), b.storage.feedLag(), a.storage.write(async () => undefined), b.storage.write(async () => undefined)]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // both LISTEN clients connected
    await b.storage.write((tx) => tx.feed(feedRow('from-b')));
    await vi.waitFor(() => expect(a.heard.map((r) => [r.entity_id, r.remote])).toEqual([['from-b', true]]), { timeout: 1_000, interval: 10 });
    await vi.waitFor(() => expect(b.heard.map((r) => [r.entity_id, r.remote])).toEqual([['from-b', undefined]]), { timeout: 1_000, interval: 10 });
  });

  it('survives its LISTEN connection being killed: reconnects, and keeps delivering', async () => {
    const { url, raw } = await database();
    const errors: unknown[] = [];
    const a = node(url);
    const b = node(url, { pollMs: 60_000, onFeedError: (err) => void errors.push(err) });
    await b.storage.write(async () => undefined);
    const listenerPids = async () =>
      (await raw.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [LISTENER_APPLICATION_NAME])).rows.map((r) => r.pid);
    await vi.waitFor(async () => expect(await listenerPids()).toHaveLength(2));
    const before = await listenerPids();
    // Kill both nodes' LISTEN connections.
    await raw.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [LISTENER_APPLICATION_NAME]);
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
    await vi.waitFor(
      async () => {
        const now = await listenerPids();
        expect(now).toHaveLength(2);
        expect(now.some((p) => before.includes(p))).toBe(false);
      },
      { timeout: 5_000 },
    );
    // B polls only once a minute here: what it hears comes through its new LISTEN connection.
    await a.storage.write((tx) => tx.feed(feedRow('after-kill')));
    await vi.waitFor(() => expect(b.heard.map((r) => r.entity_id)).toEqual(['after-kill']), { timeout: 2_000 });
    await vi.waitFor(() => expect(a.heard.map((r) => r.entity_id)).toEqual(['after-kill']), { timeout: 2_000 });
  });

  it('concurrent writers on both nodes: dense positions, no duplicates, no skips; each node hears the whole feed in order', async () => {
    const { url, raw } = await database();
    const a = node(url);
    const b = node(url, { notify: false }); // B relies on A's notifications and its own poll
    const writer = (store: PostgresAsyncStore, name: string, count: number) => async () => {
      for (let i = 0; i < count; i++) {
        await store.write(async (tx) => {
          await tx.feed(feedRow(`${name}-${i}-a`));
          if (i % 3 === 0) await tick(); // some transactions stay open a little longer
          await tx.feed(feedRow(`${name}-${i}-b`));
        });
      }
    };
    const writers = [writer(a.storage, 'a1', 40), writer(a.storage, 'a2', 40), writer(b.storage, 'b1', 40), writer(b.storage, 'b2', 40)];
    await Promise.all(writers.map((w) => w()));
    const total = 4 * 40 * 2;
    await vi.waitFor(() => expect([a.heard.length, b.heard.length]).toEqual([total, total]), { timeout: 5_000 });

    const feed = await positions(raw);
    expect(feed.map((r) => r.pos)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const ordered = feed.map((r) => [r.pos, r.entity_id]);
    for (const { heard } of [a, b]) expect(heard.map((r) => [r.seq, r.entity_id])).toEqual(ordered);
    // Each transaction's two rows are consecutive, and each node marks exactly the other's rows remote.
    for (let i = 0; i < total; i += 2) expect(feed[i]!.entity_id.replace(/-a$/, '')).toBe(feed[i + 1]!.entity_id.replace(/-b$/, ''));
    expect(a.heard.filter((r) => r.remote).every((r) => r.entity_id.startsWith('b'))).toBe(true);
    expect(a.heard.filter((r) => r.remote)).toHaveLength(total / 2);
    expect(b.heard.filter((r) => r.remote).every((r) => r.entity_id.startsWith('a'))).toBe(true);
    expect(b.heard.filter((r) => r.remote)).toHaveLength(total / 2);
  }, 30_000);

  it('signals reach every other node, never the sender, and a payload over NOTIFY’s limit is refused', async () => {
    const { url } = await database();
    const a = node(url);
    const b = node(url);
    const c = node(url);
    const got: Record<string, [string, unknown][]> = { a: [], b: [], c: [] };
    a.storage.signals.subscribe((kind, payload) => got.a!.push([kind, payload]));
    b.storage.signals.subscribe((kind, payload) => got.b!.push([kind, payload]));
    c.storage.signals.subscribe((kind, payload) => got.c!.push([kind, payload]));
    await Promise.all([a, b, c].map((x) => x.storage.write(async () => undefined)));
    await new Promise((resolve) => setTimeout(resolve, 200)); // LISTEN clients connected

    await a.storage.signals.publish('typing', { ticketId: 't1', agentId: 'ag1', typing: true });
    await b.storage.signals.publish('viewing', { ticketId: 't2' });
    await vi.waitFor(() => expect([got.a, got.b, got.c].map((g) => g!.length)).toEqual([1, 1, 2]));
    expect(got.c).toEqual([
      ['typing', { ticketId: 't1', agentId: 'ag1', typing: true }],
      ['viewing', { ticketId: 't2' }],
    ]);
    expect(got.b).toEqual([['typing', { ticketId: 't1', agentId: 'ag1', typing: true }]]);
    expect(got.a).toEqual([['viewing', { ticketId: 't2' }]]);
    // A node's own signal, if it came back, would have arrived before a later one from another node.
    await c.storage.signals.publish('presence', { agentId: 'ag3' });
    await vi.waitFor(() => expect(got.a!.at(-1)?.[0]).toBe('presence'));
    expect(got.a!.map(([k]) => k)).toEqual(['viewing', 'presence']);

    await expect(a.storage.signals.publish('typing', { text: 'x'.repeat(8_000) })).rejects.toBeInstanceOf(SignalTooLargeError);
    await expect(a.storage.signals.publish('typing', { text: 'é'.repeat(3_990) })).rejects.toThrow(/8000/); // bytes, not characters
  });

  it('runs a read in one snapshot: a commit between two of its queries is not seen', async () => {
    const { url, raw } = await database();
    const a = node(url);
    await a.storage.write((tx) => tx.feed(feedRow('first')));
    await vi.waitFor(async () => expect(await a.storage.read((tx) => tx.changeFeed.head())).toBe(1));
    const inside: number[] = [];
    await a.storage.read(async (tx) => {
      inside.push((await tx.changeFeed.after(0, 100)).length);
      await append(raw, 'between');
      await runSequencer(raw); // commits a position for it, too
      inside.push((await tx.changeFeed.after(0, 100)).length, await tx.changeFeed.head());
    });
    expect(inside).toEqual([1, 1, 1]);
    expect(await a.storage.read((tx) => tx.changeFeed.head())).toBe(2);
  });

  it('does not hold writes when the database cannot be reached at start: they fail, and close returns', async () => {
    const errors: unknown[] = [];
    const storage = createPostgresAsyncStore({ connectionString: `postgres://agentdesk@/nowhere?host=${encodeURIComponent(`${cluster.socketDir}/missing`)}`, onFeedError: (err) => void errors.push(err) });
    await expect(storage.write((tx) => tx.feed(feedRow('t1')))).rejects.toThrow(/ENOENT|connect/);
    expect(errors.length).toBeGreaterThan(0); // the follower said why it has no cursor
    await storage.close();
  });

  it('reports the lag: rows held back by a running transaction, their age, and a node’s follower lag', async () => {
    const { url, raw } = await database();
    let clock = FIXED_NOW.getTime();
    const a = node(url, { now: () => new Date(clock), notify: false }); // its poll numbers the rows
    const b = node(url, { notify: false, pollMs: 60_000 }); // hears only when told: lags
    await b.storage.write(async () => undefined);
    expect(await a.storage.feedLag()).toEqual({ unsequenced: 0, oldestUnsequencedMs: null, followerLag: 0 });

    const blocker = await client(url);
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_current_xact_id()');
    await a.storage.write(async (tx) => {
      await tx.feed(feedRow('x'));
      await tx.feed(feedRow('y'));
    });
    clock += 2_500;
    await tick();
    expect(await a.storage.feedLag()).toEqual({ unsequenced: 2, oldestUnsequencedMs: 2_500, followerLag: 0 });

    await blocker.query('COMMIT');
    await vi.waitFor(async () => expect(a.heard).toHaveLength(2), { timeout: 3_000 });
    expect(await a.storage.feedLag()).toEqual({ unsequenced: 0, oldestUnsequencedMs: null, followerLag: 0 });
    expect(await b.storage.feedLag()).toMatchObject({ unsequenced: 0, followerLag: 2 });
    expect((await raw.query('SELECT count(*)::int AS n FROM change_feed WHERE pos IS NULL')).rows[0].n).toBe(0);
  });
});
