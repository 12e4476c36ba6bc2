/** The accounts repository's contract: identical rows from every engine (money as exact numbers). */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine, EngineHandle } from './engine';
import { accountRow, seedCustomers } from './fixtures-customers';

export function accountsContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await seedCustomers(h, 'c1', 'c2');
  });
  afterEach(async () => h.close());

  it('round-trips an account by id and by customer: a limit up to 2^53 - 1 exact, nulls as nulls', async () => {
    const { storage } = h;
    await storage.write(async (tx) => {
      await tx.accounts.insert(accountRow('a1', 'c1', { spending_limit_minor: Number.MAX_SAFE_INTEGER }));
      await tx.accounts.insert(accountRow('a2', 'c2', { status: 'locked', verification_status: 'failed', verification_attempts: 3, verification_failure_reason: 'document expired' }));
    });
    const [a1, byCustomer, a2, none, noCustomer] = await storage.read(async (tx) => [
      await tx.accounts.get('a1'),
      await tx.accounts.forCustomer('c1'),
      await tx.accounts.get('a2'),
      await tx.accounts.get('a3'),
      await tx.accounts.forCustomer('c3'),
    ]);
    expect(a1).toStrictEqual({ ...accountRow('a1', 'c1', { spending_limit_minor: 9_007_199_254_740_991 }), version: 1 });
    expect(byCustomer).toStrictEqual(a1);
    expect(a2).toStrictEqual({
      id: 'a2',
      customer_id: 'c2',
      status: 'locked',
      verification_status: 'failed',
      verification_attempts: 3,
      verification_failure_reason: 'document expired',
      spending_limit_minor: 500_000,
      currency: 'SEK',
      version: 1,
    });
    expect(none).toBeNull();
    expect(noCustomer).toBeNull();
  });

  it('allows one account per customer', async () => {
    const { storage } = h;
    await storage.write((tx) => tx.accounts.insert(accountRow('a1', 'c1')));
    await expect(storage.write((tx) => tx.accounts.insert(accountRow('a2', 'c1')))).rejects.toThrow(/UNIQUE|unique/);
    expect(await storage.read((tx) => tx.accounts.get('a2'))).toBeNull();
  });

  it('marks a verification as resent: pending, version bumped, other accounts untouched', async () => {
    const { storage } = h;
    await storage.write(async (tx) => {
      await tx.accounts.insert(accountRow('a1', 'c1', { verification_status: 'failed', verification_failure_reason: 'blurry photo' }));
      await tx.accounts.insert(accountRow('a2', 'c2', { verification_status: 'failed' }));
    });
    await storage.write(async (tx) => {
      await tx.accounts.markVerificationResent('a1');
      await tx.accounts.markVerificationResent('a1');
    });
    const [a1, a2] = await storage.read(async (tx) => [await tx.accounts.get('a1'), await tx.accounts.get('a2')]);
    expect(a1).toMatchObject({ verification_status: 'pending', verification_failure_reason: 'blurry photo', verification_attempts: 1, version: 3 });
    expect(a2).toMatchObject({ verification_status: 'failed', version: 1 });
  });
}
