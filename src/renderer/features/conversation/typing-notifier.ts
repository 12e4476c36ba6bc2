/**
 * The agent's own typing, told to main (`activity:typing`): the customer sees "Ava is typing" for
 * a reply, colleagues see it for a reply or a note. Sent on the first key, renewed while the agent
 * keeps typing, and "stopped" after a pause, on send and on switching chats. Never stored.
 */
import type { DeskApi } from '../../../shared/api/contract';

export const TYPING_RENEW_MS = 3_000;
export const TYPING_IDLE_MS = 4_000;

export function createTypingNotifier({ api, now = Date.now, renewMs = TYPING_RENEW_MS, idleMs = TYPING_IDLE_MS }: { api: Pick<DeskApi, 'invoke'>; now?: () => number; renewMs?: number; idleMs?: number }) {
  let current: { ticketId: string; kind: 'reply' | 'note'; sentAt: number } | null = null;
  let idle: ReturnType<typeof setTimeout> | null = null;

  const send = (ticketId: string, typing: boolean, kind: 'reply' | 'note') => void api.invoke('activity:typing', { ticketId, typing, kind });

  function stopped(): void {
    if (idle) clearTimeout(idle);
    idle = null;
    if (!current) return;
    send(current.ticketId, false, current.kind);
    current = null;
  }

  return {
    /** A key went into the chat's composer. */
    typed(ticketId: string, kind: 'reply' | 'note'): void {
      if (current && (current.ticketId !== ticketId || current.kind !== kind)) stopped();
      const t = now();
      if (!current || t - current.sentAt >= renewMs) {
        send(ticketId, true, kind);
        current = { ticketId, kind, sentAt: t };
      }
      if (idle) clearTimeout(idle);
      idle = setTimeout(stopped, idleMs);
    },
    stopped,
  };
}
export type TypingNotifier = ReturnType<typeof createTypingNotifier>;
