/**
 * Canned-reply templates, shared by the console (filling replies) and the desk server
 * (validating the replies it serves). Pure TypeScript: no DOM, no Node.
 *
 * Syntax: `{{customer.firstName}}` or, with the text to use when the value is missing,
 * `{{installment.dueDate | "your next due date"}}` (`\"` and `\\` escape inside the quotes;
 * spaces around the path and the bar are allowed). Anything else that looks like braces stays
 * literal text. Paths are looked up in a fixed catalogue, never on objects, so a hostile
 * `{{constructor}}` or `{{__proto__.x}}` is just an unknown variable.
 *
 * Values come from what the console shows for the chat: the customer, the ticket, the agent and
 * the one order / installment / transaction / return that the chat is about (`selectFocus`): the
 * row the agent selected in the customer panel, else the one it is most likely about. Money and
 * dates are formatted in the customer's locale and time zone.
 *
 * In the composer a variable without a value becomes an inline prompt `⟦label⟧`: plain text,
 * so it survives editing, drafts and restarts, and a reply that still holds one is not sent.
 */
import type { CustomerContext, TicketDetail } from './api/contract';
import type {
  AccountRow,
  CannedLanguage,
  Category,
  CustomerRow,
  InstallmentRow,
  OrderRow,
  PaymentMethodRow,
  ReturnRow,
  TicketRow,
  TransactionRow,
} from './domain';
import { formatMoney } from './money';

// ---- parsing --------------------------------------------------------------------------------

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'variable'; path: string; fallback: string | null; raw: string };

/** `{{ path }}` or `{{ path | "fallback" }}`, anchored where a `{{` starts. */
const VARIABLE = /\{\{[ \t]*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)[ \t]*(?:\|[ \t]*"((?:[^"\\\n]|\\.){0,500})"[ \t]*)?\}\}/y;
/** Templates longer than this are not expanded (nothing real comes close). */
export const MAX_TEMPLATE_LENGTH = 20_000;

export function parseTemplate(src: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  if (src.length > MAX_TEMPLATE_LENGTH) return [{ kind: 'text', text: src }];
  let text = '';
  let i = 0;
  while (i < src.length) {
    const at = src.indexOf('{{', i);
    if (at < 0) {
      text += src.slice(i);
      break;
    }
    text += src.slice(i, at);
    VARIABLE.lastIndex = at;
    const m = VARIABLE.exec(src);
    if (!m) {
      // Not a variable: keep one brace and look again from the next character, so
      // `{{{customer.firstName}}}` is a brace, a variable and a brace.
      text += '{';
      i = at + 1;
      continue;
    }
    if (text) parts.push({ kind: 'text', text });
    text = '';
    const fallback = m[2] === undefined ? null : m[2].replace(/\\(.)/g, '$1');
    parts.push({ kind: 'variable', path: m[1]!, fallback, raw: m[0] });
    i = at + m[0].length;
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** The variable paths a template uses, in order, without repeats. */
export function templateVariables(src: string): string[] {
  const seen = new Set<string>();
  for (const p of parseTemplate(src)) if (p.kind === 'variable') seen.add(p.path);
  return [...seen];
}

/** Paths a template uses that the catalogue does not know (typos, hostile input). */
export function unknownVariables(src: string): string[] {
  return templateVariables(src).filter((p) => !isKnownVariable(p));
}

// ---- the context ----------------------------------------------------------------------------

/** What a template can draw on: the chat on screen and the records it is most likely about. */
export interface TemplateContext {
  customer: CustomerRow | null;
  agent: { name: string } | null;
  ticket: Pick<TicketRow, 'reference' | 'category'> | null;
  account: AccountRow | null;
  order: OrderRow | null;
  installment: InstallmentRow | null;
  transaction: TransactionRow | null;
  return: ReturnRow | null;
  paymentMethod: PaymentMethodRow | null;
}

export const EMPTY_CONTEXT: TemplateContext = {
  customer: null,
  agent: null,
  ticket: null,
  account: null,
  order: null,
  installment: null,
  transaction: null,
  return: null,
  paymentMethod: null,
};

const OPEN_INSTALLMENT = new Set<InstallmentRow['status']>(['overdue', 'failed', 'scheduled']);
const OPEN_RETURN = new Set<ReturnRow['status']>(['requested', 'in_transit', 'received']);
const newestFirst = <T extends { createdAt: string }>(a: T, b: T) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);
const byDueDate = (a: InstallmentRow, b: InstallmentRow) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number - b.number);

export interface Focus {
  order: OrderRow | null;
  installment: InstallmentRow | null;
  transaction: TransactionRow | null;
  return: ReturnRow | null;
}

/** A row the agent selected in the customer panel (the panel's own RowRef). */
export interface SelectedRow {
  kind: 'order' | 'installment' | 'transaction';
  id: string;
}

/**
 * The order, installment, transaction and return a chat is about. A row the agent selected in
 * the customer panel wins: that row, its order, and for the rest what follows from that order.
 * Then the order the customer named in the pre-chat form; otherwise the category decides: the
 * latest pending or failed payment for a payment delay, the oldest overdue installment for a
 * missed payment, the open return for a refund. The other records follow from the one chosen.
 */
export function selectFocus(ticket: Pick<TicketRow, 'category' | 'orderNumber'> | null, ctx: CustomerContext, selected: SelectedRow | null = null): Focus {
  const category: Category = ticket?.category ?? 'other';
  const pinnedTx = selected?.kind === 'transaction' ? (ctx.transactions.find((t) => t.id === selected.id) ?? null) : null;
  const pinnedInst = selected?.kind === 'installment' ? (ctx.installments.find((i) => i.id === selected.id) ?? null) : null;
  const pinnedOrderId = selected?.kind === 'order' ? selected.id : (pinnedTx?.orderId ?? pinnedInst?.orderId ?? null);
  const pinnedOrder = pinnedOrderId ? (ctx.orders.find((o) => o.id === pinnedOrderId) ?? null) : null;
  const named =
    pinnedOrder ?? (ticket?.orderNumber ? (ctx.orders.find((o) => o.orderNumber.toLowerCase() === ticket.orderNumber!.toLowerCase()) ?? null) : null);
  const ofOrder = <T extends { orderId: string | null }>(rows: readonly T[], order: OrderRow | null) => (order ? rows.filter((r) => r.orderId === order.id) : [...rows]);

  const nextInstallment = (rows: readonly InstallmentRow[], overdueFirst: boolean): InstallmentRow | null => {
    const open = rows.filter((i) => OPEN_INSTALLMENT.has(i.status)).sort(byDueDate);
    if (overdueFirst) return open.find((i) => i.status === 'overdue' || i.status === 'failed') ?? open[0] ?? null;
    return open[0] ?? null;
  };
  const latestPayment = (rows: readonly TransactionRow[]): TransactionRow | null => {
    const payments = rows.filter((t) => t.kind === 'payment').sort(newestFirst);
    return payments.find((t) => t.status === 'pending' || t.status === 'failed') ?? payments[0] ?? null;
  };
  const latestReturn = (rows: readonly ReturnRow[]): ReturnRow | null => {
    const sorted = [...rows].sort(newestFirst);
    return sorted.find((r) => OPEN_RETURN.has(r.status)) ?? sorted[0] ?? null;
  };
  const latestOrder = (): OrderRow | null => {
    const sorted = [...ctx.orders].sort((a, b) => (a.placedAt < b.placedAt ? 1 : a.placedAt > b.placedAt ? -1 : 0));
    return sorted.find((o) => o.status === 'active') ?? sorted[0] ?? null;
  };
  const orderById = (id: string | null | undefined) => (id ? (ctx.orders.find((o) => o.id === id) ?? null) : null);

  let order = named;
  let installment: InstallmentRow | null = pinnedInst ?? (pinnedTx?.installmentId ? (ctx.installments.find((i) => i.id === pinnedTx.installmentId) ?? null) : null);
  let transaction: TransactionRow | null = pinnedTx;
  let ret: ReturnRow | null = null;

  switch (category) {
    case 'payment_delay': {
      transaction ??= latestPayment(ofOrder(ctx.transactions, order));
      order ??= orderById(transaction?.orderId);
      installment ??= (transaction?.installmentId && ctx.installments.find((i) => i.id === transaction!.installmentId)) || null;
      break;
    }
    case 'missed_payment': {
      installment ??= nextInstallment(ofOrder(ctx.installments, order), true);
      order ??= orderById(installment?.orderId);
      break;
    }
    case 'refund_return': {
      ret = latestReturn(ofOrder(ctx.returns, order));
      order ??= orderById(ret?.orderId);
      const refunds = ofOrder(ctx.transactions, order)
        .filter((t) => t.kind === 'refund')
        .sort(newestFirst);
      transaction ??= refunds[0] ?? null;
      break;
    }
    default:
      break;
  }
  order ??= latestOrder();
  installment ??= nextInstallment(ofOrder(ctx.installments, order), false);
  transaction ??= latestPayment(ofOrder(ctx.transactions, order));
  ret ??= latestReturn(ofOrder(ctx.returns, order));
  return { order, installment, transaction, return: ret };
}

/** The context of a ticket as the console holds it, with the row selected in its customer panel if any. */
export function buildTemplateContext(
  detail: Pick<TicketDetail, 'ticket' | 'context'> | null,
  agent: { name: string } | null,
  selected: SelectedRow | null = null,
): TemplateContext {
  if (!detail) return { ...EMPTY_CONTEXT, agent };
  const { ticket, context } = detail;
  const focus = selectFocus(ticket, context, selected);
  const paymentMethod = context.paymentMethods.find((p) => p.isDefault) ?? context.paymentMethods[0] ?? null;
  return { customer: context.customer, agent, ticket, account: context.account, paymentMethod, ...focus };
}

// ---- languages and formatting ----------------------------------------------------------------

/** sv-* → sv, de-* → de, anything else → en. */
export function languageForLocale(locale: string | null | undefined): CannedLanguage {
  const lang = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return lang === 'sv' ? 'sv' : lang === 'de' ? 'de' : 'en';
}

const DEFAULT_LOCALE: Record<CannedLanguage, string> = { en: 'en-GB', sv: 'sv-SE', de: 'de-DE' };

/**
 * The locale money and dates are written in: the customer's own, unless the agent switched the
 * reply to another language; then that language with the customer's region (en-SE: "4 March
 * 2026", "1 299,00 kr"), so an English sentence does not get Swedish month names.
 */
export function formatLocaleFor(customerLocale: string | null | undefined, language: CannedLanguage): string {
  if (!customerLocale) return DEFAULT_LOCALE[language];
  const [lang, region] = customerLocale.split(/[-_]/);
  if (lang?.toLowerCase() === language && supported(customerLocale)) return customerLocale;
  const mixed = region && /^[A-Za-z]{2}$/.test(region) ? `${language}-${region.toUpperCase()}` : null;
  if (mixed && supported(mixed)) return mixed;
  return DEFAULT_LOCALE[language];
}

function supported(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

export interface Formatting {
  language: CannedLanguage;
  locale: string;
  timeZone: string;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let f = dateFormats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
    } catch {
      f = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
    }
    dateFormats.set(key, f);
  }
  return f;
}

/** A calendar date (`2026-03-04`, shown as that day everywhere) or an instant (shown in the customer's zone). */
export function formatTemplateDate(value: string | null | undefined, locale: string, timeZone: string): string | null {
  if (!value) return null;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const ms = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    return Number.isNaN(ms) ? null : dateFormat(locale, 'UTC').format(ms);
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : dateFormat(locale, timeZone).format(ms);
}

function money(amountMinor: number | null | undefined, currency: string | null | undefined, locale: string): string | null {
  if (amountMinor == null || !currency || !Number.isFinite(amountMinor)) return null;
  try {
    return formatMoney(amountMinor, currency, locale);
  } catch {
    return null;
  }
}

type Words<K extends string> = Record<CannedLanguage, Record<K, string>>;

const TRANSACTION_STATUS: Words<TransactionRow['status']> = {
  en: { pending: 'being processed', settled: 'completed', failed: 'failed', reversed: 'reversed' },
  sv: { pending: 'under behandling', settled: 'genomförd', failed: 'misslyckad', reversed: 'återförd' },
  de: { pending: 'in Bearbeitung', settled: 'abgeschlossen', failed: 'fehlgeschlagen', reversed: 'storniert' },
};
const RETURN_STATUS: Words<ReturnRow['status']> = {
  en: { requested: 'registered', in_transit: 'on its way back to the store', received: 'received by the store', refunded: 'refunded', rejected: 'declined' },
  sv: { requested: 'registrerad', in_transit: 'på väg tillbaka till butiken', received: 'mottagen av butiken', refunded: 'återbetald', rejected: 'avslagen' },
  de: { requested: 'registriert', in_transit: 'auf dem Rückweg zum Händler', received: 'beim Händler eingegangen', refunded: 'erstattet', rejected: 'abgelehnt' },
};
const VERIFICATION_STATUS: Words<AccountRow['verificationStatus']> = {
  en: { verified: 'verified', pending: 'in review', failed: 'not successful', not_started: 'not started' },
  sv: { verified: 'verifierad', pending: 'under granskning', failed: 'inte godkänd', not_started: 'inte påbörjad' },
  de: { verified: 'bestätigt', pending: 'in Prüfung', failed: 'nicht erfolgreich', not_started: 'noch nicht begonnen' },
};

// ---- the catalogue --------------------------------------------------------------------------

export type VariableGroup = 'customer' | 'agent' | 'ticket' | 'account' | 'order' | 'installment' | 'transaction' | 'return' | 'paymentMethod' | 'incident';

export interface VariableSpec {
  group: VariableGroup;
  /** What the agent sees in a prompt: `⟦due date⟧`. */
  label: string;
  resolve(ctx: TemplateContext, f: Formatting): string | null;
}

const text = (v: string | null | undefined): string | null => {
  const t = v?.trim();
  return t ? t : null;
};
const firstWord = (v: string | null | undefined): string | null => text(v?.trim().split(/\s+/)[0]);

const CATALOGUE_SPECS = {
  'customer.firstName': { group: 'customer', label: 'first name', resolve: (c) => firstWord(c.customer?.name) },
  'customer.name': { group: 'customer', label: 'customer name', resolve: (c) => text(c.customer?.name) },
  'agent.firstName': { group: 'agent', label: 'your first name', resolve: (c) => firstWord(c.agent?.name) },
  'agent.name': { group: 'agent', label: 'your name', resolve: (c) => text(c.agent?.name) },
  'ticket.reference': { group: 'ticket', label: 'reference', resolve: (c) => text(c.ticket?.reference) },
  'account.spendingLimit': { group: 'account', label: 'spending limit', resolve: (c, f) => money(c.account?.spendingLimitMinor, c.account?.currency, f.locale) },
  'account.verificationStatus': {
    group: 'account',
    label: 'verification status',
    resolve: (c, f) => (c.account ? VERIFICATION_STATUS[f.language][c.account.verificationStatus] : null),
  },
  'order.number': { group: 'order', label: 'order number', resolve: (c) => text(c.order?.orderNumber) },
  'order.merchant': { group: 'order', label: 'store', resolve: (c) => text(c.order?.merchant) },
  'order.total': { group: 'order', label: 'order total', resolve: (c, f) => money(c.order?.totalMinor, c.order?.currency, f.locale) },
  'order.date': { group: 'order', label: 'order date', resolve: (c, f) => formatTemplateDate(c.order?.placedAt, f.locale, f.timeZone) },
  'order.returnWindowEnd': { group: 'order', label: 'last day to return', resolve: (c, f) => formatTemplateDate(c.order?.returnWindowEndsAt, f.locale, f.timeZone) },
  'installment.amount': { group: 'installment', label: 'installment amount', resolve: (c, f) => money(c.installment?.amountMinor, c.installment?.currency, f.locale) },
  'installment.dueDate': { group: 'installment', label: 'due date', resolve: (c, f) => formatTemplateDate(c.installment?.dueDate, f.locale, f.timeZone) },
  'installment.number': { group: 'installment', label: 'installment number', resolve: (c) => (c.installment ? String(c.installment.number) : null) },
  'installment.lateFee': {
    group: 'installment',
    label: 'late fee',
    resolve: (c, f) => (c.installment && c.installment.lateFeeMinor > 0 ? money(c.installment.lateFeeMinor, c.installment.currency, f.locale) : null),
  },
  'transaction.amount': { group: 'transaction', label: 'payment amount', resolve: (c, f) => money(c.transaction?.amountMinor, c.transaction?.currency, f.locale) },
  'transaction.status': { group: 'transaction', label: 'payment status', resolve: (c, f) => (c.transaction ? TRANSACTION_STATUS[f.language][c.transaction.status] : null) },
  'transaction.reference': { group: 'transaction', label: 'payment reference', resolve: (c) => text(c.transaction?.reference) },
  'transaction.date': { group: 'transaction', label: 'payment date', resolve: (c, f) => formatTemplateDate(c.transaction?.createdAt, f.locale, f.timeZone) },
  'return.refundAmount': { group: 'return', label: 'refund amount', resolve: (c, f) => money(c.return?.refundAmountMinor, c.return?.currency, f.locale) },
  'return.refundDate': { group: 'return', label: 'refund date', resolve: (c, f) => formatTemplateDate(c.return?.refundDate, f.locale, f.timeZone) },
  'return.status': { group: 'return', label: 'return status', resolve: (c, f) => (c.return ? RETURN_STATUS[f.language][c.return.status] : null) },
  'paymentMethod.brand': { group: 'paymentMethod', label: 'card or bank', resolve: (c) => text(c.paymentMethod?.brand) },
  'paymentMethod.last4': { group: 'paymentMethod', label: 'last four digits', resolve: (c) => text(c.paymentMethod?.last4) },
  /** Not in the customer's records: always asked of the agent. */
  'incident.errorCode': { group: 'incident', label: 'error code', resolve: () => null },
} as const satisfies Record<string, VariableSpec>;

export type VariablePath = keyof typeof CATALOGUE_SPECS;
export const VARIABLE_PATHS = Object.keys(CATALOGUE_SPECS) as VariablePath[];

/** Looked up through a Map: a path is data, never a property name on an object. */
const CATALOGUE: ReadonlyMap<string, VariableSpec> = new Map(Object.entries(CATALOGUE_SPECS));

export function isKnownVariable(path: string): path is VariablePath {
  return CATALOGUE.has(path);
}

export function variableLabel(path: string): string {
  return CATALOGUE.get(path)?.label ?? path;
}

// ---- rendering ------------------------------------------------------------------------------

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'filled'; path: VariablePath; text: string }
  | { kind: 'unresolved'; path: string; label: string; fallback: string | null; known: boolean };

/** Formatting for a customer: their locale and zone, or the language's defaults. */
export function formattingFor(customer: Pick<CustomerRow, 'locale' | 'timeZone'> | null, language: CannedLanguage): Formatting {
  return { language, locale: formatLocaleFor(customer?.locale, language), timeZone: customer?.timeZone || 'UTC' };
}

export function renderTemplate(src: string, ctx: TemplateContext, f: Formatting): Segment[] {
  const out: Segment[] = [];
  for (const part of parseTemplate(src)) {
    if (part.kind === 'text') {
      out.push(part);
      continue;
    }
    const spec = CATALOGUE.get(part.path);
    let value: string | null = null;
    try {
      value = spec ? spec.resolve(ctx, f) : null;
    } catch {
      value = null; // a record with an odd shape: ask the agent instead of failing the reply
    }
    if (value !== null) out.push({ kind: 'filled', path: part.path as VariablePath, text: value });
    else out.push({ kind: 'unresolved', path: part.path, label: spec?.label ?? part.path, fallback: part.fallback, known: !!spec });
  }
  return out;
}

// ---- prompts in the composer ----------------------------------------------------------------

export const PROMPT_OPEN = '⟦';
export const PROMPT_CLOSE = '⟧';
const PROMPT = /⟦([^⟦⟧\n]{1,80})⟧/g;

export interface Prompt {
  start: number;
  end: number;
  label: string;
}

export interface ComposedText {
  text: string;
  /** The unresolved variables as prompt ranges in `text`, in order. */
  prompts: (Prompt & { path: string; fallback: string | null })[];
}

/** Composer text: filled values inline, each unresolved variable as a `⟦label⟧` prompt. */
export function composeText(segments: readonly Segment[]): ComposedText {
  let text = '';
  const prompts: ComposedText['prompts'] = [];
  for (const s of segments) {
    if (s.kind === 'unresolved') {
      const label = s.label.replace(/[⟦⟧\n]/g, '').slice(0, 80) || 'value';
      const start = text.length;
      text += `${PROMPT_OPEN}${label}${PROMPT_CLOSE}`;
      prompts.push({ start, end: text.length, label, path: s.path, fallback: s.fallback });
    } else {
      text += s.text;
    }
  }
  return { text, prompts };
}

/** Plain text with every unresolved variable replaced by its fallback; null when one has none. */
export function textWithFallbacks(segments: readonly Segment[]): string | null {
  let text = '';
  for (const s of segments) {
    if (s.kind !== 'unresolved') text += s.text;
    else if (s.fallback !== null) text += s.fallback;
    else return null;
  }
  return text;
}

/** The prompts still in a text (what blocks sending). */
export function findPrompts(text: string): Prompt[] {
  const out: Prompt[] = [];
  for (const m of text.matchAll(PROMPT)) out.push({ start: m.index, end: m.index + m[0].length, label: m[1]! });
  return out;
}

export function hasPrompts(text: string): boolean {
  PROMPT.lastIndex = 0;
  const found = PROMPT.test(text);
  PROMPT.lastIndex = 0;
  return found;
}

/** Replaces each prompt whose label has a fallback; prompts without one stay. */
export function fillPromptsWithFallbacks(text: string, fallbacks: Readonly<Record<string, string>>): string {
  return text.replace(PROMPT, (whole, label: string) => (Object.hasOwn(fallbacks, label) ? fallbacks[label]! : whole));
}
