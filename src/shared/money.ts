/** Amounts are integer minor units with an ISO currency, shown in the customer's locale. */
export interface Money {
  amountMinor: number;
  currency: string;
}

const MINOR_DIGITS: Record<string, number> = { SEK: 2, EUR: 2, GBP: 2, USD: 2, AUD: 2, NOK: 2, DKK: 2, CAD: 2, JPY: 0 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  return f.format(amountMinor / 10 ** minorDigits(currency));
}
