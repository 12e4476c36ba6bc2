/**
 * The reply clock of a ticket: from the customer's oldest unanswered message to the region's
 * reply target (chat: the region's first-response target; email: two business days in the region's
 * calendar). A customer message starts it when nothing was waiting; an agent's reply, or the
 * case leaving the agent's hands (pending on the customer, resolved, closed), stops it. System
 * messages and internal notes never touch it.
 */
import { emailReplyDue } from '../calendar/deadlines';
import { regionCalendar } from '../calendar/region-calendar';
import type { AsyncReadTx } from '../storage/async-store';
import type { TicketDbRow, TicketPatch } from '../storage/tables/tickets';

const DEFAULT_CHAT_TARGET_SEC = 300;
/** A ticket whose region is gone: email as a plain two days, chat at the default target. */
const FALLBACK_EMAIL_TARGET_SEC = 2 * 24 * 3600;

/**
 * When a reply to a customer who wrote at `now` is due: chat at the region's first-response
 * target; email two business days later in the region's calendar (src/server/calendar/deadlines.ts).
 */
async function replyDueAt(tx: AsyncReadTx, t: Pick<TicketDbRow, 'channel' | 'region_id'>, now: string): Promise<string> {
  const region = await tx.regions.get(t.region_id);
  const at = new Date(now);
  if (t.channel === 'email') return (region ? emailReplyDue(regionCalendar(region), at) : new Date(at.getTime() + FALLBACK_EMAIL_TARGET_SEC * 1000)).toISOString();
  return new Date(at.getTime() + (region?.firstResponseTargetSec ?? DEFAULT_CHAT_TARGET_SEC) * 1000).toISOString();
}

/** A customer wrote: start the clock unless something already waits. */
export async function customerWrote(tx: AsyncReadTx, t: Pick<TicketDbRow, 'channel' | 'region_id' | 'waiting_since'>, now: string): Promise<TicketPatch> {
  if (t.waiting_since) return {};
  return { waiting_since: now, reply_due_at: await replyDueAt(tx, t, now) };
}

/** An agent answered, or nothing waits on an agent any more. */
export function stopClock(t: Pick<TicketDbRow, 'waiting_since' | 'reply_due_at'>): TicketPatch {
  return t.waiting_since || t.reply_due_at ? { waiting_since: null, reply_due_at: null } : {};
}
