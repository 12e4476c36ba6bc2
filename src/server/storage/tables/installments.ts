import type { InstallmentRow } from '../../../shared/domain';
import type { Db } from '../db';

export interface InstallmentDbRow {
  id: string;
  order_id: string;
  customer_id: string;
  number: number;
  due_date: string;
  amount_minor: number;
  currency: string;
  status: InstallmentRow['status'];
  paid_at: string | null;
  late_fee_minor: number;
  version: number;
}

export function toWireInstallment(r: InstallmentDbRow): InstallmentRow {
  return {
    id: r.id,
    orderId: r.order_id,
    customerId: r.customer_id,
    number: r.number,
    dueDate: r.due_date,
    amountMinor: r.amount_minor,
    currency: r.currency,
    status: r.status,
    paidAt: r.paid_at,
    lateFeeMinor: r.late_fee_minor,
    version: r.version,
  };
}

export function createInstallmentsTable(db: Db) {
  const forCustomer = db.prepare<[string], InstallmentDbRow>('SELECT * FROM installments WHERE customer_id = ? ORDER BY due_date, number');
  const forOrder = db.prepare<[string], InstallmentDbRow>('SELECT * FROM installments WHERE order_id = ? ORDER BY number');
  const byId = db.prepare<[string], InstallmentDbRow>('SELECT * FROM installments WHERE id = ?');
  const setDueDate = db.prepare(
    `UPDATE installments SET due_date = ?, status = CASE WHEN status IN ('overdue','failed') THEN 'scheduled' ELSE status END,
       version = version + 1 WHERE id = ?`,
  );
  const setStatus = db.prepare('UPDATE installments SET status = ?, version = version + 1 WHERE id = ?');
  return {
    get: (id: string): InstallmentDbRow | null => byId.get(id) ?? null,
    forCustomer: (customerId: string): InstallmentDbRow[] => forCustomer.all(customerId),
    forOrder: (orderId: string): InstallmentDbRow[] => forOrder.all(orderId),
    setDueDate: (id: string, dueDate: string): void => void setDueDate.run(dueDate, id),
    setStatus: (id: string, status: InstallmentRow['status']): void => void setStatus.run(status, id),
  };
}
