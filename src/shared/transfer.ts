/**
 * Who may take a chat handed over by a colleague. One set of rules for the desk server (which
 * refuses a transfer with the reason) and the desktop (which lists colleagues, the ones who
 * cannot take it disabled with that same reason). Load counts open assigned chats the way
 * routing does (src/server/routing: open and pending chats against the agent's capacity).
 */
import type { AgentRow, TicketRow } from './domain';

export type TransferTarget = Pick<AgentRow, 'id' | 'name' | 'role' | 'tier' | 'regions' | 'capacity' | 'presence' | 'presenceReason'>;
export type TransferTicket = Pick<TicketRow, 'regionId' | 'tier' | 'assigneeId'>;

/** Why a colleague cannot take the chat; `queue` never changes while the chat stays where it is. */
export type TransferBlock = 'self' | 'assignee' | 'queue' | 'presence' | 'capacity';

export type TransferVerdict = { ok: true } | { ok: false; block: TransferBlock; reason: string };

export const firstNameOf = (name: string): string => name.split(' ')[0] || name;

/** Supervisors take any chat; everyone else works their regions up to their tier. */
export function worksQueue(target: Pick<AgentRow, 'role' | 'tier' | 'regions'>, ticket: Pick<TicketRow, 'regionId' | 'tier'>): boolean {
  return target.role === 'supervisor' || (target.regions.includes(ticket.regionId) && target.tier >= ticket.tier);
}

/**
 * Whether `target` can take the chat from `senderId` now. `openChats` is the target's load (null
 * when unknown, e.g. a row cached before the server sent loads: the server checks it anyway).
 */
export function transferVerdict(senderId: string, target: TransferTarget, ticket: TransferTicket, openChats: number | null): TransferVerdict {
  const first = firstNameOf(target.name);
  if (target.id === senderId) return { ok: false, block: 'self', reason: 'You cannot transfer a chat to yourself.' };
  if (target.id === ticket.assigneeId) return { ok: false, block: 'assignee', reason: `${first} already has this chat.` };
  if (!worksQueue(target, ticket)) {
    const reason = target.regions.includes(ticket.regionId) ? `${first} does not take tier ${ticket.tier} chats.` : `${first} does not work this chat's region.`;
    return { ok: false, block: 'queue', reason };
  }
  if (target.presence !== 'available') {
    const why = target.presence === 'away' && target.presenceReason ? ` (${target.presenceReason})` : '';
    return { ok: false, block: 'presence', reason: `${first} is ${target.presence}${why}.` };
  }
  if (openChats !== null && openChats >= target.capacity)
    return { ok: false, block: 'capacity', reason: `${first} is at capacity (${openChats}/${target.capacity} chats).` };
  return { ok: true };
}
