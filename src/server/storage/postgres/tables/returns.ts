/** The returns repository on PostgreSQL: the same methods and rows as ../../tables/returns.ts (newest first, ISO times compared by byte). */
import { sql, type Kysely } from 'kysely';
import type { AsyncTable } from '../../async-store';
import type { createReturnsTable, ReturnDbRow } from '../../tables/returns';
import type { Database } from '../schema';

export function createPgReturnsTable(db: Kysely<Database>): AsyncTable<ReturnType<typeof createReturnsTable>> {
  return {
    get: async (id: string): Promise<ReturnDbRow | null> => (await db.selectFrom('returns').selectAll().where('id', '=', id).executeTakeFirst()) ?? null,
    forCustomer: (customerId: string): Promise<ReturnDbRow[]> =>
      db.selectFrom('returns').selectAll().where('customer_id', '=', customerId).orderBy(sql`created_at COLLATE "C"`, 'desc').execute(),
  };
}
