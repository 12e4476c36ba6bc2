/**
 * Live delivery of feed batches to agent sockets when building a batch reads storage: batches
 * reach a socket in feed order, once each, even when an earlier batch's reads are slower (a row
 * without a snapshot, e.g. from another node, must be loaded). Reads here run concurrently, as
 * on PostgreSQL's pool (SQLite's reads queue behind each other and would hide a reordering).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentServerFrame } from '../../shared/protocol/agent-ws';
import { seedDemoWorld } from '../demo/seed';
import { asyncTable, createSqliteAsyncStore, type AsyncStore, type AsyncTables } from '../storage/async-store';
import { openDatabase, type Db } from '../storage/db';
import { createStore } from '../storage/store';
import type { MessageDbRow } from '../storage/tables/messages';
import { createAgentFeed, type AgentFeedTables } from './agent-feed';
import type { AgentConnection } from './hub';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const now = () => new Date('2026-03-02T10:00:00Z');
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function gate() {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return { opened, release };
}

async function setup() {
  const db = openDatabase(':memory:');
  open.push(db);
  await seedDemoWorld(db, { customers: 40, historicTickets: 20 });
  const store = createStore(db, now);
  const storage = createSqliteAsyncStore(store, now, { checkNesting: true });
  // Reads that do not queue behind each other, with `messages.get` (the load a row without a
  // snapshot needs) held until `slowLoads` opens.
  const slowLoads = gate();
  const tables = Object.fromEntries(Object.entries(store.tables).map(([name, t]) => [name, asyncTable(t)])) as unknown as AsyncTables;
  const messages = { ...tables.messages, get: async (id: string) => (await slowLoads.opened, tables.messages.get(id)) };
  let failReads = false;
  const concurrent: AsyncStore<AgentFeedTables> = {
    ...storage,
    read: async (fn) => {
      if (failReads) throw new Error('database is closed');
      return fn({ ...tables, messages });
    },
  };
  const supervisor = (db.prepare(`SELECT id FROM agents WHERE role = 'supervisor' LIMIT 1`).get() as { id: string }).id;
  const thread = db.prepare(`SELECT * FROM messages WHERE ticket_id = (SELECT ticket_id FROM messages GROUP BY ticket_id HAVING count(*) >= 2 LIMIT 1) ORDER BY created_at, id LIMIT 2`).all() as MessageDbRow[];
  expect(thread).toHaveLength(2);
  const errors: object[] = [];
  const feed = createAgentFeed({ storage: concurrent, hub: { agentConnections: () => conns }, log: { error: (o) => void errors.push(o) } });
  const conns: AgentConnection[] = [];
  storage.onFeed(feed.onFeed);
  const connect = (lastSent: number | null) => {
    const frames: AgentServerFrame[] = [];
    const conn: AgentConnection = { socket: { send: (d) => void frames.push(JSON.parse(d) as AgentServerFrame), close: () => {} }, agentId: supervisor, sessionId: 's', lastSent };
    conns.push(conn);
    return { conn, frames };
  };
  /** Commits one feed row for a message of the thread, with or without its snapshot. */
  const commit = (m: MessageDbRow, withSnapshot: boolean) =>
    storage.write((tx) => tx.feed({ entity: 'message', entity_id: m.id, op: 'upsert', ticket_id: m.ticket_id, snapshot: withSnapshot ? { message: m } : undefined }));
  const head = () => store.changeFeed.head();
  const epoch = store.epoch();
  return { feed, connect, commit, head, epoch, thread, slowLoads, errors, failReads: () => void (failReads = true) };
}

const changed = (frames: AgentServerFrame[]) =>
  frames.map((f) => (f.type === 'changes' ? { from: f.from, seq: f.seq, ids: f.changes.map((c) => c.id) } : f));

describe('live feed delivery to agent sockets', () => {
  it('sends two batches in feed order when the first one is slower to build', async () => {
    const w = await setup();
    const start = w.head();
    const { conn, frames } = w.connect(start);
    const [m1, m2] = w.thread as [MessageDbRow, MessageDbRow];

    const first = await w.commit(m1, false); // must be loaded: held
    const second = await w.commit(m2, true); // built from its snapshot: ready at once
    for (let i = 0; i < 5; i++) await tick();
    // The second batch waits for the first: nothing sent, nothing claimed as sent.
    expect(frames).toEqual([]);
    expect(conn.lastSent).toBe(start);

    w.slowLoads.release();
    await w.feed.idle();
    expect(changed(frames)).toEqual([
      { from: start, seq: first.seq, ids: [m1.id] },
      { from: first.seq, seq: second.seq, ids: [m2.id] },
    ]);
    expect(conn.lastSent).toBe(second.seq);
  });

  it('subscribes in its turn among the batches: what it finds committed is left to the pull, nothing is sent twice', async () => {
    const w = await setup();
    const [m1, m2] = w.thread as [MessageDbRow, MessageDbRow];
    const start = w.head();
    const early = w.connect(start);
    const late = w.connect(null);

    const first = await w.commit(m1, false); // held while the late socket subscribes
    const subscribed = w.feed.subscribe(late.conn, String(first.seq), w.epoch);
    const second = await w.commit(m2, true); // committed before the subscribe's turn
    w.slowLoads.release();
    await subscribed;
    await w.feed.idle();
    // Its turn came after the first batch, with the second already committed: told to pull up
    // to the second, and neither batch sent to it live.
    expect(late.frames).toEqual([{ type: 'behind', head: second.seq }]);
    expect(late.conn.lastSent).toBe(second.seq);

    const third = await w.commit(m1, true);
    await w.feed.idle();
    expect(changed(late.frames).slice(1)).toEqual([{ from: second.seq, seq: third.seq, ids: [m1.id] }]);
    // The socket subscribed all along got each batch once, each frame starting where the last ended.
    expect(changed(early.frames).map((f) => [(f as { from: number }).from, (f as { seq: number }).seq])).toEqual([
      [start, first.seq],
      [first.seq, second.seq],
      [second.seq, third.seq],
    ]);
  });

  it('tells a subscriber behind the head to pull, and one from another epoch to resync', async () => {
    const w = await setup();
    const [m1] = w.thread as [MessageDbRow];
    const before = w.head();
    await w.commit(m1, true);
    const behind = w.connect(null);
    await w.feed.subscribe(behind.conn, String(before), w.epoch);
    expect(behind.frames).toEqual([{ type: 'behind', head: w.head() }]);
    expect(behind.conn.lastSent).toBe(w.head());

    const other = w.connect(null);
    await w.feed.subscribe(other.conn, String(w.head()), 'another-epoch');
    expect(other.frames).toEqual([{ type: 'must_resync', epoch: w.epoch }]);
    expect(other.conn.lastSent).toBeNull();
  });

  it('tells the sockets to pull when a batch cannot be read, and moves them past it', async () => {
    const w = await setup();
    const [m1] = w.thread as [MessageDbRow];
    const { conn, frames } = w.connect(w.head());
    w.slowLoads.release();
    w.failReads();
    const lost = await w.commit(m1, true);
    await w.feed.idle();
    expect(frames).toEqual([{ type: 'behind', head: lost.seq }]);
    expect(conn.lastSent).toBe(lost.seq);
    expect(w.errors).toHaveLength(1);
  });
});
