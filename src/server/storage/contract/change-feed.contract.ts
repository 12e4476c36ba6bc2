/**
 * The change-feed repository's contract: `after(pos, limit)` and `head()` serve the feed by the
 * positions the desktop's cursor holds, densely numbered from 1, each transaction's rows together
 * and in append order, never a rolled-back row, and the feed listeners receive the same rows with
 * the same positions (`seq`). On SQLite a row's position is its seq at once; on PostgreSQL the
 * sequencer gives it one shortly after the commit, so the expectations wait for it.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { FeedDbRow } from '../tables/change-feed';
import { feedRow, FIXED_NOW, tick, type Engine, type EngineHandle } from './engine';

export function changeFeedContract(engine: Engine): void {
  let h: EngineHandle;
  let seen: FeedDbRow[][];
  beforeEach(async () => {
    h = await engine.open();
    seen = [];
    h.storage.onFeed((rows) => void seen.push(rows));
  });
  afterEach(async () => h.close());

  const head = () => h.storage.read((tx) => tx.changeFeed.head());
  const after = (pos: number, limit = 100) => h.storage.read((tx) => tx.changeFeed.after(pos, limit));
  const sequenced = (n: number) => vi.waitFor(async () => expect(await head()).toBe(n), { timeout: 3_000 });
  /** What is stored (no in-memory fields). */
  const stored = ({ snapshot: _s, remote: _r, ...row }: FeedDbRow) => row;

  it('starts empty: head 0, nothing after it', async () => {
    expect(await head()).toBe(0);
    expect(await after(0)).toEqual([]);
  });

  it('serves committed rows by position: dense from 1, in append order, every column as appended, paged by limit', async () => {
    await h.storage.write(async (tx) => {
      await tx.feed(feedRow('t1'));
      await tx.feed({ entity: 'message', entity_id: 'm1', op: 'upsert', ticket_id: 't1', customer_id: 'c1' });
    });
    await h.storage.write((tx) => tx.feed({ ...feedRow('t2'), op: 'delete', gained_by: 'a1', lost_by: 'a2', lost_region: 'se', gained_region: 'de' }));
    await sequenced(3);
    const at = FIXED_NOW.toISOString();
    const none = { customer_id: null, gained_by: null, lost_by: null, lost_region: null, gained_region: null };
    expect((await after(0)).map(stored)).toStrictEqual([
      { seq: 1, entity: 'ticket', entity_id: 't1', op: 'upsert', ticket_id: 't1', ...none, at },
      { seq: 2, entity: 'message', entity_id: 'm1', op: 'upsert', ticket_id: 't1', ...none, customer_id: 'c1', at },
      { seq: 3, entity: 'ticket', entity_id: 't2', op: 'delete', ticket_id: 't2', ...none, gained_by: 'a1', lost_by: 'a2', lost_region: 'se', gained_region: 'de', at },
    ]);
    expect((await after(0, 2)).map((r) => r.seq)).toEqual([1, 2]);
    expect((await after(2, 2)).map((r) => r.seq)).toEqual([3]);
    expect(await after(3)).toEqual([]);
  });

  it('never serves a rolled-back row, and leaves no hole in the positions for it', async () => {
    await h.storage.write((tx) => tx.feed(feedRow('kept1')));
    await expect(
      h.storage.write(async (tx) => {
        await tx.feed(feedRow('lost'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await h.storage.write((tx) => tx.feed(feedRow('kept2')));
    await sequenced(2);
    expect((await after(0)).map((r) => [r.seq, r.entity_id])).toEqual([
      [1, 'kept1'],
      [2, 'kept2'],
    ]);
  });

  it('concurrent transactions: dense positions, each one’s rows together, and the listeners hear exactly what after() serves', async () => {
    const one = (p: string) =>
      h.storage.write(async (tx) => {
        await tx.feed(feedRow(`${p}1`));
        await tick();
        await tx.feed(feedRow(`${p}2`));
        await tx.feed(feedRow(`${p}3`));
      });
    await Promise.all(['a', 'b', 'c', 'd'].map(one));
    await sequenced(12);
    const rows = await after(0);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const groups = [0, 3, 6, 9].map((i) => rows.slice(i, i + 3).map((r) => r.entity_id));
    for (const g of groups) expect(g.map((id) => id.slice(1))).toEqual(['1', '2', '3']);
    expect(groups.map((g) => g[0]![0]).sort()).toEqual(['a', 'b', 'c', 'd']);
    await vi.waitFor(() => expect(seen.flat()).toHaveLength(12), { timeout: 3_000 });
    expect(seen.flat().map(stored)).toEqual(rows);
    expect(seen.map((g) => g.length)).toEqual([3, 3, 3, 3]); // one call per transaction
  });

  it('keeps the snapshot in memory for this node’s listeners; after() reads what is stored', async () => {
    const snapshot = { ticket: { id: 't1' } as never };
    await h.storage.write((tx) => tx.feed({ ...feedRow('t1'), snapshot }));
    await sequenced(1);
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 3_000 });
    expect(seen[0]![0]!.snapshot).toBe(snapshot);
    expect(seen[0]![0]!.remote).toBeUndefined();
    expect((await after(0))[0]).not.toHaveProperty('snapshot');
  });
}
