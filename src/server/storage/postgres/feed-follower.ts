/**
 * A node's follower of the change feed on PostgreSQL (docs/storage.md "The feed across nodes").
 * Several desk-server nodes share one database; each one must hand its feed listeners every row
 * any node committed, once, in position order (`pos`, sequencer.ts), so that live frames carry the
 * positions the desktop's cursor holds.
 *
 * - One dedicated LISTEN client per node (a `pg.Client`, not from the pool; application_name
 *   `desk-feed-listener`), reconnected with backoff when it drops. It hears:
 *   `desk_feed` (a commit appended rows, store.ts; payload: the committing node's id) → run the
 *   sequencer, then read, unless this node committed it (its store already woke it, `kick`);
 *   `desk_feed_pos` (a sequencer run numbered rows) → read;
 *   `desk_signal` → ephemeral signals of other nodes (signals.ts).
 * - Coalesced: at most one run (sequencer, then reading) in flight and one pending, whatever the
 *   number of wake-ups.
 * - A fallback poll (1 s) runs the sequencer and reads, covering a lost notification or a lost
 *   LISTEN connection.
 * - The node cursor starts at `head()` when the store starts (`ready`); reading pages `pos >
 *   cursor` and hands them over grouped by transaction (consecutive rows of one xid), in order.
 */
import pg from 'pg';
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { FEED_POS_CHANNEL, runSequencer } from './sequencer';
import { sequencedAfter, type SequencedFeedRow } from './tables/change-feed';

/** Notified by every commit that appended feed rows (store.ts). */
export const FEED_CHANNEL = 'desk_feed';
/** Ephemeral signals between nodes (signals.ts). */
export const SIGNAL_CHANNEL = 'desk_signal';
export const LISTENER_APPLICATION_NAME = 'desk-feed-listener';

export interface FeedFollowerOptions {
  pool: pg.Pool;
  db: Kysely<Database>;
  /** This node's id: the payload of its own `desk_feed` notifications, which it skips. */
  nodeId: string;
  /** Hands over one transaction's sequenced rows, in position order; never the same row twice. */
  deliver(rows: SequencedFeedRow[]): void;
  /** A `desk_signal` payload, as received (signals.ts decodes it). */
  onSignal(payload: string): void;
  /** Whether the sequencer notifies `desk_feed_pos` (off: other nodes rely on their poll). */
  notify: boolean;
  onError(err: unknown): void;
  /** Fallback poll interval (default 1,000 ms). */
  pollMs?: number;
  /** Rows per page read (default 500). */
  pageSize?: number;
}

export interface FeedFollower {
  /** Settles once the node cursor is set to the head at start (or that failed: a later run sets it). */
  readonly ready: Promise<void>;
  /** The last position handed over. */
  cursor(): number;
  /** Wakes the follower: run the sequencer first when `sequence`, then read. Coalesced. */
  kick(sequence: boolean): void;
  stop(): Promise<void>;
}

export function startFeedFollower(opts: FeedFollowerOptions): FeedFollower {
  const { pool, db, deliver, onError } = opts;
  const pageSize = opts.pageSize ?? 500;
  let stopped = false;
  let cursor = 0;

  // --- The node cursor: head when the store starts. If the database does not answer then, the
  // first run that reaches it sets the cursor (nothing this node wrote can lie before it).
  let cursorKnown = false;
  async function startCursor(): Promise<void> {
    const r = await db.selectFrom('change_feed').select((eb) => eb.fn.max('pos').as('head')).executeTakeFirst();
    cursor = r?.head ?? 0;
    cursorKnown = true;
  }
  const ready = startCursor().catch(onError);

  // --- One run at a time (sequencer, then reading), one pending.
  let running: Promise<void> | null = null;
  let wantSequence = false;
  let wantRead = false;

  async function sequence(): Promise<void> {
    const client = await pool.connect();
    try {
      await runSequencer(client, { notify: opts.notify });
      client.release();
    } catch (err) {
      client.release(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
  }

  async function read(): Promise<void> {
    let carry: SequencedFeedRow[] = [];
    for (;;) {
      const page = await sequencedAfter(db, carry.at(-1)?.row.seq ?? cursor, pageSize);
      if (stopped) return;
      const rows = carry.concat(page);
      const groups: SequencedFeedRow[][] = [];
      for (const r of rows) {
        const last = groups.at(-1);
        if (last && last[0]!.xid === r.xid) last.push(r);
        else groups.push([r]);
      }
      // A full page may stop inside a transaction: keep its last group for the next page.
      carry = page.length === pageSize ? (groups.pop() ?? []) : [];
      for (const g of groups) {
        cursor = g.at(-1)!.row.seq;
        deliver(g);
      }
      if (page.length < pageSize) return;
    }
  }

  async function drain(): Promise<void> {
    await ready;
    while (!stopped && (wantSequence || wantRead)) {
      const seq = wantSequence;
      wantSequence = wantRead = false;
      try {
        if (!cursorKnown) await startCursor();
        if (seq) await sequence();
        await read();
      } catch (err) {
        if (!stopped) onError(err); // the poll tries again
        return;
      }
    }
  }

  function kick(seq: boolean): void {
    if (stopped || pool.ending) return; // a pool its owner ended: the store is closing
    if (seq) wantSequence = true;
    wantRead = true;
    if (running) return;
    running = drain().finally(() => {
      running = null;
      if (wantSequence || wantRead) kick(wantSequence);
    });
  }

  const poll = setInterval(() => kick(true), opts.pollMs ?? 1_000);
  poll.unref();

  // --- The LISTEN client, reconnected with backoff.
  let listener: pg.Client | null = null;
  let backoff = 100;
  const dropped = new WeakSet<pg.Client>();

  function onNotification(m: pg.Notification): void {
    if (m.channel === FEED_CHANNEL) {
      if (m.payload !== opts.nodeId) kick(true);
    }
    else if (m.channel === FEED_POS_CHANNEL) {
      if (Number(m.payload) > cursor) kick(false);
    } else if (m.channel === SIGNAL_CHANNEL && m.payload !== undefined) opts.onSignal(m.payload);
  }

  function drop(client: pg.Client, err?: unknown): void {
    if (dropped.has(client)) return;
    dropped.add(client);
    if (listener === client) listener = null;
    if (err && !stopped) onError(err);
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    if (stopped) return;
    const wait = backoff;
    backoff = Math.min(backoff * 2, 5_000);
    setTimeout(() => (connecting = connect()), wait).unref();
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    const client = new pg.Client({ ...(pool.options as pg.ClientConfig), application_name: LISTENER_APPLICATION_NAME });
    client.on('notification', onNotification);
    client.on('error', (err) => drop(client, err));
    client.on('end', () => drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${FEED_CHANNEL}; LISTEN ${FEED_POS_CHANNEL}; LISTEN ${SIGNAL_CHANNEL}`);
    } catch (err) {
      drop(client, err);
      return;
    }
    if (stopped) {
      dropped.add(client);
      await client.end().catch(() => undefined);
      return;
    }
    listener = client;
    backoff = 100;
    kick(true); // notifications sent while it was away are lost: catch up now
  }
  let connecting = connect();

  return {
    ready,
    cursor: () => cursor,
    kick,
    async stop() {
      stopped = true;
      clearInterval(poll);
      const l = listener;
      listener = null;
      if (l) {
        dropped.add(l);
        await l.end().catch(() => undefined);
      }
      await connecting;
      await running;
      await ready;
    },
  };
}
