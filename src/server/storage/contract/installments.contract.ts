/**
 * The installments repository's contract: identical rows from every engine; an order's by number
 * (numerically: 2 before 10), a customer's by due date then number; a new due date schedules an
 * overdue or failed installment again and leaves other statuses alone.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine, EngineHandle } from './engine';
import { insertRows, installmentRow, orderRow, seedCustomers } from './fixtures-customers';

export function installmentsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await seedCustomers(h, 'c1', 'c2');
    await insertRows(h, 'orders', [orderRow('oA', 'c1'), orderRow('oB', 'c1'), orderRow('oC', 'c2')]);
    await insertRows(h, 'installments', [
      installmentRow('a10', 'oA', 'c1', { number: 10, due_date: '2026-06-01' }),
      installmentRow('a2', 'oA', 'c1', { number: 2, due_date: '2026-04-01', status: 'overdue', late_fee_minor: 3_500 }),
      installmentRow('a1', 'oA', 'c1', { number: 1, due_date: '2026-03-01', status: 'paid', paid_at: '2026-02-28T10:00:00.000Z' }),
      installmentRow('b3', 'oB', 'c1', { number: 3, due_date: '2026-04-01', status: 'failed' }),
      installmentRow('b1', 'oB', 'c1', { number: 1, due_date: '2026-02-15', status: 'paused' }),
      installmentRow('c1', 'oC', 'c2', { number: 1 }),
    ]);
  });
  afterEach(async () => h.close());

  it('gets an installment: numbers as numbers, nulls as nulls', async () => {
    const [a2, a1, none] = await h.storage.read(async (tx) => [await tx.installments.get('a2'), await tx.installments.get('a1'), await tx.installments.get('zz')]);
    expect(a2).toStrictEqual({
      id: 'a2',
      order_id: 'oA',
      customer_id: 'c1',
      number: 2,
      due_date: '2026-04-01',
      amount_minor: 32_475,
      currency: 'SEK',
      status: 'overdue',
      paid_at: null,
      late_fee_minor: 3_500,
      version: 1,
    });
    expect(a1).toMatchObject({ status: 'paid', paid_at: '2026-02-28T10:00:00.000Z', late_fee_minor: 0 });
    expect(none).toBeNull();
  });

  it('lists an order’s installments by number and a customer’s by due date, then number', async () => {
    const [oA, oB, c1, c2, none] = await h.storage.read(async (tx) => [
      await tx.installments.forOrder('oA'),
      await tx.installments.forOrder('oB'),
      await tx.installments.forCustomer('c1'),
      await tx.installments.forCustomer('c2'),
      await tx.installments.forOrder('oZ'),
    ]);
    expect(oA.map((i) => i.id)).toEqual(['a1', 'a2', 'a10']);
    expect(oB.map((i) => i.id)).toEqual(['b1', 'b3']);
    expect(c1.map((i) => i.id)).toEqual(['b1', 'a1', 'a2', 'b3', 'a10']);
    expect(c2.map((i) => i.id)).toEqual(['c1']);
    expect(none).toEqual([]);
  });

  it('moves a due date: overdue and failed become scheduled, paid and paused stay, each version bumped', async () => {
    await h.storage.write(async (tx) => {
      for (const id of ['a2', 'b3', 'a1', 'b1']) await tx.installments.setDueDate(id, '2026-05-15');
    });
    const rows = await h.storage.read(async (tx) => Promise.all(['a2', 'b3', 'a1', 'b1', 'a10'].map((id) => tx.installments.get(id))));
    expect(rows.map((r) => [r?.id, r?.due_date, r?.status, r?.version])).toEqual([
      ['a2', '2026-05-15', 'scheduled', 2],
      ['b3', '2026-05-15', 'scheduled', 2],
      ['a1', '2026-05-15', 'paid', 2],
      ['b1', '2026-05-15', 'paused', 2],
      ['a10', '2026-06-01', 'scheduled', 1],
    ]);
  });

  it('sets a status, bumping the version; refuses an unknown one and keeps the row', async () => {
    await h.storage.write(async (tx) => {
      await tx.installments.setStatus('a10', 'paused');
      await tx.installments.setStatus('a10', 'scheduled');
      await tx.installments.setStatus('c1', 'failed');
    });
    expect(await h.storage.read((tx) => tx.installments.get('a10'))).toMatchObject({ status: 'scheduled', version: 3 });
    expect(await h.storage.read((tx) => tx.installments.get('c1'))).toMatchObject({ status: 'failed', version: 2 });
    await expect(h.storage.write((tx) => tx.installments.setStatus('c1', 'lost' as never))).rejects.toThrow(/CHECK|check/);
    expect(await h.storage.read((tx) => tx.installments.get('c1'))).toMatchObject({ status: 'failed', version: 2 });
  });
}
