import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './db';
import { createSqliteAsyncStore } from './async-store';
import { createStore } from './store';
import type { FeedDbRow } from './tables/change-feed';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function setup() {
  const db = openDatabase(':memory:');
  open.push(db);
  const store = createStore(db, () => new Date('2026-03-02T10:00:00Z'));
  const storage = createSqliteAsyncStore(store, () => new Date('2026-03-02T10:00:00Z'), { checkNesting: true });
  const seen: FeedDbRow[][] = [];
  store.onFeed((rows) => void seen.push(rows));
  return { db, store, storage, seen };
}

const feedRow = (id: string) => ({ entity: 'ticket' as const, entity_id: id, op: 'upsert' as const, ticket_id: id });
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the async store on SQLite', () => {
  it('commits before it resolves, then hands the feed rows to listeners and runs after-commit hooks', async () => {
    const { db, store, storage, seen } = setup();
    const order: string[] = [];
    const value = await storage.write(async (tx) => {
      await tx.meta.set('k', 'v');
      const r = await tx.feed(feedRow('t1'));
      tx.afterCommit(() => order.push(`after-commit, in transaction: ${db.inTransaction}`));
      expect(db.inTransaction).toBe(true);
      expect(seen).toHaveLength(0);
      return r.seq;
    });
    expect(db.inTransaction).toBe(false);
    expect(store.meta.get('k')).toBe('v');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.map((r) => [r.seq, r.entity_id, r.at])).toEqual([[value, 't1', '2026-03-02T10:00:00.000Z']]);
    expect(order).toEqual(['after-commit, in transaction: false']);
  });

  it('rolls back everything when the callback throws: no rows, no feed, no after-commit hook', async () => {
    const { store, storage, seen } = setup();
    const head = store.changeFeed.head();
    let hooked = false;
    await expect(
      storage.write(async (tx) => {
        await tx.meta.set('k', 'lost');
        await tx.feed(feedRow('t1'));
        tx.afterCommit(() => (hooked = true));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(store.meta.get('k')).toBeNull();
    expect(store.changeFeed.after(head, 10)).toEqual([]);
    expect(seen).toEqual([]);
    expect(hooked).toBe(false);
    // Still usable afterwards.
    await storage.write(async (tx) => void (await tx.meta.set('k', 'kept')));
    expect(store.meta.get('k')).toBe('kept');
  });

  it('rolls back when a statement fails, and passes its error on', async () => {
    const { store, storage } = setup();
    await expect(
      storage.write(async (tx) => {
        await tx.meta.set('k', 'lost');
        // A feed row whose op breaks the table's CHECK constraint.
        await tx.feed({ ...feedRow('t1'), op: 'nonsense' as 'upsert' });
      }),
    ).rejects.toThrow(/CHECK constraint/);
    expect(store.meta.get('k')).toBeNull();
  });

  it('runs concurrent transactions one after another, each feed row run in commit order', async () => {
    const { storage, seen } = setup();
    const slow = storage.write(async (tx) => {
      await tx.feed(feedRow('a1'));
      await tick(); // a real wait inside the transaction: the other one must not slip in
      await tx.feed(feedRow('a2'));
    });
    const fast = storage.write(async (tx) => void (await tx.feed(feedRow('b1'))));
    await Promise.all([slow, fast]);
    expect(seen.map((rows) => rows.map((r) => r.entity_id))).toEqual([['a1', 'a2'], ['b1']]);
    const seqs = seen.flat().map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('a read waits for an open transaction, so it never sees rows that roll back', async () => {
    const { storage } = setup();
    const failing = storage.write(async (tx) => {
      await tx.meta.set('k', 'uncommitted');
      await tick();
      throw new Error('rolled back');
    });
    const read = storage.read((tx) => tx.meta.get('k'));
    await expect(failing).rejects.toThrow('rolled back');
    expect(await read).toBeNull();
  });

  it('refuses a read or write nested in a transaction instead of deadlocking', async () => {
    const { storage } = setup();
    await expect(storage.write(async () => storage.read((tx) => tx.meta.get('k')))).rejects.toThrow(/does not nest/);
    await expect(storage.read(async () => storage.write(async () => undefined))).rejects.toThrow(/does not nest/);
  });

  it('refuses a sync store.write while an async transaction is open on the connection', async () => {
    const { store, storage } = setup();
    let syncError: unknown = null;
    await storage.write(async (tx) => {
      await tx.meta.set('k', 'async');
      try {
        store.write((ctx) => ctx.feed(feedRow('sync')));
      } catch (err) {
        syncError = err;
      }
    });
    expect(String(syncError)).toMatch(/async transaction was open/);
    expect(store.meta.get('k')).toBe('async');
  });

  it('a sync write queued by other code just before an async write runs before it, not inside it', async () => {
    const { store, storage, seen } = setup();
    // Another request's continuation, already queued when the async write is asked for.
    const other = Promise.resolve()
      .then(() => undefined)
      .then(() => store.write((ctx) => ctx.feed(feedRow('sync'))));
    const mine = storage.write(async (tx) => {
      await tx.feed(feedRow('async-1'));
      await tx.meta.set('k', 'v');
      await tx.feed(feedRow('async-2'));
    });
    await expect(other).resolves.toMatchObject({ entity_id: 'sync' });
    await mine;
    expect(seen.map((rows) => rows.map((r) => r.entity_id))).toEqual([['sync'], ['async-1', 'async-2']]);
  });

  it('group commit: a refused item is reported alone, the others commit together', async () => {
    const { storage, seen } = setup();
    const results = await storage.writeBatch(
      ['t1', 'bad', 't2'],
      async (_tx, id) => {
        if (id === 'bad') throw new Error('no such ticket');
        return id.toUpperCase();
      },
      async (tx, id, checked) => (await tx.feed(feedRow(id))).entity_id + checked,
    );
    expect(results.map((r) => (r.ok ? r.value : String(r.error)))).toEqual(['t1T1', 'Error: no such ticket', 't2T2']);
    expect(seen.map((rows) => rows.map((r) => r.entity_id))).toEqual([['t1', 't2']]);
  });
});
