/**
 * The domain of DOMAIN.md as wire types: what the desk server stores and what desktops cache.
 * Field names are camelCase on the wire; storage converts in its table modules.
 */
import { z } from 'zod';

export const ROLES = ['agent', 'senior', 'supervisor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const PRESENCES = ['available', 'away', 'offline'] as const;
export const Presence = z.enum(PRESENCES);
export type Presence = z.infer<typeof Presence>;

export const CATEGORIES = [
  'payment_delay',
  'account_verification',
  'refund_return',
  'missed_payment',
  'technical_glitch',
  'other',
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const CATEGORY_LABELS: Record<Category, string> = {
  payment_delay: 'Payment delay',
  account_verification: 'Account verification',
  refund_return: 'Refund / return',
  missed_payment: 'Missed payment',
  technical_glitch: 'Technical glitch',
  other: 'Other',
};

export const CHANNELS = ['chat', 'email', 'phone'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** queued: waiting for an agent; open: with an agent; pending: waiting on the customer. */
export const TICKET_STATUSES = ['queued', 'open', 'pending', 'resolved', 'closed'] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** 1: agent, 2: senior agent, 3: supervisor (formal complaints live here). */
export const Tier = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Tier = z.infer<typeof Tier>;

export const AUTHOR_KINDS = ['customer', 'agent', 'system', 'note'] as const;
export const AuthorKind = z.enum(AUTHOR_KINDS);
export type AuthorKind = z.infer<typeof AuthorKind>;

export const PAYMENT_PLANS = ['pay_in_4', 'pay_in_30', 'financing', 'pay_now'] as const;
export const PaymentPlan = z.enum(PAYMENT_PLANS);
export type PaymentPlan = z.infer<typeof PaymentPlan>;

export const INSTALLMENT_STATUSES = ['scheduled', 'paid', 'overdue', 'failed', 'paused'] as const;
export const InstallmentStatus = z.enum(INSTALLMENT_STATUSES);
export type InstallmentStatus = z.infer<typeof InstallmentStatus>;

export const TRANSACTION_KINDS = ['purchase', 'payment', 'refund', 'fee'] as const;
export const TransactionKind = z.enum(TRANSACTION_KINDS);
export const TRANSACTION_STATUSES = ['pending', 'settled', 'failed', 'reversed'] as const;
export const TransactionStatus = z.enum(TRANSACTION_STATUSES);

export const ACCOUNT_STATUSES = ['active', 'locked', 'collections'] as const;
export const AccountStatus = z.enum(ACCOUNT_STATUSES);
export const VERIFICATION_STATUSES = ['verified', 'pending', 'failed', 'not_started'] as const;
export const VerificationStatus = z.enum(VERIFICATION_STATUSES);

export const RETURN_STATUSES = ['requested', 'in_transit', 'received', 'refunded', 'rejected'] as const;
export const ReturnStatus = z.enum(RETURN_STATUSES);

const isoTime = z.string();
const nullableTime = isoTime.nullable();

export const AgentRow = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  tier: Tier,
  regions: z.array(z.string()),
  capacity: z.number().int(),
  presence: Presence,
  presenceReason: z.string().nullable(),
});
export type AgentRow = z.infer<typeof AgentRow>;

export const TicketRow = z.object({
  id: z.string(),
  reference: z.string(),
  customerId: z.string(),
  channel: Channel,
  category: Category,
  status: TicketStatus,
  priority: Priority,
  tier: Tier,
  regionId: z.string(),
  assigneeId: z.string().nullable(),
  subject: z.string(),
  orderNumber: z.string().nullable(),
  createdAt: isoTime,
  offeredAt: nullableTime,
  acceptedAt: nullableTime,
  firstResponseAt: nullableTime,
  resolvedAt: nullableTime,
  lastMessageAt: nullableTime,
  csat: z.number().int().min(1).max(5).nullable(),
  isComplaint: z.boolean(),
  complaintDueAt: nullableTime,
  /** Set on a case started by someone who quoted this other case's reference without being its customer. */
  linkedTicketId: z.string().nullable(),
  /** When the customer's oldest unanswered message arrived (system messages never reset it). */
  waitingSince: nullableTime,
  /** When the region's reply target runs out for that message (the SLA clock). */
  replyDueAt: nullableTime,
  version: z.number().int(),
});
export type TicketRow = z.infer<typeof TicketRow>;

export const MessageRow = z.object({
  id: z.string(),
  ticketId: z.string(),
  authorKind: AuthorKind,
  authorId: z.string().nullable(),
  authorName: z.string(),
  body: z.string(),
  clientMsgId: z.string().nullable(),
  attachmentIds: z.array(z.string()),
  createdAt: isoTime,
  version: z.number().int(),
});
export type MessageRow = z.infer<typeof MessageRow>;

export const AttachmentRow = z.object({
  id: z.string(),
  ticketId: z.string(),
  messageId: z.string().nullable(),
  sha256: z.string(),
  mime: z.enum(['image/png', 'image/jpeg', 'image/webp']),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  filename: z.string(),
  createdAt: isoTime,
  version: z.number().int(),
});
export type AttachmentRow = z.infer<typeof AttachmentRow>;

/**
 * `verified`: a customer of the company (proven by a signed identity token, or seeded);
 * `visitor`: someone who chatted without one — their name and email are only what they typed.
 */
export const CustomerIdentity = z.enum(['verified', 'visitor']);
export type CustomerIdentity = z.infer<typeof CustomerIdentity>;

export const CustomerRow = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  locale: z.string(),
  timeZone: z.string(),
  regionId: z.string(),
  country: z.string(),
  currency: z.string(),
  device: z.object({ appVersion: z.string(), os: z.string(), browser: z.string(), lastSeenAt: isoTime }).nullable(),
  riskFlags: z.array(z.string()),
  createdAt: isoTime,
  identity: CustomerIdentity,
  version: z.number().int(),
});
export type CustomerRow = z.infer<typeof CustomerRow>;

export const AccountRow = z.object({
  id: z.string(),
  customerId: z.string(),
  status: AccountStatus,
  verificationStatus: VerificationStatus,
  verificationAttempts: z.number().int(),
  verificationFailureReason: z.string().nullable(),
  spendingLimitMinor: z.number().int(),
  currency: z.string(),
  version: z.number().int(),
});
export type AccountRow = z.infer<typeof AccountRow>;

export const PaymentMethodRow = z.object({
  id: z.string(),
  customerId: z.string(),
  kind: z.enum(['card', 'bank_account']),
  brand: z.string(),
  last4: z.string().regex(/^\d{4}$/),
  expiry: z.string().nullable(),
  isDefault: z.boolean(),
  status: z.enum(['active', 'expired', 'failed_verification']),
  lastDeclineReason: z.string().nullable(),
  version: z.number().int(),
});
export type PaymentMethodRow = z.infer<typeof PaymentMethodRow>;

export const OrderRow = z.object({
  id: z.string(),
  customerId: z.string(),
  orderNumber: z.string(),
  merchant: z.string(),
  items: z.array(z.object({ name: z.string(), quantity: z.number().int(), amountMinor: z.number().int() })),
  totalMinor: z.number().int(),
  currency: z.string(),
  plan: PaymentPlan,
  status: z.enum(['active', 'completed', 'refunded', 'cancelled']),
  placedAt: isoTime,
  returnWindowEndsAt: isoTime,
  version: z.number().int(),
});
export type OrderRow = z.infer<typeof OrderRow>;

export const InstallmentRow = z.object({
  id: z.string(),
  orderId: z.string(),
  customerId: z.string(),
  number: z.number().int(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  amountMinor: z.number().int(),
  currency: z.string(),
  status: InstallmentStatus,
  paidAt: nullableTime,
  lateFeeMinor: z.number().int(),
  version: z.number().int(),
});
export type InstallmentRow = z.infer<typeof InstallmentRow>;

export const TransactionRow = z.object({
  id: z.string(),
  customerId: z.string(),
  orderId: z.string().nullable(),
  installmentId: z.string().nullable(),
  kind: TransactionKind,
  status: TransactionStatus,
  amountMinor: z.number().int(),
  currency: z.string(),
  reference: z.string(),
  rail: z.string(),
  failureReason: z.string().nullable(),
  createdAt: isoTime,
  settledAt: nullableTime,
  version: z.number().int(),
});
export type TransactionRow = z.infer<typeof TransactionRow>;

export const ReturnRow = z.object({
  id: z.string(),
  orderId: z.string(),
  customerId: z.string(),
  status: ReturnStatus,
  reason: z.string(),
  refundAmountMinor: z.number().int(),
  currency: z.string(),
  refundDate: z.string().nullable(),
  createdAt: isoTime,
  version: z.number().int(),
});
export type ReturnRow = z.infer<typeof ReturnRow>;

/** The languages canned replies are written in; the customer's locale picks one (sv-* → sv, de-* → de, else en). */
export const CANNED_LANGUAGES = ['en', 'sv', 'de'] as const;
export const CannedLanguage = z.enum(CANNED_LANGUAGES);
export type CannedLanguage = z.infer<typeof CannedLanguage>;

export const CannedReplyRow = z.object({
  id: z.string(),
  category: Category,
  /** Rows from a server without languages are English (every canned reply was, before). */
  language: CannedLanguage.default('en'),
  title: z.string(),
  shortcut: z.string(),
  body: z.string(),
  version: z.number().int(),
});
export type CannedReplyRow = z.infer<typeof CannedReplyRow>;

export const MacroRow = z.object({
  id: z.string(),
  category: Category,
  title: z.string(),
  replyBody: z.string().nullable(),
  setStatus: TicketStatus.nullable(),
  setPriority: Priority.nullable(),
  version: z.number().int(),
});
export type MacroRow = z.infer<typeof MacroRow>;
