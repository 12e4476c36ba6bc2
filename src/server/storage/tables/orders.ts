import type { OrderRow } from '../../../shared/domain';
import type { Db } from '../db';
import { parseJson } from './json';

export interface OrderDbRow {
  id: string;
  customer_id: string;
  order_number: string;
  merchant: string;
  items_json: string;
  total_minor: number;
  currency: string;
  plan: OrderRow['plan'];
  status: OrderRow['status'];
  placed_at: string;
  return_window_ends_at: string;
  version: number;
}

export function toWireOrder(r: OrderDbRow): OrderRow {
  return {
    id: r.id,
    customerId: r.customer_id,
    orderNumber: r.order_number,
    merchant: r.merchant,
    items: parseJson<OrderRow['items']>(r.items_json, []),
    totalMinor: r.total_minor,
    currency: r.currency,
    plan: r.plan,
    status: r.status,
    placedAt: r.placed_at,
    returnWindowEndsAt: r.return_window_ends_at,
    version: r.version,
  };
}

export function createOrdersTable(db: Db) {
  const forCustomer = db.prepare<[string], OrderDbRow>('SELECT * FROM orders WHERE customer_id = ? ORDER BY placed_at DESC');
  const byId = db.prepare<[string], OrderDbRow>('SELECT * FROM orders WHERE id = ?');
  const byNumber = db.prepare<[string], OrderDbRow>('SELECT * FROM orders WHERE order_number = ?');
  return {
    get: (id: string): OrderDbRow | null => byId.get(id) ?? null,
    getByNumber: (n: string): OrderDbRow | null => byNumber.get(n) ?? null,
    forCustomer: (customerId: string): OrderDbRow[] => forCustomer.all(customerId),
  };
}
