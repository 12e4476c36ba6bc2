/** Canned replies in the desktop cache: what `canned:list` reads. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CannedReplyRow } from '../../shared/domain';
import { Change } from '../../shared/protocol/sync';
import { apply, del, openTestCache, type TestCache } from './test-support';

let t: TestCache;
beforeEach(() => {
  t = openTestCache();
});
afterEach(() => {
  expect(t.cache.integrityCheck()).toBe('ok');
  t.cleanup();
});

const reply = (id: string, over: Partial<CannedReplyRow> = {}): CannedReplyRow => ({
  id, category: 'payment_delay', language: 'en', title: `Title ${id}`, shortcut: 'pd-processing', body: 'Hi {{customer.firstName}}', version: 1, ...over,
});
let seq = 1000;
const upReply = (row: CannedReplyRow): Change => ({ entity: 'cannedReply', op: 'upsert', id: row.id, seq: ++seq, row });

describe('canned replies in the cache', () => {
  it('keeps each language of a reply, newest version wins, deletes apply, and a restart keeps them', () => {
    apply(t.cache, [upReply(reply('r-en')), upReply(reply('r-sv', { language: 'sv', title: 'Betalningen behandlas', version: 2 })), upReply(reply('r-de', { language: 'de' }))]);
    apply(t.cache, [upReply(reply('r-sv', { language: 'sv', title: 'older', version: 1 })), del('cannedReply', 'r-de')]);
    const rows = t.reopen().reference.cannedReplies();
    expect(rows.map((r) => [r.id, r.language, r.title])).toEqual([
      ['r-en', 'en', 'Title r-en'],
      ['r-sv', 'sv', 'Betalningen behandlas'],
    ]);
  });

  it('reads a reply from a server without languages as English', () => {
    const { language: _none, ...old } = reply('r-old');
    const page = Change.parse({ entity: 'cannedReply', op: 'upsert', id: 'r-old', seq: 1, row: old });
    apply(t.cache, [page]);
    expect(t.cache.reference.cannedReplies()[0]?.language).toBe('en');
    expect(CannedReplyRow.safeParse({ ...old, language: 'fr' }).success).toBe(false);
  });
});
