/**
 * The end of a case (issue 8, "Case lifecycle"). Resolving does not slam the door: a resolved
 * case stays open to the customer for a short "one more thing" window (`closes_at`); a message
 * inside it reopens the case with the same agent (customer-chats.ts `sendIn`), and once it has
 * passed the closer (closer.ts) closes the case and the chat page asks for CSAT.
 *
 * Statuses as stored, and as the console names them: queued = "New", open = "Open", pending =
 * "Waiting on customer", resolved = "Resolved", closed = "Closed".
 */
import type { TicketDbRow, TicketPatch } from '../storage/tables/tickets';

export interface LifecycleOptions {
  /** How long a resolved case waits for "one more thing" before the server closes it. */
  oneMoreThingMs: number;
}

/**
 * Ten minutes: long enough to read the last answer and try it (open the app, check the payment),
 * short enough that the agent's memory of the case is fresh when the customer is back. Set with
 * `--one-more-thing-minutes` / AGENT_DESK_ONE_MORE_THING_MINUTES.
 */
export const DEFAULT_ONE_MORE_THING_MS = 10 * 60_000;
export const DEFAULT_LIFECYCLE: LifecycleOptions = { oneMoreThingMs: DEFAULT_ONE_MORE_THING_MS };

/** The window in words for the customer ("10 minutes"). */
export function windowInWords(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The columns that resolve a case now, its window starting now (resolved_at kept if it was resolved before). */
export function resolvePatch(t: Pick<TicketDbRow, 'resolved_at'>, now: string, lifecycle: LifecycleOptions): TicketPatch {
  return { status: 'resolved', resolved_at: t.resolved_at ?? now, closes_at: new Date(Date.parse(now) + lifecycle.oneMoreThingMs).toISOString() };
}
