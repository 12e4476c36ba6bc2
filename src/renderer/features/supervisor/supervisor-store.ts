/**
 * The supervisor console's state (issue 8): the live board (a GET on sign-in and when the host
 * link comes back, then every `supervisor:board` frame main forwards), the four figures per range
 * (each range kept once loaded, so switching back is instant), the open formal complaints, and the floor actions, each
 * answering with its result so the control that asked can show it. Vanilla store, DeskApi injected.
 */
import { createStore } from 'zustand/vanilla';
import type { ApiError, DeskApi, InvokeInput, InvokeOutput, Result } from '../../../shared/api/contract';
import type { AgentRow, MessageRow, TicketRow } from '../../../shared/domain';
import type { Board, ComplaintList, FigureRange, FiguresResponse } from '../../../shared/protocol/supervisor';
import { learnRegionNames } from './labels';

export interface SilentOpen {
  ticketId: string;
  /** The chat read-only, with its handover summary where main has one. */
  view: InvokeOutput<'supervisor:open'> | null;
  error: ApiError | null;
}

export interface SupervisorStoreState {
  board: Board | null;
  boardLoading: boolean;
  /** The last GET failed; a board already on screen stays (UX.md: data on screen is never replaced by an error). */
  boardError: ApiError | null;
  range: FigureRange;
  figures: Partial<Record<FigureRange, FiguresResponse>>;
  figuresLoading: FigureRange | null;
  figuresError: ApiError | null;
  /** The chat opened read-only, if any. */
  silent: SilentOpen | null;
  /** The open formal complaints, soonest due first (kept on screen when a reload fails). */
  complaints: ComplaintList | null;
  complaintsError: ApiError | null;
  loadBoard(): Promise<void>;
  loadComplaints(): Promise<void>;
  /** A board from a frame or an action: kept unless an older computation than the one shown. */
  applyBoard(board: Board): void;
  setRange(range: FigureRange): Promise<void>;
  loadFigures(range?: FigureRange): Promise<void>;
  setAgent(input: InvokeInput<'supervisor:setAgent'>): Promise<Result<AgentRow>>;
  reassign(input: InvokeInput<'supervisor:reassign'>): Promise<Result<TicketRow>>;
  whisper(input: InvokeInput<'supervisor:whisper'>): Promise<Result<MessageRow>>;
  takeOver(input: InvokeInput<'supervisor:takeOver'>): Promise<Result<TicketRow>>;
  openSilently(ticketId: string): Promise<void>;
  closeSilent(): void;
  reset(): void;
}

const INITIAL = {
  board: null,
  boardLoading: false,
  boardError: null,
  range: 'today' as FigureRange,
  figures: {},
  figuresLoading: null,
  figuresError: null,
  silent: null,
  complaints: null,
  complaintsError: null,
};

/**
 * The figures follow the floor: a board frame (the feed moved) reloads the range on screen when
 * its figures are older than this. The server keeps each range's figures 5 s for every supervisor.
 */
export const FIGURES_FOLLOW_MS = 15_000;

export function createSupervisorStore({ api, now = Date.now }: { api: DeskApi; now?: () => number }) {
  /** Bumped by reset: answers to requests from before a sign-out are dropped. */
  let generation = 0;
  /** When each range's figures were last loaded (by this store's clock). */
  const figuresLoadedAt = new Map<FigureRange, number>();
  return createStore<SupervisorStoreState>()((set, get) => {
    return {
      ...INITIAL,
      async loadBoard() {
        const gen = generation;
        set({ boardLoading: true });
        const r = await api.invoke('supervisor:board', null);
        if (gen !== generation) return;
        if (r.ok) {
          set({ boardLoading: false, boardError: null });
          get().applyBoard(r.value);
        } else set({ boardLoading: false, boardError: r.error });
      },
      async loadComplaints() {
        const gen = generation;
        const r = await api.invoke('supervisor:complaints', null);
        if (gen !== generation) return;
        if (r.ok) set({ complaints: r.value, complaintsError: null });
        else set({ complaintsError: r.error });
      },
      applyBoard(board) {
        const shown = get().board;
        if (shown && Date.parse(board.computedAt) < Date.parse(shown.computedAt)) return;
        learnRegionNames(board.regions);
        set({ board, boardError: null });
        // Live figures without a poll of their own: the range on screen, once loaded, again.
        const { range, figures, figuresLoading } = get();
        if (figures[range] && figuresLoading === null && now() - (figuresLoadedAt.get(range) ?? 0) >= FIGURES_FOLLOW_MS) void get().loadFigures(range);
      },
      async setRange(range) {
        set({ range });
        await get().loadFigures(range);
      },
      async loadFigures(range = get().range) {
        const gen = generation;
        set({ figuresLoading: range });
        const r = await api.invoke('supervisor:figures', { range });
        if (gen !== generation) return;
        const loadingNow = get().figuresLoading === range ? null : get().figuresLoading;
        if (r.ok) {
          figuresLoadedAt.set(range, now());
          set((s) => ({ figures: { ...s.figures, [range]: r.value }, figuresLoading: loadingNow, figuresError: null }));
        } else set({ figuresLoading: loadingNow, figuresError: get().range === range ? r.error : get().figuresError });
      },
      // The actions answer the control that asked; the board that shows their effect arrives as a
      // `supervisor:board` event (main fetches one after each action, before the next frame).
      setAgent: (input) => api.invoke('supervisor:setAgent', input),
      // A reassign or a take-over changes a complaint's assignee: a list on screen is fetched again.
      async reassign(input) {
        const r = await api.invoke('supervisor:reassign', input);
        if (r.ok && get().complaints) void get().loadComplaints();
        return r;
      },
      whisper: (input) => api.invoke('supervisor:whisper', input),
      async takeOver(input) {
        const r = await api.invoke('supervisor:takeOver', input);
        if (r.ok && get().complaints) void get().loadComplaints();
        return r;
      },
      async openSilently(ticketId) {
        set({ silent: { ticketId, view: null, error: null } });
        const r = await api.invoke('supervisor:open', { ticketId });
        if (get().silent?.ticketId !== ticketId) return;
        set({ silent: r.ok ? { ticketId, view: r.value, error: null } : { ticketId, view: null, error: r.error } });
      },
      closeSilent() {
        set({ silent: null });
      },
      reset() {
        generation++;
        set(INITIAL);
      },
    };
  });
}

export type SupervisorStore = ReturnType<typeof createSupervisorStore>;
