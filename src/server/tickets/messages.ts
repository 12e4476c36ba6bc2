/** Adding a message to a ticket: masked, stored, fed, and delivered to the customer if public. */
import { maskCardAcross, maskCardNumbers, mayContinueCard } from '../../shared/card-mask';
import type { AuthorKind } from '../../shared/domain';
import type { CustomerMessage } from '../../shared/protocol/customer';
import type { Deps } from '../deps';
import type { LiveSocket } from '../live/hub';
import type { AsyncWriteTx } from '../storage/async-store';
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
  /** A supervisor's whisper: an internal note for the assigned agent only (a note, never sent to the customer). */
  whisper?: boolean;
  /** An agent's reply: the canned reply it came from, by shortcut. */
  cannedShortcut?: string | null;
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
 * A card number split over a customer's consecutive messages is masked in all of them: the
 * customer's messages of the last 10 minutes, at most 4 before the new one (whatever agents and
 * the system wrote in between: a card is a card in the customer's own words).
 */
export const CARD_ACROSS_WINDOW_MS = 10 * 60_000;
export const CARD_ACROSS_MESSAGES = 4;

interface AcrossMasking {
  body: string;
  /** Earlier messages whose part of a card is to be masked, with their new bodies. */
  rewrites: { message: MessageDbRow; body: string }[];
}

/**
 * The body to store, card numbers masked, and the earlier customer messages that hold the
 * start of a card this message finishes. Reads through the write transaction, so a message earlier in
 * the same group commit is seen.
 */
async function maskBody(tx: AsyncWriteTx, ticket: TicketDbRow, m: NewMessage): Promise<AcrossMasking> {
  const body = maskCardNumbers(m.body);
  if (m.authorKind !== 'customer' || !mayContinueCard(body)) return { body, rewrites: [] };
  const since = new Date(Date.parse(tx.now) - CARD_ACROSS_WINDOW_MS).toISOString();
  const previous = (await tx.messages.recentByAuthorKind(ticket.id, 'customer', since, CARD_ACROSS_MESSAGES)).reverse();
  if (previous.length === 0) return { body, rewrites: [] };
  const masked = maskCardAcross(previous.map((p) => p.body), body);
  return { body: masked.next, rewrites: masked.changed.map((k) => ({ message: previous[k]!, body: masked.previous[k]! })) };
}

/**
 * Inserts a message (card numbers masked before anything is stored, also across the customer's
 * consecutive messages) and appends it to the feed. With a clientMsgId, a repeat returns the
 * existing message instead of a second copy.
 */
export async function addMessage(deps: Pick<Deps, 'hub'>, tx: AsyncWriteTx, ticket: TicketDbRow, m: NewMessage): Promise<{ message: MessageDbRow; created: boolean }> {
  const { hub } = deps;
  const attachmentIds: string[] = [];
  const masking = await maskBody(tx, ticket, m);
  // With a client id, the unique index makes a repeat a no-op; the original comes back.
  const inserted = await tx.messages.insertOnce({
    id: newId(),
    ticket_id: ticket.id,
    author_kind: m.authorKind,
    author_id: m.authorId,
    author_name: m.authorName,
    body: masking.body,
    client_msg_id: m.clientMsgId ?? null,
    attachment_ids_json: '[]',
    created_at: tx.now,
    whisper: m.whisper && m.authorKind === 'note' ? 1 : 0,
    canned_shortcut: m.authorKind === 'agent' ? (m.cannedShortcut ?? null) : null,
  });
  if (!inserted.created) return { message: inserted.row, created: false };
  const message = inserted.row;
  if (masking.rewrites.length) await rewriteEarlier(deps, tx, ticket, masking.rewrites);
  for (const id of m.attachmentIds ?? []) {
    if (await tx.attachments.linkToMessage(id, ticket.id, message.id)) {
      attachmentIds.push(id);
      await feedAttachment(tx, ticket, id);
    }
  }
  if (attachmentIds.length) {
    await tx.messages.setAttachments(message.id, attachmentIds);
    message.attachment_ids_json = JSON.stringify(attachmentIds);
  }
  await feedMessage(tx, ticket, message);
  if (m.authorKind !== 'note') {
    const frame = toCustomerMessage(message);
    tx.afterCommit(() => hub.toCustomer(ticket.id, { type: 'message', message: frame }, m.origin));
  }
  return { message, created: true };
}

/** Masks the earlier parts of a card: a new version of each message, fed so desktops replace it. */
async function rewriteEarlier(deps: Pick<Deps, 'hub'>, tx: AsyncWriteTx, ticket: TicketDbRow, rewrites: AcrossMasking['rewrites']): Promise<void> {
  for (const r of rewrites) {
    const updated = await tx.messages.updateBody(r.message.id, r.body);
    if (!updated) continue;
    await feedMessage(tx, ticket, updated);
    const frame = toCustomerMessage(updated);
    tx.afterCommit(() => deps.hub.toCustomer(ticket.id, { type: 'message', message: frame }));
  }
  await tx.audit({
    actorKind: 'system',
    actorId: null,
    action: 'message.card_masked_across',
    outcome: 'ok',
    ticketId: ticket.id,
    details: { messageIds: rewrites.map((r) => r.message.id) },
  });
}

export async function systemMessage(deps: Pick<Deps, 'hub'>, tx: AsyncWriteTx, ticket: TicketDbRow, body: string): Promise<MessageDbRow> {
  return (await addMessage(deps, tx, ticket, { authorKind: 'system', authorId: null, authorName: 'Agent Desk', body })).message;
}
