/**
 * The command palette's data: what the agent typed, the offline cache's answers for it (search
 * as you type, a case by its reference), and the sources other features plug in.
 *
 * Extension point: a feature adds entries with `registerSource` (canned replies, macros):
 *
 *   stores.palette.getState().registerSource({
 *     id: 'canned-replies',
 *     heading: 'Canned replies',
 *     items: (query) => replies.map((r) => ({ id: r.id, label: r.title, detail: r.language, run: () => insert(r) })),
 *   });
 *
 * Items are filtered and ranked by the palette unless the source says it filters itself.
 */
import { createStore } from 'zustand/vanilla';
import type { DeskApi, ReferenceHit, SearchHit } from '../../../shared/api/contract';
import { parseReference } from '../../../shared/reference';
import type { CommandId } from '../../app/keymap';
import type { PaletteMode } from '../../app/ui-store';

export interface PaletteItem {
  /** Unique within its source. */
  id: string;
  label: string;
  /** A short second text (language, category, a customer name). */
  detail?: string;
  keywords?: readonly string[];
  /** A command whose current keys the entry shows, so agents learn them. */
  shortcut?: CommandId;
  /** Why the entry can't run now; it shows, disabled, with this text. */
  disabled?: string | null;
  run(): void | Promise<void>;
}

export interface PaletteSource {
  id: string;
  heading: string;
  /** Entries for what the agent typed (called on every keystroke: answer from memory). */
  items(query: string): readonly PaletteItem[];
  /** True when `items` already filtered and ranked for the query. */
  filtersItself?: boolean;
  /** Modes the source shows in (default: only 'all'). */
  modes?: readonly PaletteMode[];
}

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; query: string; hits: readonly SearchHit[] }
  | { status: 'done'; query: string; hits: readonly SearchHit[] }
  | { status: 'error'; query: string; message: string };

export type ReferenceState =
  | { status: 'none' }
  | { status: 'invalid'; typed: string; message: string }
  | { status: 'loading'; reference: string }
  | { status: 'found'; hit: ReferenceHit }
  | { status: 'missing'; reference: string }
  | { status: 'error'; reference: string; message: string };

export interface PaletteStoreState {
  query: string;
  search: SearchState;
  reference: ReferenceState;
  sources: readonly PaletteSource[];
  setQuery(query: string, mode: PaletteMode): void;
  /** Back to an empty palette (on close). */
  reset(): void;
  /** Adds a source of entries; returns the function that removes it. */
  registerSource(source: PaletteSource): () => void;
}

/** Search starts at this many characters (one letter matches half the cache). */
export const SEARCH_MIN_CHARS = 2;
export const SEARCH_LIMIT = 20;
export const SEARCH_DEBOUNCE_MS = 120;

/**
 * What the query says about a reference: a valid one (looked up), a wrong one worth a word (the
 * XXXX-XXXX shape, or anything in reference mode), or nothing (a search word like "payments").
 */
export function referenceIntent(query: string, mode: PaletteMode): { reference: string } | { invalid: string } | null {
  const typed = query.trim();
  if (!typed) return null;
  const parsed = parseReference(typed);
  if (parsed.ok) return { reference: parsed.reference };
  const shaped = /^[A-Za-z0-9]{4}[-\s][A-Za-z0-9]{4}$/.test(typed);
  if (mode !== 'reference' && !shaped) return null;
  const why =
    parsed.reason === 'length'
      ? 'A case reference has 8 characters, like ABCD-EFGH.'
      : parsed.reason === 'character'
        ? 'A case reference has no 0, 1, I or O.'
        : 'One character is mistyped (the check character does not match).';
  return { invalid: why };
}

export function createPaletteStore({ api, debounceMs = SEARCH_DEBOUNCE_MS }: { api: DeskApi; debounceMs?: number }) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0; // bumped on every keystroke and reset: older answers are dropped

  return createStore<PaletteStoreState>()((set, get) => {
    async function runSearch(query: string, gen: number) {
      const r = await api.invoke('tickets:search', { query, limit: SEARCH_LIMIT });
      if (gen !== generation) return;
      set({ search: r.ok ? { status: 'done', query, hits: r.value } : { status: 'error', query, message: r.error.message } });
    }

    async function lookUp(reference: string, gen: number) {
      const r = await api.invoke('tickets:byReference', { reference });
      if (gen !== generation) return;
      if (!r.ok) set({ reference: { status: 'error', reference, message: r.error.message } });
      else set({ reference: r.value ? { status: 'found', hit: r.value } : { status: 'missing', reference } });
    }

    return {
      query: '',
      search: { status: 'idle' },
      reference: { status: 'none' },
      sources: [],

      setQuery(query, mode) {
        const gen = ++generation;
        if (timer) clearTimeout(timer);
        timer = null;
        const typed = query.trim();
        const intent = referenceIntent(typed, mode);
        const reference: ReferenceState = !intent
          ? { status: 'none' }
          : 'invalid' in intent
            ? { status: 'invalid', typed, message: intent.invalid }
            : { status: 'loading', reference: intent.reference };
        const searching = mode !== 'reference' && [...typed].length >= SEARCH_MIN_CHARS;
        const prev = get().search;
        // Results for the previous keystroke stay on screen until the new ones arrive.
        const search: SearchState = !searching ? { status: 'idle' } : { status: 'loading', query: typed, hits: prev.status === 'done' || prev.status === 'loading' ? prev.hits : [] };
        set({ query, reference, search });
        if (!searching && reference.status !== 'loading') return;
        timer = setTimeout(() => {
          timer = null;
          if (searching) void runSearch(typed, gen);
          if (reference.status === 'loading') void lookUp(reference.reference, gen);
        }, debounceMs);
      },

      reset() {
        generation++;
        if (timer) clearTimeout(timer);
        timer = null;
        set({ query: '', search: { status: 'idle' }, reference: { status: 'none' } });
      },

      registerSource(source) {
        set((s) => ({ sources: [...s.sources.filter((x) => x.id !== source.id), source] }));
        return () => set((s) => ({ sources: s.sources.filter((x) => x !== source) }));
      },
    };
  });
}

export type PaletteStore = ReturnType<typeof createPaletteStore>;
