/**
 * The handoff note the next agent sees first (issue 8): when a colleague transferred or escalated
 * the chat with a note, the agent who now has it sees that note pinned above the conversation
 * until they reply. A handoff note is the newest internal note a colleague (not this agent, not
 * the desk itself) wrote before the chat was offered to this agent.
 */
import type { LocalMessage } from '../../../shared/api/contract';
import type { TicketRow } from '../../../shared/domain';

export function handoffNote(
  ticket: Pick<TicketRow, 'assigneeId' | 'offeredAt' | 'status'>,
  messages: readonly LocalMessage[],
  agentId: string | null,
): LocalMessage | null {
  if (!agentId || ticket.assigneeId !== agentId || !ticket.offeredAt || ticket.status === 'closed') return null;
  const offeredAt = ticket.offeredAt;
  let note: LocalMessage | null = null;
  for (const m of messages) {
    if (m.authorKind === 'note' && m.authorId && m.authorId !== agentId && m.createdAt <= offeredAt) note = m;
  }
  if (!note) return null;
  // Pinned until this agent replies to the customer.
  const replied = messages.some((m) => m.authorKind === 'agent' && m.authorId === agentId && m.createdAt >= note.createdAt && m.sortKey > note.sortKey);
  return replied ? null : note;
}
