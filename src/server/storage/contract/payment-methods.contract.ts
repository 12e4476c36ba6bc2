/** The payment methods repository's contract: identical rows from every engine, a customer's by id in byte order. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine, EngineHandle } from './engine';
import { insertRows, paymentMethodRow, seedCustomers } from './fixtures-customers';

export function paymentMethodsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await seedCustomers(h, 'c1', 'c2');
    await insertRows(h, 'payment_methods', [
      paymentMethodRow('pm-b', 'c1', { is_default: 1 }),
      paymentMethodRow('pm-a', 'c1', { kind: 'bank_account', brand: 'swedbank', last4: '0199', expiry: null }),
      paymentMethodRow('PM-c', 'c1', { status: 'expired', last_decline_reason: 'expired_card' }),
      paymentMethodRow('pm-other', 'c2'),
    ]);
  });
  afterEach(async () => h.close());

  it('gets one payment method: numbers as numbers, nulls as nulls', async () => {
    const [a, b, none] = await h.storage.read(async (tx) => [await tx.paymentMethods.get('pm-a'), await tx.paymentMethods.get('pm-b'), await tx.paymentMethods.get('pm-z')]);
    expect(a).toStrictEqual({
      id: 'pm-a',
      customer_id: 'c1',
      kind: 'bank_account',
      brand: 'swedbank',
      last4: '0199',
      expiry: null,
      is_default: 0,
      status: 'active',
      last_decline_reason: null,
      version: 1,
    });
    expect(b).toStrictEqual({ ...paymentMethodRow('pm-b', 'c1', { is_default: 1 }), version: 1 });
    expect(none).toBeNull();
  });

  it('lists a customer’s payment methods by id in byte order, and none for another customer', async () => {
    const [c1, c2, c3] = await h.storage.read(async (tx) => [
      await tx.paymentMethods.forCustomer('c1'),
      await tx.paymentMethods.forCustomer('c2'),
      await tx.paymentMethods.forCustomer('c3'),
    ]);
    expect(c1.map((p) => p.id)).toEqual(['PM-c', 'pm-a', 'pm-b']);
    expect(c1[0]).toStrictEqual({ ...paymentMethodRow('PM-c', 'c1', { status: 'expired', last_decline_reason: 'expired_card' }), version: 1 });
    expect(c2.map((p) => p.id)).toEqual(['pm-other']);
    expect(c3).toEqual([]);
  });

  it('refuses a card number longer than its last four digits', async () => {
    await expect(h.insertRow('payment_methods', paymentMethodRow('pm-full', 'c1', { last4: '4242424242424242' }))).rejects.toThrow(/CHECK|check/);
    expect(await h.storage.read((tx) => tx.paymentMethods.get('pm-full'))).toBeNull();
  });
}
