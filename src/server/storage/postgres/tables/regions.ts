/**
 * The regions repository on PostgreSQL: the same methods and rows as the SQLite table module
 * (../../tables/regions.ts), converted by the same `toRegion`; ids in byte order (COLLATE "C", as
 * SQLite's BINARY). Hours are validated before the statement, as on SQLite.
 */
import { sql, type Kysely } from 'kysely';
import type { AsyncTable } from '../../async-store';
import { BusinessHours, toRegion, type Region, type RegionRow, type RegionsTable } from '../../tables/regions';
import type { Database } from '../schema';

export function createPgRegionsTable(db: Kysely<Database>): AsyncTable<RegionsTable> {
  return {
    all: async (): Promise<Region[]> => (await db.selectFrom('regions').selectAll().orderBy(sql`id COLLATE "C"`).execute()).map(toRegion),
    get: async (id: string): Promise<Region | null> => {
      const r = await db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toRegion(r) : null;
    },
    insert: async (r: RegionRow): Promise<void> => {
      const { id, name, time_zone, locale, currency, hours_json, chat_enabled, phone, first_response_target_sec } = r;
      await db.insertInto('regions').values({ id, name, time_zone, locale, currency, hours_json, chat_enabled, phone, first_response_target_sec }).execute();
    },
    setHours: async (id: string, hours: BusinessHours): Promise<void> => {
      const hours_json = JSON.stringify(BusinessHours.parse(hours));
      await db.updateTable('regions').set({ hours_json }).where('id', '=', id).execute();
    },
  };
}
