import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/api/contract';
import type { Change } from '../../shared/protocol/sync';
import { SNIPPET_CLOSE, SNIPPET_OPEN } from './cache';
import { toFtsQuery } from './search';
import { deepListQuery, OF_CUSTOMER_SQL } from './tables/tickets';
import { apply, attachmentRow, checkSearchIndexes, customerRow, del, messageRow, openTestCache, ticketRow, up, type TestCache } from './test-support';

let t: TestCache;
beforeEach(() => {
  t = openTestCache(new Date('2025-06-02T12:00:00.000Z'));
});
afterEach(() => {
  checkSearchIndexes(t.cache);
  expect(t.cache.integrityCheck()).toBe('ok');
  t.cleanup();
});

const mark = (s: string) => `${SNIPPET_OPEN}${s}${SNIPPET_CLOSE}`;
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('tickets.list', () => {
  beforeEach(() => {
    apply(t.cache, [
      up.customer(customerRow({ id: 'cus-1', name: 'Jane Doe' })),
      up.customer(customerRow({ id: 'cus-2', name: 'Omar Haddad', email: 'omar@example.org' })),
      // mine: open/pending assigned to agent-1
      up.ticket(ticketRow({ id: 'open-old', status: 'open', lastMessageAt: '2025-06-02T08:00:00.000Z' })),
      up.ticket(ticketRow({ id: 'open-new', status: 'open', customerId: 'cus-2', lastMessageAt: '2025-06-02T11:00:00.000Z' })),
      up.ticket(ticketRow({ id: 'pend', status: 'pending', customerId: 'cus-9', lastMessageAt: '2025-06-02T10:00:00.000Z' })),
      up.ticket(ticketRow({ id: 'other', status: 'open', assigneeId: 'agent-2', lastMessageAt: '2025-06-02T11:30:00.000Z' })),
      up.ticket(ticketRow({ id: 'q1', status: 'queued', assigneeId: null, lastMessageAt: '2025-06-02T09:00:00.000Z' })),
      up.ticket(ticketRow({ id: 'res-today', status: 'resolved', resolvedAt: '2025-06-02T09:30:00.000Z' })),
      up.ticket(ticketRow({ id: 'closed-today', status: 'closed', resolvedAt: '2025-06-02T10:30:00.000Z' })),
      up.ticket(ticketRow({ id: 'res-yesterday', status: 'resolved', resolvedAt: '2025-05-30T09:30:00.000Z' })),
      // open-old: customer spoke last → needs reply, 2 unread after the agent's message
      up.message(messageRow({ id: 'a1', ticketId: 'open-old', authorKind: 'customer', body: 'hi', createdAt: '2025-06-02T07:00:00.000Z' })),
      up.message(messageRow({ id: 'a2', ticketId: 'open-old', authorKind: 'agent', body: 'hello', createdAt: '2025-06-02T07:01:00.000Z' })),
      up.message(messageRow({ id: 'a3', ticketId: 'open-old', authorKind: 'customer', body: 'still there?', createdAt: '2025-06-02T07:02:00.000Z' })),
      up.message(messageRow({ id: 'a4', ticketId: 'open-old', authorKind: 'customer', body: 'hello??', createdAt: '2025-06-02T07:03:00.000Z' })),
      up.message(messageRow({ id: 'a5', ticketId: 'open-old', authorKind: 'note', body: 'customer is upset', createdAt: '2025-06-02T07:04:00.000Z' })),
      // open-new: the agent spoke last
      up.message(messageRow({ id: 'b1', ticketId: 'open-new', authorKind: 'customer', body: 'refund?', createdAt: '2025-06-02T10:00:00.000Z' })),
      up.message(messageRow({ id: 'b2', ticketId: 'open-new', authorKind: 'agent', body: 'Done', createdAt: '2025-06-02T10:05:00.000Z' })),
    ]);
  });

  it('filters each view', () => {
    const ids = (view: Parameters<typeof t.cache.tickets.list>[0]) => t.cache.tickets.list(view, 'agent-1', 50).map((s) => s.id).sort();
    expect(ids('mine')).toEqual(['open-new', 'open-old', 'pend']);
    expect(ids('queue')).toEqual(['q1']);
    expect(ids('waiting')).toEqual(['pend']);
    expect(ids('resolved_today')).toEqual(['closed-today', 'res-today']);
    expect(ids('all')).toHaveLength(8);
    expect(t.cache.tickets.list('mine', 'agent-2', 50).map((s) => s.id)).toEqual(['other']);
    expect(t.cache.tickets.list('all', 'agent-1', 2)).toHaveLength(2);
  });

  it('puts tickets that need a reply first, then the latest conversation; summaries carry name, preview, unread, pending', () => {
    const mine = t.cache.tickets.list('mine', 'agent-1', 50);
    expect(mine.map((s) => s.id)).toEqual(['open-old', 'open-new', 'pend']);
    expect(mine[0]).toMatchObject({ customerName: 'Jane Doe', lastMessagePreview: 'customer is upset', lastMessageAuthor: 'note', unread: 2, pendingCount: 0, subject: 'Help' });
    expect(mine[1]).toMatchObject({ customerName: 'Omar Haddad', lastMessageAuthor: 'agent', unread: 0 });
    expect(mine[2]).toMatchObject({ customerName: 'Customer', lastMessagePreview: null, lastMessageAuthor: null, unread: 0 });

    // the agent answers open-old (still pending in the outbox): it no longer needs a reply
    t.cache.outbox.enqueue(
      { kind: 'message.reply', clientMsgId: 'cmid-answer', ticketId: 'open-old', body: 'Yes, here!' },
      { ticketId: 'open-old', authorKind: 'agent', authorId: 'agent-1', authorName: 'Sam', body: 'Yes, here!', attachmentIds: [] },
    );
    const after = t.cache.tickets.list('mine', 'agent-1', 50);
    expect(after.map((s) => s.id)).toEqual(['open-new', 'pend', 'open-old']);
    expect(after[2]).toMatchObject({ unread: 0, pendingCount: 1, lastMessagePreview: 'Yes, here!', lastMessageAuthor: 'agent' });

    // a new customer message on open-new brings it to the top
    apply(t.cache, [up.message(messageRow({ id: 'b3', ticketId: 'open-new', body: 'thanks!', createdAt: '2025-06-02T11:00:00.000Z' }))]);
    expect(t.cache.tickets.list('mine', 'agent-1', 50)[0]).toMatchObject({ id: 'open-new', unread: 1, lastMessagePreview: 'thanks!' });
  });

  it('a page shorter than the view keeps the order: the chat waiting on a reply, however old, then the newest', () => {
    // open-old waits on a reply but is the oldest of mine; each page is the head of the full order.
    const full = t.cache.tickets.list('mine', 'agent-1', 50).map((s) => s.id);
    expect(full).toEqual(['open-old', 'open-new', 'pend']);
    expect(t.cache.tickets.list('mine', 'agent-1', 1).map((s) => s.id)).toEqual(['open-old']);
    expect(t.cache.tickets.list('mine', 'agent-1', 2).map((s) => s.id)).toEqual(['open-old', 'open-new']);
    const all = t.cache.tickets.list('all', 'agent-1', 50).map((s) => s.id);
    for (const n of [1, 2, 3, 5]) expect(t.cache.tickets.list('all', 'agent-1', n).map((s) => s.id)).toEqual(all.slice(0, n));
  });

  it('pages down a view with an offset: the pages put together are the whole list, and the count is its length', () => {
    // More rows, some waiting on a reply, so a page boundary falls inside and after the waiting ones.
    apply(t.cache, [
      ...Array.from({ length: 12 }, (_, i) => up.ticket(ticketRow({ id: `x${i}`, status: i % 3 === 0 ? 'queued' : 'open', assigneeId: i % 3 === 0 ? null : 'agent-1', lastMessageAt: `2025-06-01T${String(10 + i).padStart(2, '0')}:00:00.000Z` }))),
      ...[1, 3, 4, 9].map((i) => up.message(messageRow({ id: `xm${i}`, ticketId: `x${i}`, authorKind: 'customer', body: 'hello?', createdAt: `2025-06-01T${String(10 + i).padStart(2, '0')}:00:00.000Z` }))),
    ]);
    for (const view of ['mine', 'queue', 'all', 'waiting', 'resolved_today'] as const) {
      const full = t.cache.tickets.list(view, 'agent-1', 500).map((s) => s.id);
      expect(t.cache.tickets.count(view, 'agent-1')).toBe(full.length);
      for (const size of [1, 2, 3, 5]) {
        const paged: string[] = [];
        for (let offset = 0; offset < full.length + size; offset += size) paged.push(...t.cache.tickets.list(view, 'agent-1', size, offset).map((s) => s.id));
        expect(paged, `${view} in pages of ${size}`).toEqual(full);
      }
    }
    expect(t.cache.tickets.list('all', 'agent-1', 5, 3).map((s) => s.id)).toEqual(t.cache.tickets.list('all', 'agent-1', 500).slice(3, 8).map((s) => s.id));
  });

  it('reads a page further down and the count through indexes, sorting only the chats waiting on a reply', () => {
    const plan = (sql: string) => t.cache.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => (r as { detail: string }).detail);
    // The rows above the page are skipped in the recency index (its rowid tells the waiting ones
    // apart); the only sorts are of the chats waiting on a reply and of the page's own rows.
    const deep = t.cache.db.prepare(`EXPLAIN QUERY PLAN ${deepListQuery('')}`).all({ limit: 200, offset: 50_000 }).map((r) => (r as { detail: string }).detail);
    expect(deep).toContain('SCAN t USING COVERING INDEX tickets_recent');
    expect(deep.filter((d) => d.startsWith('SCAN t'))).toEqual(['SCAN t USING COVERING INDEX tickets_recent']);
    expect(deep.filter((d) => d.includes('TEMP B-TREE'))).toHaveLength(2);
    expect(plan(`SELECT count(*) FROM tickets t WHERE t.status = 'queued'`).join('\n')).toMatch(/COVERING INDEX/);
    expect(plan(`SELECT count(*) FROM tickets t WHERE t.assignee_id = 'agent-1' AND t.status IN ('open', 'pending')`).join('\n')).toMatch(/COVERING INDEX/);
  });

  it('reads the newest rows of a view through an index instead of sorting every ticket', () => {
    const plan = (sql: string) => t.cache.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => (r as { detail: string }).detail).join('\n');
    const newest = plan(`SELECT pk FROM tickets t WHERE t.assignee_id = 'agent-1' AND t.status = 'open' ORDER BY t.last_message_at DESC, t.pk DESC LIMIT 200`);
    expect(newest).toContain('tickets_assignee_recent');
    expect(newest).not.toContain('TEMP B-TREE');
    expect(plan('SELECT pk FROM tickets t ORDER BY t.last_message_at DESC, t.pk DESC LIMIT 200')).not.toContain('TEMP B-TREE');
  });

  it('resolved_today follows the local midnight of the cache clock', () => {
    t.setNow(new Date('2025-06-03T12:00:00.000Z'));
    expect(t.cache.tickets.list('resolved_today', 'agent-1', 50)).toEqual([]);
  });
});

describe('tickets.detail', () => {
  it('returns the ticket, the customer context, its attachments and up to 5 previous tickets of the customer', () => {
    const changes: Change[] = [up.customer(customerRow({ id: 'cus-1' })), up.ticket(ticketRow({ id: 't0', createdAt: '2025-06-02T00:00:00.000Z' }))];
    for (let i = 1; i <= 7; i++) changes.push(up.ticket(ticketRow({ id: `old-${i}`, status: 'closed', createdAt: `2025-05-0${i}T00:00:00.000Z` })));
    changes.push(up.ticket(ticketRow({ id: 'stranger', customerId: 'cus-2' })));
    changes.push(up.attachment(attachmentRow({ id: 'att-1', ticketId: 't0', sha256: 'b'.repeat(64) })));
    changes.push({
      entity: 'account',
      op: 'upsert',
      id: 'acc-1',
      seq: 1,
      row: { id: 'acc-1', customerId: 'cus-1', status: 'active', verificationStatus: 'verified', verificationAttempts: 0, verificationFailureReason: null, spendingLimitMinor: 100, currency: 'GBP', version: 1 },
    });
    for (const [id, n] of [['i2', 2], ['i1', 1]] as const)
      changes.push({
        entity: 'installment',
        op: 'upsert',
        id,
        seq: 1,
        row: { id, orderId: 'o1', customerId: 'cus-1', number: n, dueDate: '2025-07-01', amountMinor: 25, currency: 'GBP', status: 'scheduled', paidAt: null, lateFeeMinor: 0, version: 1 },
      });
    apply(t.cache, changes);
    const d = t.cache.tickets.detail('t0')!;
    expect(d.ticket.id).toBe('t0');
    expect(d.context.customer?.id).toBe('cus-1');
    expect(d.context.account?.id).toBe('acc-1');
    expect(d.context.installments.map((i) => i.number)).toEqual([1, 2]);
    expect(d.context.orders).toEqual([]);
    expect(d.attachments.map((a) => a.id)).toEqual(['att-1']);
    expect(d.previous.map((p) => p.id)).toEqual(['old-7', 'old-6', 'old-5', 'old-4', 'old-3']);
    expect(t.cache.tickets.detail('nope')).toBeNull();
    expect(t.cache.attachments.meta('att-1')?.sha256).toBe('b'.repeat(64));
  });
});

describe('messages.page', () => {
  beforeEach(() => {
    const changes: Change[] = [up.ticket(ticketRow({ id: 't1' }))];
    // 6 messages sharing one createdAt (ids decide), 4 more a minute later, inserted out of order
    for (const i of [3, 1, 5, 0, 4, 2]) changes.push(up.message(messageRow({ id: `s${i}`, ticketId: 't1', createdAt: '2025-06-01T10:00:00.000Z' })));
    for (const i of [9, 7, 6, 8]) changes.push(up.message(messageRow({ id: `s${i}`, ticketId: 't1', createdAt: '2025-06-01T10:01:00.000Z' })));
    changes.push(up.message(messageRow({ id: 'x1', ticketId: 't2' })));
    apply(t.cache, changes);
    for (const n of [1, 2, 3])
      t.cache.outbox.enqueue(
        { kind: 'message.reply', clientMsgId: `cmid-000${n}`, ticketId: 't1', body: `pending ${n}` },
        { ticketId: 't1', authorKind: 'agent', authorId: 'agent-1', authorName: 'Sam', body: `pending ${n}`, attachmentIds: [] },
      );
  });

  it('pages newest first with a before-cursor, each page oldest to newest, pending rows after every sent row', () => {
    const seen: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const page: ReturnType<typeof t.cache.messages.page> = t.cache.messages.page('t1', before, 4);
      seen.push(page.messages.map((m) => m.id));
      if (!page.hasMore) break;
      before = page.messages[0]!.sortKey;
    }
    expect(seen).toEqual([
      ['s9', 'local:cmid-0001', 'local:cmid-0002', 'local:cmid-0003'],
      ['s5', 's6', 's7', 's8'],
      ['s1', 's2', 's3', 's4'],
      ['s0'],
    ]);
    // stable: asking again gives the same pages
    expect(t.cache.messages.page('t1', null, 4).messages.map((m) => m.id)).toEqual(seen[0]);
    expect(t.cache.messages.page('t1', null, 100)).toMatchObject({ hasMore: false });
    expect(t.cache.messages.page('t1', null, 13).hasMore).toBe(false);
    expect(t.cache.messages.page('t1', null, 12).hasMore).toBe(true);
    expect(t.cache.messages.page('nope', null, 10)).toEqual({ messages: [], hasMore: false });
  });

  it('uses the (ticket_id, sort_key) index', () => {
    const plan = t.cache.db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM messages WHERE ticket_id = ? AND sort_key < ? ORDER BY sort_key DESC LIMIT 10`)
      .all('t1', 'z') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX messages_ticket_sort/);
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
  });
});

describe('drafts and settings', () => {
  it('saves, replaces and deletes drafts (an empty body deletes)', () => {
    expect(t.cache.drafts.get('t1')).toBeNull();
    t.cache.drafts.save('t1', 'Dear Jane', 'reply');
    t.setNow(new Date('2025-06-02T12:01:00.000Z'));
    t.cache.drafts.save('t1', 'Dear Jane,\nyour refund', 'note');
    expect(t.cache.drafts.get('t1')).toEqual({ ticketId: 't1', body: 'Dear Jane,\nyour refund', mode: 'note', updatedAt: '2025-06-02T12:01:00.000Z' });
    t.reopen();
    expect(t.cache.drafts.get('t1')?.mode).toBe('note');
    t.cache.drafts.save('t1', '', 'reply');
    expect(t.cache.drafts.get('t1')).toBeNull();
  });

  it('stores settings over the defaults and refuses invalid values', () => {
    expect(t.cache.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(t.cache.settings.set({ theme: 'dark', cacheLimitMb: 100 })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', cacheLimitMb: 100 });
    expect(() => t.cache.settings.set({ cacheLimitMb: 1 })).toThrow();
    t.reopen();
    expect(t.cache.settings.get()).toMatchObject({ theme: 'dark', cacheLimitMb: 100 });
    t.cache.settings.set({ shortcuts: { resolve: ['Mod+Shift+d'], reply: null } });
    expect(t.reopen().settings.get().shortcuts).toEqual({ resolve: ['Mod+Shift+d'], reply: null });
    expect(() => t.cache.settings.set({ shortcuts: { resolve: ['Mod+Alt+e'] } })).toThrow(); // AltGr
  });
});

describe('search', () => {
  beforeEach(() => {
    apply(t.cache, [
      up.customer(customerRow({ id: 'cus-1', name: 'Jane Doe', email: 'jane.doe@example.com' })),
      up.customer(customerRow({ id: 'cus-2', name: 'Omar Haddad', email: 'omar@example.org' })),
      up.ticket(ticketRow({ id: 't1', reference: 'KPQR-7M2X' })),
      up.ticket(ticketRow({ id: 't2', reference: 'ZZZZ-2222', customerId: 'cus-2' })),
      up.message(messageRow({ id: 'm1', ticketId: 't1', body: 'My payment to the merchant failed twice, "declined" it said (code 51)' })),
      up.message(messageRow({ id: 'm2', ticketId: 't2', body: 'Where is my refund? AND why NEAR the deadline *nothing*' })),
      up.message(messageRow({ id: 'm3', ticketId: 't2', body: 'Refunds take 5 days, Café crème' })),
    ]);
  });

  it('survives hostile input', () => {
    for (const q of ['"', '""', '*', 'AND', 'OR', 'NOT', '(', ')', 'NEAR', 'NEAR(', 'a"b', '"unbalanced', 'body:refund', '^refund', '-', '+', '{', 'refund AND', '(refund', 'refund)', 'x OR', '\\', "'", '%', '\u0000', '日本語', 'NEAR/2'])
      expect(() => t.cache.search(q, 10), q).not.toThrow();
    expect(t.cache.search('AND', 10).map((h) => h.messageId)).toEqual(['m2']); // a plain word, not an operator
    expect(t.cache.search('NEAR', 10).map((h) => h.messageId)).toEqual(['m2']);
    expect(t.cache.search('"declined"', 10).map((h) => h.messageId)).toEqual(['m1']);
    expect(t.cache.search('(code 51)', 10).map((h) => h.messageId)).toEqual(['m1']);
    expect(t.cache.search('*', 10)).toEqual([]);
    expect(t.cache.search('   ', 10)).toEqual([]);
    expect(toFtsQuery('a "b" (c')).toBe('"a" """b""" "(c"*');
  });

  it('matches the last term as a prefix, folds accents, and marks the match in the snippet', () => {
    expect(t.cache.search('refu', 10).map((h) => h.messageId).sort()).toEqual(['m2', 'm3']);
    expect(t.cache.search('refu days', 10).map((h) => h.messageId)).toEqual([]); // only the last term is a prefix
    expect(t.cache.search('refunds da', 10).map((h) => h.messageId)).toEqual(['m3']);
    expect(t.cache.search('creme cafe', 10).map((h) => h.messageId)).toEqual(['m3']);
    const [hit] = t.cache.search('merchant failed', 10);
    expect(hit).toMatchObject({ ticketId: 't1', messageId: 'm1', reference: 'KPQR-7M2X', customerName: 'Jane Doe' });
    expect(hit!.snippet).toContain(`${mark('merchant')} ${mark('failed')}`);
  });

  it('finds tickets by reference (with or without the dash) and by customer name or e-mail', () => {
    const byRef = t.cache.search('KPQR-7M2X', 10);
    expect(byRef[0]).toMatchObject({ ticketId: 't1', messageId: null, reference: 'KPQR-7M2X', customerName: 'Jane Doe' });
    expect(byRef[0]!.snippet).toBe(`${mark('KPQR-7M2X')} · Jane Doe`); // a phrase is marked as one span
    expect(t.cache.search('kpqr7m2x', 10)[0]!.snippet).toBe(`${mark('KPQR-7M2X')} · Jane Doe`);
    expect(t.cache.search('kpqr-7m', 10).map((h) => h.ticketId)).toEqual(['t1']);
    expect(t.cache.search('omar', 10).map((h) => [h.ticketId, h.messageId])).toEqual([['t2', null]]);
    expect(t.cache.search('omar', 10)[0]).toMatchObject({ customerName: 'Omar Haddad', snippet: `ZZZZ-2222 · ${mark('Omar')} Haddad · ${mark('omar')}@example.org` });
    expect(t.cache.search('jane.doe@example.com', 10).map((h) => h.ticketId)).toEqual(['t1']);
    expect(t.cache.search('haddad', 1)).toHaveLength(1);
  });

  it('looks a case up by its exact reference, not by a prefix or another ticket', () => {
    expect(t.cache.tickets.byReference('KPQR-7M2X')).toEqual({ ticketId: 't1', reference: 'KPQR-7M2X', customerName: 'Jane Doe' });
    expect(t.cache.tickets.byReference('ZZZZ-2222')).toEqual({ ticketId: 't2', reference: 'ZZZZ-2222', customerName: 'Omar Haddad' });
    expect(t.cache.tickets.byReference('KPQR-7M2Y')).toBeNull();
    expect(t.cache.tickets.byReference('KPQR')).toBeNull();
    for (const hostile of ['"', 'KPQR-7M2X" OR "ZZZZ', '*', '']) expect(t.cache.tickets.byReference(hostile), hostile).toBeNull();
  });
});

describe('tickets.ofCustomer', () => {
  beforeEach(() => {
    apply(t.cache, [
      up.customer(customerRow({ id: 'cus-1', name: 'Jane Doe' })),
      up.customer(customerRow({ id: 'cus-v', name: 'Visitor', identity: 'visitor' })),
      up.ticket(ticketRow({ id: 'now', reference: 'NNNN-0001', createdAt: '2025-06-02T09:00:00.000Z', status: 'open' })),
      up.ticket(ticketRow({ id: 'march', reference: 'MMMM-0003', createdAt: '2025-03-10T09:00:00.000Z', status: 'resolved', category: 'refund_return' })),
      up.ticket(ticketRow({ id: 'may', reference: 'MMMM-0005', createdAt: '2025-05-20T09:00:00.000Z', status: 'closed', category: 'missed_payment' })),
      up.ticket(ticketRow({ id: 'silent', reference: 'SSSS-0001', createdAt: '2025-01-05T09:00:00.000Z', status: 'resolved' })),
      up.ticket(ticketRow({ id: 'someone-else', reference: 'OOOO-0001', customerId: 'cus-2', createdAt: '2025-06-01T09:00:00.000Z' })),
      up.ticket(ticketRow({ id: 'visit-1', reference: 'VVVV-0001', customerId: 'cus-v' })),
      up.ticket(ticketRow({ id: 'visit-2', reference: 'VVVV-0002', customerId: 'cus-v' })),
      // The first customer message is the question, not an earlier system line or a later message.
      up.message(messageRow({ id: 'm-sys', ticketId: 'may', authorKind: 'system', body: 'Chat started', createdAt: '2025-05-20T09:00:00.000Z' })),
      up.message(messageRow({ id: 'm-q', ticketId: 'may', authorKind: 'customer', body: 'Why was I charged a late fee?', createdAt: '2025-05-20T09:00:01.000Z' })),
      up.message(messageRow({ id: 'm-later', ticketId: 'may', authorKind: 'customer', body: 'Hello?', createdAt: '2025-05-20T09:05:00.000Z' })),
      up.message(messageRow({ id: 'm-march', ticketId: 'march', authorKind: 'customer', body: 'x'.repeat(400), createdAt: '2025-03-10T09:00:00.000Z' })),
      up.message(messageRow({ id: 'm-agent', ticketId: 'silent', authorKind: 'agent', body: 'We wrote first', createdAt: '2025-01-05T09:00:00.000Z' })),
    ]);
  });

  it('lists the customer’s other cases newest first, each with its first customer message', () => {
    const rows = t.cache.tickets.ofCustomer('cus-1', 'now', 50);
    expect(rows.map((r) => r.reference)).toEqual(['MMMM-0005', 'MMMM-0003', 'SSSS-0001']);
    expect(rows[0]).toEqual({ ticketId: 'may', reference: 'MMMM-0005', createdAt: '2025-05-20T09:00:00.000Z', category: 'missed_payment', status: 'closed', firstQuestion: 'Why was I charged a late fee?' });
    expect(rows[1]!.firstQuestion).toHaveLength(280);
    expect(rows[2]!.firstQuestion).toBeNull(); // only the agent wrote
    expect(t.cache.tickets.ofCustomer('cus-1', 'now', 1).map((r) => r.ticketId)).toEqual(['may']);
    expect(t.cache.tickets.ofCustomer('cus-1', null, 50).map((r) => r.ticketId)).toEqual(['now', 'may', 'march', 'silent']);
    expect(t.cache.tickets.ofCustomer('cus-unknown', null, 50)).toEqual([]);
  });

  it('gives an unverified visitor no earlier cases', () => {
    expect(t.cache.tickets.ofCustomer('cus-v', 'visit-1', 50)).toEqual([]);
  });

  it('reads through the customer index, with no sort of its own', () => {
    const plan = t.cache.db.prepare(`EXPLAIN QUERY PLAN ${OF_CUSTOMER_SQL}`).all({ customer: 'cus-1', except: 'now', limit: 50 }) as { detail: string }[];
    const text = plan.map((p) => p.detail).join(' | ');
    expect(text).toMatch(/SEARCH t USING INDEX tickets_customer/);
    expect(text).toMatch(/SEARCH m USING INDEX messages_ticket_sort/);
    expect(text).not.toMatch(/TEMP B-TREE|SCAN t\b|SCAN m\b/);
  });
});

describe('attachments', () => {
  it('writes content-addressed files atomically and refuses data that does not match its hash', () => {
    const data = Buffer.from('a png, honestly');
    const hash = sha(data);
    expect(t.cache.attachments.readFile(hash)).toBeNull();
    expect(() => t.cache.attachments.writeFile(hash, Buffer.from('something else'))).toThrow(/does not match its checksum/);
    expect(t.cache.attachments.readFile(hash)).toBeNull();
    expect(() => t.cache.attachments.writeFile('../../etc/passwd', data)).toThrow(/not a SHA-256/);
    t.cache.attachments.writeFile(hash, data);
    t.cache.attachments.writeFile(hash, data); // twice is fine
    expect(existsSync(path.join(t.dir, 'cache', 'files', hash.slice(0, 2), hash))).toBe(true);
    expect(t.cache.attachments.readFile(hash.toUpperCase())?.toString()).toBe('a png, honestly');
  });
});

describe('evict', () => {
  const bigBody = 'lorem ipsum dolor sit amet '.repeat(200);

  function fill(): void {
    const changes: Change[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `r${String(i).padStart(2, '0')}`;
      const customerId = i < 39 ? `cus-${id}` : 'cus-shared';
      changes.push(up.customer(customerRow({ id: customerId })));
      changes.push(up.ticket(ticketRow({ id, customerId, status: i % 2 ? 'resolved' : 'closed', resolvedAt: `2025-05-01T00:${String(i).padStart(2, '0')}:00.000Z` })));
      for (let m = 0; m < 10; m++) changes.push(up.message(messageRow({ id: `${id}-m${m}`, ticketId: id, body: bigBody })));
    }
    changes.push(up.ticket(ticketRow({ id: 'live', customerId: 'cus-shared', status: 'open' })));
    changes.push(up.message(messageRow({ id: 'live-m', ticketId: 'live', body: bigBody })));
    apply(t.cache, changes);
  }

  it('does nothing under the cap', () => {
    fill();
    expect(t.cache.evict(1024 * 1024 * 1024)).toEqual({ evictedTickets: 0 });
    expect(t.cache.tickets.list('all', 'agent-1', 100)).toHaveLength(41);
  });

  it('evicts the oldest resolved or closed tickets first, never those with outbox entries, drafts or local rows', () => {
    fill();
    // r00 (oldest) has an outbox entry, r01 a draft, r02 a rejected reply
    t.cache.outbox.enqueue({ kind: 'ticket.setStatus', clientMsgId: 'cmid-status', ticketId: 'r00', status: 'open' });
    t.cache.drafts.save('r01', 'not done yet', 'reply');
    t.cache.outbox.enqueue(
      { kind: 'message.reply', clientMsgId: 'cmid-r02', ticketId: 'r02', body: 'late' },
      { ticketId: 'r02', authorKind: 'agent', authorId: 'agent-1', authorName: 'Sam', body: 'late', attachmentIds: [] },
    );
    t.cache.outbox.applyAcks([{ clientMsgId: 'cmid-r02', status: 'rejected', code: 'ticket_closed', reason: 'Closed' }]);
    const img = Buffer.from('shared screenshot');
    const lone = Buffer.from('lonely screenshot');
    t.cache.attachments.writeFile(sha(img), img);
    t.cache.attachments.writeFile(sha(lone), lone);
    apply(t.cache, [
      up.attachment(attachmentRow({ id: 'att-a', ticketId: 'r03', sha256: sha(img) })),
      up.attachment(attachmentRow({ id: 'att-b', ticketId: 'live', sha256: sha(img) })),
      up.attachment(attachmentRow({ id: 'att-c', ticketId: 'r03', sha256: sha(lone) })),
    ]);

    const file = t.cache.db.name;
    const before = t.cache.tickets.list('all', 'agent-1', 100).length;
    const used = (t.cache.db.pragma('page_count', { simple: true }) as number) * (t.cache.db.pragma('page_size', { simple: true }) as number);
    const { evictedTickets } = t.cache.evict(Math.floor(used / 2));
    // about half of the 37 eligible tickets, not all of them
    expect(evictedTickets).toBeGreaterThan(10);
    expect(evictedTickets).toBeLessThan(30);
    const left = new Set(t.cache.tickets.list('all', 'agent-1', 100).map((s) => s.id));
    expect(left.size).toBe(before - evictedTickets);
    for (const kept of ['r00', 'r01', 'r02', 'live']) expect(left.has(kept), kept).toBe(true);
    // oldest first: the evicted ones are a prefix of the eligible ones by resolution time
    const eligible = Array.from({ length: 40 }, (_, i) => `r${String(i).padStart(2, '0')}`).filter((id) => !['r00', 'r01', 'r02'].includes(id));
    const evicted = eligible.filter((id) => !left.has(id));
    expect(evicted).toEqual(eligible.slice(0, evicted.length));
    // r03's messages, attachment rows, unshared file and customer snapshot are gone; the shared file stays
    expect(t.cache.messages.page('r03', null, 10).messages).toEqual([]);
    expect(t.cache.attachments.meta('att-a')).toBeNull();
    expect(t.cache.attachments.readFile(sha(lone))).toBeNull();
    expect(t.cache.attachments.readFile(sha(img))?.toString()).toBe('shared screenshot');
    expect(t.cache.db.prepare(`SELECT count(*) FROM customers WHERE id = 'cus-r03'`).pluck().get()).toBe(0);
    expect(t.cache.db.prepare(`SELECT count(*) FROM customers WHERE id = 'cus-shared'`).pluck().get()).toBe(1);
    expect(t.cache.search('lorem', 200).every((h) => left.has(h.ticketId))).toBe(true);
    expect(t.cache.messages.page('r02', null, 10).messages.map((m) => m.delivery)).toContain('rejected');
    expect(t.cache.integrityCheck()).toBe('ok');
    expect(existsSync(file)).toBe(true);

    // a cap below anything possible evicts every eligible ticket and nothing else
    t.cache.evict(1);
    expect(t.cache.tickets.list('all', 'agent-1', 100).map((s) => s.id).sort()).toEqual(['live', 'r00', 'r01', 'r02']);
    expect(t.cache.outbox.size()).toBe(1);
  });

  it('evicts a ticket that lost its local rows once they are resolved', () => {
    fill();
    apply(t.cache, [del('ticket', 'r05')]);
    t.cache.evict(1);
    expect(t.cache.tickets.list('all', 'agent-1', 100).map((s) => s.id)).toEqual(['live']);
  });
});
