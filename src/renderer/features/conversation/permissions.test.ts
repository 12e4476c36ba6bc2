/** Who may accept a chat, as the console shows it: the queue's and the agent's own offers, never a colleague's. */
import { describe, expect, it } from 'vitest';
import type { AgentRow, TicketRow } from '../../../shared/domain';
import { canAccept } from './permissions';

const me = { id: 'me', role: 'agent' } as AgentRow;
const ticket = (over: Partial<TicketRow>) => ({ status: 'open', assigneeId: null, offeredAt: null, acceptedAt: null, ...over }) as TicketRow;

describe('canAccept', () => {
  it('takes a queued chat, and a chat offered to this agent until accepted', () => {
    expect(canAccept(ticket({ status: 'queued' }), me)).toBe(true);
    expect(canAccept(ticket({ assigneeId: 'me', offeredAt: '2026-11-29T09:00:00.000Z' }), me)).toBe(true);
    expect(canAccept(ticket({ assigneeId: 'me', offeredAt: '2026-11-29T09:00:00.000Z', acceptedAt: '2026-11-29T09:01:00.000Z' }), me)).toBe(false);
  });

  it('does not offer to accept a chat offered to a colleague, a resolved one, or anything when signed out', () => {
    expect(canAccept(ticket({ assigneeId: 'you', offeredAt: '2026-11-29T09:00:00.000Z' }), me)).toBe(false);
    expect(canAccept(ticket({ status: 'resolved', assigneeId: 'me', offeredAt: '2026-11-29T09:00:00.000Z' }), me)).toBe(false);
    expect(canAccept(ticket({ assigneeId: 'me', offeredAt: '2026-11-29T09:00:00.000Z' }), null)).toBe(false);
  });
});
