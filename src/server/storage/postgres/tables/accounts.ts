/** The accounts repository on PostgreSQL: the same methods and rows as ../../tables/accounts.ts. */
import type { Kysely } from 'kysely';
import type { AsyncTable } from '../../async-store';
import type { AccountDbRow, AccountsTable } from '../../tables/accounts';
import type { Database } from '../schema';

export function createPgAccountsTable(db: Kysely<Database>): AsyncTable<AccountsTable> {
  return {
    get: async (id: string): Promise<AccountDbRow | null> => (await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst()) ?? null,
    forCustomer: async (customerId: string): Promise<AccountDbRow | null> =>
      (await db.selectFrom('accounts').selectAll().where('customer_id', '=', customerId).executeTakeFirst()) ?? null,
    insert: async (r: Omit<AccountDbRow, 'version'>): Promise<void> => {
      const { id, customer_id, status, verification_status, verification_attempts, verification_failure_reason, spending_limit_minor, currency } = r;
      await db
        .insertInto('accounts')
        .values({ id, customer_id, status, verification_status, verification_attempts, verification_failure_reason, spending_limit_minor, currency })
        .execute();
    },
    markVerificationResent: async (id: string): Promise<void> => {
      await db
        .updateTable('accounts')
        .set((eb) => ({ verification_status: 'pending', version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .execute();
    },
  };
}
