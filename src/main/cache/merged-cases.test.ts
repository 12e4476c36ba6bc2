/** A case others were merged into (issue 8): one thread by time, its sources named, a source's reference leading to it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apply, checkSearchIndexes, customerRow, messageRow, openTestCache, ticketRow, up, type TestCache } from './test-support';

let t: TestCache;
beforeEach(() => {
  t = openTestCache(new Date('2025-06-02T12:00:00.000Z'));
  apply(t.cache, [
    up.customer(customerRow({ id: 'cus-1', name: 'Jane Doe' })),
    up.ticket(ticketRow({ id: 'target', reference: 'KPQR-7M2X', status: 'open' })),
    up.ticket(ticketRow({ id: 'source', reference: 'ZZZZ-2222', status: 'closed', mergedIntoId: 'target', createdAt: '2025-06-01T08:00:00.000Z' })),
    up.ticket(ticketRow({ id: 'elsewhere', reference: 'WXYZ-3333', status: 'open' })),
    up.message(messageRow({ id: 's1', ticketId: 'source', authorKind: 'customer', body: 'first ask', createdAt: '2025-06-01T08:00:00.000Z' })),
    up.message(messageRow({ id: 't1', ticketId: 'target', authorKind: 'customer', body: 'asking again', createdAt: '2025-06-02T09:00:00.000Z' })),
    up.message(messageRow({ id: 's2', ticketId: 'source', authorKind: 'note', body: 'Merged into KPQR-7M2X', createdAt: '2025-06-02T09:05:00.000Z' })),
    up.message(messageRow({ id: 't2', ticketId: 'target', authorKind: 'agent', body: 'on it', createdAt: '2025-06-02T09:06:00.000Z' })),
    up.message(messageRow({ id: 'e1', ticketId: 'elsewhere', authorKind: 'customer', body: 'not this one', createdAt: '2025-06-02T09:01:00.000Z' })),
  ]);
});
afterEach(() => {
  checkSearchIndexes(t.cache);
  expect(t.cache.integrityCheck()).toBe('ok');
  t.cleanup();
});

describe('merged cases in the cache', () => {
  it('pages the target’s thread with its source’s messages, by time, and nothing else', () => {
    const all = t.cache.messages.page('target', null, 50);
    expect(all.messages.map((m) => m.id)).toEqual(['s1', 't1', 's2', 't2']);
    const newest = t.cache.messages.page('target', null, 2);
    expect(newest).toMatchObject({ hasMore: true });
    expect(newest.messages.map((m) => m.id)).toEqual(['s2', 't2']);
    const older = t.cache.messages.page('target', newest.messages[0]!.sortKey, 2);
    expect(older.messages.map((m) => m.id)).toEqual(['s1', 't1']);
    // The source alone still reads its own thread.
    expect(t.cache.messages.page('source', null, 50).messages.map((m) => m.id)).toEqual(['s1', 's2']);
  });

  it('names the sources in the target’s detail, and leads the source’s reference to the target', () => {
    expect(t.cache.tickets.detail('target')?.mergedFrom).toEqual([{ ticketId: 'source', reference: 'ZZZZ-2222' }]);
    expect(t.cache.tickets.detail('elsewhere')?.mergedFrom).toEqual([]);
    expect(t.cache.tickets.byReference('ZZZZ-2222')).toEqual({ ticketId: 'target', reference: 'KPQR-7M2X', customerName: 'Jane Doe' });
    expect(t.cache.tickets.byReference('WXYZ-3333')?.ticketId).toBe('elsewhere');
  });

  it('finds the sources through the index, not a scan', () => {
    const plan = t.cache.db
      .prepare(`EXPLAIN QUERY PLAN SELECT row_json FROM tickets WHERE json_extract(row_json, '$.mergedIntoId') = ? ORDER BY created_at`)
      .all('target') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX tickets_merged_into/);
  });
});
