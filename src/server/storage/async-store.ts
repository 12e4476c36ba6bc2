/**
 * The async storage interface (docs/storage.md) and its SQLite implementation, beside the sync
 * store while callers move over area by area. Both engines implement `AsyncStore`:
 *
 * - `write(async (tx) => …)` runs in ONE transaction; every table is reached through `tx`, so on
 *   PostgreSQL each query goes to the client holding that transaction. Feed rows appended with
 *   `tx.feed` reach the listeners only after the commit, and `write` resolves only after it:
 *   an ack sent after `await store.write(…)` implies a commit.
 * - `read(async (tx) => …)` sees committed data only.
 * - `writeBatch` is group commit: many independent writes in one transaction.
 *
 * SQLite: better-sqlite3 is synchronous and has one connection, so transactions are serialised
 * by a queue (one at a time, in arrival order), opened with BEGIN IMMEDIATE and committed by
 * hand; each table method runs its prepared statement at once and returns a settled promise.
 * A transaction begins on a fresh event-loop turn, so while the sync store still serves other
 * areas on the same connection, none of their code runs inside it. Inside a transaction, await
 * storage only: holding the single writer across network or CPU work (scrypt, sharp) stalls
 * every other write, and lets other code run inside the open transaction.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditEntry } from './tables/audit-log';
import type { FeedAppend, FeedDbRow } from './tables/change-feed';
import type { BatchResult, FeedListener, Store } from './store';
import { createSerialQueue } from '../util/serial-queue';

/** A table module whose every method returns a promise: what a PostgreSQL repository can offer. */
export type AsyncTable<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};
type SyncTables = Store['tables'];
export type AsyncTables = { readonly [K in keyof SyncTables]: AsyncTable<SyncTables[K]> };

/**
 * The tables an engine offers through `tx`: every table by default. An engine that implements a
 * subset so far (the PostgreSQL adapter, table by table) is an `AsyncStore<Pick<AsyncTables, …>>`,
 * and a service that needs only some tables takes the store typed with just those (auth:
 * `AuthTables`), so it runs on either engine.
 */
export type SomeAsyncTables = Partial<AsyncTables>;
/** The tables the auth service uses (src/server/auth/sessions.ts). */
export type AuthTables = Pick<AsyncTables, 'sessions' | 'agents'>;

export type AsyncWriteTx<Tb extends SomeAsyncTables = AsyncTables> = Tb & {
  /** Appends to the change feed inside this transaction (on PostgreSQL: tagged with its xid). */
  feed(row: FeedAppend): Promise<FeedDbRow>;
  audit(entry: Omit<AuditEntry, 'at'>): Promise<void>;
  /** Runs after a successful commit (e.g. deliver a frame to a customer socket). */
  afterCommit(fn: () => void): void;
  /** The transaction's one timestamp (ISO 8601), as the sync store's `ctx.now`. */
  readonly now: string;
};
export type AsyncReadTx<Tb extends SomeAsyncTables = AsyncTables> = Tb;

export interface AsyncStore<Tb extends SomeAsyncTables = AsyncTables> {
  read<T>(fn: (tx: AsyncReadTx<Tb>) => Promise<T>): Promise<T>;
  write<T>(fn: (tx: AsyncWriteTx<Tb>) => Promise<T>): Promise<T>;
  /**
   * Group commit, as the sync `writeBatch`: `check` may refuse an item (throw) before it writes;
   * an error inside `apply` rolls back the whole batch.
   */
  writeBatch<I, P, R>(
    items: readonly I[],
    check: (tx: AsyncReadTx<Tb>, item: I) => Promise<P>,
    apply: (tx: AsyncWriteTx<Tb>, item: I, checked: P) => Promise<R>,
  ): Promise<BatchResult<R>[]>;
  onFeed(listener: FeedListener): () => void;
}

/**
 * Ephemeral signals between the nodes of one deployment (typing, viewing, presence): never stored,
 * never replayed, lost by a node that is down. A node's own sockets are served locally as before;
 * `publish` tells every OTHER node, whose `subscribe` listeners receive it (PostgreSQL: NOTIFY).
 */
export interface Signals {
  /** `kind` names the signal (e.g. 'typing'); `payload` must serialise to JSON. */
  publish(kind: string, payload: unknown): Promise<void>;
  subscribe(fn: (kind: string, payload: unknown) => void): () => void;
}

/** One node (SQLite): there is no other node to tell, so nothing is ever received. */
export const singleNodeSignals: Signals = {
  publish: async () => undefined,
  subscribe: () => () => undefined,
};

/**
 * Wraps each method of a sync table so it returns a settled promise (a throw becomes a rejection,
 * reported to `onError` first).
 */
export function asyncTable<T extends object>(table: T, onError?: (err: unknown) => void): AsyncTable<T> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(table)) {
    if (typeof fn !== 'function') continue;
    out[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve((fn as (...a: unknown[]) => unknown)(...args));
      } catch (err) {
        onError?.(err);
        return Promise.reject(err);
      }
    };
  }
  return out as AsyncTable<T>;
}

/**
 * A statement failed inside a `write` whose callback caught the error and went on: the
 * transaction is rolled back, never committed, on both engines (PostgreSQL cannot do otherwise: a
 * failed statement aborts its transaction). To tolerate a conflict, ask first or use a statement
 * that cannot fail (e.g. an upsert), not a caught error.
 */
export class TransactionAbortedError extends Error {
  constructor(cause: unknown) {
    super('a statement failed inside this transaction (its error was caught): rolled back instead of committed', { cause });
    this.name = 'TransactionAbortedError';
  }
}

export const NESTED = 'store.read/write does not nest: inside a transaction use its tx';

export interface SqliteAsyncStoreOptions {
  /**
   * Throw when `read`/`write` is called inside a transaction (it would wait for the queue its
   * caller holds: a deadlock). Costs an AsyncLocalStorage per transaction, about 15% of the hot
   * path (docs/storage.md), so it is on under the tests and off in production by default.
   */
  checkNesting?: boolean;
}

/**
 * `writeBatch` over an engine's `write`, the same on both engines: one transaction, each item's
 * `check` may refuse it alone (its own error, not a failed statement, which ends the whole
 * transaction on PostgreSQL), `apply` writes it. A retried transaction starts the results over.
 */
export function groupCommit<Tb extends SomeAsyncTables>(
  write: <T>(fn: (tx: AsyncWriteTx<Tb>) => Promise<T>) => Promise<T>,
): AsyncStore<Tb>['writeBatch'] {
  return async (items, check, apply) => {
    type Row = Awaited<ReturnType<typeof apply>>;
    let results: BatchResult<Row>[] = [];
    await write(async (tx) => {
      results = [];
      for (const item of items) {
        let checked: Awaited<ReturnType<typeof check>>;
        try {
          checked = await check(tx, item);
        } catch (error) {
          results.push({ ok: false, error });
          continue;
        }
        results.push({ ok: true, value: await apply(tx, item, checked) });
      }
    });
    return results;
  };
}

/** The SQLite implementation over the sync store's connection, tables and feed listeners. */
export function createSqliteAsyncStore(store: Store, now: () => Date, opts: SqliteAsyncStoreOptions = {}): AsyncStore {
  const { db } = store;
  // The open write transaction's first failed statement (one transaction at a time: the queue).
  let open: { failed: unknown } | null = null;
  const failed = (err: unknown) => {
    if (open && open.failed === undefined) open.failed = err;
  };
  const tables = Object.fromEntries(Object.entries(store.tables).map(([name, t]) => [name, asyncTable(t, failed)])) as unknown as AsyncTables;
  const marking = <T>(run: () => T): T => {
    try {
      return run();
    } catch (err) {
      failed(err);
      throw err;
    }
  };
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const serial = createSerialQueue();
  const inside = (opts.checkNesting ?? process.env.VITEST !== undefined) ? new AsyncLocalStorage<true>() : null;

  function refuseNesting(): void {
    if (inside?.getStore()) throw new Error(NESTED);
  }
  const within = <T>(fn: () => Promise<T>): Promise<T> => (inside ? inside.run(true, fn) : fn());

  async function read<T>(fn: (tx: AsyncReadTx) => Promise<T>): Promise<T> {
    refuseNesting();
    // Queued behind writes, so a read never sees a transaction that is still open.
    return serial(() => within(() => fn(tables)));
  }

  async function write<T>(fn: (tx: AsyncWriteTx) => Promise<T>): Promise<T> {
    refuseNesting();
    return serial(async () => {
      // Begin on a fresh event-loop turn, when no other code's continuation is queued: the
      // transaction's awaits then interleave with nothing but its own, so sync store callers
      // (areas not moved yet) never land inside it. Holds while `fn` awaits storage only.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const appended: FeedDbRow[] = [];
      const after: (() => void)[] = [];
      const at = now().toISOString();
      const tx: AsyncWriteTx = {
        ...tables,
        now: at,
        feed: async (row) => {
          const r = marking(() => store.tables.changeFeed.append(row, at));
          appended.push(r);
          return r;
        },
        audit: async (entry) => marking(() => store.tables.auditLog.append({ ...entry, at })),
        afterCommit: (f) => void after.push(f),
      };
      begin.run();
      const state: { failed: unknown } = { failed: undefined };
      open = state;
      let result: T;
      try {
        result = await within(() => fn(tx));
        if (state.failed !== undefined) throw new TransactionAbortedError(state.failed);
        commit.run();
      } catch (err) {
        // A failed statement may already have ended the transaction (SQLite rolls back on some errors).
        if (db.inTransaction) rollback.run();
        throw err;
      } finally {
        open = null;
      }
      store.committed(appended, after);
      return result;
    });
  }

  const writeBatch = groupCommit<AsyncTables>(write);

  return { read, write, writeBatch, onFeed: store.onFeed };
}
