import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketRow } from '../../shared/domain';
import type { Change } from '../../shared/protocol/sync';
import { apply, attachmentRow, checkSearchIndexes, customerRow, del, messageRow, openTestCache, ticketRow, up, type TestCache } from './test-support';

let t: TestCache;
beforeEach(() => {
  t = openTestCache();
});
afterEach(() => {
  checkSearchIndexes(t.cache);
  expect(t.cache.integrityCheck()).toBe('ok');
  t.cleanup();
});

const reply = (clientMsgId: string, ticketId = 't1') =>
  t.cache.outbox.enqueue(
    { kind: 'message.reply', clientMsgId, ticketId, body: 'On it, one moment' },
    { ticketId, authorKind: 'agent', authorId: 'agent-1', authorName: 'Sam', body: 'On it, one moment', attachmentIds: [] },
  );

describe('applyPage', () => {
  it('inserts rows, moves the cursor and epoch, and says what changed', () => {
    const res = t.cache.applyPage(
      [up.customer(customerRow({ id: 'cus-1' })), up.ticket(ticketRow({ id: 't1' })), up.message(messageRow({ id: 'm1', ticketId: 't1' }))],
      { cursor: '17', epoch: 'e1' },
    );
    expect(res.ticketIds.sort()).toEqual(['t1']);
    expect(res.messageTicketIds).toEqual(['t1']);
    expect(t.cache.state.get()).toMatchObject({ cursor: '17', epoch: 'e1', lastSyncedAt: '2025-06-02T12:00:00.000Z' });
    expect(t.cache.tickets.get('t1')).toEqual(ticketRow({ id: 't1' }));
    expect(t.cache.messages.get('m1')).toMatchObject({ id: 'm1', delivery: 'sent', rejection: null, sortKey: '2025-06-01T10:00:00.000Z|m1' });
  });

  it('never lets an older version overwrite a newer one', () => {
    apply(t.cache, [up.ticket(ticketRow({ id: 't1', subject: 'v3', version: 3 })), up.message(messageRow({ id: 'm1', ticketId: 't1', body: 'edited', version: 2 }))]);
    const res = apply(t.cache, [
      up.ticket(ticketRow({ id: 't1', subject: 'v2', version: 2 })),
      up.ticket(ticketRow({ id: 't1', subject: 'v3 again', version: 3 })),
      up.message(messageRow({ id: 'm1', ticketId: 't1', body: 'original', version: 1 })),
      up.customer(customerRow({ id: 'cus-1', name: 'New', version: 5 })),
      up.customer(customerRow({ id: 'cus-1', name: 'Old', version: 4 })),
    ]);
    expect(t.cache.tickets.get('t1')?.subject).toBe('v3');
    expect(t.cache.messages.get('m1')?.body).toBe('edited');
    expect(t.cache.tickets.detail('t1')?.context.customer?.name).toBe('New');
    expect(res.messageTicketIds).toEqual([]); // nothing about messages changed
    apply(t.cache, [up.ticket(ticketRow({ id: 't1', subject: 'v4', version: 4 }))]);
    expect(t.cache.tickets.get('t1')?.subject).toBe('v4');
  });

  it('applies deletes; a ticket delete takes its server rows but keeps the agent’s unsent rows and draft', () => {
    apply(t.cache, [
      up.ticket(ticketRow({ id: 't1' })),
      up.message(messageRow({ id: 'm1', ticketId: 't1' })),
      up.message(messageRow({ id: 'm2', ticketId: 't1', createdAt: '2025-06-01T10:01:00.000Z' })),
      up.attachment(attachmentRow({ id: 'a1', ticketId: 't1', sha256: 'a'.repeat(64) })),
      up.ticket(ticketRow({ id: 't2' })),
      up.message(messageRow({ id: 'm3', ticketId: 't2' })),
    ]);
    reply('cmid-pending-1');
    const rejected = reply('cmid-rejected-1');
    t.cache.outbox.applyAcks([{ clientMsgId: 'cmid-rejected-1', status: 'rejected', code: 'not_assigned', reason: 'Reassigned' }]);
    t.cache.drafts.save('t1', 'half a thought', 'reply');

    let res = apply(t.cache, [del('message', 'm3')]);
    expect(res.messageTicketIds).toEqual(['t2']);
    expect(t.cache.messages.get('m3')).toBeNull();

    res = apply(t.cache, [del('ticket', 't1')]);
    expect(res.ticketIds).toContain('t1');
    expect(t.cache.tickets.get('t1')).toBeNull();
    expect(t.cache.messages.get('m1')).toBeNull();
    expect(t.cache.attachments.meta('a1')).toBeNull();
    const left = t.cache.messages.page('t1', null, 50).messages;
    expect(left.map((m) => [m.id, m.delivery])).toEqual([
      ['local:cmid-pending-1', 'pending'],
      [rejected.message!.id, 'rejected'],
    ]);
    expect(t.cache.drafts.get('t1')?.body).toBe('half a thought');
    expect(t.cache.outbox.size()).toBe(1);
    expect(t.cache.tickets.get('t2')).not.toBeNull();
    // deleting what is not there is harmless and reports nothing
    expect(apply(t.cache, [del('ticket', 'nope'), del('message', 'nope'), del('customer', 'nope'), del('order', 'nope'), del('agent', 'nope')])).toEqual({
      ticketIds: [],
      messageTicketIds: [],
    });
  });

  it('moves the cursor in the same transaction: a page that fails midway changes nothing', () => {
    apply(t.cache, [up.ticket(ticketRow({ id: 't1', subject: 'before' }))]);
    const state = t.cache.state.get();
    const bad = { ...ticketRow({ id: 't3' }), status: 'bogus' } as unknown as TicketRow; // violates the CHECK
    const page: Change[] = [
      up.ticket(ticketRow({ id: 't1', subject: 'after', version: 2 })),
      up.message(messageRow({ id: 'm1', ticketId: 't1', body: 'findme' })),
      up.ticket(bad),
      up.ticket(ticketRow({ id: 't4' })),
    ];
    expect(() => t.cache.applyPage(page, { cursor: '999', epoch: 'e2' })).toThrow(/CHECK constraint/);
    expect(t.cache.state.get()).toEqual(state);
    expect(t.cache.tickets.get('t1')?.subject).toBe('before');
    expect(t.cache.messages.get('m1')).toBeNull();
    expect(t.cache.tickets.get('t4')).toBeNull();
    expect(t.cache.search('findme', 10)).toEqual([]);
    expect(t.cache.integrityCheck()).toBe('ok');
  });

  it('replaces the optimistic row with the server row of the same client id (before its ack)', () => {
    apply(t.cache, [up.ticket(ticketRow({ id: 't1' })), up.message(messageRow({ id: 'm1', ticketId: 't1' }))]);
    reply('cmid-0001');
    reply('cmid-other', 't2'); // same client id rule is per ticket
    expect(t.cache.tickets.list('mine', 'agent-1', 10)[0]?.pendingCount).toBe(1);
    const res = apply(t.cache, [
      up.message(
        messageRow({ id: 'srv-9', ticketId: 't1', authorKind: 'agent', authorId: 'agent-1', authorName: 'Sam', body: 'On it, one moment', clientMsgId: 'cmid-0001', createdAt: '2025-06-02T11:59:00.000Z' }),
      ),
    ]);
    expect(res.messageTicketIds).toEqual(['t1']);
    const page = t.cache.messages.page('t1', null, 50).messages;
    expect(page.map((m) => [m.id, m.delivery])).toEqual([
      ['m1', 'sent'],
      ['srv-9', 'sent'],
    ]);
    expect(t.cache.messages.get('local:cmid-0001')).toBeNull();
    expect(t.cache.messages.get('local:cmid-other')?.delivery).toBe('pending');
    expect(t.cache.tickets.list('mine', 'agent-1', 10)[0]?.pendingCount).toBe(0);
    // The ack arrives later: the outbox row goes, the server row stays as it is.
    t.cache.outbox.applyAcks([{ clientMsgId: 'cmid-0001', status: 'applied', seq: 5, entityId: 'srv-9' }]);
    expect(t.cache.messages.page('t1', null, 50).messages.map((m) => m.id)).toEqual(['m1', 'srv-9']);
    expect(t.cache.outbox.list(10).map((e) => e.clientMsgId)).toEqual(['cmid-other']);
    expect(t.cache.search('moment', 10).map((h) => h.messageId).sort()).toEqual(['local:cmid-other', 'srv-9']);
  });

  it('replaces a local row that already took its server id on the ack', () => {
    apply(t.cache, [up.ticket(ticketRow({ id: 't1' }))]);
    reply('cmid-0002');
    t.cache.outbox.applyAcks([{ clientMsgId: 'cmid-0002', status: 'applied', seq: 5, entityId: 'srv-10' }]);
    expect(t.cache.messages.get('srv-10')).toMatchObject({ delivery: 'sent', version: 0, body: 'On it, one moment' });
    apply(t.cache, [
      up.message(messageRow({ id: 'srv-10', ticketId: 't1', authorKind: 'agent', body: 'On it, one moment', clientMsgId: 'cmid-0002', createdAt: '2025-06-02T11:59:00.000Z' })),
    ]);
    expect(t.cache.messages.page('t1', null, 10).messages).toMatchObject([{ id: 'srv-10', version: 1, sortKey: '2025-06-02T11:59:00.000Z|srv-10' }]);
  });

  it('keeps the search index in step with edits and deletes', () => {
    apply(t.cache, [up.ticket(ticketRow({ id: 't1' })), up.message(messageRow({ id: 'm1', ticketId: 't1', body: 'where is my parcel' }))]);
    expect(t.cache.search('parcel', 10)).toHaveLength(1);
    apply(t.cache, [up.message(messageRow({ id: 'm1', ticketId: 't1', body: 'where is my refund', version: 2 }))]);
    expect(t.cache.search('parcel', 10)).toHaveLength(0);
    expect(t.cache.search('refund', 10)).toHaveLength(1);
    apply(t.cache, [del('message', 'm1')]);
    expect(t.cache.search('refund', 10)).toHaveLength(0);
  });

  it('replaces a cached message the server masked later (a card split across messages), search row included', () => {
    apply(t.cache, [up.ticket(ticketRow({ id: 't1' })), up.message(messageRow({ id: 'm1', ticketId: 't1', authorKind: 'customer', body: 'card 4111 1111' }))]);
    expect(t.cache.search('4111', 10)).toHaveLength(1);
    // The next message finishes the card; the server rewrites m1 as version 2.
    const res = apply(t.cache, [
      up.message(messageRow({ id: 'm2', ticketId: 't1', authorKind: 'customer', body: '•••• 1111', createdAt: '2025-06-01T10:01:00.000Z' })),
      up.message(messageRow({ id: 'm1', ticketId: 't1', authorKind: 'customer', body: 'card ••••', version: 2 })),
    ]);
    expect(res.messageTicketIds).toEqual(['t1']);
    expect(t.cache.messages.get('m1')).toMatchObject({ body: 'card ••••', version: 2 });
    expect(t.cache.search('4111', 10)).toHaveLength(0);
    expect(t.cache.search('card', 10)).toHaveLength(1);
    // The same page again (a resend, a live event after the pull) changes nothing back.
    apply(t.cache, [up.message(messageRow({ id: 'm1', ticketId: 't1', authorKind: 'customer', body: 'card 4111 1111', version: 1 }))]);
    expect(t.cache.messages.get('m1')).toMatchObject({ body: 'card ••••', version: 2 });
    expect(t.cache.search('4111', 10)).toHaveLength(0);
  });

  it('applies a message and its masked rewrite arriving in one page', () => {
    apply(t.cache, [
      up.ticket(ticketRow({ id: 't1' })),
      up.message(messageRow({ id: 'm1', ticketId: 't1', authorKind: 'customer', body: '4111 1111' })),
      up.message(messageRow({ id: 'm1', ticketId: 't1', authorKind: 'customer', body: '••••', version: 2 })),
    ]);
    expect(t.cache.messages.get('m1')).toMatchObject({ body: '••••', version: 2 });
    expect(t.cache.search('4111', 10)).toHaveLength(0);
  });

  it('indexes a page whose new rows are rewritten, deleted or replaced within it, in any order of pk', () => {
    apply(t.cache, [up.ticket(ticketRow({ id: 't1' })), up.message(messageRow({ id: 'old', ticketId: 't1', body: 'older words kept' }))]);
    reply('cmid-twin');
    apply(t.cache, [
      up.message(messageRow({ id: 'm1', ticketId: 't1', body: 'alpha first', createdAt: '2025-06-01T10:01:00.000Z' })),
      up.message(messageRow({ id: 'm2', ticketId: 't1', body: 'bravo second', createdAt: '2025-06-01T10:02:00.000Z' })),
      up.message(messageRow({ id: 'm1', ticketId: 't1', body: 'delta rewritten', version: 2, createdAt: '2025-06-01T10:01:00.000Z' })),
      del('message', 'm2'),
      // An older row rewritten, then a new one: their rowids are not a range.
      up.message(messageRow({ id: 'old', ticketId: 't1', body: 'older words edited', version: 2 })),
      up.message(messageRow({ id: 'm3', ticketId: 't1', body: 'charlie third', createdAt: '2025-06-01T10:03:00.000Z' })),
      up.message(messageRow({ id: 'srv-twin', ticketId: 't1', authorKind: 'agent', body: 'On it, one moment', clientMsgId: 'cmid-twin', createdAt: '2025-06-01T10:04:00.000Z' })),
      up.message(messageRow({ id: 'm4', ticketId: 't1', body: 'echo fourth', createdAt: '2025-06-01T10:05:00.000Z' })),
    ]);
    const found = (q: string) => t.cache.search(q, 10).map((h) => h.messageId).sort();
    expect(found('alpha')).toEqual([]);
    expect(found('delta')).toEqual(['m1']);
    expect(found('bravo')).toEqual([]);
    expect(found('charlie')).toEqual(['m3']);
    expect(found('echo')).toEqual(['m4']);
    expect(found('kept')).toEqual([]);
    expect(found('older')).toEqual(['old']);
    expect(found('moment')).toEqual(['srv-twin']);
    // afterEach: the FTS5 integrity check compares the index with every row's text.
  });

  it('indexes the next page normally after a page that failed midway', () => {
    const bad = { ...ticketRow({ id: 't3' }), status: 'bogus' } as unknown as TicketRow;
    expect(() => apply(t.cache, [up.message(messageRow({ id: 'm1', ticketId: 't1', body: 'lost words' })), up.ticket(bad)])).toThrow(/CHECK constraint/);
    apply(t.cache, [up.message(messageRow({ id: 'm2', ticketId: 't1', body: 'kept words' }))]);
    expect(t.cache.search('words', 10).map((h) => h.messageId)).toEqual(['m2']);
    expect(t.cache.search('lost', 10)).toEqual([]);
  });

  it('reports the tickets of a customer whose snapshot changed', () => {
    apply(t.cache, [up.ticket(ticketRow({ id: 't1', customerId: 'cus-7' })), up.ticket(ticketRow({ id: 't2', customerId: 'cus-7' }))]);
    const res = apply(t.cache, [
      up.customer(customerRow({ id: 'cus-7', name: 'Ana Lima' })),
      { entity: 'order', op: 'upsert', id: 'o1', seq: 1, row: order('o1', 'cus-7') },
    ]);
    expect(res.ticketIds.sort()).toEqual(['t1', 't2']);
    expect(t.cache.tickets.list('all', 'agent-1', 10).map((s) => s.customerName)).toEqual(['Ana Lima', 'Ana Lima']);
    expect(t.cache.search('ana', 10).map((h) => h.ticketId).sort()).toEqual(['t1', 't2']);
    expect(apply(t.cache, [del('order', 'o1')]).ticketIds.sort()).toEqual(['t1', 't2']);
  });

  it('resetServerData wipes server rows and the cursor but keeps the outbox, drafts, settings, client id and local rows', () => {
    apply(t.cache, [
      up.customer(customerRow({ id: 'cus-1' })),
      up.ticket(ticketRow({ id: 't1' })),
      up.message(messageRow({ id: 'm1', ticketId: 't1', body: 'server words' })),
      { entity: 'agent', op: 'upsert', id: 'agent-1', seq: 1, row: { id: 'agent-1', email: 'sam@x', name: 'Sam', role: 'agent', tier: 1, regions: [], capacity: 6, presence: 'available', presenceReason: null } },
    ]);
    const clientId = t.cache.state.get().clientId;
    reply('cmid-keep-1');
    reply('cmid-keep-2');
    t.cache.outbox.applyAcks([{ clientMsgId: 'cmid-keep-2', status: 'rejected', code: 'ticket_closed', reason: 'Closed' }]);
    t.cache.drafts.save('t1', 'draft', 'note');
    t.cache.settings.set({ density: 'compact' });
    t.cache.resetServerData();
    expect(t.cache.state.get()).toMatchObject({ clientId, cursor: '', epoch: null });
    expect(t.cache.tickets.get('t1')).toBeNull();
    expect(t.cache.messages.get('m1')).toBeNull();
    expect(t.cache.reference.agents()).toEqual([]);
    expect(t.cache.search('server', 10)).toEqual([]);
    expect(t.cache.outbox.list(10).map((e) => e.clientMsgId)).toEqual(['cmid-keep-1']);
    expect(t.cache.messages.page('t1', null, 10).messages.map((m) => m.delivery)).toEqual(['pending', 'rejected']);
    expect(t.cache.drafts.get('t1')?.body).toBe('draft');
    expect(t.cache.settings.get().density).toBe('compact');
    expect(t.cache.integrityCheck()).toBe('ok');
  });
});

function order(id: string, customerId: string) {
  return {
    id,
    customerId,
    orderNumber: `ORD-${id}`,
    merchant: 'Shop',
    items: [],
    totalMinor: 1000,
    currency: 'GBP',
    plan: 'pay_in_4' as const,
    status: 'active' as const,
    placedAt: '2025-05-01T00:00:00.000Z',
    returnWindowEndsAt: '2025-06-01T00:00:00.000Z',
    version: 1,
  };
}
