/** Words and chip tones for the customer's account states. */
import type { AccountRow, InstallmentRow, OrderRow, PaymentPlan, ReturnRow, TransactionRow } from '../../../shared/domain';
import type { ChipTone } from '../../ui/Chip';

export const ACCOUNT_STATUS: Record<AccountRow['status'], { label: string; tone: ChipTone }> = {
  active: { label: 'Active', tone: 'success' },
  locked: { label: 'Locked', tone: 'danger' },
  collections: { label: 'Collections', tone: 'warning' },
};

export const VERIFICATION: Record<AccountRow['verificationStatus'], { label: string; tone: ChipTone }> = {
  verified: { label: 'Verified', tone: 'success' },
  pending: { label: 'KYC pending', tone: 'warning' },
  failed: { label: 'KYC failed', tone: 'danger' },
  not_started: { label: 'Not verified', tone: 'neutral' },
};

export const PLAN_LABELS: Record<PaymentPlan, string> = {
  pay_in_4: 'Pay in 4',
  pay_in_30: 'Pay in 30 days',
  financing: 'Financing',
  pay_now: 'Pay now',
};

export const ORDER_STATUS: Record<OrderRow['status'], { label: string; tone: ChipTone }> = {
  active: { label: 'Active', tone: 'info' },
  completed: { label: 'Paid off', tone: 'success' },
  refunded: { label: 'Refunded', tone: 'neutral' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export const INSTALLMENT_STATUS: Record<InstallmentRow['status'], { label: string; tone: ChipTone }> = {
  scheduled: { label: 'Scheduled', tone: 'neutral' },
  paid: { label: 'Paid', tone: 'success' },
  overdue: { label: 'Overdue', tone: 'danger' },
  failed: { label: 'Failed', tone: 'danger' },
  paused: { label: 'Paused', tone: 'warning' },
};

export const TRANSACTION_KIND: Record<TransactionRow['kind'], string> = { purchase: 'Purchase', payment: 'Payment', refund: 'Refund', fee: 'Fee' };

export const TRANSACTION_STATUS: Record<TransactionRow['status'], { label: string; tone: ChipTone }> = {
  pending: { label: 'Pending', tone: 'warning' },
  settled: { label: 'Settled', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  reversed: { label: 'Reversed', tone: 'neutral' },
};

export const RETURN_STATUS: Record<ReturnRow['status'], { label: string; tone: ChipTone }> = {
  requested: { label: 'Requested', tone: 'info' },
  in_transit: { label: 'In transit', tone: 'info' },
  received: { label: 'Received', tone: 'warning' },
  refunded: { label: 'Refunded', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
};

const RISK_LABELS: Record<string, string> = { fraud_hold: 'Fraud hold', vulnerability: 'Vulnerable customer', hardship: 'Hardship' };
export const riskLabel = (flag: string) => RISK_LABELS[flag] ?? flag.replace(/_/g, ' ');
