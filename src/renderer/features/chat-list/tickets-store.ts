/** The chat list: one list per view, the selected chat, who is typing. */
import { createStore } from 'zustand/vanilla';
import type { ApiError, DeskApi, TicketSummary, TicketView } from '../../../shared/api/contract';

export const LIST_VIEWS = ['mine', 'queue', 'all'] as const satisfies readonly TicketView[];
export type ListView = (typeof LIST_VIEWS)[number];
export const VIEW_LABELS: Record<ListView, string> = { mine: 'Mine', queue: 'Queue', all: 'All' };
/** Rows per view the cache hands over (the contract's default). */
export const LIST_LIMIT = 200;
/** A typing indicator that is not renewed goes away. */
export const TYPING_TTL_MS = 6_000;

type PerView<T> = Record<ListView, T>;
const perView = <T>(value: T): PerView<T> => ({ mine: value, queue: value, all: value });

export interface TicketsStoreState {
  view: ListView;
  /** null: not loaded yet. */
  lists: PerView<TicketSummary[] | null>;
  loading: PerView<boolean>;
  errors: PerView<ApiError | null>;
  selectedId: string | null;
  typing: Record<string, true>;
  setView(view: ListView): void;
  /** Reloads the given views (all by default); overlapping calls coalesce into one more run. */
  reload(views?: readonly ListView[]): Promise<void>;
  select(ticketId: string | null): void;
  /** Alt+J / Alt+K: the next or previous chat of the current view. */
  selectRelative(delta: 1 | -1): void;
  setTyping(ticketId: string, typing: boolean): void;
  reset(): void;
}

export function createTicketsStore({ api, limit = LIST_LIMIT }: { api: DeskApi; limit?: number }) {
  const running = perView(false);
  const again = perView(false);
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let generation = 0; // bumped by reset(): answers for a previous session are dropped

  return createStore<TicketsStoreState>()((set, get) => {
    async function loadView(view: ListView): Promise<void> {
      if (running[view]) {
        again[view] = true;
        return;
      }
      running[view] = true;
      try {
        do {
          again[view] = false;
          const gen = generation;
          set((s) => ({ loading: { ...s.loading, [view]: true } }));
          const r = await api.invoke('tickets:list', { view, limit });
          if (gen !== generation) continue; // a previous session's answer; runs again if asked meanwhile
          if (r.ok) set((s) => ({ lists: { ...s.lists, [view]: r.value }, errors: { ...s.errors, [view]: null }, loading: { ...s.loading, [view]: false } }));
          // Keep the rows already on screen; show the error beside them.
          else set((s) => ({ errors: { ...s.errors, [view]: r.error }, loading: { ...s.loading, [view]: false } }));
        } while (again[view]);
      } finally {
        running[view] = false;
      }
    }

    return {
      view: 'mine',
      lists: perView(null),
      loading: perView(false),
      errors: perView(null),
      selectedId: null,
      typing: {},

      setView(view) {
        set({ view });
        if (get().lists[view] === null) void loadView(view);
      },

      async reload(views = LIST_VIEWS) {
        await Promise.all(views.map(loadView));
      },

      select(ticketId) {
        if (get().selectedId !== ticketId) set({ selectedId: ticketId });
      },

      selectRelative(delta) {
        const { lists, view, selectedId } = get();
        const rows = lists[view] ?? [];
        if (rows.length === 0) return;
        const at = rows.findIndex((t) => t.id === selectedId);
        const next = at < 0 ? (delta > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + delta));
        const row = rows[next];
        if (row) set({ selectedId: row.id });
      },

      setTyping(ticketId, typing) {
        const old = typingTimers.get(ticketId);
        if (old) clearTimeout(old);
        typingTimers.delete(ticketId);
        if (typing) {
          typingTimers.set(
            ticketId,
            setTimeout(() => get().setTyping(ticketId, false), TYPING_TTL_MS),
          );
          if (!get().typing[ticketId]) set((s) => ({ typing: { ...s.typing, [ticketId]: true } }));
        } else if (get().typing[ticketId]) {
          set((s) => {
            const { [ticketId]: _gone, ...rest } = s.typing;
            return { typing: rest };
          });
        }
      },

      reset() {
        generation++;
        for (const t of typingTimers.values()) clearTimeout(t);
        typingTimers.clear();
        set({ view: 'mine', lists: perView(null), loading: perView(false), errors: perView(null), selectedId: null, typing: {} });
      },
    };
  });
}

export type TicketsStore = ReturnType<typeof createTicketsStore>;

/** The count shown beside a view name: the cache lists at most `limit` rows. */
export function viewCount(rows: readonly TicketSummary[] | null, limit = LIST_LIMIT): string {
  if (rows === null) return '';
  return rows.length >= limit ? `${limit}+` : String(rows.length);
}

/** A summary from whichever list holds it. */
export function findSummary(lists: PerView<TicketSummary[] | null>, ticketId: string | null): TicketSummary | null {
  if (!ticketId) return null;
  for (const v of LIST_VIEWS) {
    const hit = lists[v]?.find((t) => t.id === ticketId);
    if (hit) return hit;
  }
  return null;
}
