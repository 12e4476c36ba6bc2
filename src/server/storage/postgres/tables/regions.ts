/**
 * The regions repository on PostgreSQL: the same methods and rows as the SQLite table module
 * (../../tables/regions.ts), converted by the same `toRegion`; ids in byte order (COLLATE "C", as
 * SQLite's BINARY). Hours and calendar settings are validated before the statement, as on SQLite.
 */
import { sql, type Kysely } from 'kysely';
import type { CalendarSettings } from '../../../calendar/model';
import type { AsyncTable } from '../../async-store';
import { BusinessHours, calendarColumns, toRegion, withCalendarDefaults, type Region, type RegionInsert, type RegionsTable } from '../../tables/regions';
import type { Database } from '../schema';

export function createPgRegionsTable(db: Kysely<Database>): AsyncTable<RegionsTable> {
  return {
    all: async (): Promise<Region[]> => (await db.selectFrom('regions').selectAll().orderBy(sql`id COLLATE "C"`).execute()).map(toRegion),
    get: async (id: string): Promise<Region | null> => {
      const r = await db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toRegion(r) : null;
    },
    insert: async (r: RegionInsert): Promise<void> => {
      await db.insertInto('regions').values(withCalendarDefaults(r)).execute();
    },
    setHours: async (id: string, hours: BusinessHours): Promise<void> => {
      const hours_json = JSON.stringify(BusinessHours.parse(hours));
      await db.updateTable('regions').set({ hours_json }).where('id', '=', id).execute();
    },
    setCalendar: async (id: string, settings: CalendarSettings): Promise<void> => {
      const columns = calendarColumns(settings);
      await db.updateTable('regions').set(columns).where('id', '=', id).execute();
    },
  };
}
