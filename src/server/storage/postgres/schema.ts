/**
 * The typed schema kysely checks the PostgreSQL repositories against: the tables implemented so
 * far, column for column as in migrations.ts, typed so that a `selectAll()` row is the shared
 * `*DbRow` type of the SQLite table module (times as ISO text, JSON as text, integers as numbers:
 * int4 arrives as a number, int8 through the pool's parser in pool.ts). Add a table here when its
 * repository moves over.
 */
import type { Generated, GeneratedAlways } from 'kysely';
import type { Presence, Role, Tier } from '../../../shared/domain';
import type { AccountDbRow } from '../tables/accounts';
import type { CannedReplyDbRow } from '../tables/canned-replies';
import type { CustomerDbRow } from '../tables/customers';
import type { MessageDbRow } from '../tables/messages';
import type { TicketDbRow } from '../tables/tickets';
import type { AttachmentDbRow } from '../tables/attachments';
import type { AuditDbRow } from '../tables/audit-log';
import type { FeedDbRow } from '../tables/change-feed';
import type { InstallmentDbRow } from '../tables/installments';
import type { CallDbRow } from '../tables/calls';
import type { MacroDbRow } from '../tables/macros';
import type { OrderDbRow } from '../tables/orders';
import type { PaymentMethodDbRow } from '../tables/payment-methods';
import type { RegionRow } from '../tables/regions';
import type { ReturnDbRow } from '../tables/returns';
import type { TransactionDbRow } from '../tables/transactions';
import type { MailInboxDbRow } from '../tables/mail-inbox';
import type { MailOutboxDbRow } from '../tables/mail-outbox';

/** A row type with the columns the database fills by default optional on insert (kysely's `Generated`). */
type Defaulted<Row, K extends keyof Row> = Omit<Row, K> & { [P in K]: Generated<Row[P]> };

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

export type TicketsTable = Defaulted<TicketDbRow, 'is_complaint' | 'reopen_count' | 'version' | 'tags_json'> & {
  /** Left from before chat_tokens (migration 20): always null, as on SQLite. */
  customer_token_hash: string | null;
};

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

export type MessagesTable = Defaulted<MessageDbRow, 'attachment_ids_json' | 'whisper' | 'canned_shortcut' | 'version'>;

export type RegionsTable = Defaulted<RegionRow, 'chat_enabled' | 'first_response_target_sec' | 'holiday_hours_json' | 'exceptions_json' | 'complaint_business_days'>;

export type CustomersTable = Defaulted<CustomerDbRow, 'risk_flags_json' | 'identity' | 'version'>;

export type AccountsTable = Defaulted<AccountDbRow, 'verification_attempts' | 'version'>;

export type PaymentMethodsTable = Defaulted<PaymentMethodDbRow, 'is_default' | 'version'>;

export type OrdersTable = Defaulted<OrderDbRow, 'version'>;

export type InstallmentsTable = Defaulted<InstallmentDbRow, 'late_fee_minor' | 'version'>;

export type TransactionsTable = Defaulted<TransactionDbRow, 'version'>;

export type ReturnsTable = Defaulted<ReturnDbRow, 'version'>;

export type AttachmentsTable = Defaulted<AttachmentDbRow, 'version' | 'ocr_text' | 'cards_hidden'>;

export type CannedRepliesTable = Defaulted<CannedReplyDbRow, 'language' | 'version'>;

export type MacrosTable = Defaulted<MacroDbRow, 'inputs_json' | 'position' | 'version'>;

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

export type MailOutboxTable = Defaulted<MailOutboxDbRow, 'attempts' | 'last_error' | 'sent_at'>;

export type MailInboxTable = MailInboxDbRow;

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
  calls: CallDbRow;
  transactions: TransactionsTable;
  returns: ReturnsTable;
  audit_log: AuditLogTable;
  change_feed: ChangeFeedTable;
  sync_clients: SyncClientsTable;
  push_acks: PushAcksTable;
  mail_outbox: MailOutboxTable;
  mail_inbox: MailInboxTable;
}
