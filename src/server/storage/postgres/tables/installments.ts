/**
 * The installments repository on PostgreSQL: the same methods and rows as
 * ../../tables/installments.ts (due dates compared by byte, as SQLite's BINARY).
 */
import { sql, type Kysely } from 'kysely';
import type { InstallmentRow } from '../../../../shared/domain';
import type { AsyncTable } from '../../async-store';
import type { createInstallmentsTable, InstallmentDbRow } from '../../tables/installments';
import type { Database } from '../schema';

export function createPgInstallmentsTable(db: Kysely<Database>): AsyncTable<ReturnType<typeof createInstallmentsTable>> {
  return {
    get: async (id: string): Promise<InstallmentDbRow | null> =>
      (await db.selectFrom('installments').selectAll().where('id', '=', id).executeTakeFirst()) ?? null,
    forCustomer: (customerId: string): Promise<InstallmentDbRow[]> =>
      db.selectFrom('installments').selectAll().where('customer_id', '=', customerId).orderBy(sql`due_date COLLATE "C"`).orderBy('number').execute(),
    forOrder: (orderId: string): Promise<InstallmentDbRow[]> =>
      db.selectFrom('installments').selectAll().where('order_id', '=', orderId).orderBy('number').execute(),
    /** A new due date; an overdue or failed installment is scheduled again. */
    setDueDate: async (id: string, dueDate: string): Promise<void> => {
      await db
        .updateTable('installments')
        .set((eb) => ({
          due_date: dueDate,
          status: sql<InstallmentRow['status']>`CASE WHEN status IN ('overdue','failed') THEN 'scheduled' ELSE status END`,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
    },
    setStatus: async (id: string, status: InstallmentRow['status']): Promise<void> => {
      await db
        .updateTable('installments')
        .set((eb) => ({ status, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .execute();
    },
  };
}
