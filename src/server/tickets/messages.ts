/** Adding a message to a ticket: masked, stored, fed, and delivered to the customer if public. */
import { maskCardNumbers } from '../../shared/card-mask';
import type { AuthorKind } from '../../shared/domain';
import type { CustomerMessage } from '../../shared/protocol/customer';
import type { Deps } from '../deps';
import type { LiveSocket } from '../live/hub';
import type { WriteContext } from '../storage/store';
import type { MessageDbRow } from '../storage/tables/messages';
import { toWireMessage } from '../storage/tables/messages';
import type { TicketDbRow } from '../storage/tables/tickets';
import { newId } from '../util/ids';
import { feedAttachment, feedMessage } from './feed';

export interface NewMessage {
  authorKind: AuthorKind;
  authorId: string | null;
  authorName: string;
  body: string;
  clientMsgId?: string | null;
  attachmentIds?: string[];
  /** The customer socket that sent it: it gets the message in its ack instead of an echo. */
  origin?: LiveSocket;
}

export function toCustomerMessage(m: MessageDbRow): CustomerMessage {
  const w = toWireMessage(m);
  return {
    id: w.id,
    authorKind: w.authorKind,
    // Customers see an agent's first name only.
    authorName: w.authorKind === 'agent' ? (w.authorName.split(' ')[0] ?? w.authorName) : w.authorName,
    body: w.body,
    clientMsgId: w.authorKind === 'customer' ? w.clientMsgId : null,
    attachmentIds: w.attachmentIds,
    createdAt: w.createdAt,
  };
}

/**
 * Inserts a message (card numbers masked before anything is stored) and appends it to the feed.
 * With a clientMsgId, a repeat returns the existing message instead of a second copy.
 */
export function addMessage(deps: Deps, ctx: WriteContext, ticket: TicketDbRow, m: NewMessage): { message: MessageDbRow; created: boolean } {
  const { store, hub } = deps;
  const attachmentIds: string[] = [];
  // With a client id, the unique index makes a repeat a no-op; the original comes back.
  const inserted = store.messages.insertOnce({
    id: newId(),
    ticket_id: ticket.id,
    author_kind: m.authorKind,
    author_id: m.authorId,
    author_name: m.authorName,
    body: maskCardNumbers(m.body),
    client_msg_id: m.clientMsgId ?? null,
    attachment_ids_json: '[]',
    created_at: ctx.now,
  });
  if (!inserted.created) return { message: inserted.row, created: false };
  const message = inserted.row;
  for (const id of m.attachmentIds ?? []) {
    if (store.attachments.linkToMessage(id, ticket.id, message.id)) {
      attachmentIds.push(id);
      feedAttachment(ctx, ticket, id);
    }
  }
  if (attachmentIds.length) {
    store.messages.setAttachments(message.id, attachmentIds);
    message.attachment_ids_json = JSON.stringify(attachmentIds);
  }
  feedMessage(ctx, ticket, message);
  if (m.authorKind !== 'note') {
    const frame = toCustomerMessage(message);
    ctx.afterCommit(() => hub.toCustomer(ticket.id, { type: 'message', message: frame }, m.origin));
  }
  return { message, created: true };
}

export function systemMessage(deps: Deps, ctx: WriteContext, ticket: TicketDbRow, body: string): MessageDbRow {
  return addMessage(deps, ctx, ticket, { authorKind: 'system', authorId: null, authorName: 'Agent Desk', body }).message;
}
