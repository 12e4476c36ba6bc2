/**
 * The open chat: its ticket detail (customer context) and its thread, paged from the cache
 * through `messages:page`. Only one chat is held at a time; older pages load on request.
 */
import { createStore } from 'zustand/vanilla';
import type { ApiError, DeskApi, LocalMessage, TicketDetail } from '../../../shared/api/contract';

export const PAGE_SIZE = 100;
/** A reload re-reads the newest messages, as many as are on screen, up to this many. */
export const MAX_RELOAD = 500;

export type QueuedAction = 'accept' | 'resolve';

export interface ConversationStoreState {
  ticketId: string | null;
  detail: TicketDetail | null;
  detailError: ApiError | null;
  /** Oldest first, by sortKey. */
  messages: LocalMessage[];
  hasMore: boolean;
  /** The first page of this chat has not arrived yet. */
  loading: boolean;
  loadingOlder: boolean;
  threadError: ApiError | null;
  /** An action the agent ran that the synced ticket does not show yet (queued while offline). */
  queuedAction: QueuedAction | null;
  actionPending: boolean;
  actionError: ApiError | null;
  /** Retry / discard failures, by clientMsgId. */
  rowErrors: Record<string, ApiError>;
  open(ticketId: string | null): Promise<void>;
  reloadThread(): Promise<void>;
  reloadDetail(): Promise<void>;
  loadOlder(): Promise<number>;
  send(body: string, kind: 'reply' | 'note', attachmentIds?: string[]): Promise<ApiError | null>;
  retry(clientMsgId: string): Promise<void>;
  discard(clientMsgId: string): Promise<void>;
  accept(): Promise<void>;
  resolve(): Promise<void>;
}

const bySortKey = (a: LocalMessage, b: LocalMessage) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0);

/** Puts a page of the newest messages over what is loaded: older rows stay, the rest is replaced. */
export function mergeNewest(loaded: readonly LocalMessage[], page: readonly LocalMessage[], pageHasMore: boolean, loadedHasMore: boolean) {
  const fresh = [...page].sort(bySortKey);
  const first = fresh[0];
  if (!pageHasMore || !first) return { messages: fresh, hasMore: pageHasMore };
  const kept = loaded.filter((m) => m.sortKey < first.sortKey);
  return { messages: [...kept, ...fresh], hasMore: kept.length > 0 ? loadedHasMore : pageHasMore };
}

/** True once the synced ticket shows what the agent asked for. */
function actionLanded(action: QueuedAction, detail: TicketDetail, agentId: string | null): boolean {
  const t = detail.ticket;
  if (action === 'accept') return t.status !== 'queued' && (agentId === null || t.assigneeId === agentId);
  return t.status === 'resolved' || t.status === 'closed';
}

type ConversationData = Pick<
  ConversationStoreState,
  'ticketId' | 'detail' | 'detailError' | 'messages' | 'hasMore' | 'loading' | 'loadingOlder' | 'threadError' | 'queuedAction' | 'actionPending' | 'actionError' | 'rowErrors'
>;

/** The state of no open conversation; opening one starts from it (fresh arrays each time). */
const closed = (): ConversationData => ({
  ticketId: null,
  detail: null,
  detailError: null,
  messages: [],
  hasMore: false,
  loading: false,
  loadingOlder: false,
  threadError: null,
  queuedAction: null,
  actionPending: false,
  actionError: null,
  rowErrors: {},
});

export function createConversationStore({ api, agentId = () => null }: { api: DeskApi; agentId?: () => string | null }) {
  let openSeq = 0; // answers for a chat that is no longer open are dropped

  return createStore<ConversationStoreState>()((set, get) => {
    const stillOpen = (ticketId: string, seq: number) => get().ticketId === ticketId && openSeq === seq;

    const applyDetail = (detail: TicketDetail) => {
      const q = get().queuedAction;
      set({ detail, detailError: null, ...(q && actionLanded(q, detail, agentId()) ? { queuedAction: null } : {}) });
    };

    async function runAction(kind: QueuedAction): Promise<void> {
      const ticketId = get().ticketId;
      if (!ticketId || get().actionPending) return;
      set({ actionPending: true, actionError: null });
      const r =
        kind === 'accept'
          ? await api.invoke('actions:run', { kind: 'ticket.accept', ticketId })
          : await api.invoke('actions:run', { kind: 'ticket.setStatus', ticketId, status: 'resolved' });
      if (get().ticketId !== ticketId) return set({ actionPending: false });
      if (r.ok) set({ actionPending: false, queuedAction: kind });
      else set({ actionPending: false, actionError: r.error });
      void get().reloadDetail();
    }

    return {
      ...closed(),

      async open(ticketId) {
        const seq = ++openSeq;
        set({ ...closed(), ticketId, loading: ticketId !== null });
        if (!ticketId) return;
        const [detail, page] = await Promise.all([
          api.invoke('tickets:get', { ticketId }),
          api.invoke('messages:page', { ticketId, before: null, limit: PAGE_SIZE }),
        ]);
        if (!stillOpen(ticketId, seq)) return;
        if (detail.ok) applyDetail(detail.value);
        else set({ detailError: detail.error });
        if (page.ok) set({ messages: [...page.value.messages].sort(bySortKey), hasMore: page.value.hasMore, loading: false });
        else set({ threadError: page.error, loading: false });
      },

      async reloadThread() {
        const { ticketId } = get();
        if (!ticketId) return;
        const seq = openSeq;
        const limit = Math.min(MAX_RELOAD, Math.max(PAGE_SIZE, get().messages.length));
        const r = await api.invoke('messages:page', { ticketId, before: null, limit });
        if (!stillOpen(ticketId, seq)) return;
        if (!r.ok) return set({ threadError: r.error, loading: false });
        const { messages, hasMore } = get();
        set({ ...mergeNewest(messages, r.value.messages, r.value.hasMore, hasMore), threadError: null, loading: false });
      },

      async reloadDetail() {
        const { ticketId } = get();
        if (!ticketId) return;
        const seq = openSeq;
        const r = await api.invoke('tickets:get', { ticketId });
        if (!stillOpen(ticketId, seq)) return;
        // Data already on screen is never replaced by an error.
        if (r.ok) applyDetail(r.value);
        else if (!get().detail) set({ detailError: r.error });
      },

      async loadOlder() {
        const { ticketId, messages, hasMore, loadingOlder } = get();
        const oldest = messages[0];
        if (!ticketId || !hasMore || loadingOlder || !oldest) return 0;
        const seq = openSeq;
        set({ loadingOlder: true });
        const r = await api.invoke('messages:page', { ticketId, before: oldest.sortKey, limit: PAGE_SIZE });
        if (!stillOpen(ticketId, seq)) return 0;
        if (!r.ok) {
          set({ loadingOlder: false, threadError: r.error });
          return 0;
        }
        const known = new Set(get().messages.map((m) => m.id));
        const older = r.value.messages.filter((m) => !known.has(m.id) && m.sortKey < oldest.sortKey).sort(bySortKey);
        set({ messages: [...older, ...get().messages], hasMore: r.value.hasMore, loadingOlder: false, threadError: null });
        return older.length;
      },

      async send(body, kind, attachmentIds = []) {
        const ticketId = get().ticketId;
        if (!ticketId) return { code: 'invalid_input', message: 'Open a chat first.' };
        const r = await api.invoke('messages:send', { ticketId, body, kind, attachmentIds });
        if (!r.ok) return r.error;
        // Optimistic: show it at once; the messages:changed reload that follows confirms it.
        if (get().ticketId === ticketId && !get().messages.some((m) => m.id === r.value.id)) {
          set({ messages: [...get().messages, r.value].sort(bySortKey) });
        }
        return null;
      },

      async retry(clientMsgId) {
        const r = await api.invoke('messages:retry', { clientMsgId });
        set((s) => {
          const { [clientMsgId]: _old, ...rest } = s.rowErrors;
          return { rowErrors: r.ok ? rest : { ...rest, [clientMsgId]: r.error } };
        });
        if (r.ok) void get().reloadThread();
      },

      async discard(clientMsgId) {
        const r = await api.invoke('messages:discard', { clientMsgId });
        if (!r.ok) return set((s) => ({ rowErrors: { ...s.rowErrors, [clientMsgId]: r.error } }));
        set((s) => {
          const { [clientMsgId]: _old, ...rest } = s.rowErrors;
          return { rowErrors: rest, messages: s.messages.filter((m) => m.clientMsgId !== clientMsgId || m.delivery === 'sent') };
        });
        void get().reloadThread();
      },

      accept: () => runAction('accept'),
      resolve: () => runAction('resolve'),
    };
  });
}

export type ConversationStore = ReturnType<typeof createConversationStore>;
