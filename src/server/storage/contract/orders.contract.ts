/** The orders repository's contract: identical rows from every engine, a customer's newest first. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine, EngineHandle } from './engine';
import { insertRows, orderRow, seedCustomers } from './fixtures-customers';

export function ordersContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await seedCustomers(h, 'c1', 'c2');
    await insertRows(h, 'orders', [
      orderRow('o1', 'c1', { placed_at: '2026-01-05T09:00:00.000Z' }),
      orderRow('o2', 'c1', { placed_at: '2025-12-31T23:59:59.999Z', plan: 'financing', total_minor: 2 ** 53 - 1 }),
      orderRow('o3', 'c1', { placed_at: '2026-01-05T10:00:00.000Z', status: 'refunded' }),
      orderRow('o4', 'c2', { order_number: 'SE-1001' }),
    ]);
  });
  afterEach(async () => h.close());

  it('gets an order by id and by its number (exact, case and all): amounts exact', async () => {
    const [o2, byNumber, lower, none] = await h.storage.read(async (tx) => [
      await tx.orders.get('o2'),
      await tx.orders.getByNumber('SE-1001'),
      await tx.orders.getByNumber('se-1001'),
      await tx.orders.get('o9'),
    ]);
    expect(o2).toStrictEqual({
      id: 'o2',
      customer_id: 'c1',
      order_number: 'ORD-o2',
      merchant: 'Nordic Shoes',
      items_json: '[{"name":"Boots","qty":1,"priceMinor":129900}]',
      total_minor: 9_007_199_254_740_991,
      currency: 'SEK',
      plan: 'financing',
      status: 'active',
      placed_at: '2025-12-31T23:59:59.999Z',
      return_window_ends_at: '2026-03-03T12:00:00.000Z',
      version: 1,
    });
    expect(byNumber).toStrictEqual({ ...orderRow('o4', 'c2', { order_number: 'SE-1001' }), version: 1 });
    expect(lower).toBeNull();
    expect(none).toBeNull();
  });

  it('lists a customer’s orders newest first', async () => {
    const [c1, c3] = await h.storage.read(async (tx) => [await tx.orders.forCustomer('c1'), await tx.orders.forCustomer('c3')]);
    expect(c1.map((o) => o.id)).toEqual(['o3', 'o1', 'o2']);
    expect(c1[0]).toStrictEqual({ ...orderRow('o3', 'c1', { placed_at: '2026-01-05T10:00:00.000Z', status: 'refunded' }), version: 1 });
    expect(c3).toEqual([]);
  });

  it('refuses a second order with the same number', async () => {
    await expect(h.insertRow('orders', orderRow('o5', 'c2', { order_number: 'SE-1001' }))).rejects.toThrow(/UNIQUE|unique/);
    expect(await h.storage.read((tx) => tx.orders.get('o5'))).toBeNull();
  });
}
