/**
 * Assist's channels (issue 9, docs/assist.md): suggested replies, similar cases and the handover
 * summary, computed on this machine from the cache (offline too).
 */
import type { ApiHandlers } from '../../shared/api/contract';
import { ApiFailure } from '../api/dispatch';
import type { Runtime } from '../services/runtime';

type AssistChannel = Extract<keyof ApiHandlers, `assist:${string}`>;

export function createAssistHandlers(d: { runtime(): Runtime }): Pick<ApiHandlers, AssistChannel> {
  return {
    'assist:forTicket': async ({ ticketId }) => d.runtime().assist.forTicket(ticketId),
    'assist:summary': async ({ ticketId }) => {
      const r = d.runtime();
      if (!r.cache.tickets.get(ticketId)) throw new ApiFailure('not_found', 'That chat is not on this computer.');
      return r.assist.summary(ticketId);
    },
  };
}
