/**
 * The business calendar of a region (docs/calendars.md): the one place routing, the chat page,
 * reply clocks and complaint deadlines ask whether the region is open and how much business time
 * lies between two instants.
 *
 * A local date's plan, in order of precedence: a manual exception for that date (its own
 * intervals, or closed); else, on a public holiday of the region's country, the holiday hours
 * (default closed); else the weekday's intervals. An interval belongs to the day it starts on and
 * may run into the next (Friday 22:00–02:00). Intervals become instants in the region's zone, so
 * a day on which clocks change is 23 or 25 hours long and an interval over the change is an hour
 * shorter or longer.
 */
import { publicHolidayOn } from './holidays';
import type { CalendarSpec, Interval } from './model';
import { DAY_MS, addDays, instantAt, localMoment, msOfTime, weekdayOf } from './zoned';

/** An open stretch [start, end) in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

export type DayKind = 'regular' | 'holiday' | 'exception';

export interface DayPlan {
  date: string;
  kind: DayKind;
  /** The public holiday's name on a holiday, an exception's note, else null. */
  label: string | null;
  intervals: readonly Interval[];
  /** Opens at all and is not a public holiday; an exception that opens makes any day one. */
  businessDay: boolean;
}

/** How far the calendar looks for an opening, a closing or business days before giving up. */
export const HORIZON_DAYS = 400;
/** A region open this many days without a break is open round the clock: `closesAt` says null. */
export const CLOSING_HORIZON_DAYS = 8;

export interface BusinessCalendar {
  readonly timeZone: string;
  /** What the region keeps on a local date (YYYY-MM-DD). */
  day(date: string): DayPlan;
  /** The open spans of the local dates from `fromDate` to `toDate` inclusive, merged and in order. */
  spans(fromDate: string, toDate: string): Span[];
  isOpenAt(at: Date): boolean;
  /** The first instant at or after `at` when the region is open (`at` itself when open); null if none within the horizon. */
  nextOpening(at: Date): Date | null;
  /** When the open stretch around `at` ends; null when closed at `at`, or open for more than CLOSING_HORIZON_DAYS (round the clock). */
  closesAt(at: Date): Date | null;
  /**
   * The same wall-clock time on the `days`-th business day after the local date of `at` (0: `at`).
   * A calendar with no business day within the horizon counts calendar days instead.
   */
  addBusinessDays(at: Date, days: number): Date;
  /** The end (next local midnight) of the `days`-th business day after the local date of `at`. */
  endOfBusinessDay(at: Date, days: number): Date;
  /** The open time between two instants, in milliseconds (0 when `to` is not after `from`). */
  businessMs(from: Date, to: Date): number;
}

function merge(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export function createCalendar(spec: CalendarSpec): BusinessCalendar {
  const { timeZone } = spec;
  const exceptions = new Map(spec.exceptions.map((e) => [e.date, e]));

  function day(date: string): DayPlan {
    const exception = exceptions.get(date);
    if (exception) return { date, kind: 'exception', label: exception.note ?? null, intervals: exception.intervals, businessDay: exception.intervals.length > 0 };
    const holiday = spec.holidayCountry ? publicHolidayOn(spec.holidayCountry, date) : null;
    if (holiday) return { date, kind: 'holiday', label: holiday, intervals: spec.holidayHours, businessDay: false };
    const intervals = spec.hours[weekdayOf(date)];
    return { date, kind: 'regular', label: null, intervals, businessDay: intervals.length > 0 };
  }

  // A date's spans never change for one calendar: computed once (bounded, for long-lived calendars).
  const spansByDate = new Map<string, readonly Span[]>();
  function daySpans(date: string): readonly Span[] {
    let spans = spansByDate.get(date);
    if (!spans) {
      spans = day(date).intervals.map(([from, to]) => {
        const a = msOfTime(from);
        const b = msOfTime(to) <= a ? msOfTime(to) + DAY_MS : msOfTime(to);
        return { start: instantAt(date, a, timeZone), end: instantAt(date, b, timeZone) };
      });
      if (spansByDate.size >= 4 * HORIZON_DAYS) spansByDate.clear();
      spansByDate.set(date, spans);
    }
    return spans;
  }

  function spans(fromDate: string, toDate: string): Span[] {
    const all: Span[] = [];
    for (let d = fromDate; d <= toDate; d = addDays(d, 1)) all.push(...daySpans(d));
    return merge(all);
  }

  /** The spans that can touch [fromMs, fromMs + days): from the day before (intervals over midnight). */
  const spansFrom = (fromMs: number, days: number): Span[] => {
    const first = localMoment(fromMs, timeZone).date;
    return spans(addDays(first, -1), addDays(first, days));
  };

  const isOpenAt = (at: Date): boolean => {
    const t = at.getTime();
    return spansFrom(t, 0).some((s) => s.start <= t && t < s.end);
  };

  function nextOpening(at: Date): Date | null {
    const t = at.getTime();
    for (let offset = 0; offset < HORIZON_DAYS; offset += 7) {
      const from = localMoment(t, timeZone).date;
      const window = spans(addDays(from, offset === 0 ? -1 : offset), addDays(from, offset + 6));
      const next = window.find((s) => s.end > t);
      if (next) return new Date(Math.max(next.start, t));
    }
    return null;
  }

  function closesAt(at: Date): Date | null {
    const t = at.getTime();
    const window = spansFrom(t, CLOSING_HORIZON_DAYS);
    const current = window.find((s) => s.start <= t && t < s.end);
    if (!current) return null;
    // A later day's spans start after that day's local midnight: a span ending before the
    // window's last day begins cannot be extended by days outside the window.
    const lastDayStarts = instantAt(addDays(localMoment(t, timeZone).date, CLOSING_HORIZON_DAYS), 0, timeZone);
    return current.end < lastDayStarts ? new Date(current.end) : null;
  }

  /** The local date of the `days`-th business day after `date` (calendar days if none within the horizon). */
  function businessDate(date: string, days: number): string {
    let d = date;
    let searched = 0;
    for (let counted = 0; counted < days; ) {
      d = addDays(d, 1);
      if (day(d).businessDay) {
        counted++;
        searched = 0;
      } else if (++searched > HORIZON_DAYS) return addDays(date, days);
    }
    return d;
  }

  function addBusinessDays(at: Date, days: number): Date {
    if (days <= 0) return new Date(at);
    const { date, msOfDay } = localMoment(at.getTime(), timeZone);
    return new Date(instantAt(businessDate(date, days), msOfDay, timeZone));
  }

  function endOfBusinessDay(at: Date, days: number): Date {
    const { date } = localMoment(at.getTime(), timeZone);
    return new Date(instantAt(addDays(businessDate(date, days), 1), 0, timeZone));
  }

  function businessMs(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    if (b <= a) return 0;
    const days = Math.ceil((b - a) / DAY_MS) + 1;
    return spansFrom(a, days).reduce((sum, s) => sum + Math.max(0, Math.min(s.end, b) - Math.max(s.start, a)), 0);
  }

  return { timeZone, day, spans, isOpenAt, nextOpening, closesAt, addBusinessDays, endOfBusinessDay, businessMs };
}
