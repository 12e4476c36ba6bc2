/**
 * Applies one agent mutation (SYNC.md "Writing"), authorised by role and assignment and written
 * to the audit log. A domain refusal is a rejection ack (the outbox never wedges); the caller
 * owns the transaction and the idempotency ledger.
 */
import { CATEGORY_LABELS } from '../../shared/domain';
import { transferVerdict, type TransferBlock } from '../../shared/transfer';
import type { Ack, Mutation, RejectionCode } from '../../shared/protocol/mutations';
import type { Deps } from '../deps';
import type { Router } from '../routing/router';
import type { WriteContext } from '../storage/store';
import type { Agent } from '../storage/tables/agents';
import { OPEN_RETURN_STATUSES } from '../storage/tables/returns';
import type { TicketDbRow } from '../storage/tables/tickets';
import { canTakeFromQueue, canWriteTicket, maxDueDateExtensionDays } from './access';
import { chatStateOf } from './chat-state';
import { feedCustomerEntity, feedTicket, LIVE_STATUSES } from './feed';
import { addMessage, systemMessage } from './messages';
import { stopClock } from './reply-clock';

class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
  }
}
const reject = (code: RejectionCode, reason: string): never => {
  throw new Rejection(code, reason);
};

/** A transfer refusal as an ack code: what never changes is invalid, what may change soon a conflict. */
const TRANSFER_REJECTION: Record<TransferBlock, RejectionCode> = { self: 'invalid', assignee: 'invalid', queue: 'invalid', presence: 'conflict', capacity: 'conflict' };

const COMPLAINT_DEADLINE_DAYS = 56; // eight weeks for a final response to a formal complaint
const firstName = (a: Agent) => a.name.split(' ')[0] ?? a.name;

export function createAgentActions(deps: Deps, router: Router) {
  const { store, hub } = deps;

  function requireWrite(agent: Agent, t: TicketDbRow): void {
    if (!canWriteTicket(agent, t)) reject('not_assigned', 'This chat is assigned to someone else now.');
    if (t.status === 'closed') reject('ticket_closed', 'This case is closed.');
  }

  function notifyCustomer(ctx: WriteContext, t: TicketDbRow): void {
    ctx.afterCommit(() => hub.toCustomer(t.id, { type: 'chat', chat: chatStateOf(deps, t) }));
  }

  /** Returns [ack, seq] for one mutation inside ctx. Throws only on unexpected (transient) errors. */
  function apply(ctx: WriteContext, agent: Agent, m: Mutation): Ack {
    const t = store.tickets.get(m.ticketId);
    try {
      if (!t) return reject('not_found', 'This case does not exist.');
      const result = applyTo(ctx, agent, t, m);
      ctx.audit({ actorKind: 'agent', actorId: agent.id, action: m.kind, outcome: 'ok', ticketId: t.id, customerId: t.customer_id, details: auditDetails(m, t) });
      return { clientMsgId: m.clientMsgId, status: 'applied', seq: result.seq, entityId: result.entityId };
    } catch (err) {
      if (!(err instanceof Rejection)) throw err;
      const details = m.kind === 'ticket.transfer' ? { code: err.code, reason: err.message, ...auditDetails(m, t) } : { code: err.code };
      ctx.audit({ actorKind: 'agent', actorId: agent.id, action: m.kind, outcome: 'rejected', ticketId: t?.id ?? null, details });
      return { clientMsgId: m.clientMsgId, status: 'rejected', code: err.code, reason: err.message };
    }
  }

  function applyTo(ctx: WriteContext, agent: Agent, t: TicketDbRow, m: Mutation): { seq: number; entityId: string | null } {
    switch (m.kind) {
      case 'ticket.accept': {
        if (t.assignee_id === agent.id) {
          if (t.accepted_at) return { seq: 0, entityId: t.id };
          const u = store.tickets.update(t.id, { accepted_at: ctx.now, status: 'open' });
          router.announceJoin(ctx, u, agent);
          const seq = feedTicket(ctx, u).seq;
          notifyCustomer(ctx, u);
          return { seq, entityId: t.id };
        }
        if (t.assignee_id !== null) reject('conflict', 'Another agent has already taken this chat.');
        if (!canTakeFromQueue(agent, t)) reject('forbidden_role', 'This chat is not in your queue.');
        const u = router.assign(ctx, t, agent, true);
        notifyCustomer(ctx, u);
        return { seq: store.changeFeed.head(), entityId: t.id };
      }
      case 'ticket.decline': {
        if (t.assignee_id !== agent.id) reject('not_assigned', 'This chat is not offered to you.');
        if (t.accepted_at || t.first_response_at) reject('conflict', 'You already took this chat; transfer it instead.');
        store.tickets.recordDecline(t.id, agent.id, ctx.now);
        // Back to the queue, keeping its place (queued_at stays); routing offers it to someone else.
        const u = store.tickets.update(t.id, { assignee_id: null, status: 'queued', offered_at: null, accepted_at: null });
        const seq = feedTicket(ctx, u, { lostBy: agent.id, enteredQueue: true }).seq;
        router.drain(ctx, u.region_id);
        return { seq, entityId: t.id };
      }
      case 'message.reply': {
        requireWrite(agent, t);
        // Replying to an offered chat takes it: the customer first hears that the agent joined.
        if (!t.accepted_at && t.assignee_id === agent.id) router.announceJoin(ctx, t, agent);
        // The client id travels with the message so a desktop can match its optimistic row.
        const { message } = addMessage(deps, ctx, t, {
          authorKind: 'agent',
          authorId: agent.id,
          authorName: agent.name,
          body: m.body,
          clientMsgId: m.clientMsgId,
          attachmentIds: m.attachmentIds ?? [],
        });
        const patch: Parameters<typeof store.tickets.update>[1] = { last_message_at: ctx.now, ...stopClock(t) };
        if (!t.first_response_at) patch.first_response_at = ctx.now;
        if (!t.accepted_at && t.assignee_id === agent.id) patch.accepted_at = ctx.now;
        if (t.status === 'resolved') patch.status = 'pending';
        const u = store.tickets.update(t.id, patch);
        const seq = feedTicket(ctx, u).seq;
        return { seq, entityId: message.id };
      }
      case 'message.note': {
        requireWrite(agent, t);
        const { message } = addMessage(deps, ctx, t, {
          authorKind: 'note',
          authorId: agent.id,
          authorName: agent.name,
          body: m.body,
          clientMsgId: m.clientMsgId,
          attachmentIds: m.attachmentIds ?? [],
        });
        return { seq: store.changeFeed.head(), entityId: message.id };
      }
      case 'ticket.setStatus': {
        requireWrite(agent, t);
        if (t.status === m.status) return { seq: 0, entityId: t.id };
        const resolving = m.status === 'resolved' || m.status === 'closed';
        // Nothing waits on an agent once the case is with the customer or done.
        const clock = m.status === 'open' ? {} : stopClock(t);
        const u = store.tickets.update(t.id, { status: m.status, resolved_at: resolving ? (t.resolved_at ?? ctx.now) : null, ...clock });
        if (m.status === 'resolved') systemMessage(deps, ctx, u, `${firstName(agent)} marked this chat as resolved.`);
        const seq = feedTicket(ctx, u, { loadChanged: LIVE_STATUSES.includes(t.status) !== LIVE_STATUSES.includes(u.status) }).seq;
        notifyCustomer(ctx, u);
        if (resolving) router.drain(ctx, u.region_id);
        return { seq, entityId: t.id };
      }
      case 'ticket.setCategory': {
        requireWrite(agent, t);
        const u = store.tickets.update(t.id, { category: m.category });
        systemMessage(deps, ctx, u, `Category changed to ${CATEGORY_LABELS[m.category]}.`);
        return { seq: feedTicket(ctx, u).seq, entityId: t.id };
      }
      case 'ticket.setPriority': {
        requireWrite(agent, t);
        const u = store.tickets.update(t.id, { priority: m.priority });
        return { seq: feedTicket(ctx, u).seq, entityId: t.id };
      }
      case 'ticket.transfer': {
        requireWrite(agent, t);
        if (m.toAgentId === null) {
          const u = store.tickets.update(t.id, { assignee_id: null, status: 'queued', queued_at: ctx.now, offered_at: null, accepted_at: null });
          systemMessage(deps, ctx, u, 'You are being transferred to the next available agent.');
          if (m.note) addMessage(deps, ctx, u, { authorKind: 'note', authorId: agent.id, authorName: agent.name, body: m.note });
          const seq = feedTicket(ctx, u, { lostBy: t.assignee_id, enteredQueue: true }).seq;
          notifyCustomer(ctx, u);
          router.drain(ctx, u.region_id);
          return { seq, entityId: t.id };
        }
        const target = store.agents.get(m.toAgentId);
        if (!target) return reject('not_found', 'That agent does not exist.');
        const verdict = transferVerdict(agent.id, target, { regionId: t.region_id, tier: t.tier, assigneeId: t.assignee_id }, store.tickets.chatLoad(target.id));
        if (!verdict.ok) reject(TRANSFER_REJECTION[verdict.block], verdict.reason);
        const u = store.tickets.update(t.id, { assignee_id: target.id, status: 'open', offered_at: ctx.now, accepted_at: null });
        systemMessage(deps, ctx, u, `${firstName(agent)} transferred the chat to ${firstName(target)}.`);
        if (m.note) addMessage(deps, ctx, u, { authorKind: 'note', authorId: agent.id, authorName: agent.name, body: m.note });
        const seq = feedTicket(ctx, u, { gainedBy: target.id, lostBy: t.assignee_id }).seq;
        ctx.afterCommit(() => hub.toAgent(target.id, { type: 'chat.offered', ticketId: t.id, reference: t.reference }));
        notifyCustomer(ctx, u);
        return { seq, entityId: t.id };
      }
      case 'ticket.escalate': {
        requireWrite(agent, t);
        const tier = m.to === 'senior' ? 2 : 3;
        if (tier <= t.tier && m.to !== 'complaint') reject('invalid', 'This case is already at that level.');
        const complaint = m.to === 'complaint';
        const u = store.tickets.update(t.id, {
          tier: Math.max(tier, t.tier) as 1 | 2 | 3,
          assignee_id: null,
          status: 'queued',
          queued_at: ctx.now,
          offered_at: null,
          accepted_at: null,
          priority: complaint ? 'urgent' : t.priority === 'low' || t.priority === 'normal' ? 'high' : t.priority,
          is_complaint: complaint ? 1 : t.is_complaint,
          complaint_due_at: complaint ? new Date(Date.parse(ctx.now) + COMPLAINT_DEADLINE_DAYS * 86_400_000).toISOString() : t.complaint_due_at,
        });
        addMessage(deps, ctx, u, { authorKind: 'note', authorId: agent.id, authorName: agent.name, body: `Escalated to ${m.to}: ${m.reason}` });
        systemMessage(
          deps,
          ctx,
          u,
          complaint
            ? 'Your case is now a formal complaint. A supervisor will reply within eight weeks at the latest; your reference stays the same.'
            : `A ${m.to === 'senior' ? 'senior agent' : 'supervisor'} will take over your case; your reference stays the same.`,
        );
        const seq = feedTicket(ctx, u, { lostBy: t.assignee_id, enteredQueue: true }).seq;
        notifyCustomer(ctx, u);
        router.drain(ctx, u.region_id);
        return { seq, entityId: t.id };
      }
      case 'account.extendDueDate': {
        requireWrite(agent, t);
        const inst = store.installments.get(m.installmentId);
        if (!inst || inst.customer_id !== t.customer_id) return reject('not_found', "That installment is not this customer's.");
        if (inst.status === 'paid' || inst.status === 'paused') reject('invalid', `A ${inst.status} installment cannot be moved.`);
        const days = (Date.parse(m.newDueDate) - Date.parse(inst.due_date)) / 86_400_000;
        if (!(days > 0)) reject('invalid', 'The new due date must be after the current one.');
        const max = maxDueDateExtensionDays(agent);
        if (days > max) reject(agent.role === 'agent' ? 'forbidden_role' : 'invalid', `You can extend a due date by at most ${max} days; escalate for more.`);
        store.installments.setDueDate(inst.id, m.newDueDate);
        systemMessage(deps, ctx, t, `Installment ${inst.number} now falls due on ${m.newDueDate}.`);
        return { seq: feedCustomerEntity(ctx, 'installment', inst.id, t.customer_id).seq, entityId: inst.id };
      }
      case 'account.pauseInstallments': {
        requireWrite(agent, t);
        const order = store.orders.get(m.orderId);
        if (!order || order.customer_id !== t.customer_id) return reject('not_found', "That order is not this customer's.");
        const ret = store.returns.get(m.returnId);
        if (!ret || ret.order_id !== order.id) return reject('not_found', 'That return is not for this order.');
        if (!OPEN_RETURN_STATUSES.includes(ret.status)) reject('invalid', 'Payments can be paused only while the return is open.');
        let seq = 0;
        for (const inst of store.installments.forOrder(order.id)) {
          if (inst.status === 'scheduled' || inst.status === 'overdue' || inst.status === 'failed') {
            store.installments.setStatus(inst.id, 'paused');
            seq = feedCustomerEntity(ctx, 'installment', inst.id, t.customer_id).seq;
          }
        }
        if (seq === 0) reject('invalid', 'There are no open installments to pause on this order.');
        systemMessage(deps, ctx, t, `Payments for order ${order.order_number} are paused while the return is open.`);
        return { seq, entityId: order.id };
      }
      case 'account.resendVerification': {
        requireWrite(agent, t);
        const account = store.accounts.forCustomer(t.customer_id);
        if (!account) return reject('not_found', 'This customer has no account.');
        if (account.verification_status === 'verified') reject('invalid', 'This account is already verified.');
        store.accounts.markVerificationResent(account.id);
        systemMessage(deps, ctx, t, 'We have sent you a new verification link by email.');
        return { seq: feedCustomerEntity(ctx, 'account', account.id, t.customer_id).seq, entityId: account.id };
      }
      default: {
        const never: never = m;
        throw new Error(`unknown mutation ${(never as { kind: string }).kind}`);
      }
    }
  }

  return { apply };
}
export type AgentActions = ReturnType<typeof createAgentActions>;

/** What the audit log keeps of a mutation: ids and fields, never message text; a transfer also says from whom. */
function auditDetails(m: Mutation, t: TicketDbRow | null): Record<string, unknown> {
  const { clientMsgId, kind: _kind, ticketId: _t, ...rest } = m as Record<string, unknown> & Mutation;
  const details: Record<string, unknown> = { clientMsgId };
  if (m.kind === 'ticket.transfer') details.fromAgentId = t?.assignee_id ?? null;
  for (const [k, v] of Object.entries(rest)) details[k] = k === 'body' || k === 'note' || k === 'reason' ? `[${String(v).length} chars]` : v;
  return details;
}
