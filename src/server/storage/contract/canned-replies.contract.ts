/** The canned replies repository's contract: the same `CannedReplyRow`s, in byte order, from every engine. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CannedReplyDbRow } from '../tables/canned-replies';
import type { Engine, EngineHandle } from './engine';

const reply = (id: string, over: Partial<CannedReplyDbRow> = {}): CannedReplyDbRow => ({
  id,
  category: 'payment_delay',
  language: 'en',
  title: `Title ${id}`,
  shortcut: `sc-${id}`,
  body: `Body ${id}`,
  version: 1,
  ...over,
});

export function cannedRepliesContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
  });
  afterEach(async () => h.close());

  it('lists replies by category, language, then title in byte order, converted for the wire', async () => {
    await h.storage.write(async (tx) => {
      await tx.cannedReplies.insert(reply('r1', { category: 'refund_return', title: 'b' }));
      await tx.cannedReplies.insert(reply('r2', { title: 'b' }));
      await tx.cannedReplies.insert(reply('r3', { title: 'B' }));
      await tx.cannedReplies.insert(reply('r4', { title: 'Ä' }));
      await tx.cannedReplies.insert(reply('r5', { language: 'de', title: 'a' }));
      await tx.cannedReplies.insert(reply('r6', { language: 'sv', title: 'a', version: 3 }));
    });
    const all = await h.storage.read((tx) => tx.cannedReplies.all());
    expect(all.map((r) => r.id)).toEqual(['r5', 'r3', 'r2', 'r4', 'r6', 'r1']);
    expect(all[4]).toStrictEqual({ id: 'r6', category: 'payment_delay', language: 'sv', title: 'a', shortcut: 'sc-r6', body: 'Body r6', version: 3 });
    expect(await h.storage.read(async (tx) => [await tx.cannedReplies.get('r6'), await tx.cannedReplies.get('r9')])).toStrictEqual([all[4], null]);
  });

  it('keeps a shortcut unique per language and lists the language:shortcut keys', async () => {
    await h.storage.write(async (tx) => {
      await tx.cannedReplies.insert(reply('r1', { shortcut: 'pd' }));
      await tx.cannedReplies.insert(reply('r2', { shortcut: 'pd', language: 'sv' }));
      await tx.cannedReplies.insert(reply('r3', { shortcut: 'rr', language: 'de' }));
    });
    expect(await h.storage.read((tx) => tx.cannedReplies.keys())).toEqual(new Set(['en:pd', 'sv:pd', 'de:rr']));
    await expect(h.storage.write((tx) => tx.cannedReplies.insert(reply('r4', { shortcut: 'pd', language: 'sv' })))).rejects.toThrow(/UNIQUE|unique/);
    await expect(h.storage.write((tx) => tx.cannedReplies.insert(reply('r5', { language: 'fr' as never })))).rejects.toThrow(/CHECK|check/);
    expect((await h.storage.read((tx) => tx.cannedReplies.all())).length).toBe(3);
  });
}
