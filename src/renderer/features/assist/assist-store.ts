/**
 * Assist for the chats on screen (issue 9): per chat, the suggested replies and similar resolved
 * cases (`assist:forTicket`) and the handover summary (`assist:summary`), both computed by main
 * from the cache. Assist is a help, never a blocker: an error keeps what was shown before (or
 * nothing) and is not shown to the agent; a generation counter per chat drops stale answers.
 */
import { createStore } from 'zustand/vanilla';
import type { AssistForTicket, DeskApi, HandoverSummary } from '../../../shared/api/contract';

export type SummaryState = { status: 'loading' } | { status: 'ready'; summary: HandoverSummary } | { status: 'unavailable' };

export interface AssistStoreState {
  /** The latest answer per chat; absent until one came (an error leaves it as it was). */
  forTicket: Record<string, AssistForTicket>;
  summaries: Record<string, SummaryState>;
  /** Asks again for the chat's suggestions and similar cases. */
  load(ticketId: string): Promise<void>;
  /** Reads the chat's handover summary (again: it follows the conversation). */
  loadSummary(ticketId: string): Promise<void>;
  /** Forget a chat's answers (its tab closed). */
  forget(ticketIds: readonly string[]): void;
  reset(): void;
}

export function createAssistStore({ api }: { api: DeskApi }) {
  const generation = new Map<string, number>();
  const summaryGeneration = new Map<string, number>();
  const next = (counter: Map<string, number>, id: string) => {
    const n = (counter.get(id) ?? 0) + 1;
    counter.set(id, n);
    return n;
  };
  return createStore<AssistStoreState>()((set, get) => ({
    forTicket: {},
    summaries: {},

    async load(ticketId) {
      const mine = next(generation, ticketId);
      const r = await api.invoke('assist:forTicket', { ticketId });
      if (generation.get(ticketId) !== mine || !r.ok) return;
      set({ forTicket: { ...get().forTicket, [ticketId]: r.value } });
    },

    async loadSummary(ticketId) {
      const mine = next(summaryGeneration, ticketId);
      if (!get().summaries[ticketId]) set({ summaries: { ...get().summaries, [ticketId]: { status: 'loading' } } });
      const r = await api.invoke('assist:summary', { ticketId });
      if (summaryGeneration.get(ticketId) !== mine) return;
      const before = get().summaries[ticketId];
      const state: SummaryState = r.ok ? { status: 'ready', summary: r.value } : before?.status === 'ready' ? before : { status: 'unavailable' };
      set({ summaries: { ...get().summaries, [ticketId]: state } });
    },

    forget(ticketIds) {
      if (ticketIds.length === 0) return;
      const forTicket = { ...get().forTicket };
      const summaries = { ...get().summaries };
      for (const id of ticketIds) {
        delete forTicket[id];
        delete summaries[id];
        next(generation, id);
        next(summaryGeneration, id);
      }
      set({ forTicket, summaries });
    },

    reset() {
      for (const id of generation.keys()) next(generation, id);
      for (const id of summaryGeneration.keys()) next(summaryGeneration, id);
      set({ forTicket: {}, summaries: {} });
    },
  }));
}

export type AssistStore = ReturnType<typeof createAssistStore>;
