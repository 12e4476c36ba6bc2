/**
 * The data of a region's business calendar (docs/calendars.md): weekly opening intervals, the
 * country whose public holidays close it, what it opens on those holidays, manual exceptions for
 * single dates, all in the region's IANA time zone. Validated with zod wherever it enters
 * (storage, the demo world): a calendar that does not parse never reaches the arithmetic.
 */
import { z } from 'zod';
import { isKnownHolidayCountry } from './holidays';

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const Time = z.string().regex(HHMM, 'a wall-clock time HH:MM, 00:00 to 24:00');

/**
 * One opening interval on a day, `[from, to]` in local wall-clock time. `to` at or before `from`
 * runs into the next day (Friday `["22:00", "02:00"]` is Friday 22:00 to Saturday 02:00 and
 * belongs to Friday); `["00:00", "24:00"]` is the whole day. `from` and `to` must differ.
 */
export const Interval = z
  .tuple([Time, Time])
  .refine(([from, to]) => from !== to && from !== '24:00', 'an interval starts before 24:00 and does not end where it starts');
export type Interval = z.infer<typeof Interval>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The regular week: the intervals of each weekday (`hours_json`, unchanged since the first release). */
export const WeeklyHours = z.object({
  mon: z.array(Interval),
  tue: z.array(Interval),
  wed: z.array(Interval),
  thu: z.array(Interval),
  fri: z.array(Interval),
  sat: z.array(Interval),
  sun: z.array(Interval),
});
export type WeeklyHours = z.infer<typeof WeeklyHours>;

/** A local calendar date, `YYYY-MM-DD`, that exists. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real calendar date');

/**
 * A manual exception: on `date` the region keeps exactly `intervals` (empty: closed all day),
 * whatever the week or a public holiday says. `note` says why ("Midsummer Eve").
 */
export const CalendarException = z.object({
  date: LocalDate,
  intervals: z.array(Interval),
  note: z.string().max(120).optional(),
});
export type CalendarException = z.infer<typeof CalendarException>;

export const CalendarExceptions = z
  .array(CalendarException)
  .max(400)
  .refine((list) => new Set(list.map((e) => e.date)).size === list.length, 'one exception per date');

/**
 * Whose public holidays apply: an ISO 3166-1 country ("SE") or a subdivision ("AU-NSW", "US-NY"),
 * as the date-holidays package knows them. Null: no public holidays.
 */
export const HolidayCountry = z
  .string()
  .regex(/^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/, 'a country code such as SE or AU-NSW')
  .refine(isKnownHolidayCountry, 'a country (and subdivision) the holiday library knows');

export const DEFAULT_COMPLAINT_BUSINESS_DAYS = 10;
export const ComplaintBusinessDays = z.number().int().min(1).max(60);

/** Everything a calendar needs besides the weekly hours and the zone, as stored on a region. */
export const CalendarSettings = z.object({
  holidayCountry: HolidayCountry.nullable(),
  holidayHours: z.array(Interval),
  exceptions: CalendarExceptions,
  complaintBusinessDays: ComplaintBusinessDays,
});
export type CalendarSettings = z.infer<typeof CalendarSettings>;

/** What a calendar is built from. */
export interface CalendarSpec {
  timeZone: string;
  hours: WeeklyHours;
  holidayCountry: string | null;
  /** Intervals on a public holiday (empty: closed). */
  holidayHours: readonly Interval[];
  exceptions: readonly CalendarException[];
}
