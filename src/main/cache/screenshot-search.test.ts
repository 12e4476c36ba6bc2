import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCREENSHOT_PREFIX, SNIPPET_CLOSE, SNIPPET_OPEN } from './search';
import { apply, attachmentRow, checkSearchIndexes, del, messageRow, openTestCache, ticketRow, up, type TestCache } from './test-support';

const mark = (s: string) => `${SNIPPET_OPEN}${s}${SNIPPET_CLOSE}`;
const sha = (c: string) => c.repeat(64);

let t: TestCache;
beforeEach(() => {
  t = openTestCache();
  apply(t.cache, [
    up.ticket(ticketRow({ id: 't1', reference: 'KPQR-7M2X' })),
    up.ticket(ticketRow({ id: 't2', reference: 'ZZZZ-2222' })),
    up.message(messageRow({ id: 'm1', ticketId: 't1', body: 'the app shows this', attachmentIds: ['a1'] })),
    up.message(messageRow({ id: 'm2', ticketId: 't2', body: 'see attached', attachmentIds: ['a2'] })),
    up.attachment(attachmentRow({ id: 'a1', ticketId: 't1', messageId: 'm1', sha256: sha('a'), ocrText: 'Payment failed: error E-4012\nCard •••• 1111 exp 12/27', cardsHidden: 1 })),
    up.attachment(attachmentRow({ id: 'a2', ticketId: 't2', messageId: 'm2', sha256: sha('b'), ocrText: 'Transaction TX-7KQ2M9PZ4A declined' })),
  ]);
});
afterEach(() => t.cleanup());

describe("search over screenshots' text", () => {
  it('finds the chat whose screenshot shows an error code, naming the message that carries it', () => {
    const hits = t.cache.search('E-4012', 10);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ ticketId: 't1', messageId: 'm1', reference: 'KPQR-7M2X' });
    expect(hits[0]!.snippet.startsWith(SCREENSHOT_PREFIX)).toBe(true);
    expect(hits[0]!.snippet).toContain(mark('E-4012'));
    expect(t.cache.search('TX-7KQ2M9PZ4A', 10).map((h) => h.ticketId)).toEqual(['t2']);
    expect(t.cache.search('txn-nothing', 10)).toEqual([]);
    // The cached row carries what the server read.
    expect(t.cache.attachments.meta('a1')).toMatchObject({ ocrText: expect.stringContaining('E-4012'), cardsHidden: 1 });
    checkSearchIndexes(t.cache);
  });

  it('follows a newer version of the text, a deletion, a ticket gone and a reset', () => {
    apply(t.cache, [up.attachment(attachmentRow({ id: 'a1', ticketId: 't1', messageId: 'm1', sha256: sha('a'), version: 2, ocrText: 'Error E-9999' }))]);
    expect(t.cache.search('E-4012', 10)).toEqual([]);
    expect(t.cache.search('E-9999', 10).map((h) => h.messageId)).toEqual(['m1']);
    // An older version does not win.
    apply(t.cache, [up.attachment(attachmentRow({ id: 'a1', ticketId: 't1', messageId: 'm1', sha256: sha('a'), version: 1, ocrText: 'Error E-4012' }))]);
    expect(t.cache.search('E-4012', 10)).toEqual([]);
    checkSearchIndexes(t.cache);

    apply(t.cache, [del('attachment', 'a1')]);
    expect(t.cache.search('E-9999', 10)).toEqual([]);
    apply(t.cache, [del('ticket', 't2')]);
    expect(t.cache.search('TX-7KQ2M9PZ4A', 10)).toEqual([]);
    checkSearchIndexes(t.cache);
    expect(t.cache.db.prepare('SELECT count(*) FROM attachment_texts').pluck().get()).toBe(0);

    apply(t.cache, [up.attachment(attachmentRow({ id: 'a3', ticketId: 't1', messageId: null, sha256: sha('c'), ocrText: 'Code E-1234' }))]);
    expect(t.cache.search('E-1234', 10)).toMatchObject([{ ticketId: 't1', messageId: null }]);
    t.cache.resetServerData();
    expect(t.cache.search('E-1234', 10)).toEqual([]);
    checkSearchIndexes(t.cache);
  });

  it('indexes nothing for a screenshot without text', () => {
    apply(t.cache, [up.attachment(attachmentRow({ id: 'a4', ticketId: 't1', messageId: null, sha256: sha('d') }))]);
    expect(t.cache.db.prepare(`SELECT count(*) FROM attachment_texts WHERE attachment_id = 'a4'`).pluck().get()).toBe(0);
  });
});
