/**
 * Which context-panel sections a chat shows, in which order and which open at first: the
 * per-category table of UX.md §2, reduced to what the customer data has. The category's own
 * rows come first and open; every other section with data follows collapsed, so nothing is out
 * of reach. An agent's own open/close choice in a chat always wins over these defaults.
 *
 * From the table, not fillable from `CustomerContext` (no data source): security signals,
 * documents, refund timeline steps, disputes, repayment eligibility, reminder log, recent app
 * errors, active incidents, late-fee countdown/waivability and next retry.
 */
import type { CustomerContext } from '../../../shared/api/contract';
import type { Category, TransactionRow } from '../../../shared/domain';

export const SECTION_IDS = ['arrears', 'account', 'device', 'orders', 'returns', 'transactions', 'paymentMethods'] as const;
export type SectionId = (typeof SECTION_IDS)[number];
/** Every collapsible block of the panel: the category sections, similar resolved cases (assist) and previous conversations (always last). */
export type PanelSectionKey = SectionId | 'similar' | 'previous';

export const SECTION_TITLES: Record<SectionId, string> = {
  arrears: 'Arrears',
  account: 'Account & verification',
  device: 'Device & app',
  orders: 'Orders & plans',
  returns: 'Returns & refunds',
  transactions: 'Transactions',
  paymentMethods: 'Payment methods',
};

/** The category's rows of the UX table, as our sections (open by default unless marked). */
const BY_CATEGORY: Record<Category, readonly (SectionId | [SectionId, 'collapsed'])[]> = {
  // Payment attempts · plan schedule · payment method on file · transactions
  payment_delay: ['transactions', 'orders', 'paymentMethods'],
  // KYC + failure reason · limits affected · plans (collapsed); DOMAIN.md adds linked payment methods
  account_verification: ['account', 'paymentMethods', ['orders', 'collapsed']],
  // Order & merchant · refund timeline / plan impact · transactions (refund credits)
  refund_return: ['orders', 'returns', 'transactions'],
  // Arrears · payment method on file + last decline · plan schedule
  missed_payment: ['arrears', 'paymentMethods', 'orders'],
  // Device & app · checkout attempts · plans & transactions (collapsed)
  technical_glitch: ['device', 'transactions', ['orders', 'collapsed']],
  other: ['account', 'orders', 'returns', 'transactions', 'paymentMethods'],
};

/** The order the remaining sections follow, collapsed, after the category's own. */
const REST: readonly SectionId[] = ['account', 'orders', 'returns', 'transactions', 'paymentMethods', 'arrears', 'device'];

export interface SectionPlan {
  id: SectionId;
  defaultOpen: boolean;
}

/** Installments that are behind: overdue, or a collection that failed. */
export const isInArrears = (status: string) => status === 'overdue' || status === 'failed';

/** Whether the data has anything for a section (a section without data is not shown at all). */
export function hasData(id: SectionId, c: CustomerContext): boolean {
  switch (id) {
    case 'arrears':
      return c.installments.some((i) => isInArrears(i.status));
    case 'account':
      return c.account !== null;
    case 'device':
      return c.customer?.device != null;
    case 'orders':
      return c.orders.length > 0;
    case 'returns':
      return c.returns.length > 0;
    case 'transactions':
      return c.transactions.length > 0;
    case 'paymentMethods':
      return c.paymentMethods.length > 0;
  }
}

export function sectionPlan(category: Category, context: CustomerContext): SectionPlan[] {
  const plan: SectionPlan[] = [];
  const seen = new Set<SectionId>();
  for (const entry of BY_CATEGORY[category]) {
    const [id, collapsed] = Array.isArray(entry) ? entry : [entry, null];
    seen.add(id);
    if (hasData(id, context)) plan.push({ id, defaultOpen: collapsed === null });
  }
  for (const id of REST) if (!seen.has(id) && hasData(id, context)) plan.push({ id, defaultOpen: false });
  return plan;
}

export type TxStatusFilter = TransactionRow['status'] | 'all';
export type TxKindFilter = TransactionRow['kind'] | 'all';
export interface TxFilter {
  status: TxStatusFilter;
  kind: TxKindFilter;
}

/** What the transactions list starts filtered to for a category: the rows the table names, when there are any. */
export function defaultTxFilter(category: Category, rows: readonly TransactionRow[]): TxFilter {
  const kind: TxKindFilter = category === 'payment_delay' ? 'payment' : category === 'refund_return' ? 'refund' : category === 'technical_glitch' ? 'purchase' : 'all';
  if (kind !== 'all' && !rows.some((r) => r.kind === kind)) return { status: 'all', kind: 'all' };
  return { status: 'all', kind };
}

export function filterTransactions(rows: readonly TransactionRow[], f: TxFilter): TransactionRow[] {
  return rows.filter((r) => (f.status === 'all' || r.status === f.status) && (f.kind === 'all' || r.kind === f.kind)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
