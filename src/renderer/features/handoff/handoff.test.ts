/** Which note is the handoff the next agent sees first, and when it stops being pinned. */
import { describe, expect, it } from 'vitest';
import { message } from '../../testing/fake-api';
import { handoffNote } from './handoff';

const at = (min: number) => new Date(Date.UTC(2026, 4, 1, 10, min)).toISOString();
const key = (min: number, id: string) => `${at(min)}|${id}`;
const ticket = { assigneeId: 'me', offeredAt: at(10), status: 'open' as const };

const customer = message('c1', key(1, 'c1'), { authorKind: 'customer', authorId: 'cus', createdAt: at(1) });
const oldNote = message('n0', key(2, 'n0'), { authorKind: 'note', authorId: 'anna', body: 'Checked the ledger', createdAt: at(2) });
const handoff = message('n1', key(10, 'n1'), { authorKind: 'note', authorId: 'anna', authorName: 'Anna Lind', body: 'Refund approved; tell her the date', createdAt: at(10) });
const desk = message('n2', key(10, 'n2'), { authorKind: 'note', authorId: null, body: 'Unverified visitor', createdAt: at(10) });

describe('the handoff note', () => {
  it('is the newest colleague note written before the chat was offered to this agent', () => {
    expect(handoffNote(ticket, [customer, oldNote, handoff, desk], 'me')?.id).toBe('n1');
  });

  it('is none for the desk’s own notes, this agent’s notes, or notes written after the offer (a whisper)', () => {
    expect(handoffNote(ticket, [customer, desk], 'me')).toBeNull();
    expect(handoffNote(ticket, [message('m1', key(5, 'm1'), { authorKind: 'note', authorId: 'me', createdAt: at(5) })], 'me')).toBeNull();
    expect(handoffNote(ticket, [message('w1', key(11, 'w1'), { authorKind: 'note', authorId: 'sup', createdAt: at(11) })], 'me')).toBeNull();
  });

  it('stays pinned until this agent replies; a colleague’s reply does not unpin it', () => {
    const colleagueReply = message('r0', key(11, 'r0'), { authorKind: 'agent', authorId: 'anna', createdAt: at(11) });
    expect(handoffNote(ticket, [customer, handoff, colleagueReply], 'me')?.id).toBe('n1');
    const myReply = message('r1', key(12, 'r1'), { authorKind: 'agent', authorId: 'me', createdAt: at(12) });
    expect(handoffNote(ticket, [customer, handoff, myReply], 'me')).toBeNull();
  });

  it('is only for the agent who has the chat, and not once the case is closed', () => {
    expect(handoffNote({ ...ticket, assigneeId: 'someone-else' }, [handoff], 'me')).toBeNull();
    expect(handoffNote({ ...ticket, status: 'closed' }, [handoff], 'me')).toBeNull();
    expect(handoffNote({ ...ticket, offeredAt: null }, [handoff], 'me')).toBeNull();
  });
});
