/**
 * Reopening: a resolved case that goes back to open, pending or queued (the customer wrote again,
 * the agent replied or set it open) counts a reopen. First-contact resolution (docs/figures.md)
 * reads `reopen_count`; `reopened_at` says when it last happened. A closed case is not reopened
 * here (closing is final in today's lifecycle).
 */
import type { TicketDbRow, TicketPatch } from '../storage/tables/tickets';

const LIVE: readonly TicketDbRow['status'][] = ['open', 'pending', 'queued'];

/** The columns to add to a patch that moves `t` to `next`: a reopen when it leaves resolved for a live status. */
export function reopenPatch(t: Pick<TicketDbRow, 'status' | 'reopen_count'>, next: TicketDbRow['status'] | undefined, now: string): TicketPatch {
  if (t.status !== 'resolved' || next === undefined || !LIVE.includes(next)) return {};
  return { reopen_count: t.reopen_count + 1, reopened_at: now };
}
