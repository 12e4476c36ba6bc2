/**
 * Turns change-feed rows into the changes one agent may see, loading current rows. Used by pulls
 * and by live events alike, so both filter the same way. Losing access arrives as a delete;
 * gaining access to a ticket brings its history and its customer's context along.
 *
 * Every function reads through the `tx` of its caller's `storage.read` (docs/storage.md), so a
 * pull page or a live batch is built from one read. A feed row's `snapshot` (the rows as the
 * committing transaction wrote them) saves a read when present; a row without one (e.g. committed
 * by another node) is built from the current rows.
 */
import type { Change, Entity } from '../../shared/protocol/sync';
import type { AsyncReadTx, AsyncTables } from '../storage/async-store';
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
import { toWireTicket, type TicketDbRow, type TicketReader } from '../storage/tables/tickets';
import { toWireTransaction } from '../storage/tables/transactions';
import { canReadMessage, canReadTicket } from '../tickets/access';

/** The tables the change builder reads: what an engine must offer to serve sync. */
export type ChangeTables = Pick<
  AsyncTables,
  | 'tickets'
  | 'messages'
  | 'attachments'
  | 'agents'
  | 'cannedReplies'
  | 'macros'
  | 'customers'
  | 'accounts'
  | 'paymentMethods'
  | 'orders'
  | 'installments'
  | 'transactions'
  | 'returns'
>;
export type ChangeTx = AsyncReadTx<ChangeTables>;

/** Ticket rows by id, loaded once per pull page or live batch (null: no such ticket). */
export type TicketCache = Map<string, TicketDbRow | null>;

type CustomerEntity = 'customer' | 'account' | 'paymentMethod' | 'order' | 'installment' | 'transaction' | 'return';
const CUSTOMER_ENTITIES = new Set<Entity>(['customer', 'account', 'paymentMethod', 'order', 'installment', 'transaction', 'return']);

/** The tickets this agent may read, as the table's sync reads take it. */
export const readerOf = (agent: Agent): TicketReader =>
  agent.role === 'supervisor' ? 'all' : { agentId: agent.id, regions: agent.regions, tier: agent.tier };

/** Agents travel with their current load, so a colleague's desktop shows "3/8" without asking. */
async function wireAgent(tx: ChangeTx, a: Agent) {
  return toWireAgent(a, await tx.tickets.chatLoad(a.id));
}

async function loadCustomerEntity(tx: ChangeTx, entity: CustomerEntity, id: string, seq: number): Promise<Change | null> {
  switch (entity) {
    case 'customer': {
      const r = await tx.customers.get(id);
      return r && { entity, op: 'upsert', id, seq, row: toWireCustomer(r) };
    }
    case 'account': {
      const r = await tx.accounts.get(id);
      return r && { entity, op: 'upsert', id, seq, row: toWireAccount(r) };
    }
    case 'paymentMethod': {
      const r = await tx.paymentMethods.get(id);
      return r && { entity, op: 'upsert', id, seq, row: toWirePaymentMethod(r) };
    }
    case 'order': {
      const r = await tx.orders.get(id);
      return r && { entity, op: 'upsert', id, seq, row: toWireOrder(r) };
    }
    case 'installment': {
      const r = await tx.installments.get(id);
      return r && { entity, op: 'upsert', id, seq, row: toWireInstallment(r) };
    }
    case 'transaction': {
      const r = await tx.transactions.get(id);
      return r && { entity, op: 'upsert', id, seq, row: toWireTransaction(r) };
    }
    case 'return': {
      const r = await tx.returns.get(id);
      return r && { entity, op: 'upsert', id, seq, row: toWireReturn(r) };
    }
  }
}

/** Everything about one customer that the context panel shows. */
export async function customerBundle(tx: ChangeTx, customerId: string, seq: number): Promise<Change[]> {
  const out: Change[] = [];
  const c = await tx.customers.get(customerId);
  if (!c) return out;
  out.push({ entity: 'customer', op: 'upsert', id: c.id, seq, row: toWireCustomer(c) });
  const a = await tx.accounts.forCustomer(customerId);
  if (a) out.push({ entity: 'account', op: 'upsert', id: a.id, seq, row: toWireAccount(a) });
  for (const r of await tx.paymentMethods.forCustomer(customerId)) out.push({ entity: 'paymentMethod', op: 'upsert', id: r.id, seq, row: toWirePaymentMethod(r) });
  for (const r of await tx.orders.forCustomer(customerId)) out.push({ entity: 'order', op: 'upsert', id: r.id, seq, row: toWireOrder(r) });
  for (const r of await tx.installments.forCustomer(customerId)) out.push({ entity: 'installment', op: 'upsert', id: r.id, seq, row: toWireInstallment(r) });
  for (const r of await tx.transactions.forCustomer(customerId)) out.push({ entity: 'transaction', op: 'upsert', id: r.id, seq, row: toWireTransaction(r) });
  for (const r of await tx.returns.forCustomer(customerId)) out.push({ entity: 'return', op: 'upsert', id: r.id, seq, row: toWireReturn(r) });
  return out;
}

/** A ticket with its whole thread (what the agent may read of it) and attachments. */
export async function ticketBundle(tx: ChangeTx, t: TicketDbRow, seq: number, agent: Agent): Promise<Change[]> {
  const out: Change[] = [{ entity: 'ticket', op: 'upsert', id: t.id, seq, row: toWireTicket(t) }];
  for (const m of await tx.messages.forTicket(t.id))
    if (canReadMessage(agent, t, m)) out.push({ entity: 'message', op: 'upsert', id: m.id, seq, row: toWireMessage(m) });
  for (const a of await tx.attachments.forTicket(t.id)) out.push({ entity: 'attachment', op: 'upsert', id: a.id, seq, row: toWireAttachment(a) });
  return out;
}

/** Shared reference data every desktop holds: agents, canned replies, macros. */
export async function referenceData(tx: ChangeTx, seq: number): Promise<Change[]> {
  const out: Change[] = [];
  for (const a of await tx.agents.all()) out.push({ entity: 'agent', op: 'upsert', id: a.id, seq, row: await wireAgent(tx, a) });
  for (const r of await tx.cannedReplies.all()) out.push({ entity: 'cannedReply', op: 'upsert', id: r.id, seq, row: r });
  for (const r of await tx.macros.all()) out.push({ entity: 'macro', op: 'upsert', id: r.id, seq, row: r });
  return out;
}

/**
 * The tickets a batch of feed rows left behind, from the rows' snapshots (the last one of each
 * ticket wins): live delivery right after a commit then needs no read-back for them.
 */
export function ticketsFromSnapshots(rows: readonly FeedDbRow[]): TicketCache {
  const tickets: TicketCache = new Map();
  for (const r of rows) if (r.snapshot?.ticket) tickets.set(r.snapshot.ticket.id, r.snapshot.ticket);
  return tickets;
}

/**
 * The changes one feed row means for this agent (often none). `tickets` caches ticket rows
 * across a page or batch so a burst on one ticket loads it once.
 */
export async function forAgent(tx: ChangeTx, agent: Agent, row: FeedDbRow, tickets: TicketCache): Promise<Change[]> {
  const ticketOf = async (id: string) => {
    if (!tickets.has(id)) tickets.set(id, await tx.tickets.get(id));
    return tickets.get(id) ?? null;
  };
  const seq = row.seq;
  switch (row.entity) {
    case 'ticket': {
      const t = await ticketOf(row.entity_id);
      if (t && canReadTicket(agent, t)) {
        const gained = row.gained_by === agent.id || (row.gained_region !== null && agent.regions.includes(row.gained_region));
        if (gained) return [...(await ticketBundle(tx, t, seq, agent)), ...(await customerBundle(tx, t.customer_id, seq))];
        return [{ entity: 'ticket', op: 'upsert', id: t.id, seq, row: toWireTicket(t) }];
      }
      const lost = row.lost_by === agent.id || (row.lost_region !== null && agent.regions.includes(row.lost_region));
      return lost ? [{ entity: 'ticket', op: 'delete', id: row.entity_id, seq }] : [];
    }
    case 'message': {
      const t = row.ticket_id ? await ticketOf(row.ticket_id) : null;
      const m = t && canReadTicket(agent, t) ? (row.snapshot?.message ?? (await tx.messages.get(row.entity_id))) : null;
      return m && canReadMessage(agent, t!, m) ? [{ entity: 'message', op: 'upsert', id: m.id, seq, row: toWireMessage(m) }] : [];
    }
    case 'attachment': {
      const t = row.ticket_id ? await ticketOf(row.ticket_id) : null;
      const a = t && canReadTicket(agent, t) ? await tx.attachments.get(row.entity_id) : null;
      return a ? [{ entity: 'attachment', op: 'upsert', id: a.id, seq, row: toWireAttachment(a) }] : [];
    }
    case 'agent': {
      const a = await tx.agents.get(row.entity_id);
      return a ? [{ entity: 'agent', op: 'upsert', id: a.id, seq, row: await wireAgent(tx, a) }] : [];
    }
    case 'cannedReply': {
      const r = await tx.cannedReplies.get(row.entity_id);
      return r ? [{ entity: 'cannedReply', op: 'upsert', id: r.id, seq, row: r }] : [{ entity: 'cannedReply', op: 'delete', id: row.entity_id, seq }];
    }
    case 'macro': {
      const r = await tx.macros.get(row.entity_id);
      return r ? [{ entity: 'macro', op: 'upsert', id: r.id, seq, row: r }] : [{ entity: 'macro', op: 'delete', id: row.entity_id, seq }];
    }
    default: {
      if (!CUSTOMER_ENTITIES.has(row.entity) || !row.customer_id || !(await tx.tickets.customerVisible(row.customer_id, readerOf(agent)))) return [];
      const c = await loadCustomerEntity(tx, row.entity as CustomerEntity, row.entity_id, seq);
      return c ? [c] : [];
    }
  }
}

/** The changes of many feed rows for one agent, in feed order. */
export async function forAgentRows(tx: ChangeTx, agent: Agent, rows: readonly FeedDbRow[], tickets: TicketCache): Promise<Change[]> {
  const out: Change[] = [];
  for (const row of rows) out.push(...(await forAgent(tx, agent, row, tickets)));
  return out;
}
