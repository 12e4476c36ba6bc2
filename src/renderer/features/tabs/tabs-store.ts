/**
 * The tab strip (UX.md §2 "Tab strip"): one tab per open chat, in a stable order (new tabs go on
 * the right and are never re-sorted, so Ctrl+1…8 is a fixed position), the active one, each tab's
 * composer mode and scroll position, and the tabs closed recently (Ctrl+Shift+T reopens the last).
 * Closing a tab never resolves the chat nor loses its draft (drafts live in main's cache).
 *
 * Kept per agent by main (`tabs:get` / `tabs:save`, saved a moment after each change), so the
 * strip survives a restart. The list figures of each tab's chat (name, SLA, unread) come from
 * `tickets:summaries`, whichever list view holds the chat.
 */
import type { WrapUp } from '../conversation/conversation-store';
import { createStore } from 'zustand/vanilla';
import { MAX_CLOSED_TABS, MAX_OPEN_TABS, type ApiError, type DeskApi, type OpenTab, type TabsState, type TicketSummary } from '../../../shared/api/contract';
import { customerWait } from '../../lib/time';

export const TABS_SAVE_DELAY_MS = 400;
/** "Resolved · Undo" stays this long before the chat is resolved and its tab closes. */
export const RESOLVE_UNDO_MS = 3_000;

export type TabScroll = OpenTab['scroll'];
export type TabMode = OpenTab['mode'];

export interface TabsStoreState {
  tabs: OpenTab[];
  activeId: string | null;
  /** Closed recently, newest last. */
  closed: OpenTab[];
  summaries: Record<string, TicketSummary>;
  /** The stored strip has been read (or there was none). */
  loaded: boolean;
  loadError: ApiError | null;
  /** A resolve waiting out its Undo window. */
  resolving: { ticketId: string; name: string; wrapUp?: WrapUp } | null;
  /** Offers the agent accepted or declined, hidden before the list shows it (by ticket id). */
  answeredOffers: Record<string, true>;
  offerAnswered(ticketId: string, answered: boolean): void;
  load(): Promise<void>;
  /** Opens a chat's tab (on the right, if it has none) and makes it active unless told not to. */
  open(ticketId: string, opts?: { activate?: boolean }): void;
  activate(ticketId: string): void;
  /** Closes a tab (the chat stays as it is; its draft stays in main); the next one becomes active. */
  close(ticketId?: string): void;
  /** Opens the tab closed last again; false when there is none. */
  reopen(): boolean;
  /** Alt+J / Alt+K: the next or previous tab, wrapping around. */
  cycle(delta: 1 | -1): boolean;
  /** Ctrl+1…8: the tab at that position (1-based); 9 is the last tab, as in browsers. */
  goTo(position: number): boolean;
  /** Moves a tab one place left or right (the palette's "Move tab left / right"). */
  move(ticketId: string, delta: 1 | -1): boolean;
  /** Puts a tab at a position (dragging it there). */
  moveTo(ticketId: string, index: number): boolean;
  setMode(ticketId: string, mode: TabMode): void;
  setScroll(ticketId: string, scroll: TabScroll): void;
  /**
   * Closes the tabs of these chats that left this desk's cache: the agent cannot read them any
   * more (escalated to a tier above theirs, moved out of their regions). They cannot be reopened.
   */
  closeGone(ticketIds: readonly string[]): Promise<void>;
  /** Reads the summaries of the open tabs' chats again (after tickets:changed). */
  refreshSummaries(ticketIds?: readonly string[]): Promise<void>;
  /** Resolves the chat after an Undo window, then closes its tab and opens the next one that needs a reply. */
  resolveWithUndo(ticketId: string, wrapUp?: WrapUp): void;
  undoResolve(): void;
  /** Runs a resolve that is waiting now (closing the window). */
  flushResolve(): void;
  /** Saves now whatever is waiting. */
  flush(): Promise<void>;
  reset(): void;
}

const newTab = (ticketId: string): OpenTab => ({ ticketId, mode: 'reply', scroll: null });

/** Whether the chat waits on the agent (the server's reply clock runs). */
export const needsReply = (t: TicketSummary | undefined, nowMs: number): boolean =>
  !!t && t.status !== 'resolved' && t.status !== 'closed' && customerWait(t, nowMs) !== null;

/** Chats routing offered to the agent, not yet accepted or declined, oldest offer first. */
export function pendingOffers(mine: readonly TicketSummary[] | null, agentId: string | null, answered: Record<string, true>): TicketSummary[] {
  if (!mine || !agentId) return [];
  return mine
    .filter((t) => t.assigneeId === agentId && t.status === 'open' && t.offeredAt !== null && t.acceptedAt === null && !answeredSince(t) && !answered[t.id])
    .sort((a, b) => (a.offeredAt! < b.offeredAt! ? -1 : a.offeredAt! > b.offeredAt! ? 1 : 0));
}

/**
 * Answered since it was offered (the agent replied, maybe still in the outbox). A first response
 * from before the offer is a colleague's: the chat was transferred or escalated to this agent.
 */
const answeredSince = (t: Pick<TicketSummary, 'offeredAt' | 'firstResponseAt'>): boolean => t.firstResponseAt !== null && (t.offeredAt === null || t.firstResponseAt >= t.offeredAt);

/** Whether the agent may still decline this chat (offered to them, not taken yet). */
export const canDecline = (t: Pick<TicketSummary, 'assigneeId' | 'status' | 'offeredAt' | 'acceptedAt' | 'firstResponseAt'>, agentId: string | null): boolean =>
  agentId !== null && t.assigneeId === agentId && t.status === 'open' && t.offeredAt !== null && t.acceptedAt === null && t.firstResponseAt === null;

/** The chat whose customer has waited longest for a reply, among these summaries; null when none waits. */
export function oldestUnanswered(rows: Iterable<TicketSummary>, nowMs: number): string | null {
  let best: TicketSummary | null = null;
  for (const t of rows) {
    if (!needsReply(t, nowMs)) continue;
    if (!best || Date.parse(t.waitingSince!) < Date.parse(best.waitingSince!)) best = t;
  }
  return best?.id ?? null;
}

/** The tab to open after this one goes: the next (then previous) that needs a reply, else its right (else left) neighbour. */
export function nextAfter(tabs: readonly OpenTab[], goneId: string, summaries: Record<string, TicketSummary>, nowMs: number): string | null {
  const at = tabs.findIndex((t) => t.ticketId === goneId);
  const rest = tabs.filter((t) => t.ticketId !== goneId);
  if (rest.length === 0) return null;
  const from = Math.max(0, at);
  const ordered = [...rest.slice(from), ...rest.slice(0, from)];
  const waiting = ordered.find((t) => needsReply(summaries[t.ticketId], nowMs));
  return (waiting ?? rest[Math.min(from, rest.length - 1)])!.ticketId;
}

export interface TabsStoreDeps {
  api: DeskApi;
  /** Resolves the chat for real (the conversation store's action). */
  resolveChat?(ticketId: string, wrapUp?: WrapUp): void;
  now?: () => number;
  saveDelayMs?: number;
  undoMs?: number;
}

export function createTabsStore({ api, resolveChat = () => {}, now = Date.now, saveDelayMs = TABS_SAVE_DELAY_MS, undoMs = RESOLVE_UNDO_MS }: TabsStoreDeps) {
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let resolveTimer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;
  let summarySeq = 0;

  return createStore<TabsStoreState>()((set, get) => {
    const snapshot = (): TabsState => ({ tabs: get().tabs, activeId: get().activeId, closed: get().closed });

    async function save(): Promise<void> {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = null;
      await api.invoke('tabs:save', snapshot());
    }
    function scheduleSave(): void {
      if (!get().loaded) return; // nothing is saved over a strip not read yet
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void save(), saveDelayMs);
    }
    /** Changes the strip and saves it a moment later. */
    const change = (next: Partial<Pick<TabsStoreState, 'tabs' | 'activeId' | 'closed'>>) => {
      set(next);
      scheduleSave();
    };

    function closeTab(ticketId: string, activateNext: (tabs: OpenTab[]) => string | null): void {
      const { tabs, activeId, closed } = get();
      const tab = tabs.find((t) => t.ticketId === ticketId);
      if (!tab) return;
      const rest = tabs.filter((t) => t.ticketId !== ticketId);
      const nextClosed = [...closed.filter((t) => t.ticketId !== ticketId), tab].slice(-MAX_CLOSED_TABS);
      change({ tabs: rest, closed: nextClosed, activeId: activeId === ticketId ? activateNext(tabs) : activeId });
    }

    return {
      tabs: [],
      activeId: null,
      closed: [],
      summaries: {},
      loaded: false,
      loadError: null,
      resolving: null,
      answeredOffers: {},

      offerAnswered(ticketId, answered) {
        if (!!get().answeredOffers[ticketId] === answered) return;
        set((s) => {
          const { [ticketId]: _old, ...rest } = s.answeredOffers;
          return { answeredOffers: answered ? { ...rest, [ticketId]: true } : rest };
        });
      },

      async load() {
        const gen = generation;
        const r = await api.invoke('tabs:get', null);
        if (gen !== generation) return;
        if (!r.ok) return set({ loaded: true, loadError: r.error });
        // Tabs the agent opened before the stored strip arrived stay, after the stored ones.
        const mine = get().tabs.filter((t) => !r.value.tabs.some((s) => s.ticketId === t.ticketId));
        const tabs = [...r.value.tabs, ...mine].slice(-MAX_OPEN_TABS);
        const activeId = get().activeId ?? (tabs.some((t) => t.ticketId === r.value.activeId) ? r.value.activeId : (tabs[0]?.ticketId ?? null));
        set({ tabs, activeId, closed: r.value.closed, loaded: true, loadError: null });
        if (mine.length > 0) scheduleSave();
        await get().refreshSummaries();
      },

      open(ticketId, { activate = true } = {}) {
        const { tabs, activeId } = get();
        const has = tabs.some((t) => t.ticketId === ticketId);
        if (has && (!activate || activeId === ticketId)) return;
        const reopened = get().closed.find((t) => t.ticketId === ticketId);
        // Past the cap, the oldest tab that is not active makes room.
        let next = has ? tabs : [...tabs, reopened ?? newTab(ticketId)];
        if (next.length > MAX_OPEN_TABS) {
          const drop = next.find((t) => t.ticketId !== activeId && t.ticketId !== ticketId);
          next = next.filter((t) => t !== drop);
        }
        change({
          tabs: next,
          closed: reopened ? get().closed.filter((t) => t !== reopened) : get().closed,
          activeId: activate ? ticketId : (activeId ?? ticketId),
        });
        if (!has && !get().summaries[ticketId]) void get().refreshSummaries([ticketId]);
      },

      activate(ticketId) {
        if (get().activeId === ticketId || !get().tabs.some((t) => t.ticketId === ticketId)) return;
        change({ activeId: ticketId });
      },

      close(ticketId = get().activeId ?? undefined) {
        if (!ticketId) return;
        if (get().resolving?.ticketId === ticketId) get().undoResolve();
        closeTab(ticketId, (tabs) => {
          const at = tabs.findIndex((t) => t.ticketId === ticketId);
          const rest = tabs.filter((t) => t.ticketId !== ticketId);
          return rest[Math.min(at, rest.length - 1)]?.ticketId ?? null;
        });
      },

      reopen() {
        const last = get().closed.at(-1);
        if (!last) return false;
        get().open(last.ticketId);
        return true;
      },

      cycle(delta) {
        const { tabs, activeId } = get();
        if (tabs.length === 0) return false;
        const at = tabs.findIndex((t) => t.ticketId === activeId);
        const next = tabs[at < 0 ? (delta > 0 ? 0 : tabs.length - 1) : (at + delta + tabs.length) % tabs.length]!;
        get().activate(next.ticketId);
        return true;
      },

      goTo(position) {
        const { tabs } = get();
        const tab = position >= 9 ? tabs.at(-1) : tabs[position - 1];
        if (!tab) return false;
        get().activate(tab.ticketId);
        return true;
      },

      move(ticketId, delta) {
        const tabs = [...get().tabs];
        const at = tabs.findIndex((t) => t.ticketId === ticketId);
        const to = at + delta;
        if (at < 0 || to < 0 || to >= tabs.length) return false;
        [tabs[at], tabs[to]] = [tabs[to]!, tabs[at]!];
        change({ tabs });
        return true;
      },

      moveTo(ticketId, index) {
        const tabs = get().tabs;
        const at = tabs.findIndex((t) => t.ticketId === ticketId);
        const to = Math.max(0, Math.min(tabs.length - 1, index));
        if (at < 0 || at === to) return false;
        const next = tabs.filter((t) => t.ticketId !== ticketId);
        next.splice(to, 0, tabs[at]!);
        change({ tabs: next });
        return true;
      },

      setMode(ticketId, mode) {
        const tabs = get().tabs;
        const at = tabs.findIndex((t) => t.ticketId === ticketId);
        if (at < 0 || tabs[at]!.mode === mode) return;
        change({ tabs: tabs.map((t, i) => (i === at ? { ...t, mode } : t)) });
      },

      setScroll(ticketId, scroll) {
        const tabs = get().tabs;
        const at = tabs.findIndex((t) => t.ticketId === ticketId);
        const old = tabs[at]?.scroll;
        if (at < 0 || old === scroll || (old && scroll && old.anchorId === scroll.anchorId && old.offset === scroll.offset)) return;
        change({ tabs: tabs.map((t, i) => (i === at ? { ...t, scroll } : t)) });
      },

      async closeGone(ticketIds) {
        const open = ticketIds.filter((id) => get().tabs.some((t) => t.ticketId === id));
        if (open.length === 0) return;
        const gen = generation;
        const r = await api.invoke('tickets:summaries', { ticketIds: open });
        if (gen !== generation || !r.ok) return;
        const held = new Set(r.value.map((s) => s.id));
        for (const id of open.filter((id) => !held.has(id))) {
          get().close(id);
          change({ closed: get().closed.filter((t) => t.ticketId !== id) });
        }
      },

      async refreshSummaries(ticketIds) {
        const ids = ticketIds ?? [...get().tabs.map((t) => t.ticketId), ...get().closed.map((t) => t.ticketId)];
        if (ids.length === 0) return;
        const gen = generation;
        const seq = ++summarySeq;
        const r = await api.invoke('tickets:summaries', { ticketIds: [...new Set(ids)] });
        if (gen !== generation || !r.ok) return;
        // A full refresh that an older call overtook must not bring its older figures back.
        if (!ticketIds && seq !== summarySeq) return;
        const next = { ...get().summaries };
        let changed = false;
        for (const s of r.value) {
          const old = next[s.id];
          if (old && JSON.stringify(old) === JSON.stringify(s)) continue;
          next[s.id] = s;
          changed = true;
        }
        if (changed) set({ summaries: next });
      },

      resolveWithUndo(ticketId, wrapUp) {
        get().flushResolve(); // one at a time: an earlier one runs now
        const name = get().summaries[ticketId]?.customerName ?? '';
        set({ resolving: wrapUp ? { ticketId, name, wrapUp } : { ticketId, name } });
        resolveTimer = setTimeout(() => get().flushResolve(), undoMs);
      },

      undoResolve() {
        if (resolveTimer) clearTimeout(resolveTimer);
        resolveTimer = null;
        set({ resolving: null });
      },

      flushResolve() {
        const pending = get().resolving;
        if (resolveTimer) clearTimeout(resolveTimer);
        resolveTimer = null;
        if (!pending) return;
        set({ resolving: null });
        resolveChat(pending.ticketId, pending.wrapUp);
        closeTab(pending.ticketId, (tabs) => nextAfter(tabs, pending.ticketId, get().summaries, now()));
      },

      async flush() {
        if (saveTimer) await save();
      },

      reset() {
        generation++;
        if (saveTimer) clearTimeout(saveTimer);
        if (resolveTimer) clearTimeout(resolveTimer);
        saveTimer = resolveTimer = null;
        set({ tabs: [], activeId: null, closed: [], summaries: {}, loaded: false, loadError: null, resolving: null, answeredOffers: {} });
      },
    };
  });
}

export type TabsStore = ReturnType<typeof createTabsStore>;
