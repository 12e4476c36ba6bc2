/**
 * The macros repository on PostgreSQL (../../tables/macros.ts), converted by the same
 * `toWireMacro`; text ordered by byte (COLLATE "C", as SQLite's BINARY).
 */
import { sql, type Kysely } from 'kysely';
import type { MacroRow } from '../../../../shared/domain';
import { toWireMacro, type createMacrosTable, type MacroDbRow } from '../../tables/macros';
import type { AsyncTable } from '../../async-store';
import type { Database } from '../schema';

export function createPgMacrosTable(db: Kysely<Database>): AsyncTable<ReturnType<typeof createMacrosTable>> {
  return {
    all: async (): Promise<MacroRow[]> =>
      (
        await db
          .selectFrom('macros')
          .selectAll()
          .orderBy(sql`category COLLATE "C"`)
          .orderBy('position')
          .orderBy(sql`title COLLATE "C"`)
          .execute()
      ).map(toWireMacro),
    get: async (id: string): Promise<MacroRow | null> => {
      const r = await db.selectFrom('macros').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toWireMacro(r) : null;
    },
    insert: async (r: Omit<MacroDbRow, 'version'>): Promise<void> => {
      const { id, category, title, reply_body, set_status, set_priority, steps_json, inputs_json, position } = r;
      await db.insertInto('macros').values({ id, category, title, reply_body, set_status, set_priority, steps_json, inputs_json, position }).execute();
    },
    remove: async (id: string): Promise<boolean> => {
      const r = await db.deleteFrom('macros').where('id', '=', id).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
  };
}
