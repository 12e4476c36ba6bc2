/**
 * The transaction contract every `AsyncStore` engine keeps (docs/storage.md, "Rules, the same on
 * both engines"): commit before resolve, listeners and hooks after the commit, rollback leaves
 * nothing, the feed in append order with one timestamp per transaction, concurrent transactions
 * never interleave their feed rows, a read never sees rows that roll back, no nesting, group commit.
 * Feed listeners hear a transaction's rows after its commit: on SQLite before `write` resolves, on
 * PostgreSQL through the node's follower once the rows have their positions (shortly after), so
 * the expectations on them wait for the delivery, and "nothing heard" is checked after a later
 * transaction's rows were heard.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { TransactionAbortedError } from '../async-store';
import type { FeedDbRow } from '../tables/change-feed';
import { agentRow, feedRow, FIXED_NOW, sessionRow, tick, type Engine, type EngineHandle } from './engine';

export function storeContract(engine: Engine): void {
  let h: EngineHandle;
  let seen: FeedDbRow[][];
  beforeEach(async () => {
    h = await engine.open();
    seen = [];
    h.storage.onFeed((rows) => void seen.push(rows));
  });
  afterEach(async () => h.close());
  /** Waits until the listeners have been called `calls` times in all. */
  const heard = (calls: number) => vi.waitFor(() => expect(seen).toHaveLength(calls), { timeout: 3_000 });
  /** Commits a marker row and waits for it: every row committed before it has been heard by then. */
  async function markerHeard(): Promise<void> {
    await h.storage.write((tx) => tx.feed(feedRow('marker')));
    await vi.waitFor(() => expect(seen.at(-1)?.map((r) => r.entity_id)).toEqual(['marker']), { timeout: 3_000 });
    seen.pop();
  }

  it('commits before it resolves; after-commit hooks run after the commit, before write resolves; feed listeners after the commit', async () => {
    const { storage } = h;
    const order: string[] = [];
    let hookRead: Promise<unknown> | null = null;
    const seq = await storage.write(async (tx) => {
      await tx.agents.insert(agentRow('a1'));
      const r = await tx.feed(feedRow('t1'));
      tx.afterCommit(() => {
        order.push('hook');
        // Another transaction sees the row already: the commit happened before the hook.
        hookRead = storage.read((rtx) => rtx.agents.get('a1'));
      });
      order.push(`end of fn, listeners called: ${seen.length}`);
      return r.seq;
    });
    order.push('resolved');
    expect(order).toEqual(['end of fn, listeners called: 0', 'hook', 'resolved']);
    await heard(1);
    // The first row of a fresh feed: its position (what listeners carry) is 1, as its insert seq.
    expect(seen.map((rows) => rows.map((r) => [r.seq, r.entity_id, r.at]))).toEqual([[[seq, 't1', FIXED_NOW.toISOString()]]]);
    expect(await hookRead).toMatchObject({ id: 'a1' });
  });

  it('rolls back everything when the callback throws: no rows, no feed, no audit, no hook', async () => {
    const { storage } = h;
    let hooked = false;
    await expect(
      storage.write(async (tx) => {
        await tx.agents.insert(agentRow('a1'));
        await tx.sessions.insert(sessionRow('s1', 'a1'));
        await tx.feed(feedRow('t1'));
        await tx.audit({ actorKind: 'agent', actorId: 'a1', action: 'auth.login', outcome: 'ok' });
        tx.afterCommit(() => (hooked = true));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await storage.read(async (tx) => [await tx.agents.get('a1'), await tx.sessions.get('s1')])).toEqual([null, null]);
    expect(await h.auditRows()).toEqual([]);
    await markerHeard();
    expect(seen).toEqual([]);
    expect(hooked).toBe(false);
    // Still usable afterwards.
    await storage.write((tx) => tx.agents.insert(agentRow('a1')));
    expect(await storage.read((tx) => tx.agents.get('a1'))).toMatchObject({ id: 'a1' });
  });

  it('rolls back when a statement fails (a session of an unknown agent), and passes the error on', async () => {
    const { storage } = h;
    await expect(
      storage.write(async (tx) => {
        await tx.agents.insert(agentRow('a1'));
        await tx.sessions.insert(sessionRow('s1', 'nobody'));
      }),
    ).rejects.toThrow(/FOREIGN KEY|foreign key/);
    expect(await storage.read((tx) => tx.agents.get('a1'))).toBeNull();
  });

  it('never commits after a failed statement, even when the callback caught its error and went on', async () => {
    const { storage } = h;
    let hooked = false;
    for (const appendsFeed of [false, true]) {
      const write = storage.write(async (tx) => {
        await tx.agents.insert(agentRow('a1'));
        if (appendsFeed) await tx.feed(feedRow('t1'));
        tx.afterCommit(() => (hooked = true));
        const caught = await tx.sessions.insert(sessionRow('s1', 'nobody')).then(
          () => null,
          (err: unknown) => err,
        );
        expect(String(caught)).toMatch(/FOREIGN KEY|foreign key/);
        return 'went on';
      });
      await expect(write).rejects.toBeInstanceOf(TransactionAbortedError);
      await expect(write).rejects.toThrow(/rolled back instead of committed/);
    }
    expect(await storage.read((tx) => tx.agents.get('a1'))).toBeNull();
    await markerHeard();
    expect(seen).toEqual([]);
    expect(hooked).toBe(false);
  });

  it('hands a transaction’s feed rows over in append order, seq ascending, stamped with its one timestamp', async () => {
    const { storage } = h;
    const returned = await storage.write(async (tx) => {
      const rows = [await tx.feed(feedRow('x')), await tx.feed({ ...feedRow('y'), op: 'delete' }), await tx.feed({ ...feedRow('z'), gained_region: 'se' })];
      expect(tx.now).toBe(FIXED_NOW.toISOString());
      return rows;
    });
    const next = await storage.write(async (tx) => tx.feed(feedRow('w')));
    await heard(2);
    // One writer in a fresh feed: positions are the insert seqs (tx.feed's seq is the insert seq).
    expect(seen[0]).toEqual(returned);
    expect(seen[0]!.map((r) => [r.entity_id, r.op, r.gained_region, r.customer_id, r.at])).toEqual([
      ['x', 'upsert', null, null, FIXED_NOW.toISOString()],
      ['y', 'delete', null, null, FIXED_NOW.toISOString()],
      ['z', 'upsert', 'se', null, FIXED_NOW.toISOString()],
    ]);
    const seqs = [...returned, next].map((r) => r.seq);
    expect(seqs.every((s) => typeof s === 'number')).toBe(true);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(4);
  });

  it('audits inside the transaction with its timestamp', async () => {
    const { storage } = h;
    await storage.write(async (tx) => {
      await tx.audit({ actorKind: 'agent', actorId: 'a1', action: 'auth.login', outcome: 'denied', ip: '10.0.0.1', details: { sessionId: 's1' } });
      await tx.audit({ actorKind: 'system', actorId: null, action: 'auth.sweep', outcome: 'ok' });
    });
    expect(await h.auditRows()).toEqual([
      { at: FIXED_NOW.toISOString(), actor_kind: 'agent', actor_id: 'a1', action: 'auth.login', outcome: 'denied', details_json: '{"sessionId":"s1"}', ip: '10.0.0.1' },
      { at: FIXED_NOW.toISOString(), actor_kind: 'system', actor_id: null, action: 'auth.sweep', outcome: 'ok', details_json: '{}', ip: null },
    ]);
  });

  it('concurrent transactions do not interleave: each one’s rows and feed come out whole', async () => {
    const { storage } = h;
    const one = (p: string) =>
      storage.write(async (tx) => {
        await tx.agents.insert(agentRow(`${p}-agent`));
        await tx.feed(feedRow(`${p}1`));
        await tick(); // a real wait inside the transaction
        await tx.feed(feedRow(`${p}2`));
        await tx.sessions.insert(sessionRow(`${p}-s`, `${p}-agent`));
      });
    await Promise.all([one('a'), one('b'), one('c')]);
    await heard(3);
    expect(seen.map((rows) => rows.map((r) => r.entity_id)).sort()).toEqual([['a1', 'a2'], ['b1', 'b2'], ['c1', 'c2']]);
    for (const rows of seen) expect(rows[0]!.seq).toBeLessThan(rows[1]!.seq);
    expect((await storage.read((tx) => tx.agents.all())).map((a) => a.id)).toEqual(['a-agent', 'b-agent', 'c-agent']);
  });

  it('a read started while a transaction is open never sees its rows when it rolls back', async () => {
    const { storage } = h;
    const failing = storage.write(async (tx) => {
      await tx.agents.insert(agentRow('a1'));
      await tick();
      await tick();
      throw new Error('rolled back');
    });
    await tick();
    const read = storage.read((tx) => tx.agents.get('a1'));
    await expect(failing).rejects.toThrow('rolled back');
    expect(await read).toBeNull();
  });

  it('refuses a read or write nested in a transaction', async () => {
    const { storage } = h;
    await expect(storage.write(async () => storage.read((tx) => tx.agents.get('a1')))).rejects.toThrow(/does not nest/);
    await expect(storage.read(async () => storage.write(async () => undefined))).rejects.toThrow(/does not nest/);
  });

  it('group commit: a refused item is reported alone, the others commit together', async () => {
    const { storage } = h;
    const results = await storage.writeBatch(
      ['a1', 'bad', 'a2'],
      async (_tx, id) => {
        if (id === 'bad') throw new Error('refused');
        return id.toUpperCase();
      },
      async (tx, id, checked) => {
        await tx.agents.insert(agentRow(id));
        return (await tx.feed(feedRow(id))).entity_id + checked;
      },
    );
    expect(results.map((r) => (r.ok ? r.value : String(r.error)))).toEqual(['a1A1', 'Error: refused', 'a2A2']);
    await heard(1);
    expect(seen.map((rows) => rows.map((r) => r.entity_id))).toEqual([['a1', 'a2']]);
    expect((await storage.read((tx) => tx.agents.all())).map((a) => a.id)).toEqual(['a1', 'a2']);
  });
}
