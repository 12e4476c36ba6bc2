/**
 * The demo world as storage rows (snake_case, exactly the columns of migration 0010), plus the
 * column list of each table so the writer can prepare one INSERT per table.
 */

export interface RegionDbRow {
  id: string;
  name: string;
  time_zone: string;
  locale: string;
  currency: string;
  hours_json: string;
  chat_enabled: number;
  phone: string | null;
  first_response_target_sec: number;
}

export interface AgentDbRow {
  id: string;
  email: string;
  name: string;
  role: string;
  tier: number;
  regions_json: string;
  capacity: number;
  presence: string;
  presence_reason: string | null;
  password_hash: string;
  last_assigned_at: string | null;
  created_at: string;
}

export interface CustomerDbRow {
  id: string;
  name: string;
  email: string;
  phone: string;
  locale: string;
  time_zone: string;
  region_id: string;
  country: string;
  currency: string;
  device_json: string | null;
  risk_flags_json: string;
  created_at: string;
}

export interface AccountDbRow {
  id: string;
  customer_id: string;
  status: string;
  verification_status: string;
  verification_attempts: number;
  verification_failure_reason: string | null;
  spending_limit_minor: number;
  currency: string;
}

export interface PaymentMethodDbRow {
  id: string;
  customer_id: string;
  kind: 'card' | 'bank_account';
  brand: string;
  last4: string;
  expiry: string | null;
  is_default: number;
  status: 'active' | 'expired' | 'failed_verification';
  last_decline_reason: string | null;
}

export interface OrderDbRow {
  id: string;
  customer_id: string;
  order_number: string;
  merchant: string;
  items_json: string;
  total_minor: number;
  currency: string;
  plan: string;
  status: 'active' | 'completed' | 'refunded' | 'cancelled';
  placed_at: string;
  return_window_ends_at: string;
}

export interface InstallmentDbRow {
  id: string;
  order_id: string;
  customer_id: string;
  number: number;
  due_date: string;
  amount_minor: number;
  currency: string;
  status: string;
  paid_at: string | null;
  late_fee_minor: number;
}

export interface TransactionDbRow {
  id: string;
  customer_id: string;
  order_id: string | null;
  installment_id: string | null;
  kind: string;
  status: string;
  amount_minor: number;
  currency: string;
  reference: string;
  rail: string;
  failure_reason: string | null;
  created_at: string;
  settled_at: string | null;
}

export interface ReturnDbRow {
  id: string;
  order_id: string;
  customer_id: string;
  status: string;
  reason: string;
  refund_amount_minor: number;
  currency: string;
  refund_date: string | null;
  created_at: string;
}

export interface TicketDbRow {
  id: string;
  reference: string;
  customer_id: string;
  channel: string;
  category: string;
  status: string;
  priority: string;
  tier: number;
  region_id: string;
  assignee_id: string | null;
  subject: string;
  order_number: string | null;
  customer_token_hash: string | null;
  created_at: string;
  queued_at: string | null;
  offered_at: string | null;
  accepted_at: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  last_message_at: string | null;
  csat: number | null;
  csat_comment: string | null;
  is_complaint: number;
  complaint_due_at: string | null;
}

export interface MessageDbRow {
  id: string;
  ticket_id: string;
  author_kind: string;
  author_id: string | null;
  author_name: string;
  body: string;
  client_msg_id: string | null;
  attachment_ids_json: string;
  created_at: string;
}

export interface CannedReplyDbRow {
  id: string;
  category: string;
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
  regions: ['id', 'name', 'time_zone', 'locale', 'currency', 'hours_json', 'chat_enabled', 'phone', 'first_response_target_sec'],
  agents: ['id', 'email', 'name', 'role', 'tier', 'regions_json', 'capacity', 'presence', 'presence_reason', 'password_hash', 'last_assigned_at', 'created_at'],
  customers: ['id', 'name', 'email', 'phone', 'locale', 'time_zone', 'region_id', 'country', 'currency', 'device_json', 'risk_flags_json', 'created_at'],
  accounts: ['id', 'customer_id', 'status', 'verification_status', 'verification_attempts', 'verification_failure_reason', 'spending_limit_minor', 'currency'],
  payment_methods: ['id', 'customer_id', 'kind', 'brand', 'last4', 'expiry', 'is_default', 'status', 'last_decline_reason'],
  orders: ['id', 'customer_id', 'order_number', 'merchant', 'items_json', 'total_minor', 'currency', 'plan', 'status', 'placed_at', 'return_window_ends_at'],
  installments: ['id', 'order_id', 'customer_id', 'number', 'due_date', 'amount_minor', 'currency', 'status', 'paid_at', 'late_fee_minor'],
  transactions: ['id', 'customer_id', 'order_id', 'installment_id', 'kind', 'status', 'amount_minor', 'currency', 'reference', 'rail', 'failure_reason', 'created_at', 'settled_at'],
  returns: ['id', 'order_id', 'customer_id', 'status', 'reason', 'refund_amount_minor', 'currency', 'refund_date', 'created_at'],
  tickets: [
    'id', 'reference', 'customer_id', 'channel', 'category', 'status', 'priority', 'tier', 'region_id', 'assignee_id', 'subject', 'order_number',
    'customer_token_hash', 'created_at', 'queued_at', 'offered_at', 'accepted_at', 'first_response_at', 'resolved_at', 'last_message_at', 'csat',
    'csat_comment', 'is_complaint', 'complaint_due_at',
  ],
  messages: ['id', 'ticket_id', 'author_kind', 'author_id', 'author_name', 'body', 'client_msg_id', 'attachment_ids_json', 'created_at'],
  canned_replies: ['id', 'category', 'title', 'shortcut', 'body'],
  macros: ['id', 'category', 'title', 'reply_body', 'set_status', 'set_priority'],
  incidents: ['id', 'title', 'error_code', 'status', 'started_at', 'resolved_at'],
};
