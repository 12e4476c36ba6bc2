import type { CustomerIdentity, CustomerRow } from '../../../shared/domain';
import type { Db } from '../db';
import { parseJson } from './json';

export interface CustomerDbRow {
  id: string;
  name: string;
  email: string;
  phone: string;
  locale: string;
  time_zone: string;
  region_id: string;
  country: string;
  currency: string;
  device_json: string | null;
  risk_flags_json: string;
  created_at: string;
  /** `verified`: the company's customer; `visitor`: someone who chatted without an identity token. */
  identity: CustomerIdentity;
  version: number;
}

export function toWireCustomer(r: CustomerDbRow): CustomerRow {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    locale: r.locale,
    timeZone: r.time_zone,
    regionId: r.region_id,
    country: r.country,
    currency: r.currency,
    device: parseJson<CustomerRow['device']>(r.device_json, null),
    riskFlags: parseJson<string[]>(r.risk_flags_json, []),
    createdAt: r.created_at,
    identity: r.identity,
    version: r.version,
  };
}

export function createCustomersTable(db: Db) {
  const byId = db.prepare<[string], CustomerDbRow>('SELECT * FROM customers WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO customers (id, name, email, phone, locale, time_zone, region_id, country, currency, device_json, risk_flags_json, created_at, identity)
     VALUES (@id, @name, @email, @phone, @locale, @time_zone, @region_id, @country, @currency, @device_json, @risk_flags_json, @created_at, @identity)`,
  );
  const rename = db.prepare<[{ id: string; name: string; email: string }]>(
    'UPDATE customers SET name = @name, email = @email, version = version + 1 WHERE id = @id AND (name <> @name OR email <> @email)',
  );
  const demoIdentities = db.prepare<[number], CustomerDbRow>(
    `SELECT c.* FROM customers c WHERE c.identity = 'verified' AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) ORDER BY c.id LIMIT ?`,
  );
  const verifiedByEmail = db.prepare<[string], CustomerDbRow>(`SELECT * FROM customers WHERE email = ? AND identity = 'verified' ORDER BY created_at, id LIMIT 1`);
  // Verified customers only: a visitor's typed email names nobody (customer-chats.ts identify).
  const byEmail = db.prepare<[string], CustomerDbRow>(`SELECT * FROM customers WHERE email = ? AND identity = 'verified' ORDER BY created_at, id LIMIT 5`);
  return {
    /** Verified customers with this email (case-insensitive, as the column's NOCASE), oldest first, at most 5 (a caller lookup). */
    verifiedListByEmail: (email: string): CustomerDbRow[] => byEmail.all(email),
    get: (id: string): CustomerDbRow | null => byId.get(id) ?? null,
    /** The company's customer with this email (ASCII case folded), oldest first; visitors' typed emails never match. */
    verifiedByEmail: (email: string): CustomerDbRow | null => verifiedByEmail.get(email) ?? null,
    insert: (r: Omit<CustomerDbRow, 'version'>): void => void insert.run(r),
    /** The company's site is the source of truth for a verified customer's name and email. */
    rename: (id: string, name: string, email: string): boolean => rename.run({ id, name, email }).changes > 0,
    /** Seeded customers with orders, for the demo chat page's identity picker. */
    demoIdentities: (limit: number): CustomerDbRow[] => demoIdentities.all(limit),
  };
}
export type CustomersTable = ReturnType<typeof createCustomersTable>;
