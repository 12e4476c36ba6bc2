/** The returns repository's contract: identical rows from every engine, a customer's newest first. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine, EngineHandle } from './engine';
import { insertRows, orderRow, returnRow, seedCustomers } from './fixtures-customers';

export function returnsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await seedCustomers(h, 'c1', 'c2');
    await insertRows(h, 'orders', [orderRow('o1', 'c1'), orderRow('o2', 'c1'), orderRow('o3', 'c2')]);
    await insertRows(h, 'returns', [
      returnRow('r1', 'o1', 'c1', { created_at: '2026-02-10T09:00:00.000Z' }),
      returnRow('r2', 'o2', 'c1', { status: 'refunded', refund_date: '2026-02-20', refund_amount_minor: 64_950, created_at: '2026-02-11T09:00:00.000Z' }),
      returnRow('r3', 'o1', 'c1', { status: 'rejected', created_at: '2026-01-31T23:00:00.000Z' }),
      returnRow('r4', 'o3', 'c2'),
    ]);
  });
  afterEach(async () => h.close());

  it('gets a return: numbers as numbers, nulls as nulls', async () => {
    const [r1, r2, none] = await h.storage.read(async (tx) => [await tx.returns.get('r1'), await tx.returns.get('r2'), await tx.returns.get('r9')]);
    expect(r1).toStrictEqual({
      id: 'r1',
      order_id: 'o1',
      customer_id: 'c1',
      status: 'requested',
      reason: 'Too small',
      refund_amount_minor: 129_900,
      currency: 'SEK',
      refund_date: null,
      created_at: '2026-02-10T09:00:00.000Z',
      version: 1,
    });
    expect(r2).toStrictEqual({ ...returnRow('r2', 'o2', 'c1', { status: 'refunded', refund_date: '2026-02-20', refund_amount_minor: 64_950, created_at: '2026-02-11T09:00:00.000Z' }), version: 1 });
    expect(none).toBeNull();
  });

  it('lists a customer’s returns newest first', async () => {
    const [c1, c2, c3] = await h.storage.read(async (tx) => [await tx.returns.forCustomer('c1'), await tx.returns.forCustomer('c2'), await tx.returns.forCustomer('c3')]);
    expect(c1.map((r) => r.id)).toEqual(['r2', 'r1', 'r3']);
    expect(c2.map((r) => r.id)).toEqual(['r4']);
    expect(c3).toEqual([]);
  });

  it('refuses a return in an unknown status', async () => {
    await expect(h.insertRow('returns', { ...returnRow('r5', 'o1', 'c1'), status: 'lost' })).rejects.toThrow(/CHECK|check/);
    expect(await h.storage.read((tx) => tx.returns.get('r5'))).toBeNull();
  });
}
