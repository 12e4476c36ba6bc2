import { z } from 'zod';
import { CalendarExceptions, CalendarSettings, DEFAULT_COMPLAINT_BUSINESS_DAYS, HolidayCountry, Interval, WeeklyHours, type CalendarException } from '../../calendar/model';
import type { Db } from '../db';

/** The weekly hours as stored in `hours_json` (src/server/calendar/model.ts). */
export const BusinessHours = WeeklyHours;
export type BusinessHours = WeeklyHours;

export interface RegionRow {
  id: string;
  name: string;
  time_zone: string;
  locale: string;
  currency: string;
  hours_json: string;
  chat_enabled: number;
  phone: string | null;
  first_response_target_sec: number;
  /** Whose public holidays close the region ("SE", "AU-NSW"); null: none (migration 50). */
  holiday_country: string | null;
  /** Intervals kept on a public holiday, JSON `[["10:00","16:00"]]`; `[]`: closed. */
  holiday_hours_json: string;
  /** Manual exceptions, JSON `[{"date":"2026-06-19","intervals":[],"note":"Midsummer Eve"}]`. */
  exceptions_json: string;
  complaint_business_days: number;
}

/** The calendar columns default (no holidays, closed on none, no exceptions, 10 days) when not given. */
export type RegionInsert = Omit<RegionRow, 'holiday_country' | 'holiday_hours_json' | 'exceptions_json' | 'complaint_business_days'> &
  Partial<Pick<RegionRow, 'holiday_country' | 'holiday_hours_json' | 'exceptions_json' | 'complaint_business_days'>>;

export interface Region {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  currency: string;
  hours: BusinessHours;
  chatEnabled: boolean;
  phone: string | null;
  firstResponseTargetSec: number;
  holidayCountry: string | null;
  holidayHours: Interval[];
  exceptions: CalendarException[];
  complaintBusinessDays: number;
}

const CLOSED: BusinessHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

/** Parses a JSON column; a malformed one gives `fallback` (closed rather than open by accident). */
function parsed<T>(schema: z.ZodType<T>, json: string, fallback: T): T {
  try {
    return schema.parse(JSON.parse(json));
  } catch {
    return fallback;
  }
}

export function toRegion(r: RegionRow): Region {
  const country = HolidayCountry.safeParse(r.holiday_country);
  return {
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    locale: r.locale,
    currency: r.currency,
    hours: parsed(BusinessHours, r.hours_json, CLOSED),
    chatEnabled: r.chat_enabled === 1,
    phone: r.phone,
    firstResponseTargetSec: r.first_response_target_sec,
    holidayCountry: country.success ? country.data : null,
    holidayHours: parsed(z.array(Interval), r.holiday_hours_json, []),
    // An exception list that does not parse is dropped whole: the weekly hours and holidays still hold.
    exceptions: parsed(CalendarExceptions, r.exceptions_json, []),
    complaintBusinessDays: r.complaint_business_days,
  };
}

/** The insert row with the calendar columns' defaults filled in (the same defaults as the migrations). */
export function withCalendarDefaults(r: RegionInsert): RegionRow {
  return {
    ...r,
    holiday_country: r.holiday_country ?? null,
    holiday_hours_json: r.holiday_hours_json ?? '[]',
    exceptions_json: r.exceptions_json ?? '[]',
    complaint_business_days: r.complaint_business_days ?? DEFAULT_COMPLAINT_BUSINESS_DAYS,
  };
}

/** The calendar columns of validated settings (throws on invalid settings: nothing is written). */
export function calendarColumns(settings: CalendarSettings): Pick<RegionRow, 'holiday_country' | 'holiday_hours_json' | 'exceptions_json' | 'complaint_business_days'> {
  const s = CalendarSettings.parse(settings);
  return {
    holiday_country: s.holidayCountry,
    holiday_hours_json: JSON.stringify(s.holidayHours),
    exceptions_json: JSON.stringify([...s.exceptions].sort((a, b) => a.date.localeCompare(b.date))),
    complaint_business_days: s.complaintBusinessDays,
  };
}

export function createRegionsTable(db: Db) {
  const all = db.prepare<[], RegionRow>('SELECT * FROM regions ORDER BY id');
  const byId = db.prepare<[string], RegionRow>('SELECT * FROM regions WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO regions (id, name, time_zone, locale, currency, hours_json, chat_enabled, phone, first_response_target_sec,
                          holiday_country, holiday_hours_json, exceptions_json, complaint_business_days)
     VALUES (@id, @name, @time_zone, @locale, @currency, @hours_json, @chat_enabled, @phone, @first_response_target_sec,
             @holiday_country, @holiday_hours_json, @exceptions_json, @complaint_business_days)`,
  );
  const setHours = db.prepare('UPDATE regions SET hours_json = ? WHERE id = ?');
  const setCalendar = db.prepare(
    `UPDATE regions SET holiday_country = @holiday_country, holiday_hours_json = @holiday_hours_json,
                        exceptions_json = @exceptions_json, complaint_business_days = @complaint_business_days
     WHERE id = @id`,
  );
  return {
    all: (): Region[] => all.all().map(toRegion),
    get: (id: string): Region | null => {
      const r = byId.get(id);
      return r ? toRegion(r) : null;
    },
    insert: (r: RegionInsert): void => void insert.run(withCalendarDefaults(r)),
    setHours: (id: string, hours: BusinessHours): void => void setHours.run(JSON.stringify(BusinessHours.parse(hours)), id),
    /** Sets the holiday country, holiday hours, exceptions and complaint days, validated. */
    setCalendar: (id: string, settings: CalendarSettings): void => void setCalendar.run({ id, ...calendarColumns(settings) }),
  };
}
export type RegionsTable = ReturnType<typeof createRegionsTable>;
