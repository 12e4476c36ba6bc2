/**
 * The customers repository on PostgreSQL: the same methods and rows as the SQLite table module
 * (../../tables/customers.ts). SQLite's `email` column is `COLLATE NOCASE`, which folds ASCII
 * letters only; `lower(… COLLATE "C")` folds exactly those, whatever the database's locale (a
 * plain `lower` would also fold `Å` to `å` under a UTF-8 locale). Ids in byte order (COLLATE "C").
 */
import { sql, type Kysely } from 'kysely';
import type { AsyncTable } from '../../async-store';
import type { CustomerDbRow, CustomersTable } from '../../tables/customers';
import type { Database } from '../schema';

/** SQLite's LIMIT: a negative limit means none. */
const sqliteLimit = (limit: number): number | null => (limit < 0 ? null : limit);

export function createPgCustomersTable(db: Kysely<Database>): AsyncTable<CustomersTable> {
  /** Verified customers with this email, ASCII case folded as NOCASE, oldest first. */
  const verifiedWithEmail = (email: string, limit: number) =>
    db
      .selectFrom('customers')
      .selectAll()
      .where(sql<boolean>`lower(email COLLATE "C") = lower(${email} COLLATE "C")`)
      .where('identity', '=', 'verified')
      .orderBy(sql`created_at COLLATE "C"`)
      .orderBy(sql`id COLLATE "C"`)
      .limit(limit);
  return {
    verifiedListByEmail: (email: string): Promise<CustomerDbRow[]> => verifiedWithEmail(email, 5).execute(),
    get: async (id: string): Promise<CustomerDbRow | null> => (await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst()) ?? null,
    verifiedByEmail: async (email: string): Promise<CustomerDbRow | null> => (await verifiedWithEmail(email, 1).executeTakeFirst()) ?? null,
    insert: async (r: Omit<CustomerDbRow, 'version'>): Promise<void> => {
      const { id, name, email, phone, locale, time_zone, region_id, country, currency, device_json, risk_flags_json, created_at, identity } = r;
      await db
        .insertInto('customers')
        .values({ id, name, email, phone, locale, time_zone, region_id, country, currency, device_json, risk_flags_json, created_at, identity })
        .execute();
    },
    rename: async (id: string, name: string, email: string): Promise<boolean> => {
      const r = await db
        .updateTable('customers')
        .set((eb) => ({ name, email, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where((eb) => eb.or([eb('name', '<>', name), sql<boolean>`lower(email COLLATE "C") <> lower(${email} COLLATE "C")`]))
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    demoIdentities: async (limit: number): Promise<CustomerDbRow[]> => {
      let q = db
        .selectFrom('customers as c')
        .selectAll('c')
        .where('c.identity', '=', 'verified')
        .where((eb) => eb.exists(eb.selectFrom('orders as o').select(sql`1`.as('one')).whereRef('o.customer_id', '=', 'c.id')))
        .orderBy(sql`c.id COLLATE "C"`);
      const n = sqliteLimit(limit);
      if (n !== null) q = q.limit(n);
      return q.execute();
    },
  };
}
