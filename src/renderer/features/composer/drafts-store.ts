/**
 * Composer drafts per chat, kept by main in the desktop cache (they survive a tab switch, going
 * offline and a crash). Typing updates the store at once and saves ~300 ms after the last key.
 */
import { createStore } from 'zustand/vanilla';
import type { ApiError, DeskApi } from '../../../shared/api/contract';

export const DRAFT_SAVE_DELAY_MS = 300;

export type ComposerMode = 'reply' | 'note';

export interface DraftEntry {
  body: string;
  mode: ComposerMode;
  /** The saved draft has been read (or there was none). */
  loaded: boolean;
}

export interface DraftsStoreState {
  drafts: Record<string, DraftEntry>;
  saveError: ApiError | null;
  /** Restores the saved draft of a chat, unless the agent already typed into it. */
  open(ticketId: string): Promise<void>;
  edit(ticketId: string, body: string): void;
  setMode(ticketId: string, mode: ComposerMode): void;
  /** Saves now whatever is waiting (switching chats, closing the window). */
  flush(ticketId?: string): Promise<void>;
  /** After a send: an empty draft, saved at once. */
  clear(ticketId: string): Promise<void>;
  reset(): void;
}

const EMPTY: DraftEntry = { body: '', mode: 'reply', loaded: false };

export function createDraftsStore({ api, delayMs = DRAFT_SAVE_DELAY_MS }: { api: DeskApi; delayMs?: number }) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Chats typed into since their saved draft was asked for: the typing wins. */
  const touched = new Set<string>();

  return createStore<DraftsStoreState>()((set, get) => {
    const entry = (ticketId: string): DraftEntry => get().drafts[ticketId] ?? EMPTY;
    const put = (ticketId: string, patch: Partial<DraftEntry>) =>
      set((s) => ({ drafts: { ...s.drafts, [ticketId]: { ...(s.drafts[ticketId] ?? EMPTY), ...patch } } }));

    async function save(ticketId: string): Promise<void> {
      const t = timers.get(ticketId);
      if (t) clearTimeout(t);
      timers.delete(ticketId);
      const { body, mode } = entry(ticketId);
      const r = await api.invoke('drafts:save', { ticketId, body, mode });
      set({ saveError: r.ok ? null : r.error });
    }

    function schedule(ticketId: string): void {
      touched.add(ticketId);
      const t = timers.get(ticketId);
      if (t) clearTimeout(t);
      timers.set(
        ticketId,
        setTimeout(() => void save(ticketId), delayMs),
      );
    }

    return {
      drafts: {},
      saveError: null,

      async open(ticketId) {
        if (get().drafts[ticketId]?.loaded) return;
        const r = await api.invoke('drafts:get', { ticketId });
        if (touched.has(ticketId)) return put(ticketId, { loaded: true });
        if (r.ok && r.value) put(ticketId, { body: r.value.body, mode: r.value.mode, loaded: true });
        else put(ticketId, { loaded: true });
      },

      edit(ticketId, body) {
        if (entry(ticketId).body === body) return;
        put(ticketId, { body });
        schedule(ticketId);
      },

      setMode(ticketId, mode) {
        if (entry(ticketId).mode === mode) return;
        put(ticketId, { mode });
        schedule(ticketId);
      },

      async flush(ticketId) {
        const ids = ticketId ? (timers.has(ticketId) ? [ticketId] : []) : [...timers.keys()];
        await Promise.all(ids.map(save));
      },

      async clear(ticketId) {
        touched.add(ticketId);
        put(ticketId, { body: '' });
        await save(ticketId);
      },

      reset() {
        for (const t of timers.values()) clearTimeout(t);
        timers.clear();
        touched.clear();
        set({ drafts: {}, saveError: null });
      },
    };
  });
}

export type DraftsStore = ReturnType<typeof createDraftsStore>;
