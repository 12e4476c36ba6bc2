/**
 * The async store on PostgreSQL (docs/storage.md "PostgreSQL implementation"), the same
 * `AsyncStore` interface as the SQLite one, for the tables implemented so far (`PostgresTables`;
 * the rest follow table by table, each with its contract suite in ../contract).
 *
 * - `write`: a client checked out of the pool, BEGIN (READ COMMITTED), `fn` with repositories
 *   bound to that client, COMMIT, release; ROLLBACK on error. Queries go through kysely
 *   (`PostgresDialect` over the pool; its transaction holds one connection throughout).
 * - The feed: `tx.feed` inserts into `change_feed`; the column default tags the row with the
 *   transaction's xid, which is what serves the feed in commit order (feed-order.ts). A
 *   transaction that appended ends with one `pg_notify('desk_feed', '')` as its last statement
 *   before COMMIT: delivered at commit, never for a rollback, once however many rows it appended.
 * - An ack implies a commit: the feed listeners and `afterCommit` hooks run after COMMIT returned
 *   and before `write` resolves; they receive the rows this node committed (other nodes' rows
 *   reach a node through LISTEN and the ordered reader: a later step).
 * - Serialisation failures and deadlocks (40001, 40P01) roll back and run `fn` again, a bounded
 *   number of times, with a fresh `now`, feed list and hooks: `fn` must have no effect outside
 *   `tx` and `afterCommit` (rule in docs/storage.md).
 * - `read` runs on pooled clients, outside a transaction: it sees committed data only.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isAbortedTransactionError, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { groupCommit, NESTED, TransactionAbortedError, type AsyncReadTx, type AsyncStore, type AsyncTables, type AsyncWriteTx } from '../async-store';
import type { FeedDbRow } from '../tables/change-feed';
import { safely, type FeedListener } from '../store';
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
import { createPgMacrosTable } from './tables/macros';
import { createPgMessagesTable } from './tables/messages';
import { createPgMetaTable } from './tables/meta';
import { createPgOrdersTable } from './tables/orders';
import { createPgPaymentMethodsTable } from './tables/payment-methods';
import { createPgPushAcksTable } from './tables/push-acks';
import { createPgRegionsTable } from './tables/regions';
import { createPgReturnsTable } from './tables/returns';
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
>;

/** The channel a committing transaction that appended feed rows notifies. */
export const FEED_CHANNEL = 'desk_feed';
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
}

export interface PostgresAsyncStore extends AsyncStore<PostgresTables> {
  /** Closes the pool when the store made it; a pool passed in belongs to its caller. */
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
    regions: createPgRegionsTable(db),
    customers: createPgCustomersTable(db),
    accounts: createPgAccountsTable(db),
    paymentMethods: createPgPaymentMethodsTable(db),
    orders: createPgOrdersTable(db),
    installments: createPgInstallmentsTable(db),
    transactions: createPgTransactionsTable(db),
    returns: createPgReturnsTable(db),
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
  const readTables = tablesOn(db);
  const inside = (opts.checkNesting ?? process.env.VITEST !== undefined) ? new AsyncLocalStorage<true>() : null;

  function refuseNesting(): void {
    if (inside?.getStore()) throw new Error(NESTED);
  }
  const within = <T>(fn: () => Promise<T>): Promise<T> => (inside ? inside.run(true, fn) : fn());

  async function read<T>(fn: (tx: AsyncReadTx<PostgresTables>) => Promise<T>): Promise<T> {
    refuseNesting();
    return within(() => fn(readTables));
  }

  /** One attempt: BEGIN … COMMIT on one client; returns what the commit must be followed by. */
  async function attempt<T>(fn: (tx: AsyncWriteTx<PostgresTables>) => Promise<T>) {
    const appended: FeedDbRow[] = [];
    const after: (() => void)[] = [];
    const at = now().toISOString();
    const result = await db
      .transaction()
      .setIsolationLevel('read committed')
      .execute(async (trx: Transaction<Database>) => {
        const tx: AsyncWriteTx<PostgresTables> = {
          ...tablesOn(trx),
          now: at,
          feed: async (row) => {
            const { snapshot, ...stored } = row;
            const full = { ticket_id: null, customer_id: null, gained_by: null, lost_by: null, lost_region: null, gained_region: null, ...stored, at };
            const { seq } = await trx.insertInto('change_feed').values(full).returning('seq').executeTakeFirstOrThrow();
            const r: FeedDbRow = { ...full, seq, snapshot };
            appended.push(r);
            return r;
          },
          audit: async (e) => {
            await trx
              .insertInto('audit_log')
              .values({
                at,
                actor_kind: e.actorKind,
                actor_id: e.actorId,
                action: e.action,
                outcome: e.outcome,
                ticket_id: e.ticketId ?? null,
                customer_id: e.customerId ?? null,
                details_json: JSON.stringify(e.details ?? {}),
                ip: e.ip ?? null,
              })
              .execute();
          },
          afterCommit: (f) => void after.push(f),
        };
        const value = await within(() => fn(tx));
        // Last before COMMIT: delivered at commit, dropped by a rollback; one per transaction.
        if (appended.length) await sql`SELECT pg_notify(${FEED_CHANNEL}, '')`.execute(trx);
        return value;
      });
    return { result, appended, after };
  }

  async function write<T>(fn: (tx: AsyncWriteTx<PostgresTables>) => Promise<T>): Promise<T> {
    refuseNesting();
    for (let n = 1; ; n++) {
      let done: Awaited<ReturnType<typeof attempt<T>>>;
      try {
        done = await attempt(fn);
      } catch (err) {
        if (n < maxAttempts && isRetryable(err)) continue;
        throw wasAborted(err) ? new TransactionAbortedError(err) : err;
      }
      // Committed: the data stays whatever a listener or hook does.
      if (done.appended.length) for (const l of listeners) safely(() => l(done.appended));
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
    async close() {
      if (!ownPool) return;
      await db.destroy(); // pool.end()
      await connectionsClosed(pool);
    },
  };
}
