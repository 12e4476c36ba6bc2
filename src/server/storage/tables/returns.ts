import type { ReturnRow } from '../../../shared/domain';
import type { Db } from '../db';

export interface ReturnDbRow {
  id: string;
  order_id: string;
  customer_id: string;
  status: ReturnRow['status'];
  reason: string;
  refund_amount_minor: number;
  currency: string;
  refund_date: string | null;
  created_at: string;
  version: number;
}

export const OPEN_RETURN_STATUSES: readonly ReturnRow['status'][] = ['requested', 'in_transit', 'received'];

export function toWireReturn(r: ReturnDbRow): ReturnRow {
  return {
    id: r.id,
    orderId: r.order_id,
    customerId: r.customer_id,
    status: r.status,
    reason: r.reason,
    refundAmountMinor: r.refund_amount_minor,
    currency: r.currency,
    refundDate: r.refund_date,
    createdAt: r.created_at,
    version: r.version,
  };
}

export function createReturnsTable(db: Db) {
  const forCustomer = db.prepare<[string], ReturnDbRow>('SELECT * FROM returns WHERE customer_id = ? ORDER BY created_at DESC');
  const byId = db.prepare<[string], ReturnDbRow>('SELECT * FROM returns WHERE id = ?');
  return {
    get: (id: string): ReturnDbRow | null => byId.get(id) ?? null,
    forCustomer: (customerId: string): ReturnDbRow[] => forCustomer.all(customerId),
  };
}
