/**
 * Mail out, the queueing half: an agent's reply on an email case is queued in `mail_outbox` in
 * the reply's own transaction (so a committed reply is never without its mail), addressed to the
 * case's customer from the support address, with the reference in the subject and the
 * In-Reply-To / References of the customer's latest mail. The sender (sender.ts) sends it after
 * the commit.
 */
import type { AsyncWriteTx } from '../storage/async-store';
import type { MessageDbRow } from '../storage/tables/messages';
import type { TicketDbRow } from '../storage/tables/tickets';
import { newId } from '../util/ids';
import { replySubject } from './subject';

export interface MailOut {
  /** Queues the mail for an agent's reply; false when the customer has no address to write to. */
  queueReply(tx: AsyncWriteTx, ticket: TicketDbRow, reply: MessageDbRow): Promise<boolean>;
}

/** The text of the mail: the reply, signed, and how to keep the thread. */
export function replyText(reply: Pick<MessageDbRow, 'body' | 'author_name'>, reference: string): string {
  const firstName = reply.author_name.split(' ')[0] || reply.author_name;
  return `${reply.body}\n\n-- \n${firstName}, customer support\nYour reference: ${reference}. Keep it in the subject when you reply, and we will find your case.\n`;
}

export function createMailOut(opts: { supportAddress: string; queued: () => void }): MailOut {
  const domain = opts.supportAddress.split('@')[1] || 'agent-desk.invalid';
  return {
    async queueReply(tx, ticket, reply) {
      const customer = await tx.customers.get(ticket.customer_id);
      if (!customer?.email) return false;
      const answered = await tx.mailInbox.latestForTicket(ticket.id);
      await tx.mailOutbox.insert({
        id: newId(),
        ticket_id: ticket.id,
        message_id: reply.id,
        mail_message_id: `<${reply.id}@${domain}>`,
        to_address: customer.email,
        subject: replySubject(ticket.subject, ticket.reference),
        body: replyText(reply, ticket.reference),
        in_reply_to: answered?.mail_message_id ?? null,
        references_header: answered?.mail_message_id ?? null,
        created_at: tx.now,
        next_attempt_at: tx.now,
      });
      tx.afterCommit(opts.queued);
      return true;
    },
  };
}
