import { describe, expect, it } from 'vitest';
import type { Region } from '../storage/tables/regions';
import { regionAvailability, regionHoursText } from './availability';
import { CalendarSettings, Interval, WeeklyHours } from './model';
import { regionCalendar } from './region-calendar';

const sydney: Region = {
  id: 'au',
  name: 'Australia',
  timeZone: 'Australia/Sydney',
  locale: 'en-AU',
  currency: 'AUD',
  hours: { mon: [['08:00', '18:00']], tue: [['08:00', '18:00']], wed: [['08:00', '18:00']], thu: [['08:00', '18:00']], fri: [['08:00', '18:00'], ['20:00', '02:00']], sat: [], sun: [] },
  chatEnabled: true,
  phone: null,
  firstResponseTargetSec: 600,
  holidayCountry: 'AU-NSW',
  holidayHours: [],
  exceptions: [{ date: '2026-12-24', intervals: [['08:00', '12:00']], note: 'Christmas Eve' }],
  complaintBusinessDays: 21,
};

describe('a region’s availability for the chat page', () => {
  it('is open until the interval ends, with the closing time named in the region’s zone', () => {
    const now = new Date('2026-11-30T00:00:00Z'); // Mon 11:00 AEDT
    const a = regionAvailability(sydney, now);
    expect(a).toEqual({ open: true, nextOpenAt: null, closesAt: '2026-11-30T07:00:00.000Z' });
    expect(regionHoursText(sydney, a, now)).toEqual({
      hoursText: 'Mon–Thu 08:00–18:00 · Fri 08:00–18:00, 20:00–02:00 · Sat–Sun closed (AEDT)',
      nextOpenText: null,
      closesText: '6:00 pm AEDT',
      todayText: null,
    });
  });

  it('is closed on a public holiday and says when it opens again, after the weekend and Boxing Day’s substitute', () => {
    const now = new Date('2026-12-25T01:00:00Z'); // Christmas Day 12:00 AEDT
    const a = regionAvailability(sydney, now);
    expect(a).toEqual({ open: false, nextOpenAt: '2026-12-28T21:00:00.000Z', closesAt: null }); // Tue 29 Dec 08:00 AEDT
    expect(regionHoursText(sydney, a, now)).toMatchObject({ nextOpenText: 'Tue 8:00 am AEDT', todayText: 'Today (Christmas Day): closed' });
  });

  it('is closed whatever the hours when chat is switched off', () => {
    expect(regionAvailability({ ...sydney, chatEnabled: false }, new Date('2026-11-30T00:00:00Z'))).toEqual({ open: false, nextOpenAt: null, closesAt: null });
    expect(regionAvailability(null, new Date())).toEqual({ open: false, nextOpenAt: null, closesAt: null });
  });
});

describe('the calendar of a stored region', () => {
  it('is shared by equal definitions and follows a changed one', () => {
    expect(regionCalendar(structuredClone(sydney))).toBe(regionCalendar(sydney));
    const closedMonday = { ...sydney, exceptions: [...sydney.exceptions, { date: '2026-11-30', intervals: [] }] };
    expect(regionCalendar(closedMonday)).not.toBe(regionCalendar(sydney));
    expect(regionCalendar(closedMonday).isOpenAt(new Date('2026-11-30T00:00:00Z'))).toBe(false);
    expect(regionCalendar(sydney).isOpenAt(new Date('2026-11-30T00:00:00Z'))).toBe(true);
  });
});

describe('calendar settings as they are validated', () => {
  it('accepts intervals across midnight and the whole day, refuses empty and malformed ones', () => {
    expect(Interval.safeParse(['22:00', '02:00']).success).toBe(true);
    expect(Interval.safeParse(['00:00', '24:00']).success).toBe(true);
    expect(Interval.safeParse(['09:00', '09:00']).success).toBe(false);
    expect(Interval.safeParse(['24:00', '02:00']).success).toBe(false);
    expect(Interval.safeParse(['9am', '5pm']).success).toBe(false);
    expect(Interval.safeParse(['08:60', '17:00']).success).toBe(false);
    expect(WeeklyHours.safeParse({ mon: [['08:00', '17:00']] }).success).toBe(false); // every day is listed
  });

  it('accepts the countries and subdivisions date-holidays knows, one exception per real date, 1–60 complaint days', () => {
    const ok = { holidayCountry: 'AU-NSW', holidayHours: [], exceptions: [{ date: '2026-12-24', intervals: [] }], complaintBusinessDays: 10 };
    expect(CalendarSettings.safeParse(ok).success).toBe(true);
    expect(CalendarSettings.safeParse({ ...ok, holidayCountry: null }).success).toBe(true);
    expect(CalendarSettings.safeParse({ ...ok, holidayCountry: 'XX' }).success).toBe(false);
    expect(CalendarSettings.safeParse({ ...ok, holidayCountry: 'AU-ZZ' }).success).toBe(false);
    expect(CalendarSettings.safeParse({ ...ok, holidayCountry: 'se' }).success).toBe(false);
    expect(CalendarSettings.safeParse({ ...ok, exceptions: [{ date: '2026-02-30', intervals: [] }] }).success).toBe(false);
    expect(CalendarSettings.safeParse({ ...ok, exceptions: [{ date: '2026-12-24', intervals: [] }, { date: '2026-12-24', intervals: [['08:00', '12:00']] }] }).success).toBe(false);
    expect(CalendarSettings.safeParse({ ...ok, complaintBusinessDays: 0 }).success).toBe(false);
  });
});
