/**
 * The desk server's storage: every table module over one connection, and `write`, the only way
 * to change data. A write runs in one transaction; the change-feed rows it appended are handed
 * to listeners only after the commit, so a live event never announces something that could
 * still roll back. Adding a PostgreSQL adapter means implementing this shape, with the feed
 * position allocated inside the committing transaction.
 */
import type { Db } from './db';
import { createAccountsTable } from './tables/accounts';
import { createAgentsTable } from './tables/agents';
import { createAttachmentsTable } from './tables/attachments';
import { createAuditLogTable, type AuditEntry } from './tables/audit-log';
import { createCannedRepliesTable } from './tables/canned-replies';
import { createChatTokensTable } from './tables/chat-tokens';
import { createChangeFeedTable, type FeedAppend, type FeedDbRow } from './tables/change-feed';
import { createCustomersTable } from './tables/customers';
import { createInstallmentsTable } from './tables/installments';
import { createCallsTable } from './tables/calls';
import { createMacrosTable } from './tables/macros';
import { createMailInboxTable } from './tables/mail-inbox';
import { createMailOutboxTable } from './tables/mail-outbox';
import { createMessagesTable } from './tables/messages';
import { createMetaTable } from './tables/meta';
import { createOrdersTable } from './tables/orders';
import { createPaymentMethodsTable } from './tables/payment-methods';
import { createPushAcksTable } from './tables/push-acks';
import { createRegionsTable } from './tables/regions';
import { createReturnsTable } from './tables/returns';
import { createSessionsTable } from './tables/sessions';
import { createSyncClientsTable } from './tables/sync-clients';
import { createTicketsTable } from './tables/tickets';
import { createTransactionsTable } from './tables/transactions';

export interface WriteContext {
  /** Appends to the change feed inside this transaction. */
  feed(row: FeedAppend): FeedDbRow;
  audit(entry: Omit<AuditEntry, 'at'>): void;
  /** Runs after a successful commit (e.g. deliver a frame to a customer socket). */
  afterCommit(fn: () => void): void;
  readonly now: string;
}

export type FeedListener = (rows: FeedDbRow[]) => void;
export type BatchResult<R> = { ok: true; value: R } | { ok: false; error: unknown };

let reportListenerError: (err: unknown) => void = (err) => console.error('after-commit listener failed', err);
export function onListenerError(fn: (err: unknown) => void): void {
  reportListenerError = fn;
}
/** Runs an after-commit listener or hook: the data is committed, so its failure is reported, never thrown. */
export function safely(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    reportListenerError(err);
  }
}

export function createStore(db: Db, now: () => Date) {
  const tables = {
    meta: createMetaTable(db),
    regions: createRegionsTable(db),
    agents: createAgentsTable(db),
    sessions: createSessionsTable(db),
    customers: createCustomersTable(db),
    accounts: createAccountsTable(db),
    paymentMethods: createPaymentMethodsTable(db),
    orders: createOrdersTable(db),
    installments: createInstallmentsTable(db),
    calls: createCallsTable(db),
    transactions: createTransactionsTable(db),
    returns: createReturnsTable(db),
    tickets: createTicketsTable(db),
    chatTokens: createChatTokensTable(db),
    messages: createMessagesTable(db),
    attachments: createAttachmentsTable(db),
    cannedReplies: createCannedRepliesTable(db),
    macros: createMacrosTable(db),
    auditLog: createAuditLogTable(db),
    changeFeed: createChangeFeedTable(db),
    syncClients: createSyncClientsTable(db),
    pushAcks: createPushAcksTable(db),
    mailOutbox: createMailOutboxTable(db),
    mailInbox: createMailInboxTable(db),
  };
  const listeners = new Set<FeedListener>();
  const commitListeners = new Set<() => void>();
  let depth = 0;

  /** Hands a committed transaction's feed rows to the listeners, then runs its after-commit hooks. */
  function committed(appended: FeedDbRow[], after: readonly (() => void)[]): void {
    // The data is committed: a failing listener must not undo that or starve the others.
    if (appended.length) for (const l of listeners) safely(() => l(appended));
    for (const f of after) safely(f);
    for (const l of commitListeners) safely(l);
  }

  function write<T>(fn: (ctx: WriteContext) => T): T {
    if (depth > 0) throw new Error('store.write does not nest; pass the WriteContext down instead');
    // The async store (async-store.ts) shares this connection: joining its open transaction
    // would commit or roll back with it and announce rows before their commit.
    if (db.inTransaction) throw new Error('store.write ran while an async transaction was open on the same connection');
    const appended: FeedDbRow[] = [];
    const after: (() => void)[] = [];
    const at = now().toISOString();
    const ctx: WriteContext = {
      now: at,
      feed: (row) => {
        const r = tables.changeFeed.append(row, at);
        appended.push(r);
        return r;
      },
      audit: (entry) => tables.auditLog.append({ ...entry, at }),
      afterCommit: (f) => void after.push(f),
    };
    depth++;
    let result: T;
    try {
      result = db.transaction(() => fn(ctx))();
    } finally {
      depth--;
    }
    committed(appended, after);
    return result;
  }

  /**
   * Group commit: many independent writes in ONE transaction. `check` runs first for each item
   * and may refuse it (throw) before it writes anything; `apply` then writes. A refused item is
   * reported alone; an error inside `apply` rolls back the whole batch (the senders retry).
   * Listeners see all committed feed rows at once.
   */
  function writeBatch<I, P, R>(items: readonly I[], check: (item: I) => P, apply: (ctx: WriteContext, item: I, checked: P) => R): BatchResult<R>[] {
    const results: BatchResult<R>[] = [];
    write((ctx) => {
      for (const item of items) {
        let checked: P;
        try {
          checked = check(item);
        } catch (error) {
          results.push({ ok: false, error });
          continue;
        }
        results.push({ ok: true, value: apply(ctx, item, checked) });
      }
    });
    return results;
  }

  return {
    db,
    ...tables,
    write,
    writeBatch,
    /** For the async store over the same connection only (async-store.ts). */
    tables,
    committed,
    epoch: (): string => tables.meta.get('epoch') ?? 'unknown',
    onFeed(listener: FeedListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Called after every commit, with feed rows or without (the WAL checkpointer). */
    onCommit(listener: () => void): () => void {
      commitListeners.add(listener);
      return () => commitListeners.delete(listener);
    },
  };
}
export type Store = ReturnType<typeof createStore>;
