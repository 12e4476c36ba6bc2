/** The transactions repository's contract: identical rows from every engine, a customer's newest first. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine, EngineHandle } from './engine';
import { insertRows, installmentRow, orderRow, seedCustomers, transactionRow } from './fixtures-customers';

export function transactionsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await seedCustomers(h, 'c1', 'c2');
    await insertRows(h, 'orders', [orderRow('o1', 'c1')]);
    await insertRows(h, 'installments', [installmentRow('i1', 'o1', 'c1')]);
    await insertRows(h, 'transactions', [
      transactionRow('t1', 'c1', { kind: 'purchase', order_id: 'o1', amount_minor: 129_900, created_at: '2026-02-01T12:00:00.000Z' }),
      transactionRow('t2', 'c1', { order_id: 'o1', installment_id: 'i1', status: 'failed', failure_reason: 'insufficient_funds', settled_at: null, created_at: '2026-03-01T06:00:00.000Z' }),
      transactionRow('t3', 'c1', { kind: 'fee', amount_minor: 3_900, created_at: '2026-03-01T05:59:59.999Z' }),
      transactionRow('t4', 'c2', { kind: 'refund', amount_minor: -129_900 }),
    ]);
  });
  afterEach(async () => h.close());

  it('gets a transaction: amounts as numbers (negative too), nulls as nulls', async () => {
    const [t2, t4, none] = await h.storage.read(async (tx) => [await tx.transactions.get('t2'), await tx.transactions.get('t4'), await tx.transactions.get('t9')]);
    expect(t2).toStrictEqual({
      id: 't2',
      customer_id: 'c1',
      order_id: 'o1',
      installment_id: 'i1',
      kind: 'payment',
      status: 'failed',
      amount_minor: 32_475,
      currency: 'SEK',
      reference: 'REF-t2',
      rail: 'card',
      failure_reason: 'insufficient_funds',
      created_at: '2026-03-01T06:00:00.000Z',
      settled_at: null,
      version: 1,
    });
    expect(t4).toStrictEqual({ ...transactionRow('t4', 'c2', { kind: 'refund', amount_minor: -129_900 }), version: 1 });
    expect(none).toBeNull();
  });

  it('lists a customer’s transactions newest first', async () => {
    const [c1, c2, c3] = await h.storage.read(async (tx) => [
      await tx.transactions.forCustomer('c1'),
      await tx.transactions.forCustomer('c2'),
      await tx.transactions.forCustomer('c3'),
    ]);
    expect(c1.map((t) => t.id)).toEqual(['t2', 't3', 't1']);
    expect(c2.map((t) => t.id)).toEqual(['t4']);
    expect(c3).toEqual([]);
  });
}
