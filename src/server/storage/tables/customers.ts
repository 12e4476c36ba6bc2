import type { CustomerRow } from '../../../shared/domain';
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
    version: r.version,
  };
}

export function createCustomersTable(db: Db) {
  const byId = db.prepare<[string], CustomerDbRow>('SELECT * FROM customers WHERE id = ?');
  const byEmail = db.prepare<[string], CustomerDbRow>('SELECT * FROM customers WHERE email = ? ORDER BY created_at LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO customers (id, name, email, phone, locale, time_zone, region_id, country, currency, device_json, risk_flags_json, created_at)
     VALUES (@id, @name, @email, @phone, @locale, @time_zone, @region_id, @country, @currency, @device_json, @risk_flags_json, @created_at)`,
  );
  const demoIdentities = db.prepare<[number], CustomerDbRow>(
    `SELECT c.* FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) ORDER BY c.id LIMIT ?`,
  );
  return {
    get: (id: string): CustomerDbRow | null => byId.get(id) ?? null,
    getByEmail: (email: string): CustomerDbRow | null => byEmail.get(email) ?? null,
    insert: (r: Omit<CustomerDbRow, 'version'>): void => void insert.run(r),
    /** Seeded customers with orders, for the demo chat page's identity picker. */
    demoIdentities: (limit: number): CustomerDbRow[] => demoIdentities.all(limit),
  };
}
export type CustomersTable = ReturnType<typeof createCustomersTable>;
