/**
 * The demo world as storage rows (snake_case, exactly the columns of migration 0010), plus the
 * column list of each table so the writer can prepare one INSERT per table.
 */
import type { RegionRow } from '../storage/tables/regions';
import type { AgentDbRow as StorageAgentDbRow } from '../storage/tables/agents';
import type { CustomerDbRow as StorageCustomerDbRow } from '../storage/tables/customers';
import type { AccountDbRow as StorageAccountDbRow } from '../storage/tables/accounts';
import type { PaymentMethodDbRow as StoragePaymentMethodDbRow } from '../storage/tables/payment-methods';
import type { OrderDbRow as StorageOrderDbRow } from '../storage/tables/orders';
import type { InstallmentDbRow as StorageInstallmentDbRow } from '../storage/tables/installments';
import type { TransactionDbRow as StorageTransactionDbRow } from '../storage/tables/transactions';
import type { ReturnDbRow as StorageReturnDbRow } from '../storage/tables/returns';
import type { TicketDbRow as StorageTicketDbRow } from '../storage/tables/tickets';
import type { MessageDbRow as StorageMessageDbRow } from '../storage/tables/messages';

export type RegionDbRow = RegionRow;

export type AgentDbRow = Omit<StorageAgentDbRow, 'version'>;

export type CustomerDbRow = Omit<StorageCustomerDbRow, 'version'>;

export type AccountDbRow = Omit<StorageAccountDbRow, 'version'>;

export type PaymentMethodDbRow = Omit<StoragePaymentMethodDbRow, 'version'>;

export type OrderDbRow = Omit<StorageOrderDbRow, 'version'>;

export type InstallmentDbRow = Omit<StorageInstallmentDbRow, 'version'>;

export type TransactionDbRow = Omit<StorageTransactionDbRow, 'version'>;

export type ReturnDbRow = Omit<StorageReturnDbRow, 'version'>;

export type TicketDbRow = Omit<StorageTicketDbRow, 'version'>;

export type MessageDbRow = Omit<StorageMessageDbRow, 'version'>;

export interface CannedReplyDbRow {
  id: string;
  category: string;
  language: string;
  title: string;
  shortcut: string;
  body: string;
}

export interface MacroDbRow {
  id: string;
  category: string;
  title: string;
  reply_body: string | null;
  set_status: string | null;
  set_priority: string | null;
  steps_json: string;
  inputs_json: string;
  position: number;
}

export interface IncidentDbRow {
  id: string;
  title: string;
  error_code: string | null;
  status: string;
  started_at: string;
  resolved_at: string | null;
}

export interface DemoWorldRows {
  regions: RegionDbRow[];
  agents: AgentDbRow[];
  customers: CustomerDbRow[];
  accounts: AccountDbRow[];
  payment_methods: PaymentMethodDbRow[];
  orders: OrderDbRow[];
  installments: InstallmentDbRow[];
  transactions: TransactionDbRow[];
  returns: ReturnDbRow[];
  tickets: TicketDbRow[];
  messages: MessageDbRow[];
  canned_replies: CannedReplyDbRow[];
  macros: MacroDbRow[];
  incidents: IncidentDbRow[];
}

type Columns<T> = readonly (keyof T & string)[];

/** Insert order respects the foreign keys. */
export const TABLE_COLUMNS: { [K in keyof DemoWorldRows]: Columns<DemoWorldRows[K][number]> } = {
  regions: [
    'id', 'name', 'time_zone', 'locale', 'currency', 'hours_json', 'chat_enabled', 'phone', 'first_response_target_sec',
    'holiday_country', 'holiday_hours_json', 'exceptions_json', 'complaint_business_days',
  ],
  agents: ['id', 'email', 'name', 'role', 'tier', 'regions_json', 'capacity', 'presence', 'presence_reason', 'password_hash', 'last_assigned_at', 'created_at'],
  customers: ['id', 'name', 'email', 'phone', 'locale', 'time_zone', 'region_id', 'country', 'currency', 'device_json', 'risk_flags_json', 'created_at', 'identity'],
  accounts: ['id', 'customer_id', 'status', 'verification_status', 'verification_attempts', 'verification_failure_reason', 'spending_limit_minor', 'currency'],
  payment_methods: ['id', 'customer_id', 'kind', 'brand', 'last4', 'expiry', 'is_default', 'status', 'last_decline_reason'],
  orders: ['id', 'customer_id', 'order_number', 'merchant', 'items_json', 'total_minor', 'currency', 'plan', 'status', 'placed_at', 'return_window_ends_at'],
  installments: ['id', 'order_id', 'customer_id', 'number', 'due_date', 'amount_minor', 'currency', 'status', 'paid_at', 'late_fee_minor'],
  transactions: ['id', 'customer_id', 'order_id', 'installment_id', 'kind', 'status', 'amount_minor', 'currency', 'reference', 'rail', 'failure_reason', 'created_at', 'settled_at'],
  returns: ['id', 'order_id', 'customer_id', 'status', 'reason', 'refund_amount_minor', 'currency', 'refund_date', 'created_at'],
  tickets: [
    'id', 'reference', 'customer_id', 'channel', 'category', 'status', 'priority', 'tier', 'region_id', 'assignee_id', 'subject', 'order_number',
    'linked_ticket_id', 'created_at', 'queued_at', 'offered_at', 'accepted_at', 'first_response_at', 'resolved_at', 'last_message_at', 'csat',
    'csat_comment', 'is_complaint', 'complaint_due_at', 'complaint_opened_at', 'waiting_since', 'reply_due_at',
    'initial_category',
  ],
  messages: ['id', 'ticket_id', 'author_kind', 'author_id', 'author_name', 'body', 'client_msg_id', 'attachment_ids_json', 'created_at', 'canned_shortcut'],
  canned_replies: ['id', 'category', 'language', 'title', 'shortcut', 'body'],
  macros: ['id', 'category', 'title', 'reply_body', 'set_status', 'set_priority', 'steps_json', 'inputs_json', 'position'],
  incidents: ['id', 'title', 'error_code', 'status', 'started_at', 'resolved_at'],
};
