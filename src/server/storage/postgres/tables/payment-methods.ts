/** The payment methods repository on PostgreSQL: the same methods and rows as ../../tables/payment-methods.ts (ids in byte order). */
import { sql, type Kysely } from 'kysely';
import type { AsyncTable } from '../../async-store';
import type { createPaymentMethodsTable, PaymentMethodDbRow } from '../../tables/payment-methods';
import type { Database } from '../schema';

export function createPgPaymentMethodsTable(db: Kysely<Database>): AsyncTable<ReturnType<typeof createPaymentMethodsTable>> {
  return {
    get: async (id: string): Promise<PaymentMethodDbRow | null> =>
      (await db.selectFrom('payment_methods').selectAll().where('id', '=', id).executeTakeFirst()) ?? null,
    forCustomer: (customerId: string): Promise<PaymentMethodDbRow[]> =>
      db.selectFrom('payment_methods').selectAll().where('customer_id', '=', customerId).orderBy(sql`id COLLATE "C"`).execute(),
  };
}
