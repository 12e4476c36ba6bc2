import type { PaymentMethodRow } from '../../../shared/domain';
import type { Db } from '../db';

export interface PaymentMethodDbRow {
  id: string;
  customer_id: string;
  kind: PaymentMethodRow['kind'];
  brand: string;
  last4: string;
  expiry: string | null;
  is_default: number;
  status: PaymentMethodRow['status'];
  last_decline_reason: string | null;
  version: number;
}

/** Only the last four digits ever exist in storage; the wire carries nothing more. */
export function toWirePaymentMethod(r: PaymentMethodDbRow): PaymentMethodRow {
  return {
    id: r.id,
    customerId: r.customer_id,
    kind: r.kind,
    brand: r.brand,
    last4: r.last4,
    expiry: r.expiry,
    isDefault: r.is_default === 1,
    status: r.status,
    lastDeclineReason: r.last_decline_reason,
    version: r.version,
  };
}

export function createPaymentMethodsTable(db: Db) {
  const forCustomer = db.prepare<[string], PaymentMethodDbRow>('SELECT * FROM payment_methods WHERE customer_id = ? ORDER BY id');
  const byId = db.prepare<[string], PaymentMethodDbRow>('SELECT * FROM payment_methods WHERE id = ?');
  return {
    get: (id: string): PaymentMethodDbRow | null => byId.get(id) ?? null,
    forCustomer: (customerId: string): PaymentMethodDbRow[] => forCustomer.all(customerId),
  };
}
