/** The transactions repository on PostgreSQL: the same methods and rows as ../../tables/transactions.ts (newest first, ISO times compared by byte). */
import { sql, type Kysely } from 'kysely';
import type { AsyncTable } from '../../async-store';
import type { createTransactionsTable, TransactionDbRow } from '../../tables/transactions';
import type { Database } from '../schema';

export function createPgTransactionsTable(db: Kysely<Database>): AsyncTable<ReturnType<typeof createTransactionsTable>> {
  return {
    get: async (id: string): Promise<TransactionDbRow | null> =>
      (await db.selectFrom('transactions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null,
    forCustomer: (customerId: string): Promise<TransactionDbRow[]> =>
      db.selectFrom('transactions').selectAll().where('customer_id', '=', customerId).orderBy(sql`created_at COLLATE "C"`, 'desc').execute(),
  };
}
