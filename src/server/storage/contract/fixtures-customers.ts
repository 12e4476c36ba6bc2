/**
 * Rows for the customer-side contract suites (regions, customers, accounts, payment methods,
 * orders, installments, transactions, returns): builders with plain defaults, and `seedCustomer`,
 * which inserts a region and a customer through the repositories. Tables whose repository has no
 * insert (orders, …) get their rows through `EngineHandle.insertRow`. Test code only.
 */
import type { AccountDbRow } from '../tables/accounts';
import type { CustomerDbRow } from '../tables/customers';
import type { InstallmentDbRow } from '../tables/installments';
import type { OrderDbRow } from '../tables/orders';
import type { PaymentMethodDbRow } from '../tables/payment-methods';
import type { RegionRow } from '../tables/regions';
import type { ReturnDbRow } from '../tables/returns';
import type { TransactionDbRow } from '../tables/transactions';
import type { EngineHandle } from './engine';

export const HOURS = { mon: [['09:00', '17:00']], tue: [], wed: [], thu: [], fri: [['08:30', '12:00'], ['13:00', '16:00']], sat: [], sun: [] } as const;

export const regionRow = (id: string, over: Partial<RegionRow> = {}): RegionRow => ({
  id,
  name: `Region ${id}`,
  time_zone: 'Europe/Stockholm',
  locale: 'sv-SE',
  currency: 'SEK',
  hours_json: JSON.stringify(HOURS),
  chat_enabled: 1,
  phone: '+46 8 123 456',
  first_response_target_sec: 300,
  holiday_country: null,
  holiday_hours_json: '[]',
  exceptions_json: '[]',
  complaint_business_days: 10,
  ...over,
});

export const customerRow = (id: string, over: Partial<Omit<CustomerDbRow, 'version'>> = {}): Omit<CustomerDbRow, 'version'> => ({
  id,
  name: `Customer ${id}`,
  email: `${id}@mail.example`,
  phone: '+46 70 000 00 00',
  locale: 'sv-SE',
  time_zone: 'Europe/Stockholm',
  region_id: 'se',
  country: 'SE',
  currency: 'SEK',
  device_json: null,
  risk_flags_json: '[]',
  created_at: '2026-01-10T08:00:00.000Z',
  identity: 'verified',
  ...over,
});

export const accountRow = (id: string, customerId: string, over: Partial<Omit<AccountDbRow, 'version'>> = {}): Omit<AccountDbRow, 'version'> => ({
  id,
  customer_id: customerId,
  status: 'active',
  verification_status: 'verified',
  verification_attempts: 1,
  verification_failure_reason: null,
  spending_limit_minor: 500_000,
  currency: 'SEK',
  ...over,
});

export const paymentMethodRow = (id: string, customerId: string, over: Partial<Omit<PaymentMethodDbRow, 'version'>> = {}): Omit<PaymentMethodDbRow, 'version'> => ({
  id,
  customer_id: customerId,
  kind: 'card',
  brand: 'visa',
  last4: '4242',
  expiry: '12/28',
  is_default: 0,
  status: 'active',
  last_decline_reason: null,
  ...over,
});

export const orderRow = (id: string, customerId: string, over: Partial<Omit<OrderDbRow, 'version'>> = {}): Omit<OrderDbRow, 'version'> => ({
  id,
  customer_id: customerId,
  order_number: `ORD-${id}`,
  merchant: 'Nordic Shoes',
  items_json: '[{"name":"Boots","qty":1,"priceMinor":129900}]',
  total_minor: 129_900,
  currency: 'SEK',
  plan: 'pay_in_4',
  status: 'active',
  placed_at: '2026-02-01T12:00:00.000Z',
  return_window_ends_at: '2026-03-03T12:00:00.000Z',
  ...over,
});

export const installmentRow = (
  id: string,
  orderId: string,
  customerId: string,
  over: Partial<Omit<InstallmentDbRow, 'version'>> = {},
): Omit<InstallmentDbRow, 'version'> => ({
  id,
  order_id: orderId,
  customer_id: customerId,
  number: 1,
  due_date: '2026-03-01',
  amount_minor: 32_475,
  currency: 'SEK',
  status: 'scheduled',
  paid_at: null,
  late_fee_minor: 0,
  ...over,
});

export const transactionRow = (id: string, customerId: string, over: Partial<Omit<TransactionDbRow, 'version'>> = {}): Omit<TransactionDbRow, 'version'> => ({
  id,
  customer_id: customerId,
  order_id: null,
  installment_id: null,
  kind: 'payment',
  status: 'settled',
  amount_minor: 32_475,
  currency: 'SEK',
  reference: `REF-${id}`,
  rail: 'card',
  failure_reason: null,
  created_at: '2026-02-01T12:00:00.000Z',
  settled_at: '2026-02-02T06:00:00.000Z',
  ...over,
});

export const returnRow = (id: string, orderId: string, customerId: string, over: Partial<Omit<ReturnDbRow, 'version'>> = {}): Omit<ReturnDbRow, 'version'> => ({
  id,
  order_id: orderId,
  customer_id: customerId,
  status: 'requested',
  reason: 'Too small',
  refund_amount_minor: 129_900,
  currency: 'SEK',
  refund_date: null,
  created_at: '2026-02-10T09:00:00.000Z',
  ...over,
});

/** Region `se` and the given customers (through the repositories), in one transaction. */
export async function seedCustomers(h: EngineHandle, ...ids: string[]): Promise<void> {
  await h.storage.write(async (tx) => {
    if (!(await tx.regions.get('se'))) await tx.regions.insert(regionRow('se'));
    for (const id of ids) await tx.customers.insert(customerRow(id));
  });
}

/** Inserts rows past the interface, in order (parents first). */
export async function insertRows(h: EngineHandle, table: string, rows: readonly Readonly<Record<string, string | number | null>>[]): Promise<void> {
  for (const row of rows) await h.insertRow(table, row);
}
