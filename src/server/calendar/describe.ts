/**
 * Opening hours in words for customers. Every time shown names its zone: the short name Intl
 * gives for the region's zone ("CET", "AEDT", "EST"), or its GMT offset where no language has a
 * name for it.
 */
import type { BusinessCalendar } from './calendar';
import { WEEKDAYS, type Interval, type WeeklyHours, type Weekday } from './model';
import { localMoment } from './zoned';

const LABEL: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

const intervalText = (intervals: readonly Interval[]): string =>
  intervals.length === 0 ? 'closed' : intervals.map(([a, b]) => (a === '00:00' && b === '24:00' ? 'all day' : `${a}–${b}`)).join(', ');

/** "Mon–Thu 08:00–18:00 · Fri 08:00–18:00, 20:00–02:00 · Sat–Sun closed" (wall-clock times of the region). */
export function describeHours(hours: WeeklyHours): string {
  const groups: { from: Weekday; to: Weekday; text: string }[] = [];
  for (const d of WEEKDAYS) {
    const last = groups[groups.length - 1];
    if (last && last.text === intervalText(hours[d])) last.to = d;
    else groups.push({ from: d, to: d, text: intervalText(hours[d]) });
  }
  return groups.map((g) => `${LABEL[g.from]}${g.from === g.to ? '' : `–${LABEL[g.to]}`} ${g.text}`).join(' · ');
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
function zoneFormatter(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let f = zoneFormatters.get(key);
  if (!f) zoneFormatters.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })));
  return f;
}

/**
 * The zone's short name at an instant ("CET" in winter, "CEST" in summer), in English (the chat
 * page's language): the region's locale first when it is an English one ("AEDT" needs en-AU,
 * "EST" en-US), then en-GB, en-US, en-AU; the first that names it rather than giving an offset.
 */
export function zoneName(timeZone: string, at: Date, locale = 'en-GB'): string {
  let fallback = '';
  for (const l of [...(locale.startsWith('en') ? [locale] : []), 'en-GB', 'en-US', 'en-AU']) {
    const name = zoneFormatter(l, timeZone).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (!fallback) fallback = name;
    if (name && !/^(GMT|UTC)[+−-]/.test(name)) return name;
  }
  return fallback || timeZone;
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();
function timeFormatter(locale: string, timeZone: string, weekday: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${weekday}`;
  let f = timeFormatters.get(key);
  if (!f) {
    // "08:00" where the clock runs to 24, "8:00 AM" where it runs to 12.
    const twelve = /h1[12]/.test(new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle ?? '');
    f = new Intl.DateTimeFormat(locale, { timeZone, hour: twelve ? 'numeric' : '2-digit', minute: '2-digit', ...(weekday ? { weekday: 'short' } : {}) });
    timeFormatters.set(key, f);
  }
  return f;
}

/** "Mon 08:00 CET" ("Mon 8:00 AM EST" in en-US): weekday, time and zone, in the region's zone (English: the chat page's language). */
export function formatOpening(at: Date, timeZone: string, locale: string): string {
  const parts = timeFormatter(locale.startsWith('en') ? locale : 'en-GB', timeZone, true).formatToParts(at);
  const weekday = parts.find((p) => p.type === 'weekday')?.value.replace(/\.$/, '') ?? '';
  const time = timeFormatter(locale.startsWith('en') ? locale : 'en-GB', timeZone, false).format(at);
  return `${weekday} ${time} ${zoneName(timeZone, at, locale)}`;
}

/** "18:00 CET" when it is later the same local day as `now`, else "Sat 2:00 am AEDT". */
export function formatClosing(at: Date, timeZone: string, locale: string, now: Date): string {
  if (localMoment(at.getTime(), timeZone).date !== localMoment(now.getTime(), timeZone).date) return formatOpening(at, timeZone, locale);
  return `${timeFormatter(locale.startsWith('en') ? locale : 'en-GB', timeZone, false).format(at)} ${zoneName(timeZone, at, locale)}`;
}

/**
 * What is special about today, for the chat page: "Today (Christmas Day): closed",
 * "Today (Christmas Eve): 08:00–12:00"; null on a regular day.
 */
export function describeToday(calendar: BusinessCalendar, date: string): string | null {
  const plan = calendar.day(date);
  if (plan.kind === 'regular') return null;
  const hours = intervalText(plan.intervals);
  return `Today${plan.label ? ` (${plan.label})` : ''}: ${hours === 'all day' ? 'open all day' : hours}`;
}
