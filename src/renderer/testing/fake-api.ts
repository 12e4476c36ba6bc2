/** A DeskApi for store tests: handlers per channel, recorded calls, events pushed by hand. */
import type { EventChannel, InvokeChannel } from '../../shared/api/channels';
import type { ApiError, DeskApi, EarlierCase, EventPayload, InvokeInput, InvokeOutput, LocalMessage, Result, SyncStatus, TicketDetail, TicketSummary, TicketView } from '../../shared/api/contract';

type Handler<C extends InvokeChannel> = (input: InvokeInput<C>) => Result<InvokeOutput<C>> | Promise<Result<InvokeOutput<C>>>;
export type FakeHandlers = { [C in InvokeChannel]?: Handler<C> };

export interface FakeApi extends DeskApi {
  calls: { channel: InvokeChannel; input: unknown }[];
  callsTo(channel: InvokeChannel): unknown[];
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
  handle<C extends InvokeChannel>(channel: C, handler: Handler<C>): void;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ApiError['code'], message: string = code): Result<never> => ({ ok: false, error: { code, message } });

export function createFakeApi(handlers: FakeHandlers = {}): FakeApi {
  const table: FakeHandlers = { ...handlers };
  const listeners = new Map<EventChannel, Set<(p: unknown) => void>>();
  const calls: { channel: InvokeChannel; input: unknown }[] = [];
  return {
    calls,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    async invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>> {
      calls.push({ channel, input });
      const h = table[channel] as Handler<C> | undefined;
      if (!h) return fail('internal', `no fake for ${channel}`);
      return h(input);
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => void set.delete(listener as (p: unknown) => void);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    handle(channel, handler) {
      (table as Record<string, unknown>)[channel] = handler;
    },
  };
}

/**
 * `tickets:list` and `tickets:count` over fixed rows per view, paged like the cache (limit and
 * offset). Pass it to createFakeApi, or spread it with other handlers.
 */
export function listHandlers(rowsFor: (view: TicketView) => readonly TicketSummary[]): Pick<FakeHandlers, 'tickets:list' | 'tickets:count'> {
  return {
    'tickets:list': ({ view, limit = 200, offset = 0 }) => ok(rowsFor(view).slice(offset, offset + limit)),
    'tickets:count': ({ view }) => ok(rowsFor(view).length),
  };
}

/** A promise you settle by hand, to hold an answer back. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export const flush = () => new Promise<void>((r) => setTimeout(r, 0));

// ---- fixtures -------------------------------------------------------------------------------

export function summary(id: string, over: Partial<TicketSummary> = {}): TicketSummary {
  return {
    id,
    reference: `AD-${id}`,
    customerId: `c-${id}`,
    channel: 'chat',
    category: 'payment_delay',
    status: 'open',
    priority: 'normal',
    tier: 1,
    regionId: 'se',
    assigneeId: 'agent-1',
    subject: 'Chat',
    orderNumber: null,
    createdAt: '2026-05-01T10:00:00.000Z',
    offeredAt: null,
    acceptedAt: '2026-05-01T10:00:05.000Z',
    firstResponseAt: null,
    resolvedAt: null,
    lastMessageAt: '2026-05-01T10:01:00.000Z',
    csat: null,
    isComplaint: false,
    complaintDueAt: null,
    linkedTicketId: null,
    waitingSince: null,
    replyDueAt: null,
    version: 1,
    customerName: `Customer ${id}`,
    customerVerified: true,
    lastMessagePreview: 'Hello',
    lastMessageAuthor: 'customer',
    unread: 0,
    pendingCount: 0,
    ...over,
  };
}

export function detail(ticketId: string, over: Partial<TicketDetail['ticket']> = {}): TicketDetail {
  const { customerName: _n, lastMessagePreview: _p, lastMessageAuthor: _a, unread: _u, pendingCount: _c, ...ticket } = summary(ticketId);
  return {
    ticket: { ...ticket, ...over },
    context: { customer: null, account: null, paymentMethods: [], orders: [], installments: [], transactions: [], returns: [] },
    attachments: [],
    previous: [],
  };
}

export function message(id: string, sortKey: string, over: Partial<LocalMessage> = {}): LocalMessage {
  return {
    id,
    ticketId: 't1',
    authorKind: 'customer',
    authorId: null,
    authorName: 'Anna',
    body: `body ${id}`,
    clientMsgId: null,
    attachmentIds: [],
    createdAt: '2026-05-01T10:00:00.000Z',
    version: 1,
    delivery: 'sent',
    rejection: null,
    sortKey,
    ...over,
  };
}

export function syncStatus(over: Partial<SyncStatus> = {}): SyncStatus {
  return { connection: 'online', outbox: 0, lastSyncedAt: null, attempt: 0, nextRetryAt: null, initialSync: null, problem: null, ...over };
}

/** One row of `tickets:ofCustomer`: another case of the same customer. */
export function earlierCase(ticketId: string, reference: string, createdAt: string, over: Partial<EarlierCase> = {}): EarlierCase {
  return { ticketId, reference, createdAt, category: 'refund_return', status: 'resolved', firstQuestion: `Question of ${reference}`, ...over };
}
