/**
 * Applies one agent mutation (SYNC.md "Writing"), authorised by role and assignment and written
 * to the audit log. A domain refusal is a rejection ack (the outbox never wedges); the caller
 * owns the transaction and the idempotency ledger.
 */
import { callSummary } from '../../shared/calls';
import { maskCardNumbers } from '../../shared/card-mask';
import { CATEGORY_LABELS } from '../../shared/domain';
import { transferVerdict, type TransferBlock } from '../../shared/transfer';
import type { Ack, Mutation, RejectionCode } from '../../shared/protocol/mutations';
import type { Deps } from '../deps';
import type { MailOut } from '../email/mail-out';
import type { Router } from '../routing/router';
import type { AsyncWriteTx } from '../storage/async-store';
import type { Agent } from '../storage/tables/agents';
import type { Region } from '../storage/tables/regions';
import { OPEN_RETURN_STATUSES } from '../storage/tables/returns';
import type { TicketDbRow, TicketPatch } from '../storage/tables/tickets';
import { newId } from '../util/ids';
import { canTakeFromQueue, canWriteTicket, maxDueDateExtensionDays } from './access';
import { chatStateOf } from './chat-state';
import { feedCustomerEntity, feedTicket, LIVE_STATUSES } from './feed';
import { mergeProblem } from './merge';
import { addMessage, systemMessage } from './messages';
import { reopenPatch } from './reopen';
import { DEFAULT_LIFECYCLE, resolvePatch, windowInWords, type LifecycleOptions } from './lifecycle';
import { stopClock } from './reply-clock';
import { complaintDeadline } from '../calendar/deadlines';
import { regionCalendar } from '../calendar/region-calendar';
import { zoneName } from '../calendar/describe';

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

const firstName = (a: Agent) => a.name.split(' ')[0] ?? a.name;

/**
 * A complaint deadline as the customer reads it: the last day, in the region's language and zone,
 * the zone named (the deadline is that day's end, local midnight).
 */
function dueText(at: Date | null, region: Region | null): string {
  if (!at || !region) return 'the deadline';
  const lastMoment = new Date(at.getTime() - 1);
  const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: region.timeZone }).format(lastMoment);
  return `the end of ${day} (${zoneName(region.timeZone, lastMoment, region.locale)})`;
}

export function createAgentActions(deps: Deps, router: Router, mail: MailOut, lifecycle: LifecycleOptions = DEFAULT_LIFECYCLE) {
  const { hub } = deps;
  const resolvedMessage = (agent: Agent) =>
    `${firstName(agent)} marked this chat as resolved. If there is one more thing, just write here within ${windowInWords(lifecycle.oneMoreThingMs)}.`;

  function requireWrite(agent: Agent, t: TicketDbRow): void {
    if (!canWriteTicket(agent, t)) reject('not_assigned', 'This chat is assigned to someone else now.');
    if (t.status === 'closed') reject('ticket_closed', 'This case is closed.');
  }

  /** The customer's chat state as this transaction leaves it, sent after the commit. */
  async function notifyCustomer(tx: AsyncWriteTx, t: TicketDbRow): Promise<void> {
    const chat = await chatStateOf(deps, tx, t);
    tx.afterCommit(() => hub.toCustomer(t.id, { type: 'chat', chat }));
  }

  /**
   * The ack for one mutation applied inside tx, on the ticket read for update (on PostgreSQL a
   * second node's change to it waits for this commit). Throws only on unexpected (transient) errors.
   */
  async function apply(tx: AsyncWriteTx, agent: Agent, m: Mutation): Promise<Ack> {
    const t = await tx.tickets.getForUpdate(m.ticketId);
    try {
      if (!t) return reject('not_found', 'This case does not exist.');
      const result = await applyTo(tx, agent, t, m);
      await tx.audit({ actorKind: 'agent', actorId: agent.id, action: m.kind, outcome: 'ok', ticketId: t.id, customerId: t.customer_id, details: auditDetails(m, t) });
      return { clientMsgId: m.clientMsgId, status: 'applied', seq: result.seq, entityId: result.entityId };
    } catch (err) {
      if (!(err instanceof Rejection)) throw err;
      const details = m.kind === 'ticket.transfer' ? { code: err.code, reason: err.message, ...auditDetails(m, t) } : { code: err.code };
      await tx.audit({ actorKind: 'agent', actorId: agent.id, action: m.kind, outcome: 'rejected', ticketId: t?.id ?? null, details });
      return { clientMsgId: m.clientMsgId, status: 'rejected', code: err.code, reason: err.message };
    }
  }

  async function applyTo(tx: AsyncWriteTx, agent: Agent, t: TicketDbRow, m: Mutation): Promise<{ seq: number; entityId: string | null }> {
    switch (m.kind) {
      case 'ticket.accept': {
        if (t.assignee_id === agent.id) {
          if (t.accepted_at) return { seq: 0, entityId: t.id };
          const u = await tx.tickets.update(t.id, { accepted_at: tx.now, status: 'open' });
          await router.announceJoin(tx, u, agent);
          const seq = (await feedTicket(tx, u)).seq;
          await notifyCustomer(tx, u);
          return { seq, entityId: t.id };
        }
        if (t.assignee_id !== null) reject('conflict', 'Another agent has already taken this chat.');
        if (!canTakeFromQueue(agent, t)) reject('forbidden_role', 'This chat is not in your queue.');
        const u = await router.assign(tx, t, agent, true);
        await notifyCustomer(tx, u);
        return { seq: await tx.changeFeed.head(), entityId: t.id };
      }
      case 'ticket.decline': {
        if (t.assignee_id !== agent.id) reject('not_assigned', 'This chat is not offered to you.');
        if (t.accepted_at || t.first_response_at) reject('conflict', 'You already took this chat; transfer it instead.');
        await tx.tickets.recordDecline(t.id, agent.id, tx.now);
        // Back to the queue, keeping its place (queued_at stays); routing offers it to someone else.
        const u = await tx.tickets.update(t.id, { assignee_id: null, status: 'queued', offered_at: null, accepted_at: null });
        const seq = (await feedTicket(tx, u, { lostBy: agent.id, enteredQueue: true })).seq;
        await router.drain(tx, u.region_id);
        return { seq, entityId: t.id };
      }
      case 'message.reply': {
        requireWrite(agent, t);
        // Replying to an offered chat takes it: the customer first hears that the agent joined.
        if (!t.accepted_at && t.assignee_id === agent.id) await router.announceJoin(tx, t, agent);
        // The client id travels with the message so a desktop can match its optimistic row.
        const { message } = await addMessage(deps, tx, t, {
          authorKind: 'agent',
          authorId: agent.id,
          authorName: agent.name,
          body: m.body,
          clientMsgId: m.clientMsgId,
          attachmentIds: m.attachmentIds ?? [],
          cannedShortcut: m.cannedShortcut ?? null,
        });
        const patch: TicketPatch = { last_message_at: tx.now, ...stopClock(t) };
        if (!t.first_response_at) patch.first_response_at = tx.now;
        if (!t.accepted_at && t.assignee_id === agent.id) patch.accepted_at = tx.now;
        if (t.status === 'resolved') Object.assign(patch, { status: 'pending', closes_at: null });
        const u = await tx.tickets.update(t.id, { ...patch, ...reopenPatch(t, patch.status, tx.now) });
        // An email case's reply also goes out as a mail, queued in this transaction.
        if (u.channel === 'email' && !(await mail.queueReply(tx, u, message)))
          await addMessage(deps, tx, u, { authorKind: 'note', authorId: null, authorName: 'Agent Desk', body: 'This customer has no email address: the reply was not sent by email.' });
        const seq = (await feedTicket(tx, u)).seq;
        return { seq, entityId: message.id };
      }
      case 'message.note': {
        requireWrite(agent, t);
        const { message } = await addMessage(deps, tx, t, {
          authorKind: 'note',
          authorId: agent.id,
          authorName: agent.name,
          body: m.body,
          clientMsgId: m.clientMsgId,
          attachmentIds: m.attachmentIds ?? [],
        });
        return { seq: await tx.changeFeed.head(), entityId: message.id };
      }
      case 'ticket.setStatus': {
        requireWrite(agent, t);
        if (t.status === m.status) return { seq: 0, entityId: t.id };
        const resolving = m.status === 'resolved' || m.status === 'closed';
        // Nothing waits on an agent once the case is with the customer or done.
        const clock = m.status === 'open' ? {} : stopClock(t);
        const status: TicketPatch =
          m.status === 'resolved' ? resolvePatch(t, tx.now, lifecycle) : { status: m.status, resolved_at: resolving ? (t.resolved_at ?? tx.now) : null, closes_at: null };
        const u = await tx.tickets.update(t.id, { ...status, ...clock, ...reopenPatch(t, m.status, tx.now) });
        if (m.status === 'resolved') await systemMessage(deps, tx, u, resolvedMessage(agent));
        const seq = (await feedTicket(tx, u, { loadChanged: LIVE_STATUSES.includes(t.status) !== LIVE_STATUSES.includes(u.status) })).seq;
        await notifyCustomer(tx, u);
        if (resolving) await router.drain(tx, u.region_id);
        return { seq, entityId: t.id };
      }
      case 'ticket.resolve': {
        requireWrite(agent, t);
        const wrapUp: TicketPatch = { outcome: m.outcome, category: m.category, tags_json: JSON.stringify(m.tags) };
        if (t.status === 'resolved') {
          // Resolved already (a second desktop, or a retry after the window started): the wrap-up is corrected, the window kept.
          const u = await tx.tickets.update(t.id, wrapUp);
          return { seq: (await feedTicket(tx, u)).seq, entityId: t.id };
        }
        const u = await tx.tickets.update(t.id, { ...wrapUp, ...resolvePatch(t, tx.now, lifecycle), ...stopClock(t) });
        await systemMessage(deps, tx, u, resolvedMessage(agent));
        const seq = (await feedTicket(tx, u, { loadChanged: LIVE_STATUSES.includes(t.status) })).seq;
        await notifyCustomer(tx, u);
        await router.drain(tx, u.region_id);
        return { seq, entityId: t.id };
      }
      case 'ticket.setTags': {
        requireWrite(agent, t);
        const u = await tx.tickets.update(t.id, { tags_json: JSON.stringify(m.tags) });
        return { seq: (await feedTicket(tx, u)).seq, entityId: t.id };
      }
      case 'ticket.merge': {
        requireWrite(agent, t);
        const target = await tx.tickets.getForUpdate(m.targetId);
        if (target && !canWriteTicket(agent, target)) reject('not_assigned', 'That case is assigned to someone else.');
        const problem = mergeProblem(t, target);
        if (problem) reject(target ? 'invalid' : 'not_found', problem);
        const into = target!;
        // The source goes with the target's assignee, so whoever works the target reads both threads.
        const source = await tx.tickets.update(t.id, { status: 'closed', merged_into_id: into.id, closes_at: null, assignee_id: into.assignee_id, ...stopClock(t) });
        await addMessage(deps, tx, source, { authorKind: 'note', authorId: agent.id, authorName: agent.name, body: `Merged into ${into.reference}; the conversation continues there.` });
        const moved = source.assignee_id !== t.assignee_id;
        await feedTicket(tx, source, { gainedBy: moved ? source.assignee_id : null, lostBy: moved ? t.assignee_id : null, loadChanged: LIVE_STATUSES.includes(t.status) && !moved });
        await systemMessage(deps, tx, into, `Your case ${t.reference} was merged into this case, ${into.reference}. Both conversations are kept here; either reference leads to it.`);
        const seq = (await feedTicket(tx, await tx.tickets.update(into.id, { last_message_at: tx.now }))).seq;
        await tx.audit({ actorKind: 'agent', actorId: agent.id, action: 'ticket.merged_into', outcome: 'ok', ticketId: into.id, customerId: into.customer_id, details: { sourceId: t.id } });
        await notifyCustomer(tx, source);
        await router.drain(tx, t.region_id);
        return { seq, entityId: into.id };
      }
      case 'call.log': {
        requireWrite(agent, t);
        // What the customer said on the phone is masked as their typing is.
        const notes = maskCardNumbers(m.notes);
        const id = newId();
        await tx.calls.insert({ id, ticket_id: t.id, customer_id: t.customer_id, agent_id: agent.id, direction: m.direction, duration_sec: m.durationSec, outcome: m.outcome, notes, created_at: tx.now });
        // The call in the case's history: an internal note (the chat page never shows notes).
        const summary = `📞 ${callSummary(m)}${notes ? `\n${notes}` : ''}`;
        await addMessage(deps, tx, t, { authorKind: 'note', authorId: agent.id, authorName: agent.name, body: summary });
        const u = await tx.tickets.update(t.id, { last_message_at: tx.now });
        return { seq: (await feedTicket(tx, u)).seq, entityId: id };
      }
      case 'ticket.setCategory': {
        requireWrite(agent, t);
        const u = await tx.tickets.update(t.id, { category: m.category });
        await systemMessage(deps, tx, u, `Category changed to ${CATEGORY_LABELS[m.category]}.`);
        return { seq: (await feedTicket(tx, u)).seq, entityId: t.id };
      }
      case 'ticket.setPriority': {
        requireWrite(agent, t);
        const u = await tx.tickets.update(t.id, { priority: m.priority });
        return { seq: (await feedTicket(tx, u)).seq, entityId: t.id };
      }
      case 'ticket.transfer': {
        requireWrite(agent, t);
        if (m.toAgentId === null) {
          const u = await tx.tickets.update(t.id, { assignee_id: null, status: 'queued', queued_at: tx.now, offered_at: null, accepted_at: null });
          await systemMessage(deps, tx, u, 'You are being transferred to the next available agent.');
          if (m.note) await addMessage(deps, tx, u, { authorKind: 'note', authorId: agent.id, authorName: agent.name, body: m.note });
          const seq = (await feedTicket(tx, u, { lostBy: t.assignee_id, enteredQueue: true })).seq;
          await notifyCustomer(tx, u);
          await router.drain(tx, u.region_id);
          return { seq, entityId: t.id };
        }
        // The target locked before its load is counted: two transfers (or an offer) cannot both take its last slot.
        const target = await tx.agents.getForUpdate(m.toAgentId);
        if (!target) return reject('not_found', 'That agent does not exist.');
        const verdict = transferVerdict(agent.id, target, { regionId: t.region_id, tier: t.tier, assigneeId: t.assignee_id }, await tx.tickets.chatLoad(target.id));
        if (!verdict.ok) reject(TRANSFER_REJECTION[verdict.block], verdict.reason);
        const u = await tx.tickets.update(t.id, { assignee_id: target.id, status: 'open', offered_at: tx.now, accepted_at: null });
        await systemMessage(deps, tx, u, `${firstName(agent)} transferred the chat to ${firstName(target)}.`);
        if (m.note) await addMessage(deps, tx, u, { authorKind: 'note', authorId: agent.id, authorName: agent.name, body: m.note });
        const seq = (await feedTicket(tx, u, { gainedBy: target.id, lostBy: t.assignee_id })).seq;
        tx.afterCommit(() => hub.toAgent(target.id, { type: 'chat.offered', ticketId: t.id, reference: t.reference }));
        await notifyCustomer(tx, u);
        return { seq, entityId: t.id };
      }
      case 'ticket.escalate': {
        requireWrite(agent, t);
        const tier = m.to === 'senior' ? 2 : 3;
        if (tier <= t.tier && m.to !== 'complaint') reject('invalid', 'This case is already at that level.');
        const complaint = m.to === 'complaint';
        // A formal complaint's final response is due after the region's complaint business days
        // (its calendar: weekends, public holidays and exceptions do not count).
        const region = complaint ? await tx.regions.get(t.region_id) : null;
        const dueAt = region ? complaintDeadline(regionCalendar(region), new Date(tx.now), region.complaintBusinessDays) : null;
        const u = await tx.tickets.update(t.id, {
          tier: Math.max(tier, t.tier) as 1 | 2 | 3,
          assignee_id: null,
          status: 'queued',
          queued_at: tx.now,
          offered_at: null,
          accepted_at: null,
          priority: complaint ? 'urgent' : t.priority === 'low' || t.priority === 'normal' ? 'high' : t.priority,
          is_complaint: complaint ? 1 : t.is_complaint,
          complaint_due_at: complaint ? (dueAt ?? new Date(tx.now)).toISOString() : t.complaint_due_at,
          complaint_opened_at: complaint ? (t.complaint_opened_at ?? tx.now) : t.complaint_opened_at,
        });
        await addMessage(deps, tx, u, { authorKind: 'note', authorId: agent.id, authorName: agent.name, body: `Escalated to ${m.to}: ${m.reason}` });
        await systemMessage(
          deps,
          tx,
          u,
          complaint
            ? `Your case is now a formal complaint. A supervisor will send you a final response by ${dueText(dueAt, region)} at the latest; your reference stays the same.`
            : `A ${m.to === 'senior' ? 'senior agent' : 'supervisor'} will take over your case; your reference stays the same.`,
        );
        const seq = (await feedTicket(tx, u, { lostBy: t.assignee_id, enteredQueue: true })).seq;
        await notifyCustomer(tx, u);
        await router.drain(tx, u.region_id);
        return { seq, entityId: t.id };
      }
      case 'account.extendDueDate': {
        requireWrite(agent, t);
        const inst = await tx.installments.get(m.installmentId);
        if (!inst || inst.customer_id !== t.customer_id) return reject('not_found', "That installment is not this customer's.");
        if (inst.status === 'paid' || inst.status === 'paused') reject('invalid', `A ${inst.status} installment cannot be moved.`);
        const days = (Date.parse(m.newDueDate) - Date.parse(inst.due_date)) / 86_400_000;
        if (!(days > 0)) reject('invalid', 'The new due date must be after the current one.');
        const max = maxDueDateExtensionDays(agent);
        if (days > max) reject(agent.role === 'agent' ? 'forbidden_role' : 'invalid', `You can extend a due date by at most ${max} days; escalate for more.`);
        await tx.installments.setDueDate(inst.id, m.newDueDate);
        await systemMessage(deps, tx, t, `Installment ${inst.number} now falls due on ${m.newDueDate}.`);
        return { seq: (await feedCustomerEntity(tx, 'installment', inst.id, t.customer_id)).seq, entityId: inst.id };
      }
      case 'account.pauseInstallments': {
        requireWrite(agent, t);
        const order = await tx.orders.get(m.orderId);
        if (!order || order.customer_id !== t.customer_id) return reject('not_found', "That order is not this customer's.");
        const ret = await tx.returns.get(m.returnId);
        if (!ret || ret.order_id !== order.id) return reject('not_found', 'That return is not for this order.');
        if (!OPEN_RETURN_STATUSES.includes(ret.status)) reject('invalid', 'Payments can be paused only while the return is open.');
        let seq = 0;
        for (const inst of await tx.installments.forOrder(order.id)) {
          if (inst.status === 'scheduled' || inst.status === 'overdue' || inst.status === 'failed') {
            await tx.installments.setStatus(inst.id, 'paused');
            seq = (await feedCustomerEntity(tx, 'installment', inst.id, t.customer_id)).seq;
          }
        }
        if (seq === 0) reject('invalid', 'There are no open installments to pause on this order.');
        await systemMessage(deps, tx, t, `Payments for order ${order.order_number} are paused while the return is open.`);
        return { seq, entityId: order.id };
      }
      case 'account.resendVerification': {
        requireWrite(agent, t);
        const account = await tx.accounts.forCustomer(t.customer_id);
        if (!account) return reject('not_found', 'This customer has no account.');
        if (account.verification_status === 'verified') reject('invalid', 'This account is already verified.');
        await tx.accounts.markVerificationResent(account.id);
        await systemMessage(deps, tx, t, 'We have sent you a new verification link by email.');
        return { seq: (await feedCustomerEntity(tx, 'account', account.id, t.customer_id)).seq, entityId: account.id };
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
  for (const [k, v] of Object.entries(rest)) details[k] = k === 'body' || k === 'note' || k === 'reason' || k === 'notes' ? `[${String(v).length} chars]` : v;
  return details;
}
