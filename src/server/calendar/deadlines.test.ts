import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar';
import { complaintDeadline, emailReplyDue } from './deadlines';
import type { CalendarSpec, WeeklyHours } from './model';

const OFFICE: WeeklyHours = { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']], sat: [], sun: [] };
const calendar = (timeZone: string, over: Partial<CalendarSpec> = {}) => createCalendar({ timeZone, hours: OFFICE, holidayCountry: null, holidayHours: [], exceptions: [], ...over });

describe('complaint deadlines', () => {
  it('end at local midnight after the N-th business day, weekends skipped', () => {
    // Opened Mon 2026-11-30; ten business days: Dec 1–4, 7–11, 14 → by the end of Mon Dec 14 (CET).
    expect(complaintDeadline(calendar('Europe/Stockholm', { holidayCountry: 'SE' }), new Date('2026-11-30T09:00:00Z'), 10).toISOString()).toBe('2026-12-14T23:00:00.000Z');
  });

  it('skip public holidays: Christmas, New Year’s Day and Epiphany in Sweden', () => {
    const se = calendar('Europe/Stockholm', { holidayCountry: 'SE' });
    // From Fri 18 Dec: 21, 22, 23, 24, 28, 29, 30, 31 Dec, 4, 5 Jan (25 Dec and 1 Jan are holidays).
    expect(complaintDeadline(se, new Date('2026-12-18T09:00:00Z'), 10).toISOString()).toBe('2027-01-05T23:00:00.000Z');
    // The eleventh skips Epiphany (6 Jan).
    expect(complaintDeadline(se, new Date('2026-12-18T09:00:00Z'), 11).toISOString()).toBe('2027-01-07T23:00:00.000Z');
  });

  it('follow the region’s zone and holidays: Sydney over Christmas and Boxing Day’s substitute', () => {
    // Opened Wed 23 Dec 2026 in Sydney: 24, 29, 30, 31 Dec (25, 26 → 28 substitute are holidays), 2 Jan is Sat, Jan 1 holiday.
    const au = calendar('Australia/Sydney', { holidayCountry: 'AU-NSW' });
    expect(complaintDeadline(au, new Date('2026-12-22T23:00:00Z'), 4).toISOString()).toBe('2026-12-31T13:00:00.000Z'); // end of 31 Dec AEDT
  });
});

describe('email reply target', () => {
  it('is two business days later at the same time, over a weekend and US Thanksgiving', () => {
    const us = calendar('America/New_York', { holidayCountry: 'US' });
    // Wed 25 Nov 2026 10:00 EST: Thanksgiving (Thu) skipped → Fri 27, Mon 30.
    expect(emailReplyDue(us, new Date('2026-11-25T15:00:00Z')).toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });
});
