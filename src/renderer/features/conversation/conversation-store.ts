/**
 * The agent's open chats: per chat its ticket detail (customer context) and its thread, paged
 * from the cache through `messages:page`. Every open tab's chat is held here, so switching tabs
 * shows what is already in memory in the same frame (QUALITY.md: a chat switch within one frame);
 * main's change events keep them fresh in the background.
 *
 * The top-level fields mirror the active chat (`ticketId`), so the header, composer and panel
 * read them as before; `chats` holds every open chat, including the active one.
 */
import { createStore } from 'zustand/vanilla';
import type { ApiError, DeskApi, LocalMessage, TicketDetail } from '../../../shared/api/contract';
import type { Category } from '../../../shared/domain';
import type { ResolveOutcome } from '../../../shared/wrap-up';

export const PAGE_SIZE = 100;
/** A reload re-reads the newest messages, as many as are on screen, up to this many. */
export const MAX_RELOAD = 500;

export type QueuedAction = 'accept' | 'resolve';

/** What the agent says of a case when resolving it (the wrap-up dialog). */
export interface WrapUp {
  outcome: ResolveOutcome;
  category: Category;
  tags: string[];
}

/** One chat as the console holds it. */
export interface ChatData {
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
}

export interface ConversationStoreState extends ChatData {
  /** The active chat (the selected tab), whose data the fields above mirror. */
  ticketId: string | null;
  /** Every chat held in memory (the open tabs), by ticket id. */
  chats: Record<string, ChatData>;
  /** Makes the chat the active one: at once when it is held, else loads it. */
  open(ticketId: string | null): Promise<void>;
  /** Loads a chat into memory without showing it (a restored tab), unless it is there. */
  preload(ticketId: string): Promise<void>;
  /** Forgets the chats not in this list (closed tabs); the active chat stays. */
  keep(ticketIds: readonly string[]): void;
  /** Re-reads a held chat's newest messages (the active one by default). */
  reloadThread(ticketId?: string): Promise<void>;
  reloadDetail(ticketId?: string): Promise<void>;
  loadOlder(): Promise<number>;
  /** `cannedShortcut`: the canned reply a reply still largely is (src/shared/canned-usage.ts). */
  send(body: string, kind: 'reply' | 'note', attachmentIds?: string[], cannedShortcut?: string | null): Promise<ApiError | null>;
  retry(clientMsgId: string): Promise<void>;
  discard(clientMsgId: string): Promise<void>;
  /** Accepts the chat (the active one by default; an offered chat needs not be open). */
  accept(ticketId?: string): Promise<void>;
  decline(ticketId: string): Promise<ApiError | null>;
  /** Resolves the chat, with the wrap-up when the agent gave one (a macro's resolve has none). */
  resolve(ticketId?: string, wrapUp?: WrapUp): Promise<void>;
  /** The agent sees the chat's newest messages: main counts them read. */
  markRead(ticketId: string): void;
  reset(): void;
}

/** A chat's data: the held one, or the active chat's top-level fields. */
export const chatOf = (s: Pick<ConversationStoreState, 'chats' | 'ticketId'> & ChatData, ticketId: string): ChatData | undefined =>
  s.chats[ticketId] ?? (s.ticketId === ticketId ? s : undefined);

const views = new WeakMap<ConversationStoreState, Map<string, ConversationStoreState>>();
/**
 * The store's state as one held chat sees it: that chat's data at the top level and `ticketId`
 * set to it (actions unchanged: they act on the active chat). The same object for the same state
 * and chat, so selectors keep returning existing references.
 */
export function scopedConversation(s: ConversationStoreState, ticketId: string): ConversationStoreState {
  if (s.ticketId === ticketId) return s;
  let byChat = views.get(s);
  if (!byChat) views.set(s, (byChat = new Map()));
  let view = byChat.get(ticketId);
  if (!view) byChat.set(ticketId, (view = { ...s, ...(s.chats[ticketId] ?? emptyChat()), ticketId }));
  return view;
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

/** Whether a reload brought nothing new: then the old array stays and nothing re-renders. */
export function sameMessages(a: readonly LocalMessage[], b: readonly LocalMessage[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.sortKey !== y.sortKey || x.delivery !== y.delivery || x.version !== y.version || x.body !== y.body || x.rejection?.code !== y.rejection?.code) return false;
  }
  return true;
}

/** The sort key of the newest message from the server: how far the agent has read (never a local key). */
export function newestSentKey(messages: readonly LocalMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.delivery === 'sent' && !m.sortKey.startsWith('~')) return m.sortKey;
  }
  return null;
}

/** True once the synced ticket shows what the agent asked for. */
function actionLanded(action: QueuedAction, detail: TicketDetail, agentId: string | null): boolean {
  const t = detail.ticket;
  if (action === 'accept') return t.status !== 'queued' && t.acceptedAt !== null && (agentId === null || t.assigneeId === agentId);
  return t.status === 'resolved' || t.status === 'closed';
}

/** A chat before anything arrived (fresh arrays each time). */
const emptyChat = (): ChatData => ({
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

const CHAT_KEYS = Object.keys(emptyChat()) as (keyof ChatData)[];
const pickChat = (s: ChatData): ChatData => Object.fromEntries(CHAT_KEYS.map((k) => [k, s[k]])) as unknown as ChatData;

export function createConversationStore({ api, agentId = () => null }: { api: DeskApi; agentId?: () => string | null }) {
  /** Reloads per chat: overlapping calls coalesce into one more run. */
  const running = new Map<string, boolean>();
  const again = new Set<string>();
  const marked = new Map<string, string>(); // the last read marker sent per chat
  let generation = 0; // bumped by reset(): answers for a previous session are dropped

  return createStore<ConversationStoreState>()((set, get) => {
    /** Changes a held chat (and the top level when it is the active one); a forgotten chat is left alone. */
    const patch = (ticketId: string, p: Partial<ChatData> | ((c: ChatData) => Partial<ChatData>)) =>
      set((s) => {
        const prev = s.chats[ticketId];
        if (!prev) return {};
        const changes = typeof p === 'function' ? p(prev) : p;
        const next = { ...prev, ...changes };
        return s.ticketId === ticketId ? { chats: { ...s.chats, [ticketId]: next }, ...changes } : { chats: { ...s.chats, [ticketId]: next } };
      });
    const chat = (ticketId: string): ChatData | undefined => get().chats[ticketId];
    const active = (ticketId?: string): string | null => ticketId ?? get().ticketId;

    const applyDetail = (ticketId: string, detail: TicketDetail) =>
      patch(ticketId, (c) => {
        const q = c.queuedAction;
        const landed = q && actionLanded(q, detail, agentId()) ? { queuedAction: null } : {};
        // Same data: keep the old object, so nothing re-renders.
        if (c.detail && JSON.stringify(c.detail) === JSON.stringify(detail)) return { detailError: null, ...landed };
        return { detail, detailError: null, ...landed };
      });

    async function load(ticketId: string, gen: number): Promise<void> {
      const [detail, page] = await Promise.all([
        api.invoke('tickets:get', { ticketId }),
        api.invoke('messages:page', { ticketId, before: null, limit: PAGE_SIZE }),
      ]);
      if (gen !== generation) return;
      if (detail.ok) applyDetail(ticketId, detail.value);
      else patch(ticketId, { detailError: detail.error });
      if (page.ok) patch(ticketId, { messages: [...page.value.messages].sort(bySortKey), hasMore: page.value.hasMore, loading: false });
      else patch(ticketId, { threadError: page.error, loading: false });
    }

    /** Runs `work` for a chat, at most once at a time; a call meanwhile runs it once more after. */
    async function coalesced(key: string, work: () => Promise<void>): Promise<void> {
      if (running.get(key)) {
        again.add(key);
        return;
      }
      running.set(key, true);
      try {
        do {
          again.delete(key);
          await work();
        } while (again.has(key));
      } finally {
        running.delete(key);
      }
    }

    const resolveAction = (ticketId: string, wrapUp?: WrapUp) =>
      wrapUp ? api.invoke('actions:run', { kind: 'ticket.resolve', ticketId, ...wrapUp }) : api.invoke('actions:run', { kind: 'ticket.setStatus', ticketId, status: 'resolved' });

    async function runAction(kind: QueuedAction, ticketId: string, wrapUp?: WrapUp): Promise<void> {
      if (chat(ticketId)?.actionPending) return;
      patch(ticketId, { actionPending: true, actionError: null });
      const r = kind === 'accept' ? await api.invoke('actions:run', { kind: 'ticket.accept', ticketId }) : await resolveAction(ticketId, wrapUp);
      if (r.ok) patch(ticketId, { actionPending: false, queuedAction: kind });
      else patch(ticketId, { actionPending: false, actionError: r.error });
      if (chat(ticketId)) void get().reloadDetail(ticketId);
    }

    return {
      ...emptyChat(),
      ticketId: null,
      chats: {},

      async open(ticketId) {
        if (!ticketId) return set({ ...emptyChat(), ticketId: null });
        if (get().ticketId === ticketId && chat(ticketId)) return;
        const held = chat(ticketId);
        if (held) return set({ ticketId, ...pickChat(held) });
        const fresh = { ...emptyChat(), loading: true };
        set((s) => ({ ticketId, ...fresh, chats: { ...s.chats, [ticketId]: fresh } }));
        await load(ticketId, generation);
      },

      async preload(ticketId) {
        if (chat(ticketId)) return;
        set((s) => ({ chats: { ...s.chats, [ticketId]: { ...emptyChat(), loading: true } } }));
        await load(ticketId, generation);
      },

      keep(ticketIds) {
        const keepSet = new Set(ticketIds);
        const current = get().ticketId;
        if (current) keepSet.add(current);
        const chats = get().chats;
        if (Object.keys(chats).every((id) => keepSet.has(id))) return;
        set({ chats: Object.fromEntries(Object.entries(chats).filter(([id]) => keepSet.has(id))) });
        for (const id of marked.keys()) if (!keepSet.has(id)) marked.delete(id);
      },

      async reloadThread(ticketId) {
        const id = active(ticketId);
        if (!id || !chat(id)) return;
        const gen = generation;
        await coalesced(`thread:${id}`, async () => {
          const held = chat(id);
          if (!held) return;
          const limit = Math.min(MAX_RELOAD, Math.max(PAGE_SIZE, held.messages.length));
          const r = await api.invoke('messages:page', { ticketId: id, before: null, limit });
          if (gen !== generation) return;
          if (!r.ok) return patch(id, { threadError: r.error, loading: false });
          patch(id, (c) => {
            const merged = mergeNewest(c.messages, r.value.messages, r.value.hasMore, c.hasMore);
            const messages = sameMessages(c.messages, merged.messages) ? c.messages : merged.messages;
            return { messages, hasMore: merged.hasMore, threadError: null, loading: false };
          });
        });
      },

      async reloadDetail(ticketId) {
        const id = active(ticketId);
        if (!id || !chat(id)) return;
        const gen = generation;
        await coalesced(`detail:${id}`, async () => {
          const r = await api.invoke('tickets:get', { ticketId: id });
          if (gen !== generation) return;
          // Data already on screen is never replaced by an error.
          if (r.ok) applyDetail(id, r.value);
          else if (!chat(id)?.detail) patch(id, { detailError: r.error });
        });
      },

      async loadOlder() {
        const { ticketId, messages, hasMore, loadingOlder } = get();
        const oldest = messages[0];
        if (!ticketId || !hasMore || loadingOlder || !oldest) return 0;
        const gen = generation;
        patch(ticketId, { loadingOlder: true });
        const r = await api.invoke('messages:page', { ticketId, before: oldest.sortKey, limit: PAGE_SIZE });
        if (gen !== generation || !chat(ticketId)) return 0;
        if (!r.ok) {
          patch(ticketId, { loadingOlder: false, threadError: r.error });
          return 0;
        }
        let added = 0;
        patch(ticketId, (c) => {
          const known = new Set(c.messages.map((m) => m.id));
          const older = r.value.messages.filter((m) => !known.has(m.id) && m.sortKey < oldest.sortKey).sort(bySortKey);
          added = older.length;
          return { messages: [...older, ...c.messages], hasMore: r.value.hasMore, loadingOlder: false, threadError: null };
        });
        return added;
      },

      async send(body, kind, attachmentIds = [], cannedShortcut = null) {
        const ticketId = get().ticketId;
        if (!ticketId) return { code: 'invalid_input', message: 'Open a chat first.' };
        const canned = kind === 'reply' && cannedShortcut ? { cannedShortcut } : {};
        const r = await api.invoke('messages:send', { ticketId, body, kind, attachmentIds, ...canned });
        if (!r.ok) return r.error;
        // Optimistic: show it at once; the messages:changed reload that follows confirms it.
        patch(ticketId, (c) => (c.messages.some((m) => m.id === r.value.id) ? {} : { messages: [...c.messages, r.value].sort(bySortKey) }));
        return null;
      },

      async retry(clientMsgId) {
        const ticketId = get().ticketId;
        const r = await api.invoke('messages:retry', { clientMsgId });
        if (!ticketId) return;
        patch(ticketId, (c) => {
          const { [clientMsgId]: _old, ...rest } = c.rowErrors;
          return { rowErrors: r.ok ? rest : { ...rest, [clientMsgId]: r.error } };
        });
        if (r.ok) void get().reloadThread(ticketId);
      },

      async discard(clientMsgId) {
        const ticketId = get().ticketId;
        const r = await api.invoke('messages:discard', { clientMsgId });
        if (!ticketId) return;
        if (!r.ok) return patch(ticketId, (c) => ({ rowErrors: { ...c.rowErrors, [clientMsgId]: r.error } }));
        patch(ticketId, (c) => {
          const { [clientMsgId]: _old, ...rest } = c.rowErrors;
          return { rowErrors: rest, messages: c.messages.filter((m) => m.clientMsgId !== clientMsgId || m.delivery === 'sent') };
        });
        void get().reloadThread(ticketId);
      },

      async accept(ticketId) {
        const id = active(ticketId);
        if (!id) return;
        if (!chat(id)) {
          // An offer accepted from the offer bar: the tab that opens next shows it.
          await api.invoke('actions:run', { kind: 'ticket.accept', ticketId: id });
          return;
        }
        await runAction('accept', id);
      },

      async decline(ticketId) {
        const r = await api.invoke('actions:run', { kind: 'ticket.decline', ticketId });
        return r.ok ? null : r.error;
      },

      async resolve(ticketId, wrapUp) {
        const id = active(ticketId);
        if (!id) return;
        if (!chat(id)) {
          await resolveAction(id, wrapUp);
          return;
        }
        await runAction('resolve', id, wrapUp);
      },

      markRead(ticketId) {
        const held = chat(ticketId);
        const upTo = held ? newestSentKey(held.messages) : null;
        if (!upTo || marked.get(ticketId) === upTo) return;
        marked.set(ticketId, upTo);
        void api.invoke('tickets:markRead', { ticketId, upTo });
      },

      reset() {
        generation++;
        marked.clear();
        again.clear();
        set({ ...emptyChat(), ticketId: null, chats: {} });
      },
    };
  });
}

export type ConversationStore = ReturnType<typeof createConversationStore>;
