/**
 * What an agent does, as outbox mutations pushed to the server (SYNC.md "Writing").
 * Each has a client-generated id; the server applies each `(clientId, clientMsgId)` once.
 */
import { z } from 'zod';
import { Category, Priority, TicketStatus } from '../domain';
import { CallFields } from '../calls';
import { ResolveOutcome, Tags } from '../wrap-up';

export const MAX_MESSAGE_LENGTH = 10_000;

const clientMsgId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
const id = z.string().min(1).max(64);
const body = z.string().trim().min(1).max(MAX_MESSAGE_LENGTH);

const base = { clientMsgId, ticketId: id };
/** A canned reply's shortcut ("pd-processing"): what a reply came from, recorded for assist. */
export const CannedShortcut = z.string().min(1).max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const Mutation = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.literal('ticket.accept') }),
  /** An agent turns down a chat routing offered them: it goes back to the queue, keeping its place. */
  z.strictObject({ ...base, kind: z.literal('ticket.decline'), reason: z.string().trim().max(200).optional() }),
  /** `cannedShortcut`: the canned reply the text still largely is (src/shared/canned-usage.ts), if any. */
  z.strictObject({ ...base, kind: z.literal('message.reply'), body, attachmentIds: z.array(id).max(10).optional(), cannedShortcut: CannedShortcut.optional() }),
  // A note may carry images too: a redacted copy of a screenshot is attached to a note, so it stays internal.
  z.strictObject({ ...base, kind: z.literal('message.note'), body, attachmentIds: z.array(id).max(10).optional() }),
  z.strictObject({ ...base, kind: z.literal('ticket.setStatus'), status: TicketStatus.exclude(['queued']) }),
  /** Resolve with the wrap-up: how it ended, the category confirmed or corrected, tags. */
  z.strictObject({ ...base, kind: z.literal('ticket.resolve'), outcome: ResolveOutcome, category: Category, tags: Tags }),
  z.strictObject({ ...base, kind: z.literal('ticket.setTags'), tags: Tags }),
  /** Merges this case (the source) into another case of the same customer (the target). */
  z.strictObject({ ...base, kind: z.literal('ticket.merge'), targetId: id }),
  /** A phone call with the customer, logged on the case (desk-side only). */
  z.strictObject({ ...base, kind: z.literal('call.log'), ...CallFields }),
  z.strictObject({ ...base, kind: z.literal('ticket.setCategory'), category: Category }),
  z.strictObject({ ...base, kind: z.literal('ticket.setPriority'), priority: Priority }),
  z.strictObject({ ...base, kind: z.literal('ticket.transfer'), toAgentId: id.nullable(), note: z.string().max(2000).optional() }),
  z.strictObject({
    ...base,
    kind: z.literal('ticket.escalate'),
    to: z.enum(['senior', 'supervisor', 'complaint']),
    reason: z.string().trim().min(1).max(2000),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('account.extendDueDate'),
    installmentId: id,
    newDueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  z.strictObject({ ...base, kind: z.literal('account.pauseInstallments'), orderId: id, returnId: id }),
  z.strictObject({ ...base, kind: z.literal('account.resendVerification') }),
]);
export type Mutation = z.infer<typeof Mutation>;
export type MutationKind = Mutation['kind'];

export const MAX_PUSH_BATCH = 100;

export const PushRequest = z.strictObject({
  clientId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
  protocol: z.number().int().min(0).max(1000),
  mutations: z.array(Mutation).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** Why a mutation was permanently refused; the desktop shows it and keeps the text. */
export const REJECTION_CODES = [
  'not_assigned', // the ticket belongs to someone else now
  'ticket_closed',
  'not_found',
  'forbidden_role',
  'invalid', // failed a domain rule (e.g. a due date too far out)
  'conflict', // the state moved on (e.g. already accepted by someone else)
  'card_number', // reserved: the desktop refuses these before sending
] as const;
export const RejectionCode = z.enum(REJECTION_CODES);
export type RejectionCode = z.infer<typeof RejectionCode>;

export const Ack = z.discriminatedUnion('status', [
  z.object({
    clientMsgId: z.string(),
    status: z.literal('applied'),
    /** Change-feed sequence of the mutation's effect (0 when nothing changed). */
    seq: z.number().int(),
    /** Server id of what was created, e.g. the message id. */
    entityId: z.string().nullable(),
  }),
  z.object({
    clientMsgId: z.string(),
    status: z.literal('rejected'),
    code: RejectionCode,
    reason: z.string(),
  }),
]);
export type Ack = z.infer<typeof Ack>;

export const PushResponse = z.object({ acks: z.array(Ack) });
export type PushResponse = z.infer<typeof PushResponse>;
