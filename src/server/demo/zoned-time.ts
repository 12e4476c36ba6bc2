/**
 * Local calendar arithmetic for the demo world: due dates are calendar dates in the
 * customer's zone, business hours are wall-clock times in the region's zone.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `{"mon":[["08:00","20:00"]],...,"sun":[]}` in the region's local time; "24:00" ends a day. */
export type BusinessHours = Record<Weekday, [string, string][]>;

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  weekday: Weekday;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAY_BY_SHORT: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };
const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Local parts straight from Intl (slow: a few microseconds a call). */
function intlParts(ms: number, timeZone: string): LocalParts {
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, weekday: 'mon' };
  for (const p of partFormatter(timeZone).formatToParts(ms)) {
    switch (p.type) {
      case 'year':
        out.year = Number(p.value);
        break;
      case 'month':
        out.month = Number(p.value);
        break;
      case 'day':
        out.day = Number(p.value);
        break;
      case 'hour':
        out.hour = Number(p.value) % 24;
        break;
      case 'minute':
        out.minute = Number(p.value);
        break;
      case 'weekday':
        out.weekday = WEEKDAY_BY_SHORT[p.value] ?? 'mon';
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * UTC offsets per zone and UTC hour. Every zone the demo uses changes its offset only on a
 * whole UTC hour, so one Intl call per zone and hour is enough; the rest is arithmetic.
 */
const offsets = new Map<string, number>();

function offsetMs(ms: number, timeZone: string): number {
  const hourStart = Math.floor(ms / 3_600_000) * 3_600_000;
  const key = `${timeZone}|${hourStart}`;
  let off = offsets.get(key);
  if (off === undefined) {
    const p = intlParts(hourStart, timeZone);
    off = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - hourStart;
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, off);
  }
  return off;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const d = new Date(ms + offsetMs(ms, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: WEEKDAY_BY_UTC_DAY[d.getUTCDay()] as Weekday,
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The calendar date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

function parseDate(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Adds calendar months, keeping the day of month where it exists (Jan 31 + 1 → Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parseDate(date);
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth(), Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** The instant at which the wall clock in `timeZone` shows `date` `hour:minute`. */
export function zonedTime(date: string, hour: number, minute: number, timeZone: string): number {
  const [y, m, d] = parseDate(date);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = localParts(guess, timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wall - shown;
  }
  return guess;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
