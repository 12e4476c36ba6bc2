/** The calls repository on PostgreSQL: the same methods and rows as ../../tables/calls.ts (times ordered by byte). */
import { sql, type Kysely } from 'kysely';
import type { AsyncTable } from '../../async-store';
import type { CallDbRow, createCallsTable } from '../../tables/calls';
import type { Database } from '../schema';

export function createPgCallsTable(db: Kysely<Database>): AsyncTable<ReturnType<typeof createCallsTable>> {
  return {
    insert: async (r: CallDbRow): Promise<void> => {
      await db.insertInto('calls').values(r).execute();
    },
    forTicket: (ticketId: string): Promise<CallDbRow[]> =>
      db.selectFrom('calls').selectAll().where('ticket_id', '=', ticketId).orderBy(sql`created_at COLLATE "C"`).orderBy(sql`id COLLATE "C"`).execute(),
  };
}
