/** The chat tokens repository's contract: the same `ChatTokenRow`s from every engine. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine, EngineHandle } from './engine';
import { insertTicketParents, ticketRow } from './fixtures-tickets';

export function chatTokensContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await insertTicketParents(h);
    await h.storage.write((tx) => tx.tickets.insert(ticketRow('t1')));
  });
  afterEach(async () => h.close());

  it('stores several tokens per chat, finds each by its hash, and keeps a hash unique', async () => {
    const one = { token_hash: 'h1', ticket_id: 't1', customer_id: 'c1', created_at: '2026-03-02T09:00:00.000Z' };
    const two = { token_hash: 'h2', ticket_id: 't1', customer_id: 'c1', created_at: '2026-03-02T09:05:00.000Z' };
    await h.storage.write(async (tx) => {
      await tx.chatTokens.insert(one);
      await tx.chatTokens.insert(two);
    });
    const found = await h.storage.read(async (tx) => [await tx.chatTokens.getByHash('h1'), await tx.chatTokens.getByHash('h2'), await tx.chatTokens.getByHash('H1')]);
    expect(found).toStrictEqual([one, two, null]);
    await expect(h.storage.write((tx) => tx.chatTokens.insert({ ...one, created_at: tx.now }))).rejects.toThrow(/UNIQUE|unique|duplicate/);
    expect(await h.storage.read((tx) => tx.chatTokens.getByHash('h1'))).toStrictEqual(one);
  });
}
