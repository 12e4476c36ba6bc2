/** Change-feed rows for ticket-scoped entities, written inside the same transaction as the change. */
import type { WriteContext } from '../storage/store';
import type { MessageDbRow } from '../storage/tables/messages';
import type { TicketDbRow } from '../storage/tables/tickets';

export interface AccessChange {
  gainedBy?: string | null;
  lostBy?: string | null;
  lostRegion?: string | null;
  /** This change put the ticket into its region's queue: that region's agents gain it. */
  enteredQueue?: boolean;
}

export function feedTicket(ctx: WriteContext, t: TicketDbRow, access: AccessChange = {}) {
  return ctx.feed({
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

export function feedMessage(ctx: WriteContext, t: TicketDbRow, message: MessageDbRow) {
  return ctx.feed({ entity: 'message', entity_id: message.id, op: 'upsert', ticket_id: t.id, customer_id: t.customer_id, snapshot: { message } });
}

export function feedAttachment(ctx: WriteContext, t: TicketDbRow, attachmentId: string) {
  return ctx.feed({ entity: 'attachment', entity_id: attachmentId, op: 'upsert', ticket_id: t.id, customer_id: t.customer_id });
}

export function feedCustomerEntity(
  ctx: WriteContext,
  entity: 'customer' | 'account' | 'paymentMethod' | 'order' | 'installment' | 'transaction' | 'return',
  id: string,
  customerId: string,
) {
  return ctx.feed({ entity, entity_id: id, op: 'upsert', customer_id: customerId });
}
