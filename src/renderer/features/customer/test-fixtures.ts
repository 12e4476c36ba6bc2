/** Customer data for the panel's tests: a Swedish customer with orders, a plan, a return and payments. */
import type { CustomerContext, TicketDetail } from '../../../shared/api/contract';
import type { InstallmentRow, OrderRow, TransactionRow } from '../../../shared/domain';
import { detail as detailOf } from '../../testing/fake-api';

const inst = (id: string, orderId: string, number: number, dueDate: string, amountMinor: number, status: InstallmentRow['status'], over: Partial<InstallmentRow> = {}): InstallmentRow => ({
  id, orderId, customerId: 'c1', number, dueDate, amountMinor, currency: 'SEK', status, paidAt: status === 'paid' ? `${dueDate}T08:00:00.000Z` : null, lateFeeMinor: 0, version: 1, ...over,
});
const order = (id: string, orderNumber: string, merchant: string, totalMinor: number, placedAt: string, over: Partial<OrderRow> = {}): OrderRow => ({
  id, customerId: 'c1', orderNumber, merchant, items: [{ name: 'Running shoes', quantity: 1, amountMinor: totalMinor }], totalMinor, currency: 'SEK', plan: 'pay_in_4', status: 'active',
  placedAt, returnWindowEndsAt: '2026-03-20T00:00:00.000Z', version: 1, ...over,
});
const tx = (id: string, kind: TransactionRow['kind'], status: TransactionRow['status'], amountMinor: number, createdAt: string, over: Partial<TransactionRow> = {}): TransactionRow => ({
  id, customerId: 'c1', orderId: 'o1', installmentId: null, kind, status, amountMinor, currency: 'SEK', reference: `REF-${id.toUpperCase()}`, rail: 'card', failureReason: null,
  createdAt, settledAt: status === 'settled' ? createdAt : null, version: 1, ...over,
});

export function customerContext(over: Partial<CustomerContext> = {}): CustomerContext {
  return {
    customer: {
      id: 'c1', name: 'Anna Lind', email: 'anna.lind@example.com', phone: '+46701234567', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'eu-north', country: 'SE', currency: 'SEK',
      device: { appVersion: '7.14.2', os: 'iOS 18.3', browser: 'App (iOS)', lastSeenAt: '2026-03-01T09:00:00.000Z' }, riskFlags: ['hardship'], createdAt: '2025-01-01T00:00:00.000Z', identity: 'verified', version: 1,
    },
    account: { id: 'a1', customerId: 'c1', status: 'active', verificationStatus: 'failed', verificationAttempts: 2, verificationFailureReason: 'ID document has expired', spendingLimitMinor: 1_500_000, currency: 'SEK', version: 1 },
    paymentMethods: [{ id: 'pm1', customerId: 'c1', kind: 'card', brand: 'Visa', last4: '4242', expiry: '08/27', isDefault: true, status: 'active', lastDeclineReason: null, version: 1 }],
    orders: [
      order('o2', 'ORD-77001', 'Clas Ohlson', 59_900, '2026-02-20T10:00:00.000Z', { plan: 'pay_in_30' }),
      order('o1', 'ORD-58213', 'Stadium', 189_900, '2026-01-10T10:00:00.000Z'),
      order('o3', 'ORD-10001', 'Åhléns', 39_600, '2025-11-01T10:00:00.000Z', { status: 'completed' }),
    ],
    installments: [
      inst('i1', 'o1', 1, '2026-01-10', 47_475, 'paid'),
      inst('i2', 'o1', 2, '2026-02-10', 47_475, 'paid'),
      inst('i3', 'o1', 3, '2026-03-10', 47_475, 'scheduled'),
      inst('i4', 'o1', 4, '2026-04-10', 47_475, 'scheduled'),
      inst('i5', 'o2', 1, '2026-02-25', 59_900, 'overdue', { lateFeeMinor: 3_500 }),
      inst('i6', 'o3', 1, '2025-11-01', 39_600, 'paid'),
    ],
    transactions: [
      tx('t1', 'purchase', 'settled', 189_900, '2026-01-10T10:00:00.000Z'),
      tx('t2', 'payment', 'settled', 47_475, '2026-02-10T08:00:00.000Z', { installmentId: 'i2' }),
      tx('t3', 'payment', 'failed', 59_900, '2026-02-25T08:00:00.000Z', { orderId: 'o2', installmentId: 'i5', failureReason: 'Insufficient funds' }),
      tx('t4', 'refund', 'pending', 20_000, '2026-02-27T08:00:00.000Z', { rail: 'bank_transfer' }),
    ],
    returns: [{ id: 'r1', orderId: 'o1', customerId: 'c1', status: 'in_transit', reason: 'Wrong size', refundAmountMinor: 94_950, currency: 'SEK', refundDate: null, createdAt: '2026-02-26T10:00:00.000Z', version: 1 }],
    ...over,
  };
}

export function panelDetail(ticketId = 't1', ticket: Partial<TicketDetail['ticket']> = {}, context: Partial<CustomerContext> = {}): TicketDetail {
  const d = detailOf(ticketId, { category: 'payment_delay', orderNumber: 'ORD-58213', assigneeId: 'agent-1', reference: 'AD-0001', ...ticket });
  d.context = customerContext(context);
  return d;
}
