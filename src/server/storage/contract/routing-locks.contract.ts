/**
 * The routing locks' contract (docs/storage.md "Moving the callers", routing): `…ForUpdate`
 * reads return the row as `get` does, and two transactions routing at once never take the same
 * queued ticket nor the same agent's last slot. On SQLite the second transaction simply waits for
 * the first (one writer); on PostgreSQL the two overlap for real: `nextQueuedForUpdate` skips the
 * ticket the other holds (SKIP LOCKED) and `agents.getForUpdate` waits for the other's commit.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine, EngineHandle } from './engine';
import { insertTicketParents, ticketRow } from './fixtures-tickets';

/** Resolves after `ms` or when released, whichever comes first (SQLite cannot overlap two writes). */
function gate(ms: number) {
  let release!: () => void;
  const opened = new Promise<void>((r) => {
    release = r;
    setTimeout(r, ms);
  });
  return { opened, release };
}

export function routingLocksContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await insertTicketParents(h);
    await h.storage.write(async (tx) => {
      await tx.tickets.insert(ticketRow('t1', { status: 'queued', region_id: 'se', queued_at: '2026-03-02T09:00:00.000Z' }));
      await tx.tickets.insert(ticketRow('t2', { status: 'queued', region_id: 'se', queued_at: '2026-03-02T09:05:00.000Z' }));
      await tx.tickets.insert(ticketRow('t3', { status: 'queued', region_id: 'de', customer_id: 'c2', queued_at: '2026-03-02T08:00:00.000Z' }));
    });
  });
  afterEach(async () => h.close());

  it('reads a ticket and an agent for update as `get` reads them', async () => {
    await h.storage.write(async (tx) => {
      expect(await tx.tickets.getForUpdate('t1')).toStrictEqual(await tx.tickets.get('t1'));
      expect(await tx.tickets.getForUpdate('nope')).toBeNull();
      expect(await tx.agents.getForUpdate('a1')).toStrictEqual(await tx.agents.get('a1'));
      expect(await tx.agents.getForUpdate('nobody')).toBeNull();
    });
  });

  it('walks a region’s queue oldest first, after a given ticket', async () => {
    await h.storage.write(async (tx) => {
      const first = await tx.tickets.nextQueuedForUpdate('se');
      expect(first?.id).toBe('t1');
      expect((await tx.tickets.nextQueuedForUpdate('se', first))?.id).toBe('t2');
      expect(await tx.tickets.nextQueuedForUpdate('se', await tx.tickets.get('t2'))).toBeNull();
      expect((await tx.tickets.nextQueuedForUpdate('de'))?.id).toBe('t3');
    });
  });

  it('gives two transactions routing at once different queued tickets', async () => {
    const held = gate(400);
    const taken: string[] = [];
    const first = h.storage.write(async (tx) => {
      const t = await tx.tickets.nextQueuedForUpdate('se');
      taken.push(t!.id);
      await held.opened; // hold the row while the other routes
      await tx.tickets.update(t!.id, { status: 'open', assignee_id: 'a1' });
    });
    await new Promise((r) => setTimeout(r, 50));
    const second = h.storage.write(async (tx) => {
      const t = await tx.tickets.nextQueuedForUpdate('se');
      taken.push(t!.id);
      await tx.tickets.update(t!.id, { status: 'open', assignee_id: 'a2' });
    });
    await second.finally(held.release);
    await first;
    expect(taken.sort()).toEqual(['t1', 't2']);
    const rows = await h.storage.read(async (tx) => [await tx.tickets.get('t1'), await tx.tickets.get('t2')]);
    expect(rows.map((t) => t?.assignee_id).sort()).toEqual(['a1', 'a2']);
  });

  it('lets only one of two transactions give an agent its last slot', async () => {
    // Capacity 1 here: whoever locks the agent row first and finds no load takes the slot.
    const tryAssign = (ticketId: string, hold: Promise<void>) =>
      h.storage.write(async (tx) => {
        const agent = await tx.agents.getForUpdate('a1');
        await hold;
        const load = await tx.tickets.chatLoad(agent!.id);
        if (load >= 1) return false;
        await tx.tickets.update(ticketId, { status: 'open', assignee_id: 'a1' });
        return true;
      });
    const held = gate(400);
    const first = tryAssign('t1', held.opened);
    await new Promise((r) => setTimeout(r, 50));
    const second = tryAssign('t2', Promise.resolve());
    await new Promise((r) => setTimeout(r, 100));
    held.release();
    const results = await Promise.all([first, second]);
    expect(results).toEqual([true, false]);
    expect(await h.storage.read((tx) => tx.tickets.chatLoad('a1'))).toBe(1);
  });
}
