/**
 * Local calendar arithmetic for the demo world: due dates are calendar dates in the
 * customer's zone, business hours are wall-clock times in the region's zone. The zone arithmetic
 * is the business calendars' (src/server/calendar/zoned.ts); this adds what only the demo needs.
 */
import { WEEKDAYS, type Weekday } from '../calendar/model';
import { addDays, localDate, offsetAt, zonedTime } from '../calendar/zoned';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export { WEEKDAYS, type Weekday };

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

const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Local date and time parts of an instant, from the business calendars' cached zone offsets. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const d = new Date(ms + offsetAt(ms, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: WEEKDAY_BY_UTC_DAY[d.getUTCDay()] as Weekday,
  };
}


function parseDate(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

export { addDays, localDate, zonedTime };

/** Adds calendar months, keeping the day of month where it exists (Jan 31 + 1 → Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parseDate(date);
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth(), Math.min(d, lastDay))).toISOString().slice(0, 10);
}

export const iso = (ms: number): string => new Date(ms).toISOString();
