/**
 * The domain of DOMAIN.md as wire types: what the desk server stores and what desktops cache.
 * Field names are camelCase on the wire; storage converts in its table modules.
 */
import { z } from 'zod';
import { ResolveOutcome } from './wrap-up';

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
  /** Open and pending chats assigned to the agent, counted as routing counts them (absent from older servers). */
  openChats: z.number().int().nonnegative().optional(),
});
export type AgentRow = z.infer<typeof AgentRow>;

/** A customer's mood as triage reads it from their own words (src/shared/assist/sentiment.ts). */
export const MOODS = ['angry', 'unhappy', 'neutral', 'happy'] as const;
export const Mood = z.enum(MOODS);
export type Mood = z.infer<typeof Mood>;

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
  /** The wrap-up given on resolve (absent from older servers and cached rows): how the case ended. */
  outcome: ResolveOutcome.nullable().optional(),
  /** Free short labels, normalised (src/shared/wrap-up.ts). */
  tags: z.array(z.string()).optional(),
  /** While resolved: when the "one more thing" window ends and the server closes the case. */
  closesAt: nullableTime.optional(),
  /** Set on a case merged into another case of the same customer: the thread continues there. */
  mergedIntoId: z.string().nullable().optional(),
  /** The category the case was opened with (the customer's pick), kept when an agent corrects `category`; absent from older servers. */
  initialCategory: Category.nullable().optional(),
  /** Triage on arrival (absent from older servers): the customer's language, ISO 639-1. */
  language: z.string().max(8).nullable().optional(),
  /** The customer's mood from their own words; null where nothing is measured (non-English). */
  mood: Mood.nullable().optional(),
  /** The category the desk reads from the first message (shown when it differs from `category`). */
  categorySuggestion: z.object({ category: Category, confidence: z.number().min(0).max(1), source: z.enum(['model', 'keywords']) }).nullable().optional(),
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
  /** An internal note a supervisor wrote for the assigned agent only (absent on every other message). */
  whisper: z.literal(true).optional(),
  /** The canned reply an agent's reply came from, by shortcut (absent on hand-written replies and older rows). */
  cannedShortcut: z.string().max(64).optional(),
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
  /** The text the desk read in the screenshot (OCR), card numbers masked; '' when none. */
  ocrText: z.string().max(4000).default(''),
  /** How many card numbers were blurred in the image before it was stored. */
  cardsHidden: z.number().int().min(0).default(0),
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

// ---- macros ---------------------------------------------------------------------------------

/** A text per canned-reply language; English is required and stands in for a missing one. */
export const LocalizedText = z.object({
  en: z.string().min(1).max(4000),
  sv: z.string().min(1).max(4000).optional(),
  de: z.string().min(1).max(4000).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export const MACRO_INPUT_TYPES = ['money', 'date', 'text'] as const;
export type MacroInputType = (typeof MACRO_INPUT_TYPES)[number];

/** Where an input's first value comes from: today (dates) or a value of the chat's records. */
export const MACRO_PREFILL_SOURCES = [
  'today',
  'installment.dueDate',
  'return.refundDate',
  'return.refundAmount',
  'installment.amount',
  'installment.lateFee',
  'transaction.amount',
  'order.total',
] as const;
export const MacroPrefill = z.object({
  from: z.enum(MACRO_PREFILL_SOURCES),
  /** Dates only: days to add (business days when `businessDays`). */
  addDays: z.number().int().min(-366).max(366).default(0),
  businessDays: z.boolean().default(false),
});
export type MacroPrefill = z.infer<typeof MacroPrefill>;

/** A value the agent gives before the macro runs; templates use it as `{{input.<key>}}`. */
export const MacroInput = z.object({
  key: z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/),
  label: z.string().min(1).max(60),
  type: z.enum(MACRO_INPUT_TYPES),
  prefill: MacroPrefill.nullable().default(null),
});
export type MacroInput = z.infer<typeof MacroInput>;

/**
 * One action of a macro, run in order. The reply (a canned reply by shortcut, so its language
 * follows the chat, or the macro's own text per language) goes into the composer; every other
 * step waits until the agent sends that reply. Text fields are templates (src/shared/templates.ts)
 * that may also use the macro's inputs.
 */
export const MacroStep = z.discriminatedUnion('type', [
  z.object({ type: z.literal('insertCannedReply'), shortcut: z.string().min(1).max(60).nullable().default(null), replyId: z.string().min(1).max(64).nullable().default(null) }),
  z.object({ type: z.literal('insertReply'), text: LocalizedText }),
  z.object({ type: z.literal('setCategory'), category: Category }),
  z.object({ type: z.literal('setPriority'), priority: Priority }),
  z.object({ type: z.literal('setStatus'), status: z.enum(['open', 'pending', 'resolved', 'closed']) }),
  z.object({ type: z.literal('addNote'), body: z.string().min(1).max(2000) }),
  /** `agentId: null` hands the chat back to the team queue. */
  z.object({ type: z.literal('transfer'), agentId: z.string().min(1).max(64).nullable(), note: z.string().max(2000).nullable().default(null) }),
  z.object({ type: z.literal('escalate'), to: z.enum(['senior', 'supervisor', 'complaint']), reason: z.string().min(1).max(2000) }),
  z.object({ type: z.literal('resolve') }),
  /** After everything else: open the next chat that needs a reply. */
  z.object({ type: z.literal('nextChat') }),
]);
export type MacroStep = z.infer<typeof MacroStep>;
export type MacroStepType = MacroStep['type'];

/**
 * A macro on the wire and in the desktop cache. `replyBody`, `setStatus` and `setPriority` are
 * the first model's fields: servers keep filling them (from the steps) for desktops that predate
 * steps, and a row without `steps` (from an older server, or cached before) is read from them.
 * Steps and inputs are kept loose here so that a step type a newer server adds never stops a
 * pull; `macroFromRow` (src/shared/macros.ts) checks them and marks such a macro unsupported.
 */
export const MacroRow = z.object({
  id: z.string(),
  category: Category,
  title: z.string(),
  replyBody: z.string().nullable(),
  setStatus: TicketStatus.nullable(),
  setPriority: Priority.nullable(),
  steps: z.array(z.looseObject({ type: z.string() })).max(30).optional(),
  inputs: z.array(z.looseObject({ key: z.string() })).max(10).optional(),
  /** Order within its category (the Ctrl+Shift+1…9 slots); absent on old rows. */
  position: z.number().int().optional(),
  version: z.number().int(),
});
export type MacroRow = z.infer<typeof MacroRow>;

/** A macro as the console runs it (`macros:list`): checked steps and inputs. */
export const Macro = z.object({
  id: z.string(),
  category: Category,
  title: z.string(),
  position: z.number().int(),
  steps: z.array(MacroStep),
  inputs: z.array(MacroInput),
  /** Why this console can't run it (a step type from a newer server), or null. */
  unsupported: z.string().nullable(),
  version: z.number().int(),
});
export type Macro = z.infer<typeof Macro>;
