import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mutation } from '../../shared/protocol/mutations';
import type { OptimisticMessage } from './cache';
import { apply, checkSearchIndexes, messageRow, openTestCache, ticketRow, up, type TestCache } from './test-support';

let t: TestCache;
beforeEach(() => {
  t = openTestCache();
  apply(t.cache, [up.ticket(ticketRow({ id: 't1' })), up.message(messageRow({ id: 'm1', ticketId: 't1' }))]);
});
afterEach(() => {
  checkSearchIndexes(t.cache);
  expect(t.cache.integrityCheck()).toBe('ok');
  t.cleanup();
});

const optimistic = (body: string, over: Partial<OptimisticMessage> = {}): OptimisticMessage => ({
  ticketId: 't1',
  authorKind: 'agent',
  authorId: 'agent-1',
  authorName: 'Sam',
  body,
  attachmentIds: [],
  ...over,
});
const replyMutation = (clientMsgId: string, body = 'Thanks for waiting'): Mutation => ({ kind: 'message.reply', clientMsgId, ticketId: 't1', body });
const send = (clientMsgId: string, body = 'Thanks for waiting') => t.cache.outbox.enqueue(replyMutation(clientMsgId, body), optimistic(body));

describe('outbox', () => {
  it('writes the optimistic row and the outbox row together', () => {
    const { seq, message } = send('cmid-0001');
    expect(message).toMatchObject({
      id: 'local:cmid-0001',
      ticketId: 't1',
      authorKind: 'agent',
      clientMsgId: 'cmid-0001',
      delivery: 'pending',
      rejection: null,
      createdAt: '2025-06-02T12:00:00.000Z',
    });
    expect(t.cache.outbox.list(10)).toEqual([
      { seq, clientMsgId: 'cmid-0001', kind: 'message.reply', mutation: replyMutation('cmid-0001'), attempts: 0, nextAttemptAt: null, lastError: null },
    ]);
    // an action has no optimistic row
    expect(t.cache.outbox.enqueue({ kind: 'ticket.setStatus', clientMsgId: 'cmid-0002', ticketId: 't1', status: 'resolved' })).toEqual({ seq: seq + 1, message: null });
    expect(t.cache.outbox.size()).toBe(2);
  });

  it('writes neither when either fails', () => {
    send('cmid-0001');
    // same client id again: the outbox row conflicts, so no second optimistic row either
    expect(() => t.cache.outbox.enqueue(replyMutation('cmid-0001', 'other'), optimistic('other'))).toThrow();
    // an invalid mutation never enters the queue
    expect(() => t.cache.outbox.enqueue({ kind: 'message.reply', clientMsgId: 'x', ticketId: 't1', body: ' ' } as Mutation, optimistic(' '))).toThrow();
    expect(t.cache.outbox.size()).toBe(1);
    expect(t.cache.messages.page('t1', null, 10).messages.map((m) => m.id)).toEqual(['m1', 'local:cmid-0001']);
  });

  it('numbers entries strictly increasing and never reuses a seq, even after deletes and a reopen', () => {
    const seqs = [send('cmid-0001').seq, send('cmid-0002').seq, send('cmid-0003').seq];
    expect(seqs[1]).toBeGreaterThan(seqs[0]!);
    expect(seqs[2]).toBeGreaterThan(seqs[1]!);
    t.cache.outbox.applyAcks(['cmid-0001', 'cmid-0002', 'cmid-0003'].map((id) => ({ clientMsgId: id, status: 'applied' as const, seq: 1, entityId: null })));
    expect(t.cache.outbox.size()).toBe(0);
    const next = send('cmid-0004').seq;
    expect(next).toBeGreaterThan(seqs[2]!);
    t.cache.outbox.discard('cmid-0004');
    t.reopen();
    expect(send('cmid-0005').seq).toBeGreaterThan(next);
  });

  it('lists in seq order and records failures without marking anything sent', () => {
    send('cmid-0001');
    send('cmid-0002');
    send('cmid-0003');
    expect(t.cache.outbox.list(2).map((e) => e.clientMsgId)).toEqual(['cmid-0001', 'cmid-0002']);
    t.cache.outbox.recordFailure(['cmid-0001', 'cmid-0002'], 'offline', '2025-06-02T12:00:05.000Z');
    t.cache.outbox.recordFailure(['cmid-0001'], 'still offline', '2025-06-02T12:00:09.000Z');
    expect(t.cache.outbox.list(3).map((e) => [e.attempts, e.lastError, e.nextAttemptAt])).toEqual([
      [2, 'still offline', '2025-06-02T12:00:09.000Z'],
      [1, 'offline', '2025-06-02T12:00:05.000Z'],
      [0, null, null],
    ]);
    expect(t.cache.messages.page('t1', null, 10).messages.filter((m) => m.delivery === 'pending')).toHaveLength(3);
  });

  it('applies acks: applied takes the server id, rejected keeps the text with its reason, unknown and duplicates are ignored', () => {
    send('cmid-0001', 'first');
    send('cmid-0002', 'second');
    send('cmid-0003', 'third');
    apply(t.cache, [up.message(messageRow({ id: 'srv-3', ticketId: 't1', authorKind: 'agent', body: 'third', clientMsgId: null, createdAt: '2025-06-02T11:00:00.000Z' }))]);
    const acks = [
      { clientMsgId: 'cmid-0001', status: 'applied' as const, seq: 10, entityId: 'srv-1' },
      { clientMsgId: 'cmid-0002', status: 'rejected' as const, code: 'not_assigned' as const, reason: 'The case was transferred to Kim.' },
      { clientMsgId: 'cmid-0003', status: 'applied' as const, seq: 12, entityId: 'srv-3' }, // server row already here
      { clientMsgId: 'cmid-unknown', status: 'applied' as const, seq: 13, entityId: 'srv-x' },
    ];
    t.cache.outbox.applyAcks(acks);
    t.cache.outbox.applyAcks(acks); // a duplicate batch is harmless
    expect(t.cache.outbox.size()).toBe(0);
    expect(t.cache.messages.get('local:cmid-0001')).toBeNull();
    expect(t.cache.messages.get('srv-1')).toMatchObject({ delivery: 'sent', body: 'first', clientMsgId: 'cmid-0001' });
    expect(t.cache.messages.get('local:cmid-0002')).toMatchObject({
      delivery: 'rejected',
      body: 'second',
      rejection: { code: 'not_assigned', reason: 'The case was transferred to Kim.' },
    });
    expect(t.cache.messages.get('local:cmid-0003')).toBeNull();
    expect(t.cache.messages.get('srv-x')).toBeNull();
    expect(t.cache.messages.page('t1', null, 10).messages.map((m) => [m.id, m.delivery])).toEqual([
      ['m1', 'sent'],
      ['srv-3', 'sent'],
      ['srv-1', 'sent'],
      ['local:cmid-0002', 'rejected'],
    ]);
    expect(t.cache.tickets.list('mine', 'agent-1', 5)[0]).toMatchObject({ pendingCount: 0, lastMessagePreview: 'second' });
  });

  it('marks only acknowledged entries: a partial ack leaves the rest pending', () => {
    send('cmid-0001');
    send('cmid-0002');
    t.cache.outbox.applyAcks([{ clientMsgId: 'cmid-0001', status: 'applied', seq: 3, entityId: null }]);
    expect(t.cache.messages.get('local:cmid-0001')?.delivery).toBe('sent');
    expect(t.cache.messages.get('local:cmid-0002')?.delivery).toBe('pending');
    expect(t.cache.outbox.list(10).map((e) => e.clientMsgId)).toEqual(['cmid-0002']);
  });

  it('retries a rejected reply as a new mutation with a new client id, same ticket and body', () => {
    const first = send('cmid-0001', 'Please check again');
    t.cache.outbox.applyAcks([{ clientMsgId: 'cmid-0001', status: 'rejected', code: 'ticket_closed', reason: 'Closed' }]);
    send('cmid-0002', 'later reply');
    const { seq, message } = t.cache.outbox.retry('cmid-0001');
    expect(seq).toBeGreaterThan(first.seq);
    expect(message).toMatchObject({ ticketId: 't1', body: 'Please check again', delivery: 'pending', rejection: null, authorName: 'Sam' });
    expect(message!.clientMsgId).not.toBe('cmid-0001');
    expect(message!.clientMsgId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(t.cache.messages.get('local:cmid-0001')).toBeNull();
    expect(t.cache.outbox.list(10).map((e) => e.mutation)).toEqual([
      { kind: 'message.reply', clientMsgId: 'cmid-0002', ticketId: 't1', body: 'later reply' },
      { kind: 'message.reply', clientMsgId: message!.clientMsgId, ticketId: 't1', body: 'Please check again' },
    ]);
    // the retried row now sorts after the later reply (outbox order)
    expect(t.cache.messages.page('t1', null, 10).messages.map((m) => m.body)).toEqual(['Hello', 'later reply', 'Please check again']);
    // a note comes back as a note; a pending row or an unknown id changes nothing
    t.cache.outbox.enqueue({ kind: 'message.note', clientMsgId: 'cmid-note', ticketId: 't1', body: 'internal' }, optimistic('internal', { authorKind: 'note' }));
    t.cache.outbox.applyAcks([{ clientMsgId: 'cmid-note', status: 'rejected', code: 'forbidden_role', reason: 'No' }]);
    expect(t.cache.outbox.retry('cmid-note').message).toMatchObject({ authorKind: 'note', body: 'internal', delivery: 'pending' });
    expect(t.cache.outbox.list(10).at(-1)?.kind).toBe('message.note');
    const size = t.cache.outbox.size();
    expect(t.cache.outbox.retry('cmid-0002').message?.delivery).toBe('pending');
    expect(t.cache.outbox.retry('cmid-nope')).toEqual({ seq: 0, message: null });
    expect(t.cache.outbox.size()).toBe(size);
  });

  it('discards a rejected or pending message with its outbox row', () => {
    send('cmid-0001');
    send('cmid-0002');
    t.cache.outbox.applyAcks([{ clientMsgId: 'cmid-0001', status: 'rejected', code: 'invalid', reason: 'Too long' }]);
    t.cache.outbox.discard('cmid-0001');
    t.cache.outbox.discard('cmid-0002');
    t.cache.outbox.discard('cmid-unknown');
    expect(t.cache.outbox.size()).toBe(0);
    expect(t.cache.messages.page('t1', null, 10).messages.map((m) => m.id)).toEqual(['m1']);
    expect(t.cache.tickets.list('mine', 'agent-1', 5)[0]).toMatchObject({ pendingCount: 0, lastMessagePreview: 'Hello', lastMessageAuthor: 'customer' });
  });

  it('survives a reopen: pending rows and their outbox rows are durable', () => {
    send('cmid-0001');
    t.reopen();
    expect(t.cache.outbox.list(10).map((e) => e.clientMsgId)).toEqual(['cmid-0001']);
    expect(t.cache.messages.get('local:cmid-0001')?.delivery).toBe('pending');
  });
});
