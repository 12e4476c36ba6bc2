/**
 * The reply clock of a ticket: from the customer's oldest unanswered message to the region's
 * reply target. A customer message starts it when nothing was waiting; an agent's reply, or the
 * case leaving the agent's hands (pending on the customer, resolved, closed), stops it. System
 * messages and internal notes never touch it.
 */
import type { AsyncReadTx } from '../storage/async-store';
import type { TicketDbRow, TicketPatch } from '../storage/tables/tickets';

/** Email cases: one business day until business calendars arrive (DOMAIN.md: 1-2 business days). */
const EMAIL_TARGET_SEC = 24 * 3600;
const DEFAULT_CHAT_TARGET_SEC = 300;

async function targetSec(tx: AsyncReadTx, t: Pick<TicketDbRow, 'channel' | 'region_id'>): Promise<number> {
  if (t.channel === 'email') return EMAIL_TARGET_SEC;
  return (await tx.regions.get(t.region_id))?.firstResponseTargetSec ?? DEFAULT_CHAT_TARGET_SEC;
}

/** A customer wrote: start the clock unless something already waits. */
export async function customerWrote(tx: AsyncReadTx, t: Pick<TicketDbRow, 'channel' | 'region_id' | 'waiting_since'>, now: string): Promise<TicketPatch> {
  if (t.waiting_since) return {};
  return { waiting_since: now, reply_due_at: new Date(Date.parse(now) + (await targetSec(tx, t)) * 1000).toISOString() };
}

/** An agent answered, or nothing waits on an agent any more. */
export function stopClock(t: Pick<TicketDbRow, 'waiting_since' | 'reply_due_at'>): TicketPatch {
  return t.waiting_since || t.reply_due_at ? { waiting_since: null, reply_due_at: null } : {};
}
