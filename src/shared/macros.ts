/**
 * Macros, shared by the desk server (the rows it seeds and serves), main (`macros:list`) and
 * the console (running them). Pure TypeScript: no DOM, no Node.
 *
 * A macro is named steps in order plus the inputs it asks for first. The one reply step puts a
 * reply into the composer; the other steps wait for that reply to be sent, so a macro can be
 * undone exactly until then. Templates are those of src/shared/templates.ts, plus
 * `{{input.<key>}}` for the macro's own inputs.
 */
import {
  CATEGORY_LABELS,
  MacroInput,
  MacroStep,
  type CannedLanguage,
  type Category,
  type Macro,
  type MacroPrefill,
  type MacroRow,
  type Priority,
  type TicketStatus,
} from './domain';
import { formatMoney, minorDigits } from './money';
import {
  composeText,
  formatTemplateDate,
  isKnownVariable,
  renderTemplate,
  templateVariables,
  textWithFallbacks,
  type ComposedText,
  type Formatting,
  type Segment,
  type TemplateContext,
} from './templates';

/** Ctrl/Cmd+Shift+1…9. */
export const MAX_MACRO_SLOTS = 9;

const INPUT_PREFIX = 'input.';

// ---- reading rows ---------------------------------------------------------------------------

/** The steps of a row from before steps existed: its reply, priority and status. */
export function legacySteps(row: Pick<MacroRow, 'replyBody' | 'setPriority' | 'setStatus'>): MacroStep[] {
  const steps: MacroStep[] = [];
  if (row.replyBody) steps.push({ type: 'insertReply', text: { en: row.replyBody } });
  if (row.setPriority) steps.push({ type: 'setPriority', priority: row.setPriority });
  if (row.setStatus === 'resolved') steps.push({ type: 'resolve' });
  else if (row.setStatus && row.setStatus !== 'queued') steps.push({ type: 'setStatus', status: row.setStatus });
  return steps;
}

/**
 * A cached or pulled row as the console runs it. A row without steps is read from its first
 * model's fields; a step or input this console does not know leaves the macro listed but not
 * runnable, with the reason.
 */
export function macroFromRow(row: MacroRow): Macro {
  let unsupported: string | null = null;
  const steps: MacroStep[] = [];
  if (row.steps === undefined) steps.push(...legacySteps(row));
  else
    for (const raw of row.steps) {
      const parsed = MacroStep.safeParse(raw);
      if (parsed.success) steps.push(parsed.data);
      else unsupported ??= `Needs a newer Agent Desk (step “${String(raw.type).slice(0, 40)}”).`;
    }
  const inputs: MacroInput[] = [];
  for (const raw of row.inputs ?? []) {
    const parsed = MacroInput.safeParse(raw);
    if (parsed.success) inputs.push(parsed.data);
    else unsupported ??= `Needs a newer Agent Desk (input “${String(raw.key).slice(0, 40)}”).`;
  }
  return { id: row.id, category: row.category, title: row.title, position: row.position ?? 0, steps, inputs, unsupported, version: row.version };
}

/**
 * The first model's fields for a macro with steps, so desktops from before steps still run
 * something sensible: the English reply, the status it ends in and the priority it sets.
 */
export function legacyFields(
  steps: readonly MacroStep[],
  englishCannedBody: (shortcut: string) => string | null,
): Pick<MacroRow, 'replyBody' | 'setStatus' | 'setPriority'> {
  let replyBody: string | null = null;
  let setStatus: TicketStatus | null = null;
  let setPriority: Priority | null = null;
  for (const s of steps) {
    if (s.type === 'insertReply') replyBody ??= s.text.en;
    else if (s.type === 'insertCannedReply' && s.shortcut) replyBody ??= englishCannedBody(s.shortcut);
    else if (s.type === 'setPriority') setPriority = s.priority;
    else if (s.type === 'setStatus') setStatus = s.status;
    else if (s.type === 'resolve') setStatus = 'resolved';
  }
  // Old desktops fill only the catalogue's variables: an input would stay a raw `{{input.x}}`.
  if (replyBody && inputPaths(replyBody).length > 0) replyBody = null;
  return { replyBody, setStatus, setPriority };
}

// ---- checking -------------------------------------------------------------------------------

export const isReplyStep = (s: MacroStep): s is Extract<MacroStep, { type: 'insertCannedReply' | 'insertReply' }> =>
  s.type === 'insertCannedReply' || s.type === 'insertReply';

/** Steps after which the chat is done or no longer the agent's: only `nextChat` may follow. */
const isFinalStep = (s: MacroStep) => s.type === 'resolve' || s.type === 'transfer' || s.type === 'escalate' || (s.type === 'setStatus' && (s.status === 'resolved' || s.status === 'closed'));

/** Every template text of a step, with where it is (for messages). */
export function stepTemplates(s: MacroStep): { where: string; text: string }[] {
  switch (s.type) {
    case 'insertReply':
      return Object.entries(s.text).flatMap(([lang, text]) => (text ? [{ where: `reply (${lang})`, text }] : []));
    case 'addNote':
      return [{ where: 'note', text: s.body }];
    case 'transfer':
      return s.note ? [{ where: 'transfer note', text: s.note }] : [];
    case 'escalate':
      return [{ where: 'escalation reason', text: s.reason }];
    default:
      return [];
  }
}

/** The `{{input.*}}` paths a template uses. */
export const inputPaths = (src: string): string[] => templateVariables(src).filter((p) => p.startsWith(INPUT_PREFIX));

const MONEY_SOURCES = new Set<MacroPrefill['from']>(['return.refundAmount', 'installment.amount', 'installment.lateFee', 'transaction.amount', 'order.total']);
const DATE_SOURCES = new Set<MacroPrefill['from']>(['today', 'installment.dueDate', 'return.refundDate']);

export interface MacroCheckOptions {
  /** The canned replies' shortcuts per language; a referenced shortcut must exist in each. */
  cannedShortcuts?: ReadonlyMap<CannedLanguage, ReadonlySet<string>>;
}

/** What is wrong with a macro (empty when it is fine). */
export function macroProblems(m: Pick<Macro, 'steps' | 'inputs'>, opts: MacroCheckOptions = {}): string[] {
  const problems: string[] = [];
  if (m.steps.length === 0) problems.push('has no steps');
  const replies = m.steps.filter(isReplyStep);
  if (replies.length > 1) problems.push('has more than one reply step');

  const finalAt = m.steps.findIndex(isFinalStep);
  if (finalAt >= 0 && m.steps.slice(finalAt + 1).some((s) => s.type !== 'nextChat'))
    problems.push(`step ${finalAt + 1} (${m.steps[finalAt]!.type}) ends the chat; only nextChat may follow it`);
  const next = m.steps.findIndex((s) => s.type === 'nextChat');
  if (next >= 0 && next !== m.steps.length - 1) problems.push('nextChat must be the last step');

  const keys = new Set<string>();
  for (const input of m.inputs) {
    if (keys.has(input.key)) problems.push(`input ${input.key} is declared twice`);
    keys.add(input.key);
    const from = input.prefill?.from;
    if (from && input.type === 'money' && !MONEY_SOURCES.has(from)) problems.push(`input ${input.key} is money but starts from ${from}`);
    if (from && input.type === 'date' && !DATE_SOURCES.has(from)) problems.push(`input ${input.key} is a date but starts from ${from}`);
    if (from && input.type === 'text') problems.push(`input ${input.key} is text and can't start from ${from}`);
  }

  const used = new Set<string>();
  for (const [i, s] of m.steps.entries()) {
    if (s.type === 'insertCannedReply') {
      if ((s.shortcut === null) === (s.replyId === null)) problems.push(`step ${i + 1} needs either a canned shortcut or a reply id`);
      if (s.shortcut && opts.cannedShortcuts)
        for (const [lang, shortcuts] of opts.cannedShortcuts) if (!shortcuts.has(s.shortcut)) problems.push(`step ${i + 1}: no canned reply /${s.shortcut} in ${lang}`);
    }
    for (const t of stepTemplates(s)) {
      for (const path of templateVariables(t.text)) {
        if (path.startsWith(INPUT_PREFIX)) {
          const key = path.slice(INPUT_PREFIX.length);
          if (!keys.has(key)) problems.push(`step ${i + 1} ${t.where} uses {{${path}}}, which is not an input`);
          used.add(key);
        } else if (!isKnownVariable(path)) problems.push(`step ${i + 1} ${t.where} uses unknown variable {{${path}}}`);
      }
    }
  }
  for (const k of keys) if (!used.has(k)) problems.push(`input ${k} is asked but never used`);
  return problems;
}

// ---- inputs ---------------------------------------------------------------------------------

export type InputValues = Readonly<Record<string, string>>;

/** The currency amounts are in: the customer's, else the records'. */
export function contextCurrency(ctx: TemplateContext): string | null {
  return ctx.customer?.currency || ctx.account?.currency || ctx.order?.currency || ctx.return?.currency || ctx.installment?.currency || null;
}

const SPACES = /[\s\u00a0\u202f'’]/g;

/**
 * An amount as agents type it, in minor units: `25`, `49.99`, `49,99`, `1 299,00`, `1,299.00`,
 * `1.299,00`. A currency sign or code around it is ignored. Null when it is not an amount above 0.
 */
export function parseMoney(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const t = text.replace(SPACES, '').replace(/^[^\d.,]*|[^\d.,]*$/g, '');
  if (!/^\d[\d.,]*$/.test(t) || t.length > 20) return null;
  const separators = t.replace(/\d/g, '');
  let whole = t;
  let fraction = '';
  if (separators.length > 0) {
    const last = Math.max(t.lastIndexOf('.'), t.lastIndexOf(','));
    const after = t.slice(last + 1);
    // "49,99" and "1.299,5" end in a decimal part; "1,299" and "1.299.000" only group thousands.
    const repeated = new Set(separators).size === 1 && separators.length > 1;
    if (after.length >= 1 && after.length <= digits && !repeated) {
      whole = t.slice(0, last);
      fraction = after;
    }
  }
  if (/[.,]/.test(whole)) {
    // Group separators: one kind, every group after the first has three digits.
    const groups = whole.split(/[.,]/);
    if (new Set(whole.replace(/\d/g, '')).size !== 1 || groups.slice(1).some((g) => g.length !== 3) || groups[0]!.length === 0 || groups[0]!.length > 3) return null;
    whole = groups.join('');
  }
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0);
  return Number.isSafeInteger(minor) && minor > 0 && minor < 1e13 ? minor : null;
}

/** The amount as a plain number for the input field ("1299.00"). */
export const moneyFieldText = (minor: number, currency: string): string => {
  const digits = minorDigits(currency);
  return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
};

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoDay(y: number, m: number, d: number): string | null {
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  if (Number.isNaN(ms) || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** The calendar day it is in a time zone (`2026-03-04`). */
export function todayIn(timeZone: string | null | undefined, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** A day plus `n` days, or `n` business days (Monday to Friday) when `business`. */
export function addDays(day: string, n: number, business = false): string {
  const m = ISO_DAY.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (!business) {
    date.setUTCDate(date.getUTCDate() + n);
    return date.toISOString().slice(0, 10);
  }
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    date.setUTCDate(date.getUTCDate() + step);
    const wd = date.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return date.toISOString().slice(0, 10);
}

/**
 * A date as agents type it: `2026-03-09`, `9.3.`, `9.3.2026`, `9.3.26`, or `+3` (days from
 * today). Day before month: slashes are left out because `3/9` means two things.
 */
export function parseDateInput(text: string, today: string): string | null {
  const t = text.trim();
  const iso = ISO_DAY.exec(t);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const rel = /^\+\s*(\d{1,3})$/.exec(t);
  if (rel) return addDays(today, Number(rel[1]));
  const dm = /^(\d{1,2})\.\s*(\d{1,2})\.?\s*(\d{2}|\d{4})?$/.exec(t);
  if (dm) {
    const year = dm[3] ? (dm[3].length === 2 ? 2000 + Number(dm[3]) : Number(dm[3])) : Number(today.slice(0, 4));
    return isoDay(year, Number(dm[2]), Number(dm[1]));
  }
  return null;
}

/** What an input's field starts with: a value of the chat's records, a date from today, or nothing. */
export function prefillValue(input: MacroInput, ctx: TemplateContext, today: string): string {
  const p = input.prefill;
  if (!p) return '';
  const day = (value: string | null | undefined) => (value ? addDays(value.slice(0, 10), p.addDays, p.businessDays) : '');
  const money = (minor: number | null | undefined, currency: string | null | undefined) => (minor != null && minor > 0 && currency ? moneyFieldText(minor, currency) : '');
  switch (p.from) {
    case 'today':
      return addDays(today, p.addDays, p.businessDays);
    case 'installment.dueDate':
      return day(ctx.installment?.dueDate);
    case 'return.refundDate':
      return day(ctx.return?.refundDate);
    case 'return.refundAmount':
      return money(ctx.return?.refundAmountMinor, ctx.return?.currency);
    case 'installment.amount':
      return money(ctx.installment?.amountMinor, ctx.installment?.currency);
    case 'installment.lateFee':
      return money(ctx.installment?.lateFeeMinor, ctx.installment?.currency);
    case 'transaction.amount':
      return money(ctx.transaction?.amountMinor, ctx.transaction?.currency);
    case 'order.total':
      return money(ctx.order?.totalMinor, ctx.order?.currency);
  }
}

/** Why a typed value won't do, in one sentence; null when it is fine. */
export function inputProblem(input: MacroInput, raw: string, currency: string | null, today: string): string | null {
  if (!raw.trim()) return `Enter the ${input.label.toLowerCase()}.`;
  if (input.type === 'money' && parseMoney(raw, currency ?? 'EUR') === null) return 'Enter an amount, like 25 or 49.99.';
  if (input.type === 'date' && parseDateInput(raw, today) === null) return 'Enter a date, like 2026-03-09, 9.3. or +3 (days from today).';
  if (raw.length > 500) return 'That is too long.';
  return null;
}

/** An input's value as the customer reads it (money and dates in their locale); null when invalid. */
export function formatInputValue(input: MacroInput, raw: string, ctx: TemplateContext, f: Formatting, today: string): string | null {
  const t = raw.trim();
  if (!t) return null;
  switch (input.type) {
    case 'money': {
      const currency = contextCurrency(ctx);
      if (!currency) return t;
      const minor = parseMoney(t, currency);
      if (minor === null) return null;
      try {
        return formatMoney(minor, currency, f.locale);
      } catch {
        return null;
      }
    }
    case 'date': {
      const day = parseDateInput(t, today);
      return day ? formatTemplateDate(day, f.locale, f.timeZone) : null;
    }
    case 'text':
      return t.replace(/\s+/g, ' ').slice(0, 500);
  }
}

// ---- filling templates -----------------------------------------------------------------------

export interface MacroFill {
  ctx: TemplateContext;
  formatting: Formatting;
  inputs: readonly MacroInput[];
  values: InputValues;
  today: string;
}

/** A template rendered for the chat: the catalogue's values, then the inputs' ({{input.key}}). */
export function renderMacroTemplate(src: string, fill: MacroFill): Segment[] {
  return renderTemplate(src, fill.ctx, fill.formatting).map((seg): Segment => {
    if (seg.kind !== 'unresolved' || !seg.path.startsWith(INPUT_PREFIX)) return seg;
    const input = fill.inputs.find((i) => i.key === seg.path.slice(INPUT_PREFIX.length));
    if (!input) return seg;
    const value = formatInputValue(input, fill.values[input.key] ?? '', fill.ctx, fill.formatting, fill.today);
    return value === null ? { ...seg, label: input.label.toLowerCase(), known: true } : { kind: 'text', text: value };
  });
}

/** Composer text: a value the chat lacks stays a ⟦prompt⟧ for the agent to fill. */
export const fillMacroReply = (src: string, fill: MacroFill): ComposedText => composeText(renderMacroTemplate(src, fill));

/** A note, reason or transfer note: fallbacks where a value is missing, else the ⟦prompt⟧ as text. */
export function fillMacroText(src: string, fill: MacroFill): string {
  const segments = renderMacroTemplate(src, fill);
  return textWithFallbacks(segments) ?? composeText(segments).text;
}

/** The reply text of a macro's own reply step in a language (English when it lacks that one). */
export const replyTextIn = (step: Extract<MacroStep, { type: 'insertReply' }>, language: CannedLanguage): string => step.text[language] ?? step.text.en;

// ---- describing -----------------------------------------------------------------------------

const PRIORITY_WORDS: Record<Priority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };
const STATUS_WORDS: Record<'open' | 'pending' | 'resolved' | 'closed', string> = { open: 'Open', pending: 'Waiting on customer', resolved: 'Resolved', closed: 'Closed' };
const ESCALATION_WORDS = { senior: 'a senior agent', supervisor: 'a supervisor', complaint: 'a formal complaint' } as const;

/** A few words on what a step does ("priority High"), for the palette and the undo bar. */
export function describeStep(s: MacroStep, names: { reply?: string | null; agent?: (id: string) => string | null } = {}): string {
  switch (s.type) {
    case 'insertCannedReply':
      return names.reply ? `reply “${names.reply}”` : s.shortcut ? `reply /${s.shortcut}` : 'a canned reply';
    case 'insertReply':
      return 'reply';
    case 'setCategory':
      return `category ${CATEGORY_LABELS[s.category]}`;
    case 'setPriority':
      return `priority ${PRIORITY_WORDS[s.priority]}`;
    case 'setStatus':
      return `status ${STATUS_WORDS[s.status]}`;
    case 'addNote':
      return 'note';
    case 'transfer':
      return s.agentId === null ? 'back to the queue' : `transfer to ${names.agent?.(s.agentId) ?? 'a colleague'}`;
    case 'escalate':
      return `escalate to ${ESCALATION_WORDS[s.to]}`;
    case 'resolve':
      return 'resolve';
    case 'nextChat':
      return 'next chat';
  }
}

// ---- slots ----------------------------------------------------------------------------------

const bySlotOrder = (a: Macro, b: Macro) => a.position - b.position || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

/**
 * The macros behind Ctrl/Cmd+Shift+1…9 for a chat: its category's macros in their order, then
 * the general ("Other") ones. Without a chat (or for an "Other" chat) only the general ones.
 * Macros this console can't run take no slot.
 */
export function macroSlots(macros: readonly Macro[], category: Category | null): Macro[] {
  const runnable = macros.filter((m) => m.unsupported === null);
  const own = category && category !== 'other' ? runnable.filter((m) => m.category === category).sort(bySlotOrder) : [];
  const general = runnable.filter((m) => m.category === 'other').sort(bySlotOrder);
  return [...own, ...general].slice(0, MAX_MACRO_SLOTS);
}
