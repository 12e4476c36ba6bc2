import type { TransactionRow } from '../../../shared/domain';
import type { Db } from '../db';

export interface TransactionDbRow {
  id: string;
  customer_id: string;
  order_id: string | null;
  installment_id: string | null;
  kind: TransactionRow['kind'];
  status: TransactionRow['status'];
  amount_minor: number;
  currency: string;
  reference: string;
  rail: string;
  failure_reason: string | null;
  created_at: string;
  settled_at: string | null;
  version: number;
}

export function toWireTransaction(r: TransactionDbRow): TransactionRow {
  return {
    id: r.id,
    customerId: r.customer_id,
    orderId: r.order_id,
    installmentId: r.installment_id,
    kind: r.kind,
    status: r.status,
    amountMinor: r.amount_minor,
    currency: r.currency,
    reference: r.reference,
    rail: r.rail,
    failureReason: r.failure_reason,
    createdAt: r.created_at,
    settledAt: r.settled_at,
    version: r.version,
  };
}

export function createTransactionsTable(db: Db) {
  const forCustomer = db.prepare<[string], TransactionDbRow>('SELECT * FROM transactions WHERE customer_id = ? ORDER BY created_at DESC');
  const byId = db.prepare<[string], TransactionDbRow>('SELECT * FROM transactions WHERE id = ?');
  return {
    get: (id: string): TransactionDbRow | null => byId.get(id) ?? null,
    forCustomer: (customerId: string): TransactionDbRow[] => forCustomer.all(customerId),
  };
}
