/**
 * The meta repository on PostgreSQL (../../tables/meta.ts): SQLite's `INSERT OR REPLACE` is an
 * upsert on the key.
 */
import type { Kysely } from 'kysely';
import type { MetaTable } from '../../tables/meta';
import type { AsyncTable } from '../../async-store';
import type { Database } from '../schema';

export function createPgMetaTable(db: Kysely<Database>): AsyncTable<MetaTable> {
  return {
    get: async (key: string): Promise<string | null> =>
      (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null,
    set: async (key: string, value: string): Promise<void> => {
      await db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}
