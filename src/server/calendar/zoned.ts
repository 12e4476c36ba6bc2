/**
 * Wall-clock time in an IANA zone through Intl only: the local date and time of an instant, and
 * the instant of a local date and time. A wall time that does not exist (the hour skipped when
 * clocks spring forward) is moved forward by the gap; one that exists twice (the hour repeated
 * when they fall back) is the earlier of the two — Temporal's 'compatible' choice.
 */
import { WEEKDAYS, type Weekday } from './model';

export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `ms` through Intl, in milliseconds (+01:00 → 3,600,000). */
function intlOffset(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const whole = Math.floor(ms / 1000) * 1000;
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - whole;
}

/**
 * Offsets cached per zone and quarter hour: every offset change since 1970 happens on a quarter
 * hour of UTC, so the offset is constant within one. Intl costs microseconds per call and a
 * week's arithmetic asks it hundreds of times; the cache is cleared when it grows large.
 */
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();
const MAX_CACHED_OFFSETS = 200_000;

/** The zone's offset from UTC at `ms`, in milliseconds (+01:00 → 3,600,000). */
export function offsetAt(ms: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
    offsets.set(key, (offset = intlOffset(ms, timeZone)));
  }
  return offset;
}

/** The zone's wall clock at `ms`, as if it were UTC. */
const wallMs = (ms: number, timeZone: string): number => ms + offsetAt(ms, timeZone);

export interface LocalMoment {
  /** The local date, YYYY-MM-DD. */
  date: string;
  /** Milliseconds since the local midnight, by the wall clock. */
  msOfDay: number;
}

export function localMoment(ms: number, timeZone: string): LocalMoment {
  const wall = wallMs(ms, timeZone);
  const msOfDay = ((wall % DAY_MS) + DAY_MS) % DAY_MS;
  return { date: new Date(wall - msOfDay).toISOString().slice(0, 10), msOfDay };
}

/** The instant the wall clock in `timeZone` shows `date` plus `msOfDay` (may pass 24:00, into the next days). */
export function instantAt(date: string, msOfDay: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + msOfDay;
  // At most one offset change lies within a day of any wall time: try the offsets either side.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const fits = [wall - before, wall - after].filter((t) => wallMs(t, timeZone) === wall);
  if (fits.length > 0) return Math.min(...fits);
  return wall - before; // in a gap: as far past the gap's start as the wall time is
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export const localDate = (ms: number, timeZone: string): string => localMoment(ms, timeZone).date;

/** The instant the wall clock in `timeZone` shows `date` `hour:minute` (a skipped time: past the gap). */
export const zonedTime = (date: string, hour: number, minute: number, timeZone: string): number => instantAt(date, (hour * 60 + minute) * 60_000, timeZone);

/** The date `days` after a local date (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The weekday of a local date. */
export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}

/** "08:30" → milliseconds since midnight ("24:00" → a whole day). */
export const msOfTime = (hhmm: string): number => (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * 60_000;
