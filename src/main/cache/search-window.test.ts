import { afterEach, describe, expect, it } from 'vitest';
import { RANK_WINDOW } from './search';
import { apply, messageRow, openTestCache, ticketRow, up, type TestCache } from './test-support';

let t: TestCache;
afterEach(() => t?.cleanup());

describe('search over a very common word', () => {
  it('ranks only the newest matches, so old ones drop out and new ones are always found', () => {
    t = openTestCache();
    const changes = [up.ticket(ticketRow({ id: 't1' }))];
    const total = RANK_WINDOW + 300;
    for (let i = 0; i < total; i++) {
      // The oldest messages say "payment" three times (bm25 would rank them first over everything).
      const body = i < 100 ? `payment payment payment old ${i}` : `payment update number${i}`;
      changes.push(up.message(messageRow({ id: `m${String(i).padStart(5, '0')}`, ticketId: 't1', body, createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString() })));
    }
    apply(t.cache, changes);
    const hits = t.cache.search('payment', 50);
    expect(hits).toHaveLength(50);
    const ids = hits.map((h) => Number(h.messageId!.slice(1)));
    expect(Math.min(...ids)).toBeGreaterThanOrEqual(total - RANK_WINDOW);
    // A selective term is found however old it is.
    expect(t.cache.search('old', 5).length).toBeGreaterThan(0);
    expect(t.cache.search(`number${total - 1}`, 5)[0]!.messageId).toBe(`m${String(total - 1).padStart(5, '0')}`);
  });
});
