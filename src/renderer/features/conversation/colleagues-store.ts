/**
 * Collision awareness: which other agents are viewing or typing in which chat, from main's
 * `colleagues:activity` events (ephemeral; nothing is stored). "Typing" that is not renewed falls
 * back to "viewing", as the customer's typing does in the list.
 */
import { createStore } from 'zustand/vanilla';
import type { ColleagueActivity } from '../../../shared/api/contract';

export const COLLEAGUE_TYPING_TTL_MS = 6_000;

export interface Colleague {
  agentId: string;
  name: string;
  state: 'viewing' | 'typing';
}

export interface ColleaguesStoreState {
  /** By ticket id: the colleagues in that chat, in the order they came. */
  byTicket: Record<string, Colleague[]>;
  apply(e: ColleagueActivity): void;
  reset(): void;
}

const NONE: Colleague[] = [];

export function createColleaguesStore({ typingTtlMs = COLLEAGUE_TYPING_TTL_MS }: { typingTtlMs?: number } = {}) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return createStore<ColleaguesStoreState>()((set, get) => {
    const put = (ticketId: string, list: Colleague[]) =>
      set((s) => {
        const { [ticketId]: _old, ...rest } = s.byTicket;
        return { byTicket: list.length ? { ...rest, [ticketId]: list } : rest };
      });
    return {
      byTicket: {},
      apply(e) {
        const key = `${e.ticketId}\n${e.agentId}`;
        const old = timers.get(key);
        if (old) clearTimeout(old);
        timers.delete(key);
        const list = get().byTicket[e.ticketId] ?? NONE;
        const others = list.filter((c) => c.agentId !== e.agentId);
        if (e.state === 'left') return put(e.ticketId, others);
        const at = list.findIndex((c) => c.agentId === e.agentId);
        const next: Colleague = { agentId: e.agentId, name: e.name, state: e.state };
        put(e.ticketId, at < 0 ? [...list, next] : list.map((c, i) => (i === at ? next : c)));
        if (e.state === 'typing') timers.set(key, setTimeout(() => get().apply({ ...e, state: 'viewing' }), typingTtlMs));
      },
      reset() {
        for (const t of timers.values()) clearTimeout(t);
        timers.clear();
        set({ byTicket: {} });
      },
    };
  });
}
export type ColleaguesStore = ReturnType<typeof createColleaguesStore>;

const firstName = (name: string) => name.split(' ')[0] || name;

/** "Maja is viewing", "Maja is typing…", "Maja and Omar are viewing", or null. */
export function colleaguesLine(list: readonly Colleague[] | undefined): string | null {
  if (!list || list.length === 0) return null;
  const typing = list.filter((c) => c.state === 'typing').map((c) => firstName(c.name));
  const viewing = list.filter((c) => c.state === 'viewing').map((c) => firstName(c.name));
  const join = (names: string[]) => (names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);
  const parts: string[] = [];
  if (typing.length) parts.push(`${join(typing)} ${typing.length === 1 ? 'is' : 'are'} typing…`);
  if (viewing.length) parts.push(`${join(viewing)} ${viewing.length === 1 ? 'is' : 'are'} viewing`);
  return parts.join(' · ');
}
