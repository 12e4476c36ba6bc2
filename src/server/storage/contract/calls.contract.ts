/** The calls repository's contract (issue 8, phone): the same rows, in time order, the same refusals, from every engine. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CallDbRow } from '../tables/calls';
import type { Engine, EngineHandle } from './engine';
import { insertTicketParents, ticketRow } from './fixtures-tickets';

const call = (id: string, over: Partial<CallDbRow> = {}): CallDbRow => ({
  id,
  ticket_id: 't1',
  customer_id: 'c1',
  agent_id: 'a1',
  direction: 'in',
  duration_sec: 245,
  outcome: 'follow_up',
  notes: 'Asked about the refund; card •••• 4242.',
  created_at: '2026-03-02T09:10:00.000Z',
  ...over,
});

export function callsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await insertTicketParents(h);
    await h.storage.write(async (tx) => {
      await tx.tickets.insert(ticketRow('t1'));
      await tx.tickets.insert(ticketRow('t2'));
    });
  });
  afterEach(async () => h.close());

  it('stores calls and lists a case’s calls oldest first (time, then id in byte order), numbers as numbers', async () => {
    await h.storage.write(async (tx) => {
      await tx.calls.insert(call('k2', { created_at: '2026-03-02T09:20:00.000Z', direction: 'out', outcome: 'resolved', notes: '' }));
      await tx.calls.insert(call('k1'));
      await tx.calls.insert(call('K0', { created_at: '2026-03-02T09:20:00.000Z' }));
      await tx.calls.insert(call('k3', { ticket_id: 't2' }));
    });
    const [t1, t2, none] = await h.storage.read(async (tx) => [await tx.calls.forTicket('t1'), await tx.calls.forTicket('t2'), await tx.calls.forTicket('t9')]);
    expect(t1.map((c) => c.id)).toEqual(['k1', 'K0', 'k2']);
    expect(t1[0]).toStrictEqual(call('k1'));
    expect(typeof t1[0]!.duration_sec).toBe('number');
    expect(t2.map((c) => c.id)).toEqual(['k3']);
    expect(none).toEqual([]);
  });

  it('refuses what the schema forbids: an unknown direction or outcome, a negative or day-long-plus duration, an unknown case', async () => {
    const bad = [
      call('b1', { direction: 'sideways' as 'in' }),
      call('b2', { outcome: 'maybe' as 'resolved' }),
      call('b3', { duration_sec: -1 }),
      call('b4', { duration_sec: 86_401 }),
      call('b5', { ticket_id: 'no-such-case' }),
    ];
    for (const row of bad) await expect(h.storage.write((tx) => tx.calls.insert(row))).rejects.toThrow();
    expect(await h.storage.read((tx) => tx.calls.forTicket('t1'))).toEqual([]);
  });
}
