/**
 * The typed schema kysely checks the PostgreSQL repositories against: the tables implemented so
 * far, column for column as in migrations.ts, typed so that a `selectAll()` row is the shared
 * `*DbRow` type of the SQLite table module (times as ISO text, JSON as text, integers as numbers:
 * int4 arrives as a number, int8 through the pool's parser in pool.ts). Add a table here when its
 * repository moves over.
 */
import type { Generated, GeneratedAlways } from 'kysely';
import type { AuthorKind, CannedLanguage, Category, Channel, CustomerIdentity, Presence, Priority, Role, TicketStatus, Tier } from '../../../shared/domain';
import type { AccountDbRow } from '../tables/accounts';
import type { AttachmentDbRow } from '../tables/attachments';
import type { AuditDbRow } from '../tables/audit-log';
import type { FeedDbRow } from '../tables/change-feed';
import type { InstallmentDbRow } from '../tables/installments';
import type { MacroDbRow } from '../tables/macros';
import type { OrderDbRow } from '../tables/orders';
import type { PaymentMethodDbRow } from '../tables/payment-methods';
import type { ReturnDbRow } from '../tables/returns';
import type { TransactionDbRow } from '../tables/transactions';

export interface AgentsTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  tier: Tier;
  regions_json: string;
  capacity: Generated<number>;
  presence: Generated<Presence>;
  presence_reason: string | null;
  password_hash: string;
  last_assigned_at: string | null;
  version: Generated<number>;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  agent_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_agent: string | null;
  ip: string | null;
}

export interface AuditLogTable {
  id: GeneratedAlways<number>;
  at: string;
  actor_kind: AuditDbRow['actor_kind'];
  actor_id: string | null;
  action: string;
  outcome: AuditDbRow['outcome'];
  ticket_id: string | null;
  customer_id: string | null;
  details_json: Generated<string>;
  ip: string | null;
}

export interface ChangeFeedTable {
  seq: GeneratedAlways<number>;
  /** xid8 as text: the appending transaction (feed-order.ts). */
  xid: Generated<string>;
  /** The public feed position, NULL until sequenced (sequencer.ts). */
  pos: Generated<number | null>;
  entity: FeedDbRow['entity'];
  entity_id: string;
  op: FeedDbRow['op'];
  ticket_id: string | null;
  customer_id: string | null;
  gained_by: string | null;
  lost_by: string | null;
  lost_region: string | null;
  gained_region: string | null;
  at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface TicketsTable {
  id: string;
  reference: string;
  customer_id: string;
  channel: Channel;
  category: Category;
  status: TicketStatus;
  priority: Priority;
  tier: Tier;
  region_id: string;
  assignee_id: string | null;
  subject: string;
  order_number: string | null;
  /** Left from before chat_tokens (migration 20): always null, as on SQLite. */
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
  is_complaint: Generated<number>;
  complaint_due_at: string | null;
  linked_ticket_id: string | null;
  waiting_since: string | null;
  reply_due_at: string | null;
  version: Generated<number>;
}

export interface TicketDeclinesTable {
  ticket_id: string;
  agent_id: string;
  at: string;
}

export interface ChatTokensTable {
  token_hash: string;
  ticket_id: string;
  customer_id: string;
  created_at: string;
}

export interface MessagesTable {
  id: string;
  ticket_id: string;
  author_kind: AuthorKind;
  author_id: string | null;
  author_name: string;
  body: string;
  client_msg_id: string | null;
  attachment_ids_json: Generated<string>;
  created_at: string;
  version: Generated<number>;
}

export interface RegionsTable {
  id: string;
  name: string;
  time_zone: string;
  locale: string;
  currency: string;
  hours_json: string;
  chat_enabled: Generated<number>;
  phone: string | null;
  first_response_target_sec: Generated<number>;
}

export interface CustomersTable {
  id: string;
  name: string;
  /** Matched as SQLite's `COLLATE NOCASE` column: ASCII letters folded (`lower(email COLLATE "C")`). */
  email: string;
  phone: string;
  locale: string;
  time_zone: string;
  region_id: string;
  country: string;
  currency: string;
  device_json: string | null;
  risk_flags_json: Generated<string>;
  created_at: string;
  identity: Generated<CustomerIdentity>;
  version: Generated<number>;
}

export interface AccountsTable {
  id: string;
  customer_id: string;
  status: AccountDbRow['status'];
  verification_status: AccountDbRow['verification_status'];
  verification_attempts: Generated<number>;
  verification_failure_reason: string | null;
  spending_limit_minor: number;
  currency: string;
  version: Generated<number>;
}

export interface PaymentMethodsTable {
  id: string;
  customer_id: string;
  kind: PaymentMethodDbRow['kind'];
  brand: string;
  last4: string;
  expiry: string | null;
  is_default: Generated<number>;
  status: PaymentMethodDbRow['status'];
  last_decline_reason: string | null;
  version: Generated<number>;
}

export interface OrdersTable {
  id: string;
  customer_id: string;
  order_number: string;
  merchant: string;
  items_json: string;
  total_minor: number;
  currency: string;
  plan: OrderDbRow['plan'];
  status: OrderDbRow['status'];
  placed_at: string;
  return_window_ends_at: string;
  version: Generated<number>;
}

export interface InstallmentsTable {
  id: string;
  order_id: string;
  customer_id: string;
  number: number;
  due_date: string;
  amount_minor: number;
  currency: string;
  status: InstallmentDbRow['status'];
  paid_at: string | null;
  late_fee_minor: Generated<number>;
  version: Generated<number>;
}

export interface TransactionsTable {
  id: string;
  customer_id: string;
  order_id: string | null;
  installment_id: string | null;
  kind: TransactionDbRow['kind'];
  status: TransactionDbRow['status'];
  amount_minor: number;
  currency: string;
  reference: string;
  rail: string;
  failure_reason: string | null;
  created_at: string;
  settled_at: string | null;
  version: Generated<number>;
}

export interface ReturnsTable {
  id: string;
  order_id: string;
  customer_id: string;
  status: ReturnDbRow['status'];
  reason: string;
  refund_amount_minor: number;
  currency: string;
  refund_date: string | null;
  created_at: string;
  version: Generated<number>;
}

export interface AttachmentsTable {
  id: string;
  ticket_id: string;
  message_id: string | null;
  uploader_kind: AttachmentDbRow['uploader_kind'];
  uploader_id: string | null;
  sha256: string;
  mime: AttachmentDbRow['mime'];
  bytes: number;
  width: number;
  height: number;
  filename: string;
  created_at: string;
  version: Generated<number>;
}

export interface CannedRepliesTable {
  id: string;
  category: Category;
  language: Generated<CannedLanguage>;
  title: string;
  shortcut: string;
  body: string;
  version: Generated<number>;
}

export interface MacrosTable {
  id: string;
  category: MacroDbRow['category'];
  title: string;
  reply_body: string | null;
  set_status: MacroDbRow['set_status'];
  set_priority: MacroDbRow['set_priority'];
  steps_json: string | null;
  inputs_json: Generated<string>;
  position: Generated<number>;
  version: Generated<number>;
}

export interface SyncClientsTable {
  client_id: string;
  agent_id: string;
  created_at: string;
  last_seen_at: string;
}

export interface PushAcksTable {
  client_id: string;
  client_msg_id: string;
  ack_json: string;
  at: string;
}

export interface Database {
  meta: MetaTable;
  agents: AgentsTable;
  sessions: SessionsTable;
  tickets: TicketsTable;
  ticket_declines: TicketDeclinesTable;
  chat_tokens: ChatTokensTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  canned_replies: CannedRepliesTable;
  macros: MacrosTable;
  regions: RegionsTable;
  customers: CustomersTable;
  accounts: AccountsTable;
  payment_methods: PaymentMethodsTable;
  orders: OrdersTable;
  installments: InstallmentsTable;
  transactions: TransactionsTable;
  returns: ReturnsTable;
  audit_log: AuditLogTable;
  change_feed: ChangeFeedTable;
  sync_clients: SyncClientsTable;
  push_acks: PushAcksTable;
}
