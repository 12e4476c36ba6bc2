/**
 * A customer's mail becomes a case message (issue 8, "Channels"). Threading: a subject quoting a
 * case reference, sent from that case's customer address (case-insensitive), continues the case
 * (reopening it if it was resolved, as a chat message does); anything else opens a new email
 * case, linked to the quoted one when there is one. Attachments pass the chat page's upload
 * checks; a refused one leaves a note and the text still arrives. Card numbers are masked by
 * `addMessage`. The Message-ID makes a redelivery a no-op.
 */
import { createHash } from 'node:crypto';
import { maskCardNumbers } from '../../shared/card-mask';
import { DeskError } from '../errors';
import type { Deps } from '../deps';
import type { PreparedUpload, Uploads } from '../attachments/uploads';
import type { AsyncWriteTx } from '../storage/async-store';
import type { TicketDbRow } from '../storage/tables/tickets';
import type { CustomerChats } from '../tickets/customer-chats';
import { newId } from '../util/ids';
import { mailBody } from './body';
import { bareSubject, referenceInSubject } from './subject';

export interface InboundAttachment {
  filename: string | null;
  content: Buffer;
}

/** A received mail, as mailparser and the SMTP envelope give it (smtp-in.ts). */
export interface InboundMail {
  /** The Message-ID header (`<…>`), or null when the mail has none. */
  messageId: string | null;
  from: { address: string; name: string | null };
  subject: string;
  /** The plain text (mailparser converts an HTML-only mail to text). */
  text: string | undefined;
  attachments: InboundAttachment[];
}

export type MailInOutcome = { kind: 'new' | 'threaded' | 'duplicate'; ticketId: string; reference: string };

/** At most this many files per mail are kept, as a chat message takes at most five. */
export const MAX_MAIL_ATTACHMENTS = 5;

const UNKNOWN_SENDER_NOTE =
  'Unknown sender: no customer account has this email address, so no account is linked. The name and address are only what the mail says.';
const NO_TEXT = '(The email had no text.)';

class AlreadyReceived extends Error {}

/** A stable client message id for a mail, so a follow-up stored twice is one message. */
const clientMsgIdOf = (messageId: string) => `mail${createHash('sha256').update(messageId).digest('hex').slice(0, 40)}`;

const shownName = (name: string | null) => maskCardNumbers((name ?? 'attachment').replace(/[\r\n\t"]/g, ' ')).slice(0, 80);

export function createMailIn(deps: Deps, chats: Pick<CustomerChats, 'email'>, uploads: Pick<Uploads, 'prepare'>) {
  const { storage, log } = deps;

  /** Checks each attachment as the chat page checks an upload; a refusal becomes a desk note. */
  async function prepareAttachments(files: InboundAttachment[]): Promise<{ accepted: PreparedUpload[]; notes: string[] }> {
    const accepted: PreparedUpload[] = [];
    const notes: string[] = [];
    for (const [i, f] of files.entries()) {
      const name = shownName(f.filename);
      if (i >= MAX_MAIL_ATTACHMENTS) {
        notes.push(`Attachment "${name}" was not kept: at most ${MAX_MAIL_ATTACHMENTS} files per email.`);
        continue;
      }
      try {
        accepted.push(await uploads.prepare(f.content, f.filename ?? 'attachment'));
      } catch (err) {
        if (!(err instanceof DeskError)) throw err;
        notes.push(`Attachment "${name}" was refused: ${err.message}`);
      }
    }
    return { accepted, notes };
  }

  async function receive(mail: InboundMail): Promise<MailInOutcome> {
    const messageId = mail.messageId ?? `<${newId()}@no-message-id.invalid>`;
    const known = await storage.read((tx) => tx.mailInbox.get(messageId));
    if (known) return duplicate(known.ticket_id);
    const { accepted, notes } = await prepareAttachments(mail.attachments);
    const body = mailBody({ text: mail.text });
    if (body.truncated) notes.push('The email was longer than a message may be; the end was cut. The customer may need to resend it in parts.');
    const text = body.text || NO_TEXT;
    const from = mail.from.address;
    try {
      return await storage.write(async (tx) => {
        if (await tx.mailInbox.get(messageId)) throw new AlreadyReceived();
        const outcome = await deliver(tx, mail, { text, accepted, notes });
        const [latest] = await tx.messages.recentByAuthorKind(outcome.ticket.id, 'customer', tx.now, 1);
        if (!(await tx.mailInbox.insertOnce({ mail_message_id: messageId, ticket_id: outcome.ticket.id, message_id: latest?.id ?? null, from_address: from, received_at: tx.now })))
          throw new AlreadyReceived();
        await tx.audit({
          actorKind: 'customer',
          actorId: outcome.ticket.customer_id,
          action: 'email.receive',
          outcome: 'ok',
          ticketId: outcome.ticket.id,
          customerId: outcome.ticket.customer_id,
          details: { threaded: outcome.kind === 'threaded', attachments: accepted.length, refused: notes.length },
        });
        return { kind: outcome.kind, ticketId: outcome.ticket.id, reference: outcome.ticket.reference };
      });
    } catch (err) {
      // The same mail delivered twice at once: the other delivery stored it.
      if (!(err instanceof AlreadyReceived)) throw err;
      const row = await storage.read((tx) => tx.mailInbox.get(messageId));
      if (!row) throw err;
      return duplicate(row.ticket_id);
    }
  }

  async function duplicate(ticketId: string): Promise<MailInOutcome> {
    const t = await storage.read((tx) => tx.tickets.get(ticketId));
    log.info({ ticketId }, 'mail received again (same Message-ID): already stored');
    return { kind: 'duplicate', ticketId, reference: t?.reference ?? '' };
  }

  async function deliver(
    tx: AsyncWriteTx,
    mail: InboundMail,
    content: { text: string; accepted: PreparedUpload[]; notes: string[] },
  ): Promise<{ kind: 'new' | 'threaded'; ticket: TicketDbRow }> {
    const quoted = referenceInSubject(mail.subject);
    const earlier = quoted ? await tx.tickets.getByReference(quoted) : null;
    const owner = earlier ? await tx.customers.get(earlier.customer_id) : null;
    const sameSender = !!owner && owner.email !== '' && owner.email.toLowerCase() === mail.from.address.toLowerCase();
    if (earlier && sameSender && earlier.status !== 'closed') {
      const clientMsgId = clientMsgIdOf(mail.messageId ?? newId());
      const ticket = await chats.email.followUp(tx, earlier, { body: content.text, clientMsgId, attachments: content.accepted, notes: content.notes });
      return { kind: 'threaded', ticket };
    }
    const customer = await chats.email.customerFor(tx, mail.from.address, mail.from.name);
    const notes = [...content.notes];
    if (quoted) {
      notes.unshift(
        !earlier
          ? `Quoted reference ${quoted}, which names no case.`
          : sameSender
            ? `The customer wrote about ${quoted}, which is closed: a new case linked to it.`
            : `Quoted reference ${quoted} from an address that is not that case's customer: a new case linked to it; nothing of that case was sent to them.`,
      );
    }
    const ticket = await chats.email.openCase(tx, {
      customer,
      category: 'other',
      description: content.text,
      subject: bareSubject(mail.subject),
      attachments: content.accepted,
      linkedTicketId: earlier?.id ?? null,
      visitorNote: UNKNOWN_SENDER_NOTE,
      notes,
    });
    return { kind: 'new', ticket };
  }

  return { receive };
}
export type MailIn = ReturnType<typeof createMailIn>;
