/**
 * Turns change-feed rows into the changes one agent may see, loading current rows. Used by pulls
 * and by live events alike, so both filter the same way. Losing access arrives as a delete;
 * gaining access to a ticket brings its history and its customer's context along.
 */
import type { Change, Entity } from '../../shared/protocol/sync';
import type { Store } from '../storage/store';
import { toWireAccount } from '../storage/tables/accounts';
import { toWireAgent, type Agent } from '../storage/tables/agents';
import { toWireAttachment } from '../storage/tables/attachments';
import type { FeedDbRow } from '../storage/tables/change-feed';
import { toWireCustomer } from '../storage/tables/customers';
import { toWireInstallment } from '../storage/tables/installments';
import { toWireMessage } from '../storage/tables/messages';
import { toWireOrder } from '../storage/tables/orders';
import { toWirePaymentMethod } from '../storage/tables/payment-methods';
import { toWireReturn } from '../storage/tables/returns';
import { toWireTicket, type TicketDbRow } from '../storage/tables/tickets';
import { toWireTransaction } from '../storage/tables/transactions';
import { canReadTicket } from '../tickets/access';

type CustomerEntity = 'customer' | 'account' | 'paymentMethod' | 'order' | 'installment' | 'transaction' | 'return';
const CUSTOMER_ENTITIES = new Set<Entity>(['customer', 'account', 'paymentMethod', 'order', 'installment', 'transaction', 'return']);

export function createChangeBuilder(store: Store) {
  const customerVisible = store.db.prepare<[string, string, string, number], { one: number }>(
    `SELECT 1 AS one FROM tickets WHERE customer_id = ? AND (assignee_id = ? OR (assignee_id IS NULL AND status = 'queued'
       AND region_id IN (SELECT value FROM json_each(?)) AND tier <= ?)) LIMIT 1`,
  );

  /** Agents travel with their current load, so a colleague's desktop shows "3/8" without asking. */
  const wireAgent = (a: Agent) => toWireAgent(a, store.tickets.chatLoad(a.id));

  function canSeeCustomer(agent: Agent, customerId: string): boolean {
    if (agent.role === 'supervisor') return true;
    return customerVisible.get(customerId, agent.id, JSON.stringify(agent.regions), agent.tier) !== undefined;
  }

  function loadCustomerEntity(entity: CustomerEntity, id: string, seq: number): Change | null {
    switch (entity) {
      case 'customer': {
        const r = store.customers.get(id);
        return r && { entity, op: 'upsert', id, seq, row: toWireCustomer(r) };
      }
      case 'account': {
        const r = store.accounts.get(id);
        return r && { entity, op: 'upsert', id, seq, row: toWireAccount(r) };
      }
      case 'paymentMethod': {
        const r = store.paymentMethods.get(id);
        return r && { entity, op: 'upsert', id, seq, row: toWirePaymentMethod(r) };
      }
      case 'order': {
        const r = store.orders.get(id);
        return r && { entity, op: 'upsert', id, seq, row: toWireOrder(r) };
      }
      case 'installment': {
        const r = store.installments.get(id);
        return r && { entity, op: 'upsert', id, seq, row: toWireInstallment(r) };
      }
      case 'transaction': {
        const r = store.transactions.get(id);
        return r && { entity, op: 'upsert', id, seq, row: toWireTransaction(r) };
      }
      case 'return': {
        const r = store.returns.get(id);
        return r && { entity, op: 'upsert', id, seq, row: toWireReturn(r) };
      }
    }
  }

  /** Everything about one customer that the context panel shows. */
  function customerBundle(customerId: string, seq: number): Change[] {
    const out: Change[] = [];
    const c = store.customers.get(customerId);
    if (!c) return out;
    out.push({ entity: 'customer', op: 'upsert', id: c.id, seq, row: toWireCustomer(c) });
    const a = store.accounts.forCustomer(customerId);
    if (a) out.push({ entity: 'account', op: 'upsert', id: a.id, seq, row: toWireAccount(a) });
    for (const r of store.paymentMethods.forCustomer(customerId)) out.push({ entity: 'paymentMethod', op: 'upsert', id: r.id, seq, row: toWirePaymentMethod(r) });
    for (const r of store.orders.forCustomer(customerId)) out.push({ entity: 'order', op: 'upsert', id: r.id, seq, row: toWireOrder(r) });
    for (const r of store.installments.forCustomer(customerId)) out.push({ entity: 'installment', op: 'upsert', id: r.id, seq, row: toWireInstallment(r) });
    for (const r of store.transactions.forCustomer(customerId)) out.push({ entity: 'transaction', op: 'upsert', id: r.id, seq, row: toWireTransaction(r) });
    for (const r of store.returns.forCustomer(customerId)) out.push({ entity: 'return', op: 'upsert', id: r.id, seq, row: toWireReturn(r) });
    return out;
  }

  /** A ticket with its whole thread and attachments. */
  function ticketBundle(t: TicketDbRow, seq: number): Change[] {
    const out: Change[] = [{ entity: 'ticket', op: 'upsert', id: t.id, seq, row: toWireTicket(t) }];
    for (const m of store.messages.forTicket(t.id)) out.push({ entity: 'message', op: 'upsert', id: m.id, seq, row: toWireMessage(m) });
    for (const a of store.attachments.forTicket(t.id)) out.push({ entity: 'attachment', op: 'upsert', id: a.id, seq, row: toWireAttachment(a) });
    return out;
  }

  /** Shared reference data every desktop holds: agents, canned replies, macros. */
  function referenceData(seq: number): Change[] {
    return [
      ...store.agents.all().map((a): Change => ({ entity: 'agent', op: 'upsert', id: a.id, seq, row: wireAgent(a) })),
      ...store.cannedReplies.all().map((r): Change => ({ entity: 'cannedReply', op: 'upsert', id: r.id, seq, row: r })),
      ...store.macros.all().map((r): Change => ({ entity: 'macro', op: 'upsert', id: r.id, seq, row: r })),
    ];
  }

  /**
   * The changes one feed row means for this agent (often none). `tickets` caches ticket rows
   * across a page so a burst on one ticket loads it once.
   */
  function forAgent(agent: Agent, row: FeedDbRow, tickets: Map<string, TicketDbRow | null>): Change[] {
    const ticketOf = (id: string) => {
      if (!tickets.has(id)) tickets.set(id, store.tickets.get(id));
      return tickets.get(id) ?? null;
    };
    const seq = row.seq;
    switch (row.entity) {
      case 'ticket': {
        const t = ticketOf(row.entity_id);
        if (t && canReadTicket(agent, t)) {
          const gained = row.gained_by === agent.id || (row.gained_region !== null && agent.regions.includes(row.gained_region));
          if (gained) return [...ticketBundle(t, seq), ...customerBundle(t.customer_id, seq)];
          return [{ entity: 'ticket', op: 'upsert', id: t.id, seq, row: toWireTicket(t) }];
        }
        const lost = row.lost_by === agent.id || (row.lost_region !== null && agent.regions.includes(row.lost_region));
        return lost ? [{ entity: 'ticket', op: 'delete', id: row.entity_id, seq }] : [];
      }
      case 'message': {
        const t = row.ticket_id ? ticketOf(row.ticket_id) : null;
        const m = t && canReadTicket(agent, t) ? (row.snapshot?.message ?? store.messages.get(row.entity_id)) : null;
        return m ? [{ entity: 'message', op: 'upsert', id: m.id, seq, row: toWireMessage(m) }] : [];
      }
      case 'attachment': {
        const t = row.ticket_id ? ticketOf(row.ticket_id) : null;
        const a = t && canReadTicket(agent, t) ? store.attachments.get(row.entity_id) : null;
        return a ? [{ entity: 'attachment', op: 'upsert', id: a.id, seq, row: toWireAttachment(a) }] : [];
      }
      case 'agent': {
        const a = store.agents.get(row.entity_id);
        return a ? [{ entity: 'agent', op: 'upsert', id: a.id, seq, row: wireAgent(a) }] : [];
      }
      case 'cannedReply': {
        const r = store.cannedReplies.get(row.entity_id);
        return r ? [{ entity: 'cannedReply', op: 'upsert', id: r.id, seq, row: r }] : [{ entity: 'cannedReply', op: 'delete', id: row.entity_id, seq }];
      }
      case 'macro': {
        const r = store.macros.get(row.entity_id);
        return r ? [{ entity: 'macro', op: 'upsert', id: r.id, seq, row: r }] : [{ entity: 'macro', op: 'delete', id: row.entity_id, seq }];
      }
      default: {
        if (!CUSTOMER_ENTITIES.has(row.entity) || !row.customer_id || !canSeeCustomer(agent, row.customer_id)) return [];
        const c = loadCustomerEntity(row.entity as CustomerEntity, row.entity_id, seq);
        return c ? [c] : [];
      }
    }
  }

  return { forAgent, ticketBundle, customerBundle, referenceData };
}
export type ChangeBuilder = ReturnType<typeof createChangeBuilder>;
