/** What the signed-in agent may do with a ticket, as the UI shows it (the server decides for real). */
import type { AgentRow, TicketRow } from '../../../shared/domain';

/** Waiting in the queue, or offered to this agent (a chat offered to a colleague is theirs to take). */
export function canAccept(t: TicketRow, agent: AgentRow | null): boolean {
  if (t.acceptedAt || t.status === 'resolved' || t.status === 'closed') return false;
  return t.status === 'queued' || (t.offeredAt !== null && agent !== null && t.assigneeId === agent.id);
}

export function canWrite(t: TicketRow, agent: AgentRow | null): boolean {
  if (!agent) return false;
  return agent.role === 'supervisor' || t.assigneeId === agent.id;
}

export function canResolve(t: TicketRow, agent: AgentRow | null): boolean {
  return (t.status === 'open' || t.status === 'pending') && canWrite(t, agent);
}

/** Tags stay editable after resolve (the wrap-up can be corrected) until the case is closed. */
export function canEditTags(t: TicketRow, agent: AgentRow | null): boolean {
  return t.status !== 'closed' && canWrite(t, agent);
}

/**
 * Statuses as the console names them; the stored names stay (src/server/tickets/lifecycle.ts):
 * queued reads "New" (issue 8: new → open → pending customer → resolved → closed).
 */
export const STATUS_LABELS: Record<TicketRow['status'], string> = {
  queued: 'New',
  open: 'Open',
  pending: 'On customer',
  resolved: 'Resolved',
  closed: 'Closed',
};
