/** The customer's view of their chat. */
import type { ChatState } from '../../shared/protocol/customer';
import type { Deps } from '../deps';
import type { TicketDbRow } from '../storage/tables/tickets';
import { queueInfo } from '../routing/queue-info';

export function chatStateOf(deps: Pick<Deps, 'store'>, t: TicketDbRow): ChatState {
  const agent = t.assignee_id ? deps.store.agents.get(t.assignee_id) : null;
  return {
    ticketId: t.id,
    reference: t.reference,
    status: t.status,
    category: t.category,
    // Customers see the agent's first name only, once the agent has taken the chat.
    agentName: agent && (t.accepted_at || t.first_response_at) ? (agent.name.split(' ')[0] ?? agent.name) : null,
    queue: queueInfo(deps, t),
    csat: t.csat,
    verified: deps.store.customers.get(t.customer_id)?.identity === 'verified',
    linkedReference: t.linked_ticket_id ? (deps.store.tickets.get(t.linked_ticket_id)?.reference ?? null) : null,
  };
}
