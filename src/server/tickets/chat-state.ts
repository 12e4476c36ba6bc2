/** The customer's view of their chat. */
import type { ChatState } from '../../shared/protocol/customer';
import type { Deps } from '../deps';
import type { AsyncReadTx } from '../storage/async-store';
import type { TicketDbRow } from '../storage/tables/tickets';
import { queueInfo } from '../routing/queue-info';

/**
 * Read through the caller's transaction. A frame sent after a commit (an `afterCommit` hook) is
 * computed before the commit, inside the write: the hook itself cannot read storage.
 */
export async function chatStateOf(deps: Pick<Deps, 'storage'>, tx: AsyncReadTx, t: TicketDbRow): Promise<ChatState> {
  const agent = t.assignee_id ? await tx.agents.get(t.assignee_id) : null;
  return {
    ticketId: t.id,
    reference: t.reference,
    status: t.status,
    category: t.category,
    // Customers see the agent's first name only, once the agent has taken the chat.
    agentName: agent && (t.accepted_at || t.first_response_at) ? (agent.name.split(' ')[0] ?? agent.name) : null,
    queue: await queueInfo(deps, tx, t),
    csat: t.csat,
    verified: (await tx.customers.get(t.customer_id))?.identity === 'verified',
    linkedReference: t.linked_ticket_id ? ((await tx.tickets.get(t.linked_ticket_id))?.reference ?? null) : null,
    closesAt: t.status === 'resolved' ? t.closes_at : null,
  };
}
