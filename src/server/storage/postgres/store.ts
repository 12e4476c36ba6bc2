/**
 * The async store on PostgreSQL (docs/storage.md "PostgreSQL implementation"), the same
 * `AsyncStore` interface as the SQLite one, for the tables implemented so far (`PostgresTables`;
 * the rest follow table by table, each with its contract suite in ../contract).
 *
 * - `write`: a client checked out of the pool, BEGIN (READ COMMITTED), `fn` with repositories
 *   bound to that client, COMMIT, release; ROLLBACK on error. Queries go through kysely
 *   (`PostgresDialect` over the pool; its transaction holds one connection throughout).
 * - The feed: `tx.feed` inserts into `change_feed` and returns the row with its INSERT sequence
 *   as `seq` (not a feed position: see tables/change-feed.ts); the column default tags the row
 *   with the transaction's xid. A transaction that appended ends with one
 *   `pg_notify('desk_feed', <node id>)` as its last statement before COMMIT: delivered at commit,
 *   never for a rollback, once however many rows it appended (the other nodes run the sequencer).
 * - Feed positions: the sequencer (sequencer.ts) numbers committed rows in commit order, and the
 *   node's follower (feed-follower.ts) hands every node's rows to this store's `onFeed`
 *   listeners, in position order, each once, with `seq = pos`: this node's rows with the
 *   `snapshot` kept since their commit, other nodes' rows marked `remote: true`. So `write` does
 *   NOT call the listeners itself: they hear a row shortly after its commit, once it has a
 *   position. `afterCommit` hooks still run right after COMMIT, before `write` resolves (an ack
 *   implies a commit).
 * - `read` runs in one REPEATABLE READ READ ONLY transaction: all its queries see one snapshot.
 * - `signals`: ephemeral signals to the other nodes (signals.ts); `feedLag()`: monitoring.
 * - Serialisation failures and deadlocks (40001, 40P01) roll back and run `fn` again, a bounded
 *   number of times, with a fresh `now`, feed list and hooks: `fn` must have no effect outside
 *   `tx` and `afterCommit` (rule in docs/storage.md).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { isAbortedTransactionError, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { groupCommit, NESTED, TransactionAbortedError, type AsyncReadTx, type AsyncStore, type AsyncTables, type AsyncWriteTx, type Signals } from '../async-store';
import type { FeedDbRow } from '../tables/change-feed';
import { safely, type FeedListener } from '../store';
import { FEED_CHANNEL, startFeedFollower } from './feed-follower';
import { connectionsClosed, createPostgresPool, hasDeskTypes } from './pool';
import type { Database } from './schema';
import { createPgAccountsTable } from './tables/accounts';
import { createPgAgentsTable } from './tables/agents';
import { createPgAttachmentsTable } from './tables/attachments';
import { createPgAuditLogTable } from './tables/audit-log';
import { createPgCannedRepliesTable } from './tables/canned-replies';
import { createPgChatTokensTable } from './tables/chat-tokens';
import { createPgCustomersTable } from './tables/customers';
import { createPgInstallmentsTable } from './tables/installments';
import { createPgCallsTable } from './tables/calls';
import { createPgMacrosTable } from './tables/macros';
import { createPgMailInboxTable } from './tables/mail-inbox';
import { createPgMailOutboxTable } from './tables/mail-outbox';
import { createPgMessagesTable } from './tables/messages';
import { createPgMetaTable } from './tables/meta';
import { createPgOrdersTable } from './tables/orders';
import { createPgPaymentMethodsTable } from './tables/payment-methods';
import { createPgPushAcksTable } from './tables/push-acks';
import { createPgRegionsTable } from './tables/regions';
import { createPgReturnsTable } from './tables/returns';
import { createPgSignals } from './signals';
import { createPgChangeFeedTable, type SequencedFeedRow } from './tables/change-feed';
import { createPgSessionsTable } from './tables/sessions';
import { createPgSyncClientsTable } from './tables/sync-clients';
import { createPgTicketsTable } from './tables/tickets';
import { createPgTransactionsTable } from './tables/transactions';

/** The tables the PostgreSQL store implements so far. */
export type PostgresTables = Pick<
  AsyncTables,
  | 'sessions'
  | 'agents'
  | 'regions'
  | 'customers'
  | 'accounts'
  | 'paymentMethods'
  | 'orders'
  | 'installments'
  | 'calls'
  | 'transactions'
  | 'returns'
  | 'meta'
  | 'tickets'
  | 'chatTokens'
  | 'messages'
  | 'attachments'
  | 'cannedReplies'
  | 'macros'
  | 'auditLog'
  | 'syncClients'
  | 'pushAcks'
  | 'mailOutbox'
  | 'mailInbox'
  | 'changeFeed'
>;

export { FEED_CHANNEL };
/** This node's committed rows awaiting their position, at most (the oldest is forgotten beyond). */
const OWN_ROWS_LIMIT = 100_000;
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

export interface PostgresAsyncStoreOptions {
  /** A pool made by `createPostgresPool` (its int8 parser), or a connection string to make one. */
  pool?: pg.Pool;
  connectionString?: string;
  /** Pool size when the store makes the pool (default 10). */
  max?: number;
  /** Reports an idle pooled client that failed (made pool only; default: console.error). */
  onIdleError?: (err: Error) => void;
  now?: () => Date;
  /** Attempts of a transaction that fails with 40001/40P01, the first included (default 5). */
  maxAttempts?: number;
  /** Throw on a `read`/`write` nested in a transaction (it would take a second pooled client that
   *  cannot see the first one's rows, and may wait forever for a full pool). On under the tests. */
  checkNesting?: boolean;
  /** Send the feed's NOTIFYs (commits, sequencer). Off only to test the fallback poll. */
  notify?: boolean;
  /** The follower's fallback poll (default 1,000 ms). */
  pollMs?: number;
  /** Reports a failure of the follower or its LISTEN connection (default: console.error); it retries. */
  onFeedError?: (err: unknown) => void;
}

/** Feed lag, for monitoring (docs/storage.md "Feed lag"). */
export interface FeedLag {
  /** Committed rows the sequencer has not numbered yet (held back by a running transaction). */
  unsequenced: number;
  /** Age of the oldest of them in ms (by the writers' clocks), or null when there is none. */
  oldestUnsequencedMs: number | null;
  /** Positions this node's listeners have not been handed yet: head - the node cursor. */
  followerLag: number;
}

export interface PostgresAsyncStore extends AsyncStore<PostgresTables> {
  /** This node's id (signals skip their sender). */
  readonly nodeId: string;
  /** Ephemeral signals to the other nodes sharing the database. */
  readonly signals: Signals;
  feedLag(): Promise<FeedLag>;
  /** Stops the follower and its LISTEN client; closes the pool when the store made it (a pool
   *  passed in belongs to its caller). */
  close(): Promise<void>;
}

function tablesOn(db: Kysely<Database>): PostgresTables {
  return {
    sessions: createPgSessionsTable(db),
    agents: createPgAgentsTable(db),
    meta: createPgMetaTable(db),
    tickets: createPgTicketsTable(db),
    chatTokens: createPgChatTokensTable(db),
    messages: createPgMessagesTable(db),
    attachments: createPgAttachmentsTable(db),
    cannedReplies: createPgCannedRepliesTable(db),
    macros: createPgMacrosTable(db),
    auditLog: createPgAuditLogTable(db),
    syncClients: createPgSyncClientsTable(db),
    pushAcks: createPgPushAcksTable(db),
    mailOutbox: createPgMailOutboxTable(db),
    mailInbox: createPgMailInboxTable(db),
    regions: createPgRegionsTable(db),
    customers: createPgCustomersTable(db),
    accounts: createPgAccountsTable(db),
    paymentMethods: createPgPaymentMethodsTable(db),
    orders: createPgOrdersTable(db),
    installments: createPgInstallmentsTable(db),
    calls: createPgCallsTable(db),
    transactions: createPgTransactionsTable(db),
    returns: createPgReturnsTable(db),
    changeFeed: createPgChangeFeedTable(db),
  };
}

const codeOf = (err: unknown): string => String((err as { code?: unknown } | null)?.code);
const isRetryable = (err: unknown): boolean => RETRYABLE.has(codeOf(err));
/** A statement failed earlier and `fn` caught it: COMMIT answered ROLLBACK (kysely throws), or a
 *  later statement (the NOTIFY) was refused as in_failed_sql_transaction (25P02). */
const wasAborted = (err: unknown): boolean => isAbortedTransactionError(err) || codeOf(err) === '25P02';

export function createPostgresAsyncStore(opts: PostgresAsyncStoreOptions): PostgresAsyncStore {
  if (!opts.pool && !opts.connectionString) throw new Error('createPostgresAsyncStore needs a pool or a connection string');
  if (opts.pool && !hasDeskTypes(opts.pool)) throw new Error('the pool must come from createPostgresPool (it parses int8 to numbers)');
  const ownPool = !opts.pool;
  const pool = opts.pool ?? createPostgresPool({ connectionString: opts.connectionString, ...(opts.max ? { max: opts.max } : {}) }, opts.onIdleError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const now = opts.now ?? (() => new Date());
  const maxAttempts = opts.maxAttempts ?? 5;
  const listeners = new Set<FeedListener>();
  const nodeId = randomUUID();
  const notify = opts.notify ?? true;
  const onFeedError = opts.onFeedError ?? ((err: unknown) => console.error('the PostgreSQL feed follower failed (it retries)', err));
  // This node's committed (or committing) feed rows, by insert seq, until the follower hands them
  // over: their snapshot goes with them, and a row not in here was committed by another node.
  const ownRows = new Map<number, FeedDbRow['snapshot']>();
  const signals = createPgSignals(pool, nodeId, onFeedError);

  function deliver(group: SequencedFeedRow[]): void {
    const rows = group.map(({ row, insertSeq }): FeedDbRow => {
      if (!ownRows.has(insertSeq)) return { ...row, remote: true };
      const snapshot = ownRows.get(insertSeq);
      ownRows.delete(insertSeq);
      return snapshot ? { ...row, snapshot } : row;
    });
    for (const l of listeners) safely(() => l(rows));
  }
  const follower = startFeedFollower({ pool, db, nodeId, deliver, onSignal: signals.received, notify, onError: onFeedError, pollMs: opts.pollMs });
  const inside = (opts.checkNesting ?? process.env.VITEST !== undefined) ? new AsyncLocalStorage<true>() : null;

  function refuseNesting(): void {
    if (inside?.getStore()) throw new Error(NESTED);
  }
  const within = <T>(fn: () => Promise<T>): Promise<T> => (inside ? inside.run(true, fn) : fn());

  async function read<T>(fn: (tx: AsyncReadTx<PostgresTables>) => Promise<T>): Promise<T> {
    refuseNesting();
    // One snapshot for all its queries (a sync pull reads tickets and the feed: one view).
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => within(() => fn(tablesOn(trx))));
  }

  /** One attempt: BEGIN … COMMIT on one client; returns what the commit must be followed by. */
  async function attempt<T>(fn: (tx: AsyncWriteTx<PostgresTables>) => Promise<T>) {
    const appended: FeedDbRow[] = [];
    const after: (() => void)[] = [];
    const at = now().toISOString();
    const run = db
      .transaction()
      .setIsolationLevel('read committed')
      .execute(async (trx: Transaction<Database>) => {
        const tables = tablesOn(trx);
        const tx: AsyncWriteTx<PostgresTables> = {
          ...tables,
          now: at,
          feed: async (row) => {
            const r = await tables.changeFeed.append(row, at);
            appended.push(r);
            return r;
          },
          audit: (e) => tables.auditLog.append({ ...e, at }),
          afterCommit: (f) => void after.push(f),
        };
        const value = await within(() => fn(tx));
        // Known as this node's before COMMIT, so the follower can never read them unclaimed.
        for (const r of appended) ownRows.set(r.seq, r.snapshot);
        // Last before COMMIT: delivered at commit, dropped by a rollback; one per transaction.
        if (appended.length && notify) await sql`SELECT pg_notify(${FEED_CHANNEL}, ${nodeId})`.execute(trx);
        return value;
      });
    let result: T;
    try {
      result = await run;
    } catch (err) {
      for (const r of appended) ownRows.delete(r.seq); // rolled back: never in the feed
      throw err;
    }
    return { result, appended, after };
  }

  async function write<T>(fn: (tx: AsyncWriteTx<PostgresTables>) => Promise<T>): Promise<T> {
    refuseNesting();
    await follower.ready; // the node cursor is set: none of this node's rows can fall before it
    for (let n = 1; ; n++) {
      let done: Awaited<ReturnType<typeof attempt<T>>>;
      try {
        done = await attempt(fn);
      } catch (err) {
        if (n < maxAttempts && isRetryable(err)) continue;
        throw wasAborted(err) ? new TransactionAbortedError(err) : err;
      }
      // Committed: the data stays whatever a hook does. The rows reach the listeners through
      // the follower, with their position; wake it now rather than on our own NOTIFY.
      if (done.appended.length) {
        while (ownRows.size > OWN_ROWS_LIMIT) ownRows.delete(ownRows.keys().next().value!);
        follower.kick(true);
      }
      for (const f of done.after) safely(f);
      return done.result;
    }
  }

  const writeBatch = groupCommit<PostgresTables>(write);

  return {
    read,
    write,
    writeBatch,
    onFeed(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    nodeId,
    signals,
    async feedLag() {
      const r = await sql<{ n: number; oldest: string | null; head: number }>`
        SELECT count(*)::int AS n, min(at) AS oldest, (SELECT coalesce(max(pos), 0) FROM change_feed) AS head
        FROM change_feed WHERE pos IS NULL`.execute(db);
      const { n, oldest, head } = r.rows[0]!;
      return {
        unsequenced: n,
        oldestUnsequencedMs: oldest === null ? null : Math.max(0, now().getTime() - Date.parse(oldest)),
        followerLag: Math.max(0, head - follower.cursor()),
      };
    },
    async close() {
      await follower.stop();
      if (!ownPool) return;
      await db.destroy(); // pool.end()
      await connectionsClosed(pool);
    },
  };
}
