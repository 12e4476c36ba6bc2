/**
 * Who may read and write which ticket. One place, used by pulls, live events, search, pushes
 * and downloads alike, so a refusal is the same everywhere.
 */
import type { Agent } from '../storage/tables/agents';
import type { MessageDbRow } from '../storage/tables/messages';
import type { TicketDbRow } from '../storage/tables/tickets';

type TicketScope = Pick<TicketDbRow, 'assignee_id' | 'region_id' | 'tier' | 'status'>;

/** An agent reads its own tickets and the waiting queue of its regions up to its tier; supervisors read all. */
export function canReadTicket(agent: Agent, t: TicketScope): boolean {
  if (agent.role === 'supervisor') return true;
  if (t.assignee_id === agent.id) return true;
  return t.assignee_id === null && t.status === 'queued' && agent.regions.includes(t.region_id) && t.tier <= agent.tier;
}

/**
 * A message of a ticket the agent may read: every one, except a supervisor's whisper, which is
 * for the case's assignee (and supervisors) only: not for the queue's agents once the case is
 * back in the queue.
 */
export function canReadMessage(agent: Agent, t: Pick<TicketDbRow, 'assignee_id'>, m: Pick<MessageDbRow, 'whisper'>): boolean {
  return m.whisper !== 1 || agent.role === 'supervisor' || t.assignee_id === agent.id;
}

/** Writing (replies, notes, fields) needs the assignment; supervisors may step into any chat. */
export function canWriteTicket(agent: Agent, t: TicketScope): boolean {
  return agent.role === 'supervisor' || t.assignee_id === agent.id;
}

/** Taking a chat from the queue. */
export function canTakeFromQueue(agent: Agent, t: TicketScope): boolean {
  return t.status === 'queued' && t.assignee_id === null && (agent.role === 'supervisor' || (agent.regions.includes(t.region_id) && t.tier <= agent.tier));
}

/** Sensitive account actions (DOMAIN.md: senior agents may perform them). */
export function maxDueDateExtensionDays(agent: Agent): number {
  return agent.role === 'agent' ? 14 : 30;
}
