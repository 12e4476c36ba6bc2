/**
 * The one contract between the renderer and main (over Electron IPC or the browser host's
 * WebSocket): for each invoke channel a zod input and output schema, for each event a payload
 * schema. Results travel in an envelope; nothing throws across the boundary.
 */
import { z } from 'zod';
import {
  AccountRow,
  AgentRow,
  AttachmentRow,
  CannedReplyRow,
  Category,
  CustomerRow,
  InstallmentRow,
  Macro,
  MessageRow,
  Mood,
  OrderRow,
  PaymentMethodRow,
  Presence,
  Priority,
  Role,
  ReturnRow,
  TicketRow,
  TicketStatus,
  Tier,
  TransactionRow,
} from '../domain';
import { layoutProblem, parseBinding } from '../keybinding';
import { CannedShortcut, MAX_MESSAGE_LENGTH, RejectionCode } from '../protocol/mutations';
import { Board, ComplaintList, FigureRange, FiguresResponse, SilentView } from '../protocol/supervisor';
import { CallCaseSubject, CallFields } from '../calls';
import { ResolveOutcome, Tags } from '../wrap-up';
import type { EventChannel, InvokeChannel } from './channels';

export const API_ERROR_CODES = [
  'invalid_input', // the renderer sent something the schema refuses
  'not_signed_in',
  'unauthorized', // wrong credentials or a revoked session
  'not_found',
  'offline', // needs the server and it is not reachable
  'server_error',
  'cache_error', // disk full, read-only, corrupt: the message says what to do
  'forbidden_sender', // not our own window
  'forbidden', // the server refused: this sign-in may not do that (a supervisor action by an agent)
  'conflict', // the server refused for the case's or agent's state now (over capacity, case ended)
  'internal',
] as const;
export const ApiErrorCode = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;
export const ApiError = z.object({ code: ApiErrorCode, message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
export const ResultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: ApiError })]);

const id = z.string().min(1).max(64);
const none = z.null();

// ---- payloads -------------------------------------------------------------------------------

export const ConnectionState = z.enum(['online', 'connecting', 'offline']);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const SyncStatus = z.object({
  connection: ConnectionState,
  /** Outbox entries not yet acknowledged. */
  outbox: z.number().int(),
  lastSyncedAt: z.string().nullable(),
  /** Reconnect attempt counter and when the next one is due (offline banner). */
  attempt: z.number().int(),
  nextRetryAt: z.string().nullable(),
  /** During the first sync of a cache: tickets done of total. */
  initialSync: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** A problem the agent should know about (protocol too old, cache refused). */
  problem: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SessionState = z.object({
  serverUrl: z.string().nullable(),
  agent: AgentRow.nullable(),
  signedIn: z.boolean(),
});
export type SessionState = z.infer<typeof SessionState>;

export const MessageDelivery = z.enum(['pending', 'sent', 'rejected']);
export type MessageDelivery = z.infer<typeof MessageDelivery>;

/** A message as the desktop holds it: server rows are `sent`; optimistic rows wait in the outbox. */
export const LocalMessage = MessageRow.extend({
  /** A customer message's language as eld reads it on this machine (ISO 639-1; null: too short to tell). */
  language: z.string().max(8).nullable().optional(),
  delivery: MessageDelivery,
  rejection: z.object({ code: RejectionCode, reason: z.string() }).nullable(),
  /** Local order (server order for sent rows, then the outbox seq). */
  sortKey: z.string(),
});
export type LocalMessage = z.infer<typeof LocalMessage>;

export const TICKET_VIEWS = ['mine', 'queue', 'waiting', 'resolved_today', 'all'] as const;
export const TicketView = z.enum(TICKET_VIEWS);
export type TicketView = z.infer<typeof TicketView>;

export const TicketSummary = TicketRow.extend({
  customerName: z.string(),
  /** False for an unverified visitor (no identity token): no account is linked. */
  customerVerified: z.boolean(),
  lastMessagePreview: z.string().nullable(),
  lastMessageAuthor: z.enum(['customer', 'agent', 'system', 'note']).nullable(),
  unread: z.number().int(),
  pendingCount: z.number().int(),
});
export type TicketSummary = z.infer<typeof TicketSummary>;

export const CustomerContext = z.object({
  customer: CustomerRow.nullable(),
  account: AccountRow.nullable(),
  paymentMethods: z.array(PaymentMethodRow),
  orders: z.array(OrderRow),
  installments: z.array(InstallmentRow),
  transactions: z.array(TransactionRow),
  returns: z.array(ReturnRow),
});
export type CustomerContext = z.infer<typeof CustomerContext>;

export const TicketDetail = z.object({
  ticket: TicketRow,
  context: CustomerContext,
  attachments: z.array(AttachmentRow),
  previous: z.array(TicketRow),
  /** Cases merged into this one (their messages are in its thread), oldest first. */
  mergedFrom: z.array(z.object({ ticketId: z.string(), reference: z.string() })).optional(),
});
export type TicketDetail = z.infer<typeof TicketDetail>;

/** Search snippets mark each match between these control characters (no one types them). */
export const SNIPPET_OPEN = '\u0002';
export const SNIPPET_CLOSE = '\u0003';

export const SearchHit = z.object({
  ticketId: z.string(),
  messageId: z.string().nullable(),
  reference: z.string(),
  customerName: z.string(),
  /** Text with matches between SNIPPET_OPEN and SNIPPET_CLOSE; shown as text, never as markup. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const Draft = z.object({ ticketId: z.string(), body: z.string(), mode: z.enum(['reply', 'note']), updatedAt: z.string() });
export type Draft = z.infer<typeof Draft>;

/** A key binding string (src/shared/keybinding.ts) that takes no character on PL/DE/Nordic layouts. */
export const KeyBindingText = z
  .string()
  .max(32)
  .refine((s) => {
    const b = parseBinding(s);
    return b !== null && layoutProblem(b) === null;
  }, 'not a key binding, or one that takes a character on Polish, German or Nordic layouts');

/** The agent's shortcut changes: command id → its keys, or null for switched off. Absent: the default. */
export const ShortcutOverrides = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,39}$/), z.array(KeyBindingText).max(4).nullable())
  .refine((r) => Object.keys(r).length <= 200, 'too many shortcut changes');
export type ShortcutOverrides = z.infer<typeof ShortcutOverrides>;

export const CANNED_REPLY_LANGUAGES = ['auto', 'en', 'sv', 'de'] as const;
export const CannedReplyLanguage = z.enum(CANNED_REPLY_LANGUAGES);
export type CannedReplyLanguage = z.infer<typeof CannedReplyLanguage>;

export const Settings = z.object({
  requireCtrlEnter: z.boolean(),
  density: z.enum(['comfortable', 'compact']),
  theme: z.enum(['light', 'dark', 'system']),
  notifications: z.boolean(),
  /** Sounds for new chats and breaches (UX.md §5); off also silences OS notifications. */
  sound: z.boolean(),
  shortcuts: ShortcutOverrides,
  /** Which language the canned replies are offered in; auto follows the customer's locale. */
  cannedReplyLanguage: CannedReplyLanguage,
  cacheLimitMb: z.number().int().min(50).max(10_000),
});
export type Settings = z.infer<typeof Settings>;
export const DEFAULT_SETTINGS: Settings = {
  requireCtrlEnter: false,
  density: 'comfortable',
  theme: 'system',
  notifications: true,
  sound: true,
  shortcuts: {},
  cannedReplyLanguage: 'auto',
  cacheLimitMb: 500,
};

/**
 * Settings from storage: every valid stored field over the defaults, each field on its own, so an
 * older file (fewer fields) or one damaged value keeps the rest of the agent's choices.
 */
export function settingsFromStored(stored: unknown): Settings {
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
    for (const [key, value] of Object.entries(stored)) {
      if (!Object.hasOwn(DEFAULT_SETTINGS, key)) continue;
      const field = Settings.shape[key as keyof Settings];
      if (field.safeParse(value).success) merged[key] = value;
    }
  }
  return Settings.parse(merged);
}

/** A chat tab: which chat, the composer's mode, where the thread was scrolled (null: at the newest). */
export const OpenTab = z.object({
  ticketId: id,
  mode: z.enum(['reply', 'note']),
  scroll: z.object({ anchorId: z.string().max(100), offset: z.number().finite() }).nullable(),
});
export type OpenTab = z.infer<typeof OpenTab>;
export const MAX_OPEN_TABS = 60;
export const MAX_CLOSED_TABS = 20;
/** The agent's tab strip: open tabs in their order, the active one, and recently closed ones (newest last). */
export const TabsState = z.object({
  tabs: z.array(OpenTab).max(MAX_OPEN_TABS),
  activeId: id.nullable(),
  closed: z.array(OpenTab).max(MAX_CLOSED_TABS),
});
export type TabsState = z.infer<typeof TabsState>;
export const EMPTY_TABS: TabsState = { tabs: [], activeId: null, closed: [] };

/** What another agent is doing in a chat: ephemeral, never stored. */
export const ColleagueActivity = z.object({
  ticketId: z.string(),
  agentId: z.string(),
  name: z.string(),
  state: z.enum(['viewing', 'typing', 'left']),
});
export type ColleagueActivity = z.infer<typeof ColleagueActivity>;

/** A case found by its reference in the offline cache. */
export const ReferenceHit = z.object({ ticketId: z.string(), reference: z.string(), customerName: z.string() });
export type ReferenceHit = z.infer<typeof ReferenceHit>;

/** A colleague a chat may be transferred to (`agents:forTransfer`): presence, load, and whether they can take it now. */
export const TransferCandidate = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  tier: Tier,
  presence: Presence,
  presenceReason: z.string().nullable(),
  /** Open chats now; null when the cache has no count (rows from an older server). */
  openChats: z.number().int().nullable(),
  capacity: z.number().int(),
  /** Available with room: the transfer should go through. */
  available: z.boolean(),
  /** Why not, when not ("Elias is away."). */
  reason: z.string().nullable(),
});
export type TransferCandidate = z.infer<typeof TransferCandidate>;
/** One of a customer's other cases, as the earlier-cases dialog lists it. */
export const EarlierCase = z.object({
  ticketId: z.string(),
  reference: z.string(),
  createdAt: z.string(),
  category: Category,
  status: TicketStatus,
  /** The customer's first message in it (the first 280 characters), null when none is cached. */
  firstQuestion: z.string().nullable(),
});
export type EarlierCase = z.infer<typeof EarlierCase>;

/** A caller found by email (`customers:lookup`): a verified customer of the agent's regions. */
export const FoundCustomer = z.object({ customerId: z.string(), name: z.string(), regionId: z.string() });
export type FoundCustomer = z.infer<typeof FoundCustomer>;

/** A case opened from a phone call (`cases:fromCall`): the caller, the case's category and subject, and the call. */
export const CaseFromCallInput = z.strictObject({ customerId: id, category: Category, subject: CallCaseSubject, ...CallFields });
export type CaseFromCallInput = z.infer<typeof CaseFromCallInput>;

/** Ticket and account actions, as the renderer asks for them (main adds the client id). */
export const ActionInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ticket.accept'), ticketId: id }),
  z.strictObject({ kind: z.literal('ticket.decline'), ticketId: id, reason: z.string().trim().max(200).optional() }),
  z.strictObject({ kind: z.literal('ticket.setStatus'), ticketId: id, status: TicketStatus.exclude(['queued']) }),
  z.strictObject({ kind: z.literal('ticket.resolve'), ticketId: id, outcome: ResolveOutcome, category: Category, tags: Tags }),
  z.strictObject({ kind: z.literal('ticket.setTags'), ticketId: id, tags: Tags }),
  z.strictObject({ kind: z.literal('ticket.merge'), ticketId: id, targetId: id }),
  z.strictObject({ kind: z.literal('call.log'), ticketId: id, ...CallFields }),
  z.strictObject({ kind: z.literal('ticket.setCategory'), ticketId: id, category: Category }),
  z.strictObject({ kind: z.literal('ticket.setPriority'), ticketId: id, priority: Priority }),
  z.strictObject({ kind: z.literal('ticket.transfer'), ticketId: id, toAgentId: id.nullable(), note: z.string().max(2000).optional() }),
  z.strictObject({ kind: z.literal('ticket.escalate'), ticketId: id, to: z.enum(['senior', 'supervisor', 'complaint']), reason: z.string().trim().min(1).max(2000) }),
  z.strictObject({ kind: z.literal('account.extendDueDate'), ticketId: id, installmentId: id, newDueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.strictObject({ kind: z.literal('account.pauseInstallments'), ticketId: id, orderId: id, returnId: id }),
  z.strictObject({ kind: z.literal('account.resendVerification'), ticketId: id }),
]);
export type ActionInput = z.infer<typeof ActionInput>;

/** The server's answer to one `actions:run` (by the clientMsgId it returned); replies and notes show theirs on the message. */
export const ActionSettled = z.object({
  clientMsgId: z.string(),
  ticketId: z.string(),
  status: z.enum(['applied', 'rejected']),
  code: RejectionCode.nullable(),
  reason: z.string().nullable(),
});
export type ActionSettled = z.infer<typeof ActionSettled>;

// ---- assist (issue 9, docs/assist.md): computed on this machine from the cache, offline too ---

/** A canned reply worth inserting now: in the customer's language, ranked from the conversation. */
export const ReplySuggestion = z.object({
  /** The canned reply's id (as `canned:list` gives it). */
  id: z.string(),
  shortcut: z.string(),
  title: z.string(),
  language: z.string(),
  /** Why it ranks here, in a few words ("matches 'refund', used in 4 similar cases"). */
  why: z.string(),
});
export type ReplySuggestion = z.infer<typeof ReplySuggestion>;

/** A resolved case like this one, and how it ended. */
export const SimilarCase = z.object({
  ticketId: z.string(),
  reference: z.string(),
  category: Category,
  outcome: z.string().nullable(),
  /** The agent's last answer on it, shortened. */
  resolution: z.string(),
  /** The customer's side, shortened. */
  text: z.string(),
  resolvedAt: z.string(),
});
export type SimilarCase = z.infer<typeof SimilarCase>;

export const AssistForTicket = z.object({
  /** At most three, best first; none while nothing fits. */
  replies: z.array(ReplySuggestion).max(3),
  /** At most three resolved cases of the agent's regions, most similar first. */
  similar: z.array(SimilarCase).max(3),
  /** When the resolved cases were last fetched from the desk (null: never; suggestions then use the canned replies alone). */
  casesFetchedAt: z.string().nullable(),
});
export type AssistForTicket = z.infer<typeof AssistForTicket>;

/** The handover summary: extracted from the conversation and the panels (no generative model). */
export const HandoverSummary = z.object({
  /** The customer's own sentence(s) that best state the request. */
  request: z.string(),
  /** What agents did or promised, in order. */
  done: z.array(z.string()),
  /** The customer's questions no one answered yet. */
  openQuestions: z.array(z.string()),
  mood: Mood.nullable(),
  /** Facts from the panels (order, installments, verification). */
  facts: z.array(z.string()),
});
export type HandoverSummary = z.infer<typeof HandoverSummary>;

// ---- the invoke table -----------------------------------------------------------------------

export const invokeContract = {
  'session:get': { input: none, output: SessionState },
  'session:login': {
    input: z.strictObject({ serverUrl: z.string().url().max(500), email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) }),
    output: SessionState,
  },
  'session:logout': { input: z.strictObject({ keepCache: z.boolean() }), output: none },
  /** A page of a view, in list order: `offset` rows down (the chat list is windowed over the whole view). */
  'tickets:list': {
    input: z.strictObject({ view: TicketView, limit: z.number().int().min(1).max(500).default(200), offset: z.number().int().min(0).max(10_000_000).default(0) }),
    output: z.array(TicketSummary),
  },
  /** How many tickets a view holds (asked once per change, not with every page). */
  'tickets:count': { input: z.strictObject({ view: TicketView }), output: z.number().int().min(0) },
  'tickets:get': { input: z.strictObject({ ticketId: id }), output: TicketDetail },
  /** A case by the reference a customer quotes (any case, with or without the dash); null when not in the cache. */
  'tickets:byReference': { input: z.strictObject({ reference: z.string().trim().min(1).max(20) }), output: ReferenceHit.nullable() },
  /** A customer's cases in the cache except the given one, newest first; none for an unverified visitor. */
  'tickets:ofCustomer': {
    input: z.strictObject({ customerId: id, exceptTicketId: id.nullable().default(null), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.array(EarlierCase),
  },
  'tickets:search': { input: z.strictObject({ query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(50) }), output: z.array(SearchHit) },
  'messages:page': {
    input: z.strictObject({ ticketId: id, before: z.string().max(100).nullable().default(null), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ messages: z.array(LocalMessage), hasMore: z.boolean() }),
  },
  'messages:send': {
    input: z.strictObject({
      ticketId: id,
      body: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH),
      kind: z.enum(['reply', 'note']),
      attachmentIds: z.array(id).max(10).default([]),
      /** A reply that still largely is this canned reply (src/shared/canned-usage.ts); ignored on a note. */
      cannedShortcut: CannedShortcut.optional(),
    }),
    output: LocalMessage,
  },
  'messages:retry': { input: z.strictObject({ clientMsgId: id }), output: none },
  'messages:discard': { input: z.strictObject({ clientMsgId: id }), output: none },
  'drafts:get': { input: z.strictObject({ ticketId: id }), output: Draft.nullable() },
  'drafts:save': { input: z.strictObject({ ticketId: id, body: z.string().max(MAX_MESSAGE_LENGTH), mode: z.enum(['reply', 'note']) }), output: none },
  'actions:run': { input: ActionInput, output: z.object({ clientMsgId: z.string() }) },
  'attachments:get': { input: z.strictObject({ attachmentId: id }), output: z.object({ mime: z.string(), dataBase64: z.string() }) },
  'attachments:upload': {
    input: z.strictObject({ ticketId: id, mime: z.enum(['image/png', 'image/jpeg', 'image/webp']), filename: z.string().max(200), dataBase64: z.string().max(12_000_000) }),
    output: AttachmentRow,
  },
  'presence:set': { input: z.strictObject({ presence: Presence, reason: z.string().max(100).optional() }), output: AgentRow },
  'sync:status': { input: none, output: SyncStatus },
  'sync:retryNow': { input: none, output: none },
  'settings:get': { input: none, output: Settings },
  'settings:set': { input: Settings.partial().strict(), output: Settings },
  'canned:list': { input: none, output: z.array(CannedReplyRow) },
  'tickets:summaries': { input: z.strictObject({ ticketIds: z.array(id).max(MAX_OPEN_TABS + MAX_CLOSED_TABS) }), output: z.array(TicketSummary) },
  /** `upTo`: the sort key of the newest server message the agent has seen (local keys are refused). */
  'tickets:markRead': { input: z.strictObject({ ticketId: id, upTo: z.string().min(1).max(100) }), output: none },
  'tabs:get': { input: none, output: TabsState },
  'tabs:save': { input: TabsState, output: none },
  'activity:viewing': { input: z.strictObject({ ticketId: id.nullable() }), output: none },
  'activity:typing': { input: z.strictObject({ ticketId: id, typing: z.boolean(), kind: z.enum(['reply', 'note']) }), output: none },
  'macros:list': { input: none, output: z.array(Macro) },
  'agents:forTransfer': { input: z.strictObject({ ticketId: id }), output: z.array(TransferCandidate) },
  // ---- phone (issue 8): straight to the desk server, which authorises and audits both
  'customers:lookup': { input: z.strictObject({ email: z.string().trim().email().max(200) }), output: z.array(FoundCustomer) },
  'cases:fromCall': { input: CaseFromCallInput, output: z.object({ ticketId: z.string(), reference: z.string() }) },
  // ---- the supervisor console (issue 8; protocol/supervisor.ts); the server refuses anyone else
  'supervisor:board': { input: none, output: Board },
  'supervisor:figures': { input: z.strictObject({ range: FigureRange }), output: FiguresResponse },
  'supervisor:complaints': { input: none, output: ComplaintList },
  'supervisor:setAgent': {
    input: z
      .strictObject({ agentId: id, presence: Presence.optional(), capacity: z.number().int().min(0).max(20).optional(), reason: z.string().trim().max(100).optional() })
      .refine((b) => b.presence !== undefined || b.capacity !== undefined, 'Give a presence, a capacity or both.'),
    output: AgentRow,
  },
  'supervisor:reassign': {
    input: z.strictObject({ ticketId: id, toAgentId: id, force: z.boolean().default(false), note: z.string().trim().min(1).max(2000).optional() }),
    output: TicketRow,
  },
  'supervisor:whisper': { input: z.strictObject({ ticketId: id, body: z.string().trim().min(1).max(4000) }), output: MessageRow },
  'supervisor:takeOver': { input: z.strictObject({ ticketId: id, note: z.string().trim().min(1).max(2000).optional() }), output: TicketRow },
  'supervisor:open': { input: z.strictObject({ ticketId: id }), output: SilentView.extend({ summary: HandoverSummary.optional() }) },
  // ---- assist (issue 9): from the cache, on this machine
  'assist:forTicket': { input: z.strictObject({ ticketId: id }), output: AssistForTicket },
  'assist:summary': { input: z.strictObject({ ticketId: id }), output: HandoverSummary },
} as const satisfies Record<InvokeChannel, { input: z.ZodType; output: z.ZodType }>;

export const eventContract = {
  'tickets:changed': z.object({ ticketIds: z.array(z.string()) }),
  'messages:changed': z.object({ ticketId: z.string() }),
  'chat:offered': z.object({ ticketId: z.string(), reference: z.string() }),
  typing: z.object({ ticketId: z.string(), typing: z.boolean() }),
  'presence:changed': z.object({ agentId: z.string(), presence: Presence }),
  'sync:status': SyncStatus,
  'session:changed': SessionState,
  'chat:open': z.object({ ticketId: z.string() }),
  'colleagues:activity': ColleagueActivity,
  'actions:settled': ActionSettled,
  'supervisor:board': Board,
} as const satisfies Record<EventChannel, z.ZodType>;

export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['input']>;
export type InvokeParsedInput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;

/** What the renderer gets, from the preload bridge or the browser host's WebSocket alike. */
export interface DeskApi {
  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What main implements: one async function per channel, inputs already parsed. */
export type ApiHandlers = { [C in InvokeChannel]: (input: InvokeParsedInput<C>) => Promise<InvokeOutput<C>> };

