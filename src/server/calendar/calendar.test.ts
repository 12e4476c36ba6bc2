import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar';
import type { CalendarSpec, WeeklyHours } from './model';

const CLOSED: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const OFFICE: WeeklyHours = { ...CLOSED, mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']] };
const WEEKDAYS: WeeklyHours = { ...OFFICE, mon: [['08:00', '18:00']], tue: [['08:00', '18:00']], wed: [['08:00', '18:00']], thu: [['08:00', '18:00']], fri: [['08:00', '16:00']], sat: [['10:00', '14:00']] };
const ALWAYS: WeeklyHours = { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '24:00']], thu: [['00:00', '24:00']], fri: [['00:00', '24:00']], sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] };

const calendar = (timeZone: string, hours: WeeklyHours, over: Partial<CalendarSpec> = {}) =>
  createCalendar({ timeZone, hours, holidayCountry: null, holidayHours: [], exceptions: [], ...over });
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;
const HOUR = 3_600_000;

describe('opening hours in the region’s own zone', () => {
  it('judges the same instant in each region’s zone', () => {
    const t = at('2026-11-24T07:30:00Z'); // Tue: 08:30 Stockholm, 07:30 London, 02:30 New York, 18:30 Sydney
    expect(calendar('Europe/Stockholm', WEEKDAYS).isOpenAt(t)).toBe(true);
    expect(calendar('Europe/London', WEEKDAYS).isOpenAt(t)).toBe(false);
    expect(calendar('America/New_York', WEEKDAYS).isOpenAt(t)).toBe(false);
    expect(calendar('Australia/Sydney', WEEKDAYS).isOpenAt(t)).toBe(false);
  });

  it('uses the local weekday, not the UTC one', () => {
    // Friday 23:30 UTC is Saturday 10:30 in Sydney (UTC+11 in November).
    expect(calendar('Australia/Sydney', WEEKDAYS).isOpenAt(at('2026-11-27T23:30:00Z'))).toBe(true);
    expect(calendar('Europe/London', WEEKDAYS).isOpenAt(at('2026-11-27T23:30:00Z'))).toBe(false);
  });

  it('opens at the interval’s start and is closed at its end', () => {
    const se = calendar('Europe/Stockholm', WEEKDAYS);
    expect(se.isOpenAt(at('2026-01-13T07:00:00Z'))).toBe(true); // 08:00 CET
    expect(se.isOpenAt(at('2026-01-13T06:59:59Z'))).toBe(false);
    expect(se.isOpenAt(at('2026-07-14T06:00:00Z'))).toBe(true); // 08:00 CEST
    expect(se.isOpenAt(at('2026-07-14T05:59:00Z'))).toBe(false);
    expect(se.isOpenAt(at('2026-07-14T16:00:00Z'))).toBe(false); // 18:00 CEST
  });

  it('finds the next opening across a weekend, and none in a calendar that never opens', () => {
    expect(iso(calendar('Europe/London', WEEKDAYS).nextOpening(at('2026-11-29T12:00:00Z')))).toBe('2026-11-30T08:00:00.000Z'); // Sunday → Mon 08:00 GMT
    expect(iso(calendar('Europe/London', WEEKDAYS).nextOpening(at('2026-11-30T09:15:00Z')))).toBe('2026-11-30T09:15:00.000Z'); // open: now
    expect(calendar('Europe/London', CLOSED).nextOpening(at('2026-11-30T09:15:00Z'))).toBeNull();
  });

  it('treats 00:00–24:00 as the whole day: a round-the-clock region never closes', () => {
    const ny = calendar('America/New_York', ALWAYS);
    expect(ny.isOpenAt(at('2026-11-24T04:59:00Z'))).toBe(true);
    expect(ny.closesAt(at('2026-11-24T04:59:00Z'))).toBeNull();
    expect(calendar('Europe/London', WEEKDAYS).closesAt(at('2026-11-30T09:15:00Z'))?.toISOString()).toBe('2026-11-30T18:00:00.000Z');
    expect(calendar('Europe/London', WEEKDAYS).closesAt(at('2026-11-30T19:00:00Z'))).toBeNull(); // closed
  });
});

describe('intervals across midnight', () => {
  // Friday 2026-11-27 22:00 CET (21:00Z) to Saturday 02:00 CET (01:00Z); Saturday 10:00–14:00.
  const late: WeeklyHours = { ...CLOSED, fri: [['22:00', '02:00']], sat: [['10:00', '14:00']] };
  const se = calendar('Europe/Stockholm', late);

  it('belong to the day they start on and run into the next', () => {
    expect(se.isOpenAt(at('2026-11-27T20:59:00Z'))).toBe(false); // Fri 21:59
    expect(se.isOpenAt(at('2026-11-27T21:00:00Z'))).toBe(true); // Fri 22:00
    expect(se.isOpenAt(at('2026-11-28T00:59:00Z'))).toBe(true); // Sat 01:59
    expect(se.isOpenAt(at('2026-11-28T01:00:00Z'))).toBe(false); // Sat 02:00
    expect(se.isOpenAt(at('2026-11-26T23:30:00Z'))).toBe(false); // Fri 00:30: Thursday has no late shift
    expect(se.day('2026-11-28').intervals).toEqual([['10:00', '14:00']]);
  });

  it('close when the interval ends the next day, and open next on Saturday morning', () => {
    expect(iso(se.closesAt(at('2026-11-27T22:00:00Z')))).toBe('2026-11-28T01:00:00.000Z');
    expect(iso(se.nextOpening(at('2026-11-28T02:00:00Z')))).toBe('2026-11-28T09:00:00.000Z');
    expect(iso(se.nextOpening(at('2026-11-26T12:00:00Z')))).toBe('2026-11-27T21:00:00.000Z');
  });

  it('merge with the next day’s interval that starts at midnight', () => {
    const joined = calendar('Europe/Stockholm', { ...late, sat: [['00:00', '03:00'], ['10:00', '14:00']] });
    expect(iso(joined.closesAt(at('2026-11-27T22:00:00Z')))).toBe('2026-11-28T02:00:00.000Z'); // Sat 03:00 CET
  });

  it('count their business time on both sides of midnight', () => {
    // Fri 20:00 → Sat 12:00 CET: 22:00–02:00 (4 h) and 10:00–12:00 (2 h).
    expect(se.businessMs(at('2026-11-27T19:00:00Z'), at('2026-11-28T11:00:00Z'))).toBe(6 * HOUR);
  });

  it('go with their day: closing Friday by exception ends the late shift, closing Saturday does not', () => {
    const fridayOff = calendar('Europe/Stockholm', late, { exceptions: [{ date: '2026-11-27', intervals: [] }] });
    expect(fridayOff.isOpenAt(at('2026-11-28T00:30:00Z'))).toBe(false);
    const saturdayOff = calendar('Europe/Stockholm', late, { exceptions: [{ date: '2026-11-28', intervals: [] }] });
    expect(saturdayOff.isOpenAt(at('2026-11-28T00:30:00Z'))).toBe(true);
    expect(saturdayOff.isOpenAt(at('2026-11-28T10:00:00Z'))).toBe(false);
  });
});

describe('daylight saving changes', () => {
  const sundays = (timeZone: string, intervals: WeeklyHours['sun']) => calendar(timeZone, { ...CLOSED, sun: intervals });

  it('Stockholm springs forward on the last Sunday of March: that day has 23 hours', () => {
    const day = sundays('Europe/Stockholm', [['00:00', '24:00']]);
    expect(day.businessMs(at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(23 * HOUR);
    // 01:00 CET (00:00Z) to 04:00 CEST (02:00Z): two hours on the clock's three.
    expect(sundays('Europe/Stockholm', [['01:00', '04:00']]).businessMs(at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(2 * HOUR);
    // 02:30 does not exist that night: the interval starts at 03:30 CEST (01:30Z).
    const gap = sundays('Europe/Stockholm', [['02:30', '05:00']]);
    expect(iso(gap.nextOpening(at('2026-03-29T00:00:00Z')))).toBe('2026-03-29T01:30:00.000Z');
    expect(gap.isOpenAt(at('2026-03-29T01:29:00Z'))).toBe(false);
  });

  it('Stockholm falls back on the last Sunday of October: that day has 25 hours, 02:30 is the first one', () => {
    expect(sundays('Europe/Stockholm', [['00:00', '24:00']]).businessMs(at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(25 * HOUR);
    // 01:00 CEST (23:00Z Saturday) to 04:00 CET (03:00Z): four hours.
    expect(sundays('Europe/Stockholm', [['01:00', '04:00']]).businessMs(at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(4 * HOUR);
    expect(iso(sundays('Europe/Stockholm', [['02:30', '05:00']]).nextOpening(at('2026-10-24T12:00:00Z')))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('New York: 09:00 is 14:00 UTC before the change and 13:00 UTC after it (second Sunday of March)', () => {
    const ny = calendar('America/New_York', OFFICE);
    expect(iso(ny.nextOpening(at('2026-03-07T12:00:00Z')))).toBe('2026-03-09T12:00:00.000Z'); // Mon 08:00 EDT
    expect(ny.isOpenAt(at('2026-03-06T12:59:00Z'))).toBe(false); // Fri 07:59 EST
    expect(ny.isOpenAt(at('2026-03-06T13:00:00Z'))).toBe(true); // Fri 08:00 EST
    expect(sundays('America/New_York', [['00:00', '24:00']]).businessMs(at('2026-03-08T00:00:00Z'), at('2026-03-10T00:00:00Z'))).toBe(23 * HOUR);
    expect(sundays('America/New_York', [['00:00', '24:00']]).businessMs(at('2026-11-01T00:00:00Z'), at('2026-11-03T00:00:00Z'))).toBe(25 * HOUR);
  });

  it('Sydney: clocks go back on the first Sunday of April and forward on the first Sunday of October', () => {
    expect(sundays('Australia/Sydney', [['00:00', '24:00']]).businessMs(at('2026-04-04T00:00:00Z'), at('2026-04-06T00:00:00Z'))).toBe(25 * HOUR);
    expect(sundays('Australia/Sydney', [['00:00', '24:00']]).businessMs(at('2026-10-03T00:00:00Z'), at('2026-10-05T00:00:00Z'))).toBe(23 * HOUR);
    // Monday 08:00 is 21:00Z Sunday in AEDT (November) and 22:00Z in AEST (July).
    const au = calendar('Australia/Sydney', OFFICE);
    expect(iso(au.nextOpening(at('2026-11-29T12:00:00Z')))).toBe('2026-11-29T21:00:00.000Z');
    expect(iso(au.nextOpening(at('2026-07-12T12:00:00Z')))).toBe('2026-07-12T22:00:00.000Z');
  });

  it('keep the wall-clock time when adding business days over the change', () => {
    // Fri 10:00 EST (15:00Z) + 1 business day = Mon 10:00 EDT (14:00Z).
    expect(calendar('America/New_York', OFFICE).addBusinessDays(at('2026-03-06T15:00:00Z'), 1).toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });
});

describe('public holidays (date-holidays, type public) and manual exceptions', () => {
  const se = calendar('Europe/Stockholm', OFFICE, { holidayCountry: 'SE' });

  it('close a region on its country’s public holidays', () => {
    expect(se.isOpenAt(at('2026-12-25T09:00:00Z'))).toBe(false); // Christmas Day, a Friday, 10:00 CET
    expect(se.day('2026-12-25')).toMatchObject({ kind: 'holiday', label: 'Christmas Day', businessDay: false });
    expect(iso(se.nextOpening(at('2026-12-24T17:00:00Z')))).toBe('2026-12-28T07:00:00.000Z'); // after Christmas: Mon 08:00
    const us = calendar('America/New_York', OFFICE, { holidayCountry: 'US' });
    expect(us.day('2026-11-26')).toMatchObject({ kind: 'holiday', label: 'Thanksgiving Day' });
    expect(us.isOpenAt(at('2026-11-26T15:00:00Z'))).toBe(false);
    const au = calendar('Australia/Sydney', OFFICE, { holidayCountry: 'AU-NSW' });
    expect(au.day('2026-01-26')).toMatchObject({ kind: 'holiday', label: 'Australia Day' });
    expect(au.isOpenAt(at('2026-01-25T23:00:00Z'))).toBe(false); // Mon 10:00 AEDT
    expect(au.day('2026-04-27')).toMatchObject({ kind: 'holiday', label: 'Anzac Day (substitute day)' });
  });

  it('count only public holidays: Midsummer Eve is a bank holiday in the library, so a region closes it by exception', () => {
    expect(se.day('2026-06-19')).toMatchObject({ kind: 'regular', businessDay: true }); // Midsummer Eve, a Friday
    expect(se.day('2026-06-20')).toMatchObject({ kind: 'holiday', label: 'Midsummer Day' });
    const closed = calendar('Europe/Stockholm', OFFICE, { holidayCountry: 'SE', exceptions: [{ date: '2026-06-19', intervals: [], note: 'Midsummer Eve' }] });
    expect(closed.day('2026-06-19')).toMatchObject({ kind: 'exception', label: 'Midsummer Eve', businessDay: false });
    expect(closed.isOpenAt(at('2026-06-19T08:00:00Z'))).toBe(false);
    expect(iso(closed.nextOpening(at('2026-06-19T08:00:00Z')))).toBe('2026-06-22T06:00:00.000Z'); // Mon 08:00 CEST
  });

  it('keep holiday hours on a holiday, which still is no business day', () => {
    const reduced = calendar('Europe/Stockholm', OFFICE, { holidayCountry: 'SE', holidayHours: [['10:00', '14:00']] });
    expect(reduced.isOpenAt(at('2026-12-25T09:30:00Z'))).toBe(true); // 10:30 CET
    expect(reduced.isOpenAt(at('2026-12-25T13:00:00Z'))).toBe(false); // 14:00 CET
    expect(reduced.day('2026-12-25').businessDay).toBe(false);
  });

  it('let an exception override a holiday: its own intervals, and a business day when it opens', () => {
    const open = calendar('Europe/Stockholm', OFFICE, { holidayCountry: 'SE', exceptions: [{ date: '2026-12-25', intervals: [['09:00', '12:00']] }] });
    expect(open.isOpenAt(at('2026-12-25T08:00:00Z'))).toBe(true); // 09:00 CET
    expect(open.isOpenAt(at('2026-12-25T11:00:00Z'))).toBe(false); // 12:00 CET
    expect(open.day('2026-12-25')).toMatchObject({ kind: 'exception', businessDay: true });
    // An exception on a weekend opens it too.
    const saturday = calendar('Europe/Stockholm', OFFICE, { exceptions: [{ date: '2026-11-28', intervals: [['10:00', '13:00']] }] });
    expect(saturday.isOpenAt(at('2026-11-28T10:00:00Z'))).toBe(true);
  });
});

describe('business-time arithmetic', () => {
  const se = calendar('Europe/Stockholm', OFFICE, { holidayCountry: 'SE' });

  it('adds business days over a weekend, keeping the time of day', () => {
    // Fri 2026-12-18 15:00 CET + 2 = Tue 2026-12-22 15:00 CET.
    expect(se.addBusinessDays(at('2026-12-18T14:00:00Z'), 2).toISOString()).toBe('2026-12-22T14:00:00.000Z');
    // From a Saturday the first business day is Monday.
    expect(se.addBusinessDays(at('2026-12-19T14:00:00Z'), 1).toISOString()).toBe('2026-12-21T14:00:00.000Z');
    expect(se.addBusinessDays(at('2026-12-19T14:00:00Z'), 0).toISOString()).toBe('2026-12-19T14:00:00.000Z');
  });

  it('adds business days over a holiday (and an exception that closes)', () => {
    // Wed 23 Dec 10:00 + 2: Thu 24 (Christmas Eve: not a public holiday), Fri 25 (Christmas Day) skipped, Mon 28.
    expect(se.addBusinessDays(at('2026-12-23T09:00:00Z'), 2).toISOString()).toBe('2026-12-28T09:00:00.000Z');
    const eveClosed = calendar('Europe/Stockholm', OFFICE, { holidayCountry: 'SE', exceptions: [{ date: '2026-12-24', intervals: [] }] });
    expect(eveClosed.addBusinessDays(at('2026-12-23T09:00:00Z'), 2).toISOString()).toBe('2026-12-29T09:00:00.000Z');
    // US: Wednesday before Thanksgiving + 1 = Friday.
    expect(calendar('America/New_York', OFFICE, { holidayCountry: 'US' }).addBusinessDays(at('2026-11-25T15:00:00Z'), 1).toISOString()).toBe('2026-11-27T15:00:00.000Z');
  });

  it('counts calendar days in a calendar that never opens, so a deadline always exists', () => {
    expect(calendar('Europe/Stockholm', CLOSED).addBusinessDays(at('2026-12-18T14:00:00Z'), 2).toISOString()).toBe('2026-12-20T14:00:00.000Z');
  });

  it('measures business time across a night and across a weekend', () => {
    // Tue 16:00 → Wed 09:00 CET: 16–17 and 08–09.
    expect(se.businessMs(at('2026-11-24T15:00:00Z'), at('2026-11-25T08:00:00Z'))).toBe(2 * HOUR);
    // Fri 16:00 → Mon 09:00 CET: the weekend counts nothing.
    expect(se.businessMs(at('2026-11-27T15:00:00Z'), at('2026-11-30T08:00:00Z'))).toBe(2 * HOUR);
    // A whole week: five days of nine hours.
    expect(se.businessMs(at('2026-11-29T23:00:00Z'), at('2026-12-06T23:00:00Z'))).toBe(45 * HOUR);
    // Christmas week 2026: Dec 25 is a holiday, so four days.
    expect(se.businessMs(at('2026-12-20T23:00:00Z'), at('2026-12-27T23:00:00Z'))).toBe(36 * HOUR);
    expect(se.businessMs(at('2026-11-30T08:00:00Z'), at('2026-11-30T07:00:00Z'))).toBe(0);
  });
});
