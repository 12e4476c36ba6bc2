/**
 * The desktop's offline cache (SYNC.md): server rows applied a page at a time with the cursor in
 * the same transaction, the outbox and its optimistic rows written together, acks applied in one
 * transaction, the views, pages and search the console reads, and eviction under a size cap.
 * Everything is synchronous (better-sqlite3); callers wrap it in async services.
 */
import { statSync } from 'node:fs';
import type { Draft, EarlierCase, LocalMessage, ReferenceHit, SearchHit, Settings, TabsState, TicketDetail, TicketSummary, TicketView } from '../../shared/api/contract';
import type {
  AccountRow,
  AgentRow,
  AttachmentRow,
  CannedReplyRow,
  InstallmentRow,
  MacroRow,
  OrderRow,
  PaymentMethodRow,
  ReturnRow,
  TicketRow,
  TransactionRow,
} from '../../shared/domain';
import { Mutation, type Ack } from '../../shared/protocol/mutations';
import type { Change, Entity } from '../../shared/protocol/sync';
import type { CacheDb } from './db';
import { createFileStore } from './files';
import { createSearch } from './search';
import { createAttachmentsTable } from './tables/attachments';
import { createDraftsTable } from './tables/drafts';
import { createMessagesTable, localMessageId, toLocalMessage, type MessageDbRow } from './tables/messages';
import { createOutboxTable, type OutboxEntry } from './tables/outbox';
import { createReadMarkersTable } from './tables/read-markers';
import { createSettingsTable } from './tables/settings';
import { createCustomerScopedTable, createCustomersTable, createGlobalTable } from './tables/snapshots';
import { createSyncStateTable, newClientId, type SyncState } from './tables/sync-state';
import { createTicketActivityTable } from './tables/ticket-activity';
import { createTicketsTable } from './tables/tickets';
import { createUiStateTable } from './tables/ui-state';

export type { OutboxEntry } from './tables/outbox';
export type { SyncState } from './tables/sync-state';
export { SNIPPET_CLOSE, SNIPPET_OPEN } from './search';

export interface OptimisticMessage {
  ticketId: string;
  authorKind: 'agent' | 'note';
  authorId: string;
  authorName: string;
  body: string;
  attachmentIds: string[];
}

export interface Cache {
  db: CacheDb;
  state: { get(): SyncState; set(patch: Partial<Omit<SyncState, 'clientId'>>): void };
  applyPage(changes: Change[], next: { cursor: string; epoch: string }): { ticketIds: string[]; messageTicketIds: string[] };
  resetServerData(): void;
  outbox: {
    enqueue(mutation: Mutation, optimistic?: OptimisticMessage): { seq: number; message: LocalMessage | null };
    list(limit: number): OutboxEntry[];
    size(): number;
    recordFailure(clientMsgIds: string[], error: string, nextAttemptAt: string): void;
    applyAcks(acks: Ack[]): void;
    discard(clientMsgId: string): void;
    retry(clientMsgId: string): { seq: number; message: LocalMessage | null };
  };
  tickets: {
    /** A page of a view in list order: `limit` rows, `offset` rows down (0 by default). */
    list(view: TicketView, agentId: string, limit: number, offset?: number): TicketSummary[];
    /** How many tickets the view holds. */
    count(view: TicketView, agentId: string): number;
    get(id: string): TicketRow | null;
    detail(id: string): TicketDetail | null;
    byReference(reference: string): ReferenceHit | null;
    /** The customer's other cases, newest first, with their first customer message (none for a visitor). */
    ofCustomer(customerId: string, exceptTicketId: string | null, limit: number): EarlierCase[];
    /** The list's summary of these tickets (those in the cache). */
    summaries(ids: readonly string[]): TicketSummary[];
    /** The agent has seen the chat up to this server message; true when its unread count changed. */
    markRead(ticketId: string, upTo: string): boolean;
  };
  /** The console's tab strip, kept per agent. */
  tabs: { get(): TabsState; save(state: TabsState): void };
  messages: {
    page(ticketId: string, before: string | null, limit: number): { messages: LocalMessage[]; hasMore: boolean };
    get(id: string): LocalMessage | null;
  };
  drafts: { get(ticketId: string): Draft | null; save(ticketId: string, body: string, mode: 'reply' | 'note'): void };
  attachments: {
    meta(id: string): AttachmentRow | null;
    /** Records a row the server just answered with (an upload); a newer synced version wins. */
    put(row: AttachmentRow): void;
    readFile(sha256: string): Buffer | null;
    writeFile(sha256: string, data: Buffer): void;
  };
  search(query: string, limit: number): SearchHit[];
  evict(maxBytes: number): { evictedTickets: number };
  integrityCheck(): string;
  settings: { get(): Settings; set(patch: Partial<Settings>): Settings };
  /** Reference data for the composer and the transfer picker (not part of the agreed API). */
  reference: { agents(): AgentRow[]; cannedReplies(): CannedReplyRow[]; macros(): MacroRow[] };
  close(): void;
}

/** How many previous tickets of the same customer a ticket's detail shows. */
export const PREVIOUS_TICKETS = 5;
/** Eviction stops this far under the cap, so it does not run again at the next tick. */
const EVICT_HEADROOM = 0.9;

export function createCache(db: CacheDb, filesDir: string, now: () => Date = () => new Date()): Cache {
  const iso = () => now().toISOString();
  const state = createSyncStateTable(db);
  const settings = createSettingsTable(db);
  const drafts = createDraftsTable(db);
  const tickets = createTicketsTable(db);
  const messages = createMessagesTable(db);
  const activity = createTicketActivityTable(db);
  const readMarkers = createReadMarkersTable(db);
  const uiState = createUiStateTable(db);
  const attachments = createAttachmentsTable(db);
  const outbox = createOutboxTable(db);
  const customers = createCustomersTable(db);
  const scoped = {
    account: createCustomerScopedTable<AccountRow>(db, 'accounts'),
    paymentMethod: createCustomerScopedTable<PaymentMethodRow>(db, 'payment_methods'),
    order: createCustomerScopedTable<OrderRow>(db, 'orders'),
    installment: createCustomerScopedTable<InstallmentRow>(db, 'installments'),
    transaction: createCustomerScopedTable<TransactionRow>(db, 'transactions'),
    return: createCustomerScopedTable<ReturnRow>(db, 'returns'),
  };
  const global = {
    agent: createGlobalTable<AgentRow>(db, 'agents'),
    cannedReply: createGlobalTable<CannedReplyRow>(db, 'canned_replies'),
    macro: createGlobalTable<MacroRow>(db, 'macros'),
  };
  const files = createFileStore(filesDir);
  const search = createSearch(db);

  // ---- applying pulls ---------------------------------------------------------------------------

  interface PageEffects {
    /** Whether local rows exist that a server message may replace. */
    twins: boolean;
    tickets: Set<string>;
    messages: Set<string>;
    activity: Set<string>;
    customers: Set<string>;
  }

  function messagesChanged(fx: PageEffects, ticketId: string): void {
    fx.messages.add(ticketId);
    fx.tickets.add(ticketId); // the list's preview and unread figures change with them
    fx.activity.add(ticketId);
  }

  function applyDelete(fx: PageEffects, entity: Entity, id: string): void {
    switch (entity) {
      case 'ticket': {
        // Losing access: the server's rows go, the agent's unsent or rejected rows and drafts stay.
        const ticketGone = tickets.remove(id);
        const messagesGone = messages.deleteSentOfTicket(id);
        const attachmentsGone = attachments.removeOfTicket(id).length;
        if (messagesGone > 0 || attachmentsGone > 0) messagesChanged(fx, id);
        else if (ticketGone) fx.tickets.add(id);
        return;
      }
      case 'message': {
        const ticketId = messages.deleteSent(id);
        if (ticketId !== null) messagesChanged(fx, ticketId);
        return;
      }
      case 'attachment': {
        const ticketId = attachments.remove(id);
        if (ticketId !== null) {
          fx.tickets.add(ticketId);
          fx.messages.add(ticketId);
        }
        return;
      }
      case 'customer':
        if (customers.remove(id)) fx.customers.add(id);
        return;
      case 'account':
      case 'paymentMethod':
      case 'order':
      case 'installment':
      case 'transaction':
      case 'return': {
        const customerId = scoped[entity].remove(id);
        if (customerId !== null) fx.customers.add(customerId);
        return;
      }
      case 'agent':
      case 'cannedReply':
      case 'macro':
        global[entity].remove(id);
        return;
      default:
        assertNever(entity);
    }
  }

  function applyUpsert(fx: PageEffects, c: Exclude<Change, { op: 'delete' }>): void {
    switch (c.entity) {
      case 'ticket':
        if (tickets.upsert(c.row)) fx.tickets.add(c.row.id);
        return;
      case 'message':
        if (messages.upsertSent(c.row, fx.twins)) messagesChanged(fx, c.row.ticketId);
        return;
      case 'attachment':
        if (attachments.upsert(c.row)) {
          fx.tickets.add(c.row.ticketId);
          fx.messages.add(c.row.ticketId);
        }
        return;
      case 'customer':
        if (customers.upsert(c.row)) fx.customers.add(c.row.id);
        return;
      case 'account':
        if (scoped.account.upsert(c.row)) fx.customers.add(c.row.customerId);
        return;
      case 'paymentMethod':
        if (scoped.paymentMethod.upsert(c.row)) fx.customers.add(c.row.customerId);
        return;
      case 'order':
        if (scoped.order.upsert(c.row)) fx.customers.add(c.row.customerId);
        return;
      case 'installment':
        if (scoped.installment.upsert(c.row)) fx.customers.add(c.row.customerId);
        return;
      case 'transaction':
        if (scoped.transaction.upsert(c.row)) fx.customers.add(c.row.customerId);
        return;
      case 'return':
        if (scoped.return.upsert(c.row)) fx.customers.add(c.row.customerId);
        return;
      case 'agent':
        global.agent.upsert(c.row);
        return;
      case 'cannedReply':
        global.cannedReply.upsert(c.row);
        return;
      case 'macro':
        global.macro.upsert(c.row);
        return;
      default:
        assertNever(c);
    }
  }

  const applyPage = db.transaction((changes: Change[], next: { cursor: string; epoch: string }) => {
    const fx: PageEffects = { twins: messages.hasLocalRows(), tickets: new Set(), messages: new Set(), activity: new Set(), customers: new Set() };
    messages.batchingIndex(() => {
      for (const c of changes) {
        if (c.op === 'delete') applyDelete(fx, c.entity, c.id);
        else applyUpsert(fx, c);
      }
    });
    // A customer's snapshot shows in the list (name) and the detail of each of their tickets.
    for (const customerId of fx.customers) for (const t of tickets.idsOfCustomer(customerId)) fx.tickets.add(t);
    activity.recompute(fx.activity);
    // Same transaction: the cursor never runs ahead of the data.
    state.moveCursor(next.cursor, next.epoch, iso());
    return { ticketIds: [...fx.tickets], messageTicketIds: [...fx.messages] };
  });

  const resetServerData = db.transaction(() => {
    tickets.clear();
    messages.deleteAllSent();
    attachments.clear();
    customers.clear();
    for (const t of Object.values(scoped)) t.clear();
    for (const t of Object.values(global)) t.clear();
    activity.clear();
    activity.recompute(messages.ticketsWithLocalRows());
    const s = state.get();
    state.moveCursor('', null, s.lastSyncedAt ?? iso());
  });

  // ---- the outbox -------------------------------------------------------------------------------

  const enqueue = db.transaction((mutation: Mutation, optimistic?: OptimisticMessage): { seq: number; message: LocalMessage | null } => {
    // Anything the server's schema would refuse must not enter the queue and wedge it.
    const valid = Mutation.parse(mutation);
    const at = iso();
    const seq = outbox.insert(valid, at);
    if (!optimistic) return { seq, message: null };
    // Writing in a chat means having read it: what the cache holds so far is seen.
    readMarkers.advanceToNewest(optimistic.ticketId);
    const id = localMessageId(valid.clientMsgId);
    messages.insertLocal({
      id,
      ticketId: optimistic.ticketId,
      authorKind: optimistic.authorKind,
      authorId: optimistic.authorId,
      authorName: optimistic.authorName,
      body: optimistic.body,
      clientMsgId: valid.clientMsgId,
      attachmentIds: optimistic.attachmentIds,
      createdAt: at,
      outboxSeq: seq,
    });
    activity.recompute([optimistic.ticketId]);
    return { seq, message: toLocalMessage(messages.get(id)!) };
  });

  const recordFailure = db.transaction((clientMsgIds: string[], error: string, nextAttemptAt: string) => {
    for (const id of clientMsgIds) outbox.recordFailure(id, error, nextAttemptAt);
  });

  const applyAcks = db.transaction((acks: Ack[]) => {
    const touched = new Set<string>();
    for (const ack of acks) {
      const entry = outbox.get(ack.clientMsgId);
      if (!entry) continue; // unknown or already applied: a duplicate ack is harmless
      const local = messages.localByClientId(ack.clientMsgId);
      if (local && local.delivery !== 'sent') {
        if (ack.status === 'applied') {
          const serverId = ack.entityId;
          if (serverId !== null && serverId !== local.id && messages.exists(serverId)) messages.remove(local.id);
          else messages.markSent(local.id, serverId ?? local.id);
        } else {
          messages.markRejected(local.id, ack.code, ack.reason);
        }
        touched.add(local.ticket_id);
      }
      outbox.remove(ack.clientMsgId);
      touched.add(entry.mutation.ticketId);
    }
    activity.recompute(touched);
  });

  const discard = db.transaction((clientMsgId: string) => {
    const local = messages.localByClientId(clientMsgId);
    const entry = outbox.get(clientMsgId);
    if (local && local.delivery !== 'sent') messages.remove(local.id);
    outbox.remove(clientMsgId);
    const touched = new Set<string>();
    if (local) touched.add(local.ticket_id);
    if (entry) touched.add(entry.mutation.ticketId);
    activity.recompute(touched);
  });

  const retry = db.transaction((clientMsgId: string): { seq: number; message: LocalMessage | null } => {
    const local = messages.localByClientId(clientMsgId);
    if (!local) return { seq: 0, message: null };
    // Still waiting, or already sent: nothing to resend.
    if (local.delivery !== 'rejected') return { seq: local.outbox_seq ?? 0, message: toLocalMessage(local) };
    return requeue(local);
  });

  function requeue(local: MessageDbRow): { seq: number; message: LocalMessage | null } {
    const clientMsgId = newClientId();
    const attachmentIds = toLocalMessage(local).attachmentIds;
    const mutation: Mutation =
      local.author_kind === 'note'
        ? { kind: 'message.note', clientMsgId, ticketId: local.ticket_id, body: local.body }
        : { kind: 'message.reply', clientMsgId, ticketId: local.ticket_id, body: local.body, ...(attachmentIds.length ? { attachmentIds } : {}) };
    messages.remove(local.id);
    if (local.client_msg_id) outbox.remove(local.client_msg_id);
    return enqueue(mutation, {
      ticketId: local.ticket_id,
      authorKind: local.author_kind === 'note' ? 'note' : 'agent',
      authorId: local.author_id ?? '',
      authorName: local.author_name,
      body: local.body,
      attachmentIds,
    });
  }

  const markRead = db.transaction((ticketId: string, upTo: string): boolean => {
    const before = activity.unread(ticketId);
    if (!readMarkers.advance(ticketId, upTo)) return false;
    activity.recompute([ticketId]);
    return activity.unread(ticketId) !== before;
  });

  // ---- eviction ---------------------------------------------------------------------------------

  const pageSize = (): number => db.pragma('page_size', { simple: true }) as number;
  const usedBytes = (): number =>
    ((db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number)) * pageSize();
  const fileBytes = (): number => sizeOf(db.name) + sizeOf(`${db.name}-wal`);
  const contentBytes = db
    .prepare<[], number>(
      `SELECT (SELECT coalesce(sum(length(row_json)), 0) FROM tickets)
            + (SELECT coalesce(sum(length(body) + length(attachment_ids_json) + 64), 0) FROM messages)`,
    )
    .pluck();

  const evictBatch = db.transaction((ids: { id: string; customer_id: string }[]): string[] => {
    const hashes: string[] = [];
    const customerIds = new Set<string>();
    messages.deleteOfTickets(ids.map((t) => t.id));
    for (const t of ids) {
      hashes.push(...attachments.removeOfTicket(t.id));
      tickets.remove(t.id);
      activity.remove(t.id);
      readMarkers.remove(t.id);
      customerIds.add(t.customer_id);
    }
    for (const customerId of customerIds) {
      if (tickets.customerHasTickets(customerId)) continue;
      customers.remove(customerId);
      for (const table of Object.values(scoped)) table.removeOfCustomer(customerId);
    }
    return hashes;
  });

  function evict(maxBytes: number): { evictedTickets: number } {
    if (fileBytes() <= maxBytes) return { evictedTickets: 0 };
    let evictedTickets = 0;
    let excess = usedBytes() - Math.floor(maxBytes * EVICT_HEADROOM);
    if (excess > 0) {
      // Pages are shared between tickets, so the space a ticket frees is estimated from its
      // content, scaled by how much file the whole content takes (indexes, FTS, snapshots).
      const content = contentBytes.get() ?? 0;
      const scale = content > 0 ? usedBytes() / content : 1;
      while (excess > 0) {
        const candidates = tickets.evictionCandidates(100);
        if (candidates.length === 0) break;
        const chosen: typeof candidates = [];
        for (const c of candidates) {
          if (excess <= 0) break;
          chosen.push(c);
          excess -= c.bytes * scale;
        }
        const hashes = evictBatch(chosen);
        evictedTickets += chosen.length;
        for (const sha of new Set(hashes)) if (!attachments.shaInUse(sha)) files.remove(sha);
      }
    }
    // Give the freed pages back to the disk and fold the WAL into the file.
    db.pragma('incremental_vacuum');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { evictedTickets };
  }

  // ---- reads ------------------------------------------------------------------------------------

  function localMidnight(): string {
    const d = now();
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).toISOString();
  }

  function detail(id: string): TicketDetail | null {
    const ticket = tickets.get(id);
    if (!ticket) return null;
    const cid = ticket.customerId;
    const byDesc = <T>(key: (r: T) => string) => (a: T, b: T) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0);
    return {
      ticket,
      context: {
        customer: customers.get(cid),
        account: scoped.account.ofCustomer(cid)[0] ?? null,
        paymentMethods: scoped.paymentMethod.ofCustomer(cid).sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.id.localeCompare(b.id)),
        orders: scoped.order.ofCustomer(cid).sort(byDesc((r) => r.placedAt)),
        installments: scoped.installment.ofCustomer(cid).sort((a, b) => a.orderId.localeCompare(b.orderId) || a.number - b.number),
        transactions: scoped.transaction.ofCustomer(cid).sort(byDesc((r) => r.createdAt)),
        returns: scoped.return.ofCustomer(cid).sort(byDesc((r) => r.createdAt)),
      },
      attachments: attachments.ofTicket(id),
      previous: tickets.previous(cid, id, PREVIOUS_TICKETS),
      mergedFrom: tickets.mergedInto(id).map((t) => ({ ticketId: t.id, reference: t.reference })),
    };
  }

  return {
    db,
    state: { get: state.get, set: state.set },
    applyPage: (changes, next) => applyPage(changes, next),
    resetServerData: () => resetServerData(),
    outbox: {
      enqueue: (mutation, optimistic) => enqueue(mutation, optimistic),
      list: (limit) => outbox.list(limit),
      size: () => outbox.size(),
      recordFailure: (ids, error, nextAttemptAt) => recordFailure(ids, error, nextAttemptAt),
      applyAcks: (acks) => applyAcks(acks),
      discard: (clientMsgId) => discard(clientMsgId),
      retry: (clientMsgId) => retry(clientMsgId),
    },
    tickets: {
      list: (view, agentId, limit, offset = 0) => tickets.list(view, agentId, { limit, offset }, localMidnight()),
      count: (view, agentId) => tickets.count(view, agentId, localMidnight()),
      get: (id) => tickets.get(id),
      detail,
      byReference: (reference) => tickets.byReference(reference),
      ofCustomer: (customerId, exceptTicketId, limit) => tickets.ofCustomer(customerId, exceptTicketId, limit),
      summaries: (ids) => tickets.summaries(ids),
      markRead: (ticketId, upTo) => markRead(ticketId, upTo),
    },
    tabs: { get: () => uiState.tabs(), save: (state) => uiState.saveTabs(state) },
    messages: {
      page(ticketId, before, limit) {
        // A case others were merged into shows their messages too, in one thread by time.
        const sources = tickets.mergedInto(ticketId);
        const rows = sources.length ? messages.newestOfMany([ticketId, ...sources.map((t) => t.id)], before, limit + 1) : messages.newest(ticketId, before, limit + 1);
        const hasMore = rows.length > limit;
        if (hasMore) rows.length = limit;
        return { messages: rows.reverse().map(toLocalMessage), hasMore };
      },
      get: (id) => {
        const r = messages.get(id);
        return r ? toLocalMessage(r) : null;
      },
    },
    drafts: {
      get: (ticketId) => drafts.get(ticketId),
      save: (ticketId, body, mode) => drafts.save(ticketId, body, mode, iso()),
    },
    attachments: {
      meta: (id) => attachments.get(id),
      put: (row) => void attachments.upsert(row),
      readFile: (sha256) => files.read(sha256),
      writeFile: (sha256, data) => files.write(sha256, data),
    },
    search: (query, limit) => search(query, limit),
    evict,
    integrityCheck: () => (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('\n'),
    settings: { get: settings.get, set: settings.set },
    reference: { agents: global.agent.all, cannedReplies: global.cannedReply.all, macros: global.macro.all },
    close() {
      if (!db.open) return;
      try {
        db.pragma('optimize');
      } catch {
        // optimize is a hint; closing matters
      }
      db.close();
    },
  };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
