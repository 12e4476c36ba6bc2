/**
 * Write-back: a one-line summary of the selected order, installment or transaction, for the
 * reply. Words follow the reply's language (the same choice as canned replies: sv, de or en);
 * money and dates follow the customer's locale (`formatLocaleFor`), so a Swedish customer reads
 * "1 899,00 kr" and "10 mars". Internal details stay out: no decline reasons, no internal ids.
 */
import type { CustomerContext } from '../../../shared/api/contract';
import type { CannedLanguage, InstallmentRow, OrderRow, PaymentPlan, TransactionRow } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatLocaleFor } from '../../../shared/templates';

export type RowRef = { kind: 'order' | 'installment' | 'transaction'; id: string };

export interface SummaryFormat {
  language: CannedLanguage;
  /** The customer's locale (money and dates). */
  locale: string | null;
  timeZone: string;
  now?: Date;
}

interface Words {
  order: string;
  at: string;
  paidOf(paid: number, total: number): string;
  next(amount: string, date: string): string;
  overdue(amount: string, date: string): string;
  fullyPaid: string;
  orderStatus: Record<Exclude<OrderRow['status'], 'active' | 'completed'>, string>;
  installment(n: number, total: number): string;
  /** The same inside a sentence ("installment 2 of 4", German keeps its capital). */
  installmentInline(n: number, total: number): string;
  forOrder: string;
  due(date: string): string;
  paidOn(date: string): string;
  lateFee(amount: string): string;
  installmentStatus: Record<InstallmentRow['status'], string>;
  kind: Record<TransactionRow['kind'], string>;
  txOf(kind: string, amount: string, date: string): string;
  via(rail: string): string;
  rail: Record<string, string>;
  ref: string;
  txStatus: Record<TransactionRow['status'], string>;
  settledOn(date: string): string;
  plan: Record<PaymentPlan, string>;
}

const WORDS: Record<CannedLanguage, Words> = {
  en: {
    order: 'Order',
    at: 'at',
    paidOf: (p, t) => `${p} of ${t} paid`,
    next: (a, d) => `next ${a} due ${d}`,
    overdue: (a, d) => `${a} overdue since ${d}`,
    fullyPaid: 'fully paid',
    orderStatus: { refunded: 'refunded', cancelled: 'cancelled' },
    installment: (n, t) => `Installment ${n} of ${t}`,
    installmentInline: (n, t) => `installment ${n} of ${t}`,
    forOrder: 'for order',
    due: (d) => `due ${d}`,
    paidOn: (d) => `paid ${d}`,
    lateFee: (a) => `late fee ${a}`,
    installmentStatus: { scheduled: 'scheduled', paid: 'paid', overdue: 'overdue', failed: 'payment failed', paused: 'paused' },
    kind: { purchase: 'Purchase', payment: 'Payment', refund: 'Refund', fee: 'Fee' },
    txOf: (k, a, d) => `${k} of ${a} on ${d}`,
    via: (r) => `by ${r}`,
    rail: { card: 'card', direct_debit: 'direct debit', bank_transfer: 'bank transfer', pay_later: 'pay later' },
    ref: 'reference',
    txStatus: { pending: 'pending', settled: 'settled', failed: 'failed', reversed: 'reversed' },
    settledOn: (d) => `settled ${d}`,
    plan: { pay_in_4: 'Pay in 4', pay_in_30: 'Pay in 30 days', financing: 'Financing', pay_now: 'Pay now' },
  },
  sv: {
    order: 'Order',
    at: 'hos',
    paidOf: (p, t) => `${p} av ${t} betalda`,
    next: (a, d) => `nästa ${a} förfaller ${d}`,
    overdue: (a, d) => `${a} försenad sedan ${d}`,
    fullyPaid: 'helt betald',
    orderStatus: { refunded: 'återbetald', cancelled: 'avbruten' },
    installment: (n, t) => `Delbetalning ${n} av ${t}`,
    installmentInline: (n, t) => `delbetalning ${n} av ${t}`,
    forOrder: 'för order',
    due: (d) => `förfaller ${d}`,
    paidOn: (d) => `betald ${d}`,
    lateFee: (a) => `förseningsavgift ${a}`,
    installmentStatus: { scheduled: 'planerad', paid: 'betald', overdue: 'försenad', failed: 'betalningen misslyckades', paused: 'pausad' },
    kind: { purchase: 'Köp', payment: 'Betalning', refund: 'Återbetalning', fee: 'Avgift' },
    txOf: (k, a, d) => `${k} på ${a} den ${d}`,
    via: (r) => `via ${r}`,
    rail: { card: 'kort', direct_debit: 'autogiro', bank_transfer: 'banköverföring', pay_later: 'faktura' },
    ref: 'referens',
    txStatus: { pending: 'behandlas', settled: 'genomförd', failed: 'misslyckades', reversed: 'återförd' },
    settledOn: (d) => `genomförd ${d}`,
    plan: { pay_in_4: 'Dela upp i 4', pay_in_30: 'Betala om 30 dagar', financing: 'Delbetalning', pay_now: 'Betala direkt' },
  },
  de: {
    order: 'Bestellung',
    at: 'bei',
    paidOf: (p, t) => `${p} von ${t} bezahlt`,
    next: (a, d) => `nächste Rate ${a} fällig am ${d}`,
    overdue: (a, d) => `${a} überfällig seit ${d}`,
    fullyPaid: 'vollständig bezahlt',
    orderStatus: { refunded: 'erstattet', cancelled: 'storniert' },
    installment: (n, t) => `Rate ${n} von ${t}`,
    installmentInline: (n, t) => `Rate ${n} von ${t}`,
    forOrder: 'für Bestellung',
    due: (d) => `fällig am ${d}`,
    paidOn: (d) => `bezahlt am ${d}`,
    lateFee: (a) => `Mahngebühr ${a}`,
    installmentStatus: { scheduled: 'geplant', paid: 'bezahlt', overdue: 'überfällig', failed: 'Zahlung fehlgeschlagen', paused: 'pausiert' },
    kind: { purchase: 'Kauf', payment: 'Zahlung', refund: 'Erstattung', fee: 'Gebühr' },
    txOf: (k, a, d) => `${k} über ${a} am ${d}`,
    via: (r) => `per ${r}`,
    rail: { card: 'Karte', direct_debit: 'Lastschrift', bank_transfer: 'Überweisung', pay_later: 'Rechnung' },
    ref: 'Referenz',
    txStatus: { pending: 'in Bearbeitung', settled: 'abgeschlossen', failed: 'fehlgeschlagen', reversed: 'storniert' },
    settledOn: (d) => `abgeschlossen am ${d}`,
    plan: { pay_in_4: 'In 4 Raten', pay_in_30: 'In 30 Tagen bezahlen', financing: 'Finanzierung', pay_now: 'Sofort bezahlen' },
  },
};

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(locale: string, timeZone: string, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withYear}`;
  let f = dayFormats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone });
    } catch {
      f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' });
    }
    dayFormats.set(key, f);
  }
  return f;
}

/** "10 mars", "10. März", "Mar 10"; with the year when it is not this year. A `YYYY-MM-DD` day is that calendar day anywhere. */
export function shortDay(isoOrDay: string, locale: string, timeZone: string, now = new Date()): string {
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDay);
  const d = new Date(isDay ? `${isoOrDay}T12:00:00Z` : isoOrDay);
  if (Number.isNaN(d.getTime())) return isoOrDay;
  const zone = isDay ? 'UTC' : timeZone;
  const year = (x: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: zone }).format(x);
  return dayFormat(locale, zone, year(d) !== year(now)).format(d);
}

const byNumber = (a: InstallmentRow, b: InstallmentRow) => a.number - b.number;

/** The next installment still to pay: the oldest in arrears, else the next scheduled one. */
export function nextDue(rows: readonly InstallmentRow[]): InstallmentRow | null {
  const open = rows.filter((i) => i.status !== 'paid' && i.status !== 'paused').sort(byNumber);
  return open.find((i) => i.status === 'overdue' || i.status === 'failed') ?? open[0] ?? null;
}

function railWord(w: Words, rail: string): string {
  return w.rail[rail] ?? rail.replace(/_/g, ' ');
}

export function summarise(ref: RowRef, context: CustomerContext, f: SummaryFormat): string | null {
  const w = WORDS[f.language];
  const locale = formatLocaleFor(f.locale, f.language);
  const money = (minor: number, currency: string) => formatMoney(minor, currency, locale);
  const day = (iso: string) => shortDay(iso, locale, f.timeZone, f.now);
  const orderOf = (id: string | null) => (id ? (context.orders.find((o) => o.id === id) ?? null) : null);
  const plansOf = (orderId: string) => context.installments.filter((i) => i.orderId === orderId).sort(byNumber);

  switch (ref.kind) {
    case 'order': {
      const o = orderOf(ref.id);
      if (!o) return null;
      const parts = [`${w.order} ${o.orderNumber} ${w.at} ${o.merchant}`, money(o.totalMinor, o.currency), w.plan[o.plan]];
      const plan = plansOf(o.id);
      let tail = '';
      if (o.status === 'refunded' || o.status === 'cancelled') tail = w.orderStatus[o.status];
      else if (plan.length > 0) {
        const paid = plan.filter((i) => i.status === 'paid').length;
        const next = nextDue(plan);
        if (!next) tail = paid === plan.length ? w.fullyPaid : w.paidOf(paid, plan.length);
        else {
          const amount = money(next.amountMinor, next.currency);
          const due = next.status === 'overdue' || next.status === 'failed' ? w.overdue(amount, day(next.dueDate)) : w.next(amount, day(next.dueDate));
          tail = `${w.paidOf(paid, plan.length)}, ${due}`;
        }
      }
      return tail ? `${parts.join(', ')} — ${tail}` : parts.join(', ');
    }
    case 'installment': {
      const i = context.installments.find((x) => x.id === ref.id);
      if (!i) return null;
      const o = orderOf(i.orderId);
      const total = plansOf(i.orderId).length || i.number;
      const head = `${w.installment(i.number, total)}${o ? ` ${w.forOrder} ${o.orderNumber} (${o.merchant})` : ''}`;
      const parts = [money(i.amountMinor, i.currency), i.status === 'paid' && i.paidAt ? w.paidOn(day(i.paidAt)) : w.due(day(i.dueDate))];
      if (i.status !== 'paid' && i.status !== 'scheduled') parts.push(w.installmentStatus[i.status]);
      if (i.lateFeeMinor > 0) parts.push(w.lateFee(money(i.lateFeeMinor, i.currency)));
      return `${head}: ${parts.join(', ')}`;
    }
    case 'transaction': {
      const t = context.transactions.find((x) => x.id === ref.id);
      if (!t) return null;
      const o = orderOf(t.orderId);
      const inst = t.installmentId ? context.installments.find((x) => x.id === t.installmentId) : undefined;
      let what = w.txOf(w.kind[t.kind], money(t.amountMinor, t.currency), day(t.createdAt));
      if (inst && o) what += ` (${w.installmentInline(inst.number, plansOf(o.id).length || inst.number)} ${w.forOrder} ${o.orderNumber})`;
      else if (o) what += ` (${w.forOrder} ${o.orderNumber})`;
      const status = t.status === 'settled' && t.settledAt ? w.settledOn(day(t.settledAt)) : w.txStatus[t.status];
      return `${what}, ${w.via(railWord(w, t.rail))}, ${w.ref} ${t.reference}: ${status}`;
    }
  }
}
