import type { CustomerRow } from '../../../shared/domain';
import type { CacheDb } from '../db';

/**
 * Snapshots of the customer's world and of shared reference data: the wire row as JSON plus the
 * key columns queries use. Upserts are version-guarded like every server row.
 */
export const CUSTOMER_SCOPED_TABLES = ['accounts', 'payment_methods', 'orders', 'installments', 'transactions', 'returns'] as const;
export type CustomerScopedTable = (typeof CUSTOMER_SCOPED_TABLES)[number];
export const GLOBAL_TABLES = ['agents', 'canned_replies', 'macros'] as const;
export type GlobalTable = (typeof GLOBAL_TABLES)[number];

/** A snapshot table whose rows belong to one customer. */
export function createCustomerScopedTable<Row extends { id: string; customerId: string; version: number }>(db: CacheDb, table: CustomerScopedTable) {
  const upsert = db.prepare<[string, string, number, string]>(
    `INSERT INTO ${table} (id, customer_id, version, row_json) VALUES (?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, version = excluded.version, row_json = excluded.row_json
     WHERE excluded.version > ${table}.version`,
  );
  const remove = db.prepare<[string], { customer_id: string }>(`DELETE FROM ${table} WHERE id = ? RETURNING customer_id`);
  const removeOfCustomer = db.prepare<[string]>(`DELETE FROM ${table} WHERE customer_id = ?`);
  const clear = db.prepare(`DELETE FROM ${table}`);
  const ofCustomer = db.prepare<[string], string>(`SELECT row_json FROM ${table} WHERE customer_id = ?`).pluck();
  return {
    upsert: (r: Row): boolean => upsert.run(r.id, r.customerId, r.version, JSON.stringify(r)).changes > 0,
    /** Returns the customer the row belonged to, or null when there was no row. */
    remove: (id: string): string | null => remove.get(id)?.customer_id ?? null,
    removeOfCustomer: (customerId: string): void => void removeOfCustomer.run(customerId),
    clear: (): void => void clear.run(),
    ofCustomer: (customerId: string): Row[] => ofCustomer.all(customerId).map((json) => JSON.parse(json) as Row),
  };
}
export type CustomerScopedSnapshots<Row extends { id: string; customerId: string; version: number }> = ReturnType<
  typeof createCustomerScopedTable<Row>
>;

/**
 * Reference data every ticket shares (agents, canned replies, macros). Agent rows carry no
 * version on the wire, so they are applied in feed order (the last one wins).
 */
export function createGlobalTable<Row extends { id: string; version?: number }>(db: CacheDb, table: GlobalTable) {
  const guard = table === 'agents' ? '' : `WHERE excluded.version > ${table}.version`;
  const upsert = db.prepare<[string, number, string]>(
    `INSERT INTO ${table} (id, version, row_json) VALUES (?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET version = excluded.version, row_json = excluded.row_json ${guard}`,
  );
  const remove = db.prepare<[string]>(`DELETE FROM ${table} WHERE id = ?`);
  const clear = db.prepare(`DELETE FROM ${table}`);
  const all = db.prepare<[], string>(`SELECT row_json FROM ${table} ORDER BY id`).pluck();
  const byId = db.prepare<[string], string>(`SELECT row_json FROM ${table} WHERE id = ?`).pluck();
  return {
    upsert: (r: Row): boolean => upsert.run(r.id, r.version ?? 0, JSON.stringify(r)).changes > 0,
    remove: (id: string): boolean => remove.run(id).changes > 0,
    clear: (): void => void clear.run(),
    all: (): Row[] => all.all().map((json) => JSON.parse(json) as Row),
    get: (id: string): Row | null => {
      const json = byId.get(id);
      return json === undefined ? null : (JSON.parse(json) as Row);
    },
  };
}

/** Customers: name and e-mail as columns for the ticket list, and in their search index. */
export function createCustomersTable(db: CacheDb) {
  type CustomerArgs = [string, string, string, number, string];
  const forWrite = db.prepare<[string], { pk: number; name: string; email: string; version: number }>(
    'SELECT pk, name, email, version FROM customers WHERE id = ?',
  );
  const insert = db.prepare<CustomerArgs>('INSERT INTO customers (id, name, email, version, row_json) VALUES (?, ?, ?, ?, ?)');
  const update = db.prepare<[...CustomerArgs, number]>('UPDATE customers SET id = ?, name = ?, email = ?, version = ?, row_json = ? WHERE pk = ?');
  const remove = db.prepare<[string], number>('DELETE FROM customers WHERE id = ? RETURNING pk').pluck();
  const clear = db.prepare('DELETE FROM customers');
  const byId = db.prepare<[string], string>('SELECT row_json FROM customers WHERE id = ?').pluck();
  const ftsInsert = db.prepare<[number | bigint, string, string]>('INSERT INTO customers_fts (rowid, name, email) VALUES (?, ?, ?)');
  const ftsDelete = db.prepare<[number]>('DELETE FROM customers_fts WHERE rowid = ?');
  const ftsClear = db.prepare('DELETE FROM customers_fts');
  return {
    /** Version-guarded upsert; true when something changed. */
    upsert(r: CustomerRow): boolean {
      const args: CustomerArgs = [r.id, r.name, r.email, r.version, JSON.stringify(r)];
      const existing = forWrite.get(r.id);
      if (!existing) {
        ftsInsert.run(insert.run(...args).lastInsertRowid, r.name, r.email);
        return true;
      }
      if (r.version <= existing.version) return false;
      update.run(...args, existing.pk);
      if (existing.name !== r.name || existing.email !== r.email) {
        ftsDelete.run(existing.pk);
        ftsInsert.run(existing.pk, r.name, r.email);
      }
      return true;
    },
    remove(id: string): boolean {
      const pk = remove.get(id);
      if (pk === undefined) return false;
      ftsDelete.run(pk);
      return true;
    },
    clear(): void {
      clear.run();
      ftsClear.run();
    },
    get: (id: string): CustomerRow | null => {
      const json = byId.get(id);
      return json === undefined ? null : (JSON.parse(json) as CustomerRow);
    },
  };
}
export type CustomersTable = ReturnType<typeof createCustomersTable>;
