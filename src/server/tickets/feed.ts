/** Change-feed rows for ticket-scoped entities, written inside the same transaction as the change. */
import type { AsyncWriteTx } from '../storage/async-store';
import type { MessageDbRow } from '../storage/tables/messages';
import type { TicketDbRow } from '../storage/tables/tickets';

export interface AccessChange {
  gainedBy?: string | null;
  lostBy?: string | null;
  lostRegion?: string | null;
  /** This change put the ticket into its region's queue: that region's agents gain it. */
  enteredQueue?: boolean;
  /** The assignee's load changed without an assignment change (the chat ended or reopened). */
  loadChanged?: boolean;
}

/** What appending to the feed needs of a write transaction. */
type Feeds = Pick<AsyncWriteTx, 'feed'>;

/** Chats that count against an agent's capacity, as routing counts them. */
export const LIVE_STATUSES: readonly TicketDbRow['status'][] = ['open', 'pending'];

/**
 * The ticket's row in the feed. An agent who gains or loses the chat (or whose chat ends) gets an
 * agent row first: desktops learn colleagues' loads from it (the row carries the current count).
 */
export async function feedTicket(tx: Feeds, t: TicketDbRow, access: AccessChange = {}) {
  const loads = new Set([access.gainedBy, access.lostBy, access.loadChanged ? t.assignee_id : null]);
  for (const agentId of loads) if (agentId) await tx.feed({ entity: 'agent', entity_id: agentId, op: 'upsert' });
  return tx.feed({
    entity: 'ticket',
    entity_id: t.id,
    op: 'upsert',
    ticket_id: t.id,
    customer_id: t.customer_id,
    gained_by: access.gainedBy ?? null,
    lost_by: access.lostBy ?? null,
    lost_region: access.lostRegion ?? null,
    gained_region: access.enteredQueue && t.status === 'queued' && t.assignee_id === null ? t.region_id : null,
    snapshot: { ticket: t },
  });
}

export function feedMessage(tx: Feeds, t: TicketDbRow, message: MessageDbRow) {
  return tx.feed({ entity: 'message', entity_id: message.id, op: 'upsert', ticket_id: t.id, customer_id: t.customer_id, snapshot: { message } });
}

export function feedAttachment(tx: Feeds, t: TicketDbRow, attachmentId: string) {
  return tx.feed({ entity: 'attachment', entity_id: attachmentId, op: 'upsert', ticket_id: t.id, customer_id: t.customer_id });
}

export function feedCustomerEntity(
  tx: Feeds,
  entity: 'customer' | 'account' | 'paymentMethod' | 'order' | 'installment' | 'transaction' | 'return',
  id: string,
  customerId: string,
) {
  return tx.feed({ entity, entity_id: id, op: 'upsert', customer_id: customerId });
}
