/** What the signed-in agent may do with a ticket, as the UI shows it (the server decides for real). */
import type { AgentRow, TicketRow } from '../../../shared/domain';

export function canAccept(t: TicketRow): boolean {
  if (t.acceptedAt || t.status === 'resolved' || t.status === 'closed') return false;
  return t.status === 'queued' || t.offeredAt !== null;
}

export function canWrite(t: TicketRow, agent: AgentRow | null): boolean {
  if (!agent) return false;
  return agent.role === 'supervisor' || t.assigneeId === agent.id;
}

export function canResolve(t: TicketRow, agent: AgentRow | null): boolean {
  return (t.status === 'open' || t.status === 'pending') && canWrite(t, agent);
}

export const STATUS_LABELS: Record<TicketRow['status'], string> = {
  queued: 'Waiting',
  open: 'Open',
  pending: 'On customer',
  resolved: 'Resolved',
  closed: 'Closed',
};
