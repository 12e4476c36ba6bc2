/**
 * Unread counts only what the agent has not seen (a read marker per ticket, set when the agent
 * views the chat; the agent's own messages and system lines never count), the list preview is
 * never a system line, the tab strip's summaries by id, and the tabs kept per agent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_TABS, type TabsState } from '../../shared/api/contract';
import { apply, messageRow, openTestCache, ticketRow, up, type TestCache } from './test-support';

let t: TestCache;
beforeEach(() => {
  t = openTestCache(new Date('2025-06-02T12:00:00.000Z'));
});
afterEach(() => {
  expect(t.cache.integrityCheck()).toBe('ok');
  t.cleanup();
});

const at = (minute: number) => `2025-06-02T10:${String(minute).padStart(2, '0')}:00.000Z`;
const msg = (id: string, authorKind: 'customer' | 'agent' | 'system' | 'note', body: string, minute: number, ticketId = 't1') =>
  up.message(messageRow({ id, ticketId, authorKind, body, createdAt: at(minute), authorId: authorKind === 'agent' ? 'agent-1' : null }));
const row = (id = 't1') => t.cache.tickets.summaries([id])[0]!;
const sortKeyOf = (id: string) => t.cache.messages.get(id)!.sortKey;

describe('unread: only what the agent has not seen', () => {
  beforeEach(() => {
    apply(t.cache, [
      up.ticket(ticketRow({ id: 't1', lastMessageAt: at(5) })),
      msg('m1', 'customer', 'Where is my refund?', 1),
      msg('m2', 'system', 'Ava joined the chat.', 2),
      msg('m3', 'customer', 'Order 1234', 3),
    ]);
  });

  it('counts customer messages after the read marker; system lines and the agent’s own never count', () => {
    expect(row().unread).toBe(2);
    expect(t.cache.tickets.markRead('t1', sortKeyOf('m1'))).toBe(true);
    expect(row().unread).toBe(1);
    // A system line and a note after it: still one unread.
    apply(t.cache, [msg('m4', 'system', 'Ava is reviewing.', 4), msg('m5', 'note', 'check the order', 5)]);
    expect(row().unread).toBe(1);
    expect(t.cache.tickets.markRead('t1', sortKeyOf('m5'))).toBe(true);
    expect(row().unread).toBe(0);
    // A new customer message after that is unread again, until seen.
    apply(t.cache, [msg('m6', 'customer', 'Hello?', 6)]);
    expect(row().unread).toBe(1);
  });

  it('never moves back, refuses local keys, and says false when nothing changed', () => {
    t.cache.tickets.markRead('t1', sortKeyOf('m3'));
    expect(row().unread).toBe(0);
    expect(t.cache.tickets.markRead('t1', sortKeyOf('m1'))).toBe(false);
    expect(row().unread).toBe(0);
    apply(t.cache, [msg('m6', 'customer', 'Hello?', 6)]);
    expect(t.cache.tickets.markRead('t1', '~0000000000000001')).toBe(false);
    expect(row().unread).toBe(1);
  });

  it('an agent reply (even unsent) marks what came before as seen, not what arrives after it', () => {
    t.cache.outbox.enqueue(
      { kind: 'message.reply', clientMsgId: 'cmid-reply-1', ticketId: 't1', body: 'Checking!' },
      { ticketId: 't1', authorKind: 'agent', authorId: 'agent-1', authorName: 'Sam', body: 'Checking!', attachmentIds: [] },
    );
    expect(row()).toMatchObject({ unread: 0, pendingCount: 1, lastMessagePreview: 'Checking!', lastMessageAuthor: 'agent' });
    // The customer writes while the reply still waits in the outbox: that one is unread.
    apply(t.cache, [msg('m7', 'customer', 'Thanks, waiting', 7)]);
    expect(row().unread).toBe(1);
  });

  it('survives a reopen (the marker is in the cache file)', () => {
    t.cache.tickets.markRead('t1', sortKeyOf('m3'));
    t.reopen();
    expect(row().unread).toBe(0);
  });
});

describe('list preview', () => {
  it('shows the customer’s first question, not the system line after it', () => {
    apply(t.cache, [up.ticket(ticketRow({ id: 't1' })), msg('m1', 'customer', 'My payment from Monday is not showing.', 1), msg('m2', 'system', 'Ava joined the chat.', 2)]);
    expect(row()).toMatchObject({ lastMessagePreview: 'My payment from Monday is not showing.', lastMessageAuthor: 'customer' });
    apply(t.cache, [msg('m3', 'agent', 'Hi! Let me check.', 3), msg('m4', 'system', 'Category changed.', 4)]);
    expect(row()).toMatchObject({ lastMessagePreview: 'Hi! Let me check.', lastMessageAuthor: 'agent' });
  });

  it('is empty (the subject shows) when there are only system lines', () => {
    apply(t.cache, [up.ticket(ticketRow({ id: 't1' })), msg('m1', 'system', 'Chat started.', 1)]);
    expect(row()).toMatchObject({ lastMessagePreview: null, lastMessageAuthor: null });
  });
});

describe('summaries and tabs', () => {
  it('returns the summaries of the tickets asked for that the cache holds', () => {
    apply(t.cache, [up.ticket(ticketRow({ id: 'a', assigneeId: 'someone-else' })), up.ticket(ticketRow({ id: 'b', status: 'queued', assigneeId: null }))]);
    expect(t.cache.tickets.summaries(['b', 'a', 'gone']).map((s) => s.id).sort()).toEqual(['a', 'b']);
    expect(t.cache.tickets.summaries([])).toEqual([]);
  });

  it('keeps the tab strip across a reopen, and reads a damaged value as no tabs', () => {
    expect(t.cache.tabs.get()).toEqual(EMPTY_TABS);
    const state: TabsState = {
      tabs: [
        { ticketId: 'a', mode: 'reply', scroll: null },
        { ticketId: 'b', mode: 'note', scroll: { anchorId: 'm9', offset: -12 } },
      ],
      activeId: 'b',
      closed: [{ ticketId: 'c', mode: 'reply', scroll: null }],
    };
    t.cache.tabs.save(state);
    expect(t.reopen().tabs.get()).toEqual(state);
    t.cache.db.prepare(`UPDATE ui_state SET value_json = '{"tabs": 3}' WHERE key = 'tabs'`).run();
    expect(t.cache.tabs.get()).toEqual(EMPTY_TABS);
  });
});
