/** The orders repository on PostgreSQL: the same methods and rows as ../../tables/orders.ts (newest first, ISO times compared by byte). */
import { sql, type Kysely } from 'kysely';
import type { AsyncTable } from '../../async-store';
import type { createOrdersTable, OrderDbRow } from '../../tables/orders';
import type { Database } from '../schema';

export function createPgOrdersTable(db: Kysely<Database>): AsyncTable<ReturnType<typeof createOrdersTable>> {
  return {
    get: async (id: string): Promise<OrderDbRow | null> => (await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst()) ?? null,
    getByNumber: async (n: string): Promise<OrderDbRow | null> =>
      (await db.selectFrom('orders').selectAll().where('order_number', '=', n).executeTakeFirst()) ?? null,
    forCustomer: (customerId: string): Promise<OrderDbRow[]> =>
      db.selectFrom('orders').selectAll().where('customer_id', '=', customerId).orderBy(sql`placed_at COLLATE "C"`, 'desc').execute(),
  };
}
