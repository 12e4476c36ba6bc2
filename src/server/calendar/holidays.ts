/**
 * Public holidays per country from the date-holidays package: only its type 'public' (bank
 * holidays, observances, optional and school days are not days off by law). Local dates, named in
 * English, cached per country code and year; no holiday table is written by hand here.
 */
import Holidays from 'date-holidays';

const byCode = new Map<string, Holidays | null>();
const byYear = new Map<string, ReadonlyMap<string, string>>();

/** "SE" or "AU-NSW": the country and the optional subdivision. */
function split(code: string): [string, string | undefined] {
  const [country, state] = code.split('-') as [string, string | undefined];
  return [country, state];
}

function holidaysOf(code: string): Holidays | null {
  if (byCode.has(code)) return byCode.get(code)!;
  const [country, state] = split(code);
  const countries = new Holidays().getCountries('en');
  let found: Holidays | null = null;
  if (country in countries && (!state || state in (new Holidays().getStates(country, 'en') ?? {}))) {
    found = state ? new Holidays(country, state, { types: ['public'] }) : new Holidays(country, { types: ['public'] });
  }
  byCode.set(code, found);
  return found;
}

/** Whether date-holidays knows the country (and the subdivision, when one is given). */
export function isKnownHolidayCountry(code: string): boolean {
  return holidaysOf(code) !== null;
}

/** The public holidays of a year, local date → name (a holiday of several days lists each day). */
export function publicHolidays(code: string, year: number): ReadonlyMap<string, string> {
  const key = `${code}:${year}`;
  const cached = byYear.get(key);
  if (cached) return cached;
  const out = new Map<string, string>();
  for (const h of holidaysOf(code)?.getHolidays(year, 'en') ?? []) {
    if (h.type !== 'public') continue;
    const first = h.date.slice(0, 10);
    const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
    for (let i = 0; i < days; i++) {
      const d = new Date(`${first}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + i);
      const date = d.toISOString().slice(0, 10);
      if (!out.has(date)) out.set(date, h.name);
    }
  }
  byYear.set(key, out);
  return out;
}

/** The public holiday on a local date `YYYY-MM-DD`, or null. */
export function publicHolidayOn(code: string, date: string): string | null {
  return publicHolidays(code, Number(date.slice(0, 4))).get(date) ?? null;
}
