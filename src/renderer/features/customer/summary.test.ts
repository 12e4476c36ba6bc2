/** Write-back text: words in the reply's language, money and dates in the customer's locale. */
import { describe, expect, it } from 'vitest';
import { summarise, type SummaryFormat } from './summary';
import { customerContext } from './test-fixtures';

const now = new Date('2026-03-01T12:00:00Z');
/** Intl puts no-break spaces in amounts (narrow ones in some locales); compare them as plain spaces. */
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const sv: SummaryFormat = { language: 'sv', locale: 'sv-SE', timeZone: 'Europe/Stockholm', now };

describe('write-back summaries', () => {
  const ctx = customerContext();

  it('writes an order in Swedish for a Swedish customer', () => {
    expect(nbsp(summarise({ kind: 'order', id: 'o1' }, ctx, sv)!)).toBe('Order ORD-58213 hos Stadium, 1 899,00 kr, Dela upp i 4 — 2 av 4 betalda, nästa 474,75 kr förfaller 10 mars');
  });

  it('writes the same order in English with Swedish money when the agent replies in English (the brief’s example)', () => {
    expect(nbsp(summarise({ kind: 'order', id: 'o1' }, ctx, { ...sv, language: 'en' })!)).toBe('Order ORD-58213 at Stadium, 1 899,00 kr, Pay in 4 — 2 of 4 paid, next 474,75 kr due 10 Mar');
  });

  it('writes German for a de-DE customer, euros and German dates', () => {
    const de = customerContext({
      customer: { ...ctx.customer!, locale: 'de-DE', timeZone: 'Europe/Berlin', currency: 'EUR' },
      orders: ctx.orders.map((o) => ({ ...o, currency: 'EUR' })),
      installments: ctx.installments.map((i) => ({ ...i, currency: 'EUR' })),
      transactions: ctx.transactions.map((t) => ({ ...t, currency: 'EUR' })),
    });
    const f: SummaryFormat = { language: 'de', locale: 'de-DE', timeZone: 'Europe/Berlin', now };
    expect(nbsp(summarise({ kind: 'order', id: 'o1' }, de, f)!)).toBe('Bestellung ORD-58213 bei Stadium, 1.899,00 €, In 4 Raten — 2 von 4 bezahlt, nächste Rate 474,75 € fällig am 10. März');
    expect(nbsp(summarise({ kind: 'installment', id: 'i5' }, de, f)!)).toBe('Rate 1 von 1 für Bestellung ORD-77001 (Clas Ohlson): 599,00 €, fällig am 25. Feb., überfällig, Mahngebühr 35,00 €');
    expect(nbsp(summarise({ kind: 'transaction', id: 't3' }, de, f)!)).toBe('Zahlung über 599,00 € am 25. Feb. (Rate 1 von 1 für Bestellung ORD-77001), per Karte, Referenz REF-T3: fehlgeschlagen');
  });

  it('writes US English with dollars and month-first dates', () => {
    const us = customerContext({
      customer: { ...ctx.customer!, locale: 'en-US', timeZone: 'America/New_York', currency: 'USD' },
      orders: ctx.orders.map((o) => ({ ...o, currency: 'USD' })),
      installments: ctx.installments.map((i) => ({ ...i, currency: 'USD' })),
      transactions: ctx.transactions.map((t) => ({ ...t, currency: 'USD' })),
    });
    const f: SummaryFormat = { language: 'en', locale: 'en-US', timeZone: 'America/New_York', now };
    expect(summarise({ kind: 'order', id: 'o1' }, us, f)).toBe('Order ORD-58213 at Stadium, $1,899.00, Pay in 4 — 2 of 4 paid, next $474.75 due Mar 10');
    expect(summarise({ kind: 'transaction', id: 't2' }, us, f)).toBe('Payment of $474.75 on Feb 10 (installment 2 of 4 for order ORD-58213), by card, reference REF-T2: settled Feb 10');
    expect(summarise({ kind: 'installment', id: 'i3' }, us, f)).toBe('Installment 3 of 4 for order ORD-58213 (Stadium): $474.75, due Mar 10');
  });

  it('writes Swedish installments and transactions, the overdue one marked, no decline reason', () => {
    expect(nbsp(summarise({ kind: 'installment', id: 'i5' }, ctx, sv)!)).toBe('Delbetalning 1 av 1 för order ORD-77001 (Clas Ohlson): 599,00 kr, förfaller 25 feb., försenad, förseningsavgift 35,00 kr');
    const tx = nbsp(summarise({ kind: 'transaction', id: 't3' }, ctx, sv)!);
    expect(tx).toBe('Betalning på 599,00 kr den 25 feb. (delbetalning 1 av 1 för order ORD-77001), via kort, referens REF-T3: misslyckades');
    expect(tx).not.toContain('Insufficient');
    expect(nbsp(summarise({ kind: 'order', id: 'o2' }, ctx, sv)!)).toBe('Order ORD-77001 hos Clas Ohlson, 599,00 kr, Betala om 30 dagar — 0 av 1 betalda, 599,00 kr försenad sedan 25 feb.');
    expect(nbsp(summarise({ kind: 'order', id: 'o3' }, ctx, sv)!)).toBe('Order ORD-10001 hos Åhléns, 396,00 kr, Dela upp i 4 — helt betald');
  });

  it('adds the year to dates outside this year, and says null for a row that is gone', () => {
    expect(nbsp(summarise({ kind: 'installment', id: 'i6' }, ctx, { ...sv, language: 'en' })!)).toBe('Installment 1 of 1 for order ORD-10001 (Åhléns): 396,00 kr, paid 1 Nov 2025');
    expect(summarise({ kind: 'order', id: 'nope' }, ctx, sv)).toBeNull();
  });
});
