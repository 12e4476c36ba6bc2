/**
 * The chat list: one windowed list per view, the selected chat, who is typing. A view holds its
 * length (`totals`) and the pages of rows loaded so far; the pages around the rows on screen load
 * as they scroll into view, and a change reloads only the first page and the pages on screen.
 */
import { createStore } from 'zustand/vanilla';
import type { ApiError, DeskApi, TicketSummary, TicketView } from '../../../shared/api/contract';

export const LIST_VIEWS = ['mine', 'queue', 'all'] as const satisfies readonly TicketView[];
export type ListView = (typeof LIST_VIEWS)[number];
export const VIEW_LABELS: Record<ListView, string> = { mine: 'Mine', queue: 'Queue', all: 'All' };
/** Rows per page the cache hands over (the contract's default). */
export const LIST_LIMIT = 200;
/** A typing indicator that is not renewed goes away. */
export const TYPING_TTL_MS = 6_000;
/** Scrolling settles this long before the pages it shows are asked for. */
export const PAGE_DEBOUNCE_MS = 60;
/** Pages asked for at once while scrolling. */
export const PAGES_IN_FLIGHT = 2;

type PerView<T> = Record<ListView, T>;
const perView = <T>(value: T): PerView<T> => ({ mine: value, queue: value, all: value });
const perViewOf = <T>(make: () => T): PerView<T> => ({ mine: make(), queue: make(), all: make() });

/** A view's loaded pages by index (page 0 is the first `limit` rows). */
export type ListPages = Readonly<Record<number, readonly TicketSummary[]>>;

export interface TicketsStoreState {
  view: ListView;
  /** Each view's first page (null: not loaded yet): what the tabs, offers and macros read. */
  lists: PerView<TicketSummary[] | null>;
  /** How many chats each view holds (null: not known yet). */
  totals: PerView<number | null>;
  /** Each view's loaded pages; rows not loaded are shown as placeholders. */
  pages: PerView<ListPages>;
  loading: PerView<boolean>;
  errors: PerView<ApiError | null>;
  selectedId: string | null;
  typing: Record<string, true>;
  setView(view: ListView): void;
  /** Reloads the given views (all by default): their first page, their length and the pages on screen. Overlapping calls coalesce into one more run. */
  reload(views?: readonly ListView[]): Promise<void>;
  /** The rows of the current view on screen (indexes, inclusive): their pages load, debounced. */
  showRows(view: ListView, first: number, last: number): void;
  /** The row at this index of a view, loading its page when it is not loaded. */
  loadRow(view: ListView, index: number): Promise<TicketSummary | null>;
  select(ticketId: string | null): void;
  /** Alt+J / Alt+K: the next or previous chat of the current view. */
  selectRelative(delta: 1 | -1): void;
  setTyping(ticketId: string, typing: boolean): void;
  reset(): void;
}

export function createTicketsStore({ api, limit = LIST_LIMIT, debounceMs = PAGE_DEBOUNCE_MS }: { api: DeskApi; limit?: number; debounceMs?: number }) {
  const running = perView(false);
  const again = perView(false);
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let generation = 0; // bumped by reset(): answers for a previous session are dropped
  // Per view: bumped by each reload, so a page asked for before a change is not taken as current.
  const epoch = perView(0);
  // Pages loaded since the view last changed; the others are shown until they are on screen again.
  const fresh = perViewOf(() => new Set<number>());
  const onScreen = perView<{ first: number; last: number } | null>(null);
  const inFlight = new Map<string, Promise<void>>();
  let windowLoads = 0;
  let showTimer: ReturnType<typeof setTimeout> | null = null;

  const pagesOf = (range: { first: number; last: number } | null): number[] => {
    if (!range) return [];
    const out: number[] = [];
    for (let p = Math.floor(range.first / limit); p <= Math.floor(range.last / limit); p++) out.push(p);
    return out;
  };

  return createStore<TicketsStoreState>()((set, get) => {
    function putPage(view: ListView, page: number, rows: TicketSummary[]) {
      set((s) => ({
        pages: { ...s.pages, [view]: { ...s.pages[view], [page]: rows } },
        ...(page === 0 ? { lists: { ...s.lists, [view]: rows } } : {}),
      }));
    }

    /** One page of a view; asking for a page already on its way joins that request. */
    function loadPage(view: ListView, page: number): Promise<void> {
      const key = `${view}:${page}:${epoch[view]}`;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const gen = generation;
      const ep = epoch[view];
      const run = (async () => {
        try {
          const r = await api.invoke('tickets:list', { view, limit, offset: page * limit });
          if (gen !== generation || !r.ok) return; // a failed later page stays a placeholder; the next scroll asks again
          const total = get().totals[view];
          if (total !== null && page * limit >= total) return;
          putPage(view, page, r.value);
          if (ep === epoch[view]) fresh[view].add(page);
        } finally {
          inFlight.delete(key);
        }
      })();
      inFlight.set(key, run);
      return run;
    }

    /** Starts the pages on screen that are missing or stale, at most PAGES_IN_FLIGHT at once. */
    function pump() {
      const view = get().view;
      const total = get().totals[view] ?? 0;
      for (const page of pagesOf(onScreen[view])) {
        if (windowLoads >= PAGES_IN_FLIGHT) return;
        if (page * limit >= total || fresh[view].has(page) || inFlight.has(`${view}:${page}:${epoch[view]}`)) continue;
        windowLoads++;
        void loadPage(view, page).finally(() => {
          windowLoads--;
          pump();
        });
      }
    }

    /** A view's length; the pages past its end are gone. */
    function putTotal(view: ListView, total: number) {
      set((s) => {
        const pages: Record<number, readonly TicketSummary[]> = {};
        for (const [k, rows] of Object.entries(s.pages[view])) if (Number(k) === 0 || Number(k) * limit < total) pages[Number(k)] = rows;
        return { totals: { ...s.totals, [view]: total }, pages: { ...s.pages, [view]: pages } };
      });
    }

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
          epoch[view]++;
          fresh[view].clear();
          set((s) => ({ loading: { ...s.loading, [view]: true } }));
          // A short first page is the whole view; only a long one is counted (asked right after
          // the page when the view was long before: main answers the page first, then counts).
          const before = get().totals[view];
          const listing = api.invoke('tickets:list', { view, limit, offset: 0 });
          const counting = before !== null && before >= limit ? api.invoke('tickets:count', { view }) : null;
          const r = await listing;
          if (gen !== generation) continue; // a previous session's answer; runs again if asked meanwhile
          if (!r.ok) {
            // Keep the rows already on screen; show the error beside them.
            set((s) => ({ errors: { ...s.errors, [view]: r.error }, loading: { ...s.loading, [view]: false } }));
            continue;
          }
          const rows = r.value;
          fresh[view].add(0);
          // The first page shows at once; the other pages stay on screen until they are asked again.
          set((s) => ({
            lists: { ...s.lists, [view]: rows },
            pages: { ...s.pages, [view]: { ...s.pages[view], 0: rows } },
            errors: { ...s.errors, [view]: null },
            loading: { ...s.loading, [view]: false },
          }));
          if (rows.length < limit) putTotal(view, rows.length);
          else {
            const c = await (counting ?? api.invoke('tickets:count', { view }));
            if (gen !== generation) continue;
            putTotal(view, Math.max(c.ok ? c.value : (get().totals[view] ?? 0), rows.length));
          }
          // Only the pages on screen are read again (a view not shown has none); the rest load when scrolled to.
          const total = get().totals[view] ?? 0;
          await Promise.all(pagesOf(get().view === view ? onScreen[view] : null).filter((p) => p > 0 && p * limit < total).map((p) => loadPage(view, p)));
        } while (again[view]);
      } finally {
        running[view] = false;
      }
    }

    return {
      view: 'mine',
      lists: perView(null),
      totals: perView(null),
      pages: perView({}),
      loading: perView(false),
      errors: perView(null),
      selectedId: null,
      typing: {},

      setView(view) {
        set({ view });
        if (get().lists[view] === null) void loadView(view);
        else pump();
      },

      async reload(views = LIST_VIEWS) {
        await Promise.all(views.map(loadView));
      },

      showRows(view, first, last) {
        const prev = onScreen[view];
        if (prev && prev.first === first && prev.last === last) return;
        onScreen[view] = { first: Math.max(0, first), last: Math.max(0, last) };
        if (showTimer) clearTimeout(showTimer);
        showTimer = setTimeout(() => {
          showTimer = null;
          pump();
        }, debounceMs);
      },

      async loadRow(view, index) {
        const page = Math.floor(index / limit);
        const have = rowAt(get().pages[view], index, limit);
        if (have) return have;
        await loadPage(view, page);
        return rowAt(get().pages[view], index, limit) ?? null;
      },

      select(ticketId) {
        if (get().selectedId !== ticketId) set({ selectedId: ticketId });
      },

      selectRelative(delta) {
        const { pages, totals, lists, view, selectedId } = get();
        const total = totals[view] ?? lists[view]?.length ?? 0;
        if (total === 0) return;
        const at = indexOfRow(pages[view], selectedId, limit);
        const next = at < 0 ? (delta > 0 ? 0 : total - 1) : Math.min(total - 1, Math.max(0, at + delta));
        const row = rowAt(pages[view], next, limit);
        if (row) set({ selectedId: row.id });
        else
          void get()
            .loadRow(view, next)
            .then((r) => {
              // Still where it was asked from: nothing else was selected meanwhile.
              if (r && get().selectedId === selectedId) set({ selectedId: r.id });
            });
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
        if (showTimer) clearTimeout(showTimer);
        showTimer = null;
        for (const v of LIST_VIEWS) {
          fresh[v].clear();
          onScreen[v] = null;
          epoch[v]++;
        }
        set({ view: 'mine', lists: perView(null), totals: perView(null), pages: perView({}), loading: perView(false), errors: perView(null), selectedId: null, typing: {} });
      },
    };
  });
}

export type TicketsStore = ReturnType<typeof createTicketsStore>;

const countFormat = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const exactFormat = new Intl.NumberFormat('en');

/** The count shown beside a view name: exact below 10,000 ("1,234"), compact above ("100K"). */
export function viewCount(total: number | null): string {
  if (total === null) return '';
  return total < 10_000 ? exactFormat.format(total) : countFormat.format(total);
}

/** The loaded row at this index of a view, or undefined when its page is not loaded. */
export function rowAt(pages: ListPages, index: number, limit = LIST_LIMIT): TicketSummary | undefined {
  return pages[Math.floor(index / limit)]?.[index % limit];
}

/** Where a chat is among a view's loaded rows, or -1. */
export function indexOfRow(pages: ListPages, ticketId: string | null, limit = LIST_LIMIT): number {
  if (!ticketId) return -1;
  for (const [page, rows] of Object.entries(pages)) {
    const at = rows.findIndex((t) => t.id === ticketId);
    if (at >= 0) return Number(page) * limit + at;
  }
  return -1;
}

/** A summary from whichever list holds it: the first pages, and every loaded page when given. */
export function findSummary(lists: PerView<TicketSummary[] | null>, ticketId: string | null, pages?: PerView<ListPages>): TicketSummary | null {
  if (!ticketId) return null;
  for (const v of LIST_VIEWS) {
    const hit = lists[v]?.find((t) => t.id === ticketId);
    if (hit) return hit;
  }
  if (pages)
    for (const v of LIST_VIEWS)
      for (const rows of Object.values(pages[v])) {
        const hit = rows.find((t) => t.id === ticketId);
        if (hit) return hit;
      }
  return null;
}
