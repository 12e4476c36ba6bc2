/**
 * The context panel's view state, per chat: which sections the agent opened or closed, which
 * orders are expanded, the selected row (the write-back target), the transactions filter. Plus
 * the actions run from the panel and how each ended: `actions:run` queues it in main's outbox
 * (or refuses it at once, e.g. an account action offline), then `actions:settled` brings the
 * server's ack: applied, or refused with its reason (UX.md §1.6: nothing fails silently).
 *
 * Held in memory for the session, like the tabs' other view state; nothing is persisted here.
 */
import { createStore } from 'zustand/vanilla';
import type { ActionInput, ActionSettled, DeskApi } from '../../../shared/api/contract';
import type { DialogRequest } from './actions';
import type { PanelSectionKey, SectionId, TxFilter } from './sections';
import type { RowRef } from './summary';

export type ActionState = 'sending' | 'pending' | 'done' | 'refused' | 'failed';

export interface ActionEntry {
  key: number;
  ticketId: string;
  kind: ActionInput['kind'];
  /** What it acts on, so the row that launched it can show it too: 'installment:i1', 'return:r1', 'account', 'ticket'. */
  target: string;
  /** What the agent asked for, in words ("Extend installment 2 of ORD-1 to 24 Mar"). */
  summary: string;
  state: ActionState;
  clientMsgId: string | null;
  /** The refusal reason (server) or the error (main) that stopped it. */
  reason: string | null;
}

export interface ChatView {
  /** The agent's own choices; sections they never touched follow the category's defaults. */
  open: Partial<Record<PanelSectionKey, boolean>>;
  expanded: Record<string, boolean>;
  selection: RowRef | null;
  /** null: the category's default filter. */
  txFilter: TxFilter | null;
}

export interface PanelNotice {
  ticketId: string;
  text: string;
  tone: 'info' | 'warning';
  seq: number;
}

export interface PanelStoreState {
  views: Record<string, ChatView>;
  actions: ActionEntry[];
  /** true/false: the agent showed or hid the panel (Ctrl+Shift+O); null: follow the window width. */
  panelOverride: boolean | null;
  notice: PanelNotice | null;
  /** The action dialog open over the panel (a quick action's button or its key opened it). */
  dialog: { ticketId: string; request: DialogRequest } | null;
  /** Bumped by the show/hide key; the mounted panel answers it (focus follows it there). */
  toggleSeq: number;
  openDialog(ticketId: string, request: DialogRequest): void;
  closeDialog(): void;
  requestToggle(): void;
  setSectionOpen(ticketId: string, id: PanelSectionKey, open: boolean): void;
  /** Marks sections as opened by the agent, so a re-order by a new category never collapses them. */
  keepOpen(ticketId: string, ids: readonly SectionId[]): void;
  setExpanded(ticketId: string, orderId: string, expanded: boolean): void;
  select(ticketId: string, ref: RowRef | null): void;
  setTxFilter(ticketId: string, filter: TxFilter): void;
  setPanelOverride(value: boolean | null): void;
  say(ticketId: string, text: string, tone?: PanelNotice['tone']): void;
  /** Clears that notice (a newer one stays). */
  clearNotice(seq: number): void;
  /** Runs an action through `actions:run`; the entry follows it to done or refused. */
  run(input: ActionInput, what: { target: string; summary: string }): Promise<ActionEntry>;
  /** An `actions:settled` event from main. */
  settle(event: ActionSettled): void;
  dismiss(key: number): void;
  reset(): void;
}

export const EMPTY_VIEW: ChatView = Object.freeze({ open: {}, expanded: {}, selection: null, txFilter: null }) as ChatView;
/** Entries kept (all chats); the panel shows the newest few of the open chat. */
const MAX_ACTIONS = 30;
/** Acks that arrived before `actions:run` answered (possible over the browser host), by clientMsgId. */
const MAX_EARLY = 50;

export function createPanelStore({ api }: { api: DeskApi }) {
  let key = 0;
  let seq = 0;
  const early = new Map<string, ActionSettled>();

  return createStore<PanelStoreState>()((set, get) => {
    const patchView = (ticketId: string, patch: (v: ChatView) => Partial<ChatView>) =>
      set((s) => {
        const v = s.views[ticketId] ?? EMPTY_VIEW;
        return { views: { ...s.views, [ticketId]: { ...v, ...patch(v) } } };
      });
    const patchEntry = (k: number, patch: Partial<ActionEntry>) => set((s) => ({ actions: s.actions.map((a) => (a.key === k ? { ...a, ...patch } : a)) }));
    const settled = (e: ActionSettled): Partial<ActionEntry> =>
      e.status === 'applied' ? { state: 'done', reason: null } : { state: 'refused', reason: e.reason ?? 'The server refused this action.' };

    return {
      views: {},
      actions: [],
      panelOverride: null,
      notice: null,
      dialog: null,
      toggleSeq: 0,

      openDialog(ticketId, request) {
        set({ dialog: { ticketId, request } });
      },

      closeDialog() {
        if (get().dialog) set({ dialog: null });
      },

      requestToggle() {
        set((s) => ({ toggleSeq: s.toggleSeq + 1 }));
      },

      setSectionOpen(ticketId, id, open) {
        patchView(ticketId, (v) => ({ open: { ...v.open, [id]: open } }));
      },

      keepOpen(ticketId, ids) {
        const v = get().views[ticketId] ?? EMPTY_VIEW;
        const missing = ids.filter((id) => v.open[id] === undefined);
        if (missing.length) patchView(ticketId, (cur) => ({ open: { ...cur.open, ...Object.fromEntries(missing.map((id) => [id, true])) } }));
      },

      setExpanded(ticketId, orderId, expanded) {
        patchView(ticketId, (v) => ({ expanded: { ...v.expanded, [orderId]: expanded } }));
      },

      select(ticketId, ref) {
        patchView(ticketId, () => ({ selection: ref }));
        if (get().notice?.ticketId === ticketId) set({ notice: null });
      },

      setTxFilter(ticketId, filter) {
        patchView(ticketId, () => ({ txFilter: filter }));
      },

      setPanelOverride(value) {
        if (get().panelOverride !== value) set({ panelOverride: value });
      },

      say(ticketId, text, tone = 'info') {
        set({ notice: { ticketId, text, tone, seq: ++seq } });
      },

      clearNotice(n) {
        if (get().notice?.seq === n) set({ notice: null });
      },

      async run(input, what) {
        const entry: ActionEntry = { key: ++key, ticketId: input.ticketId, kind: input.kind, target: what.target, summary: what.summary, state: 'sending', clientMsgId: null, reason: null };
        set((s) => ({ actions: [...s.actions, entry].slice(-MAX_ACTIONS) }));
        const r = await api.invoke('actions:run', input);
        if (!r.ok) {
          patchEntry(entry.key, { state: 'failed', reason: r.error.message });
        } else {
          const ack = early.get(r.value.clientMsgId);
          early.delete(r.value.clientMsgId);
          patchEntry(entry.key, { clientMsgId: r.value.clientMsgId, ...(ack ? settled(ack) : { state: 'pending' }) });
        }
        return get().actions.find((a) => a.key === entry.key) ?? entry;
      },

      settle(event) {
        const entry = get().actions.find((a) => a.clientMsgId === event.clientMsgId);
        if (entry) return patchEntry(entry.key, settled(event));
        // Not ours, or ours before `actions:run` answered: keep it briefly for run() to pick up.
        early.set(event.clientMsgId, event);
        if (early.size > MAX_EARLY) early.delete(early.keys().next().value!);
      },

      dismiss(k) {
        set((s) => ({ actions: s.actions.filter((a) => a.key !== k) }));
      },

      reset() {
        early.clear();
        set({ views: {}, actions: [], notice: null, dialog: null });
      },
    };
  });
}

export type PanelStore = ReturnType<typeof createPanelStore>;
