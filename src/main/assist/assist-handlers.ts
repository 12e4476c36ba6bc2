/**
 * Assist's channels (issue 9, docs/assist.md): suggested replies, similar cases and the handover
 * summary, computed on this machine from the cache (offline too).
 * WORK IN PROGRESS: wired to the contract first so the console can be built against it; the
 * ranking lands with the assist core in the next commits.
 */
import type { ApiHandlers } from '../../shared/api/contract';
import { ApiFailure } from '../api/dispatch';

type AssistChannel = Extract<keyof ApiHandlers, `assist:${string}`>;

export function createAssistHandlers(): Pick<ApiHandlers, AssistChannel> {
  const unavailable = async (): Promise<never> => {
    throw new ApiFailure('internal', 'Assist is not available in this build yet.');
  };
  return { 'assist:forTicket': unavailable, 'assist:summary': unavailable };
}
