import { describe, expect, it } from 'vitest';
import { describeHours, isOpenAt, nextOpening } from './business-hours';
import type { BusinessHours } from '../storage/tables/regions';

const weekdays: BusinessHours = {
  mon: [['08:00', '18:00']],
  tue: [['08:00', '18:00']],
  wed: [['08:00', '18:00']],
  thu: [['08:00', '18:00']],
  fri: [['08:00', '16:00']],
  sat: [['10:00', '14:00']],
  sun: [],
};
const always: BusinessHours = { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '24:00']], thu: [['00:00', '24:00']], fri: [['00:00', '24:00']], sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] };

describe('business hours', () => {
  it('judge the same instant in each region’s own zone', () => {
    const at = new Date('2026-11-24T07:30:00Z'); // Tue: 08:30 Stockholm, 07:30 London, 02:30 New York, 18:30 Sydney
    expect(isOpenAt(weekdays, 'Europe/Stockholm', at)).toBe(true);
    expect(isOpenAt(weekdays, 'Europe/London', at)).toBe(false);
    expect(isOpenAt(weekdays, 'America/New_York', at)).toBe(false);
    expect(isOpenAt(weekdays, 'Australia/Sydney', at)).toBe(false);
  });

  it('use the local weekday, not the UTC one', () => {
    // Friday 23:30 UTC is Saturday 10:30 in Sydney (UTC+11 in November).
    expect(isOpenAt(weekdays, 'Australia/Sydney', new Date('2026-11-27T23:30:00Z'))).toBe(true);
    expect(isOpenAt(weekdays, 'Europe/London', new Date('2026-11-27T23:30:00Z'))).toBe(false);
  });

  it('follow daylight saving: 08:00 in Stockholm is 07:00 UTC in winter and 06:00 UTC in summer', () => {
    expect(isOpenAt(weekdays, 'Europe/Stockholm', new Date('2026-01-13T07:00:00Z'))).toBe(true);
    expect(isOpenAt(weekdays, 'Europe/Stockholm', new Date('2026-01-13T06:59:00Z'))).toBe(false);
    expect(isOpenAt(weekdays, 'Europe/Stockholm', new Date('2026-07-14T06:00:00Z'))).toBe(true);
    expect(isOpenAt(weekdays, 'Europe/Stockholm', new Date('2026-07-14T05:59:00Z'))).toBe(false);
  });

  it('find the next opening across a weekend', () => {
    // Sunday in London → Monday 08:00 GMT.
    expect(nextOpening(weekdays, 'Europe/London', new Date('2026-11-29T12:00:00Z'))?.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(nextOpening({ ...weekdays, mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] }, 'Europe/London', new Date())).toBeNull();
  });

  it('treat 00:00–24:00 as open all day', () => {
    expect(isOpenAt(always, 'America/New_York', new Date('2026-11-24T04:59:00Z'))).toBe(true);
    expect(describeHours(always)).toBe('Mon–Sun all day');
    expect(describeHours(weekdays)).toBe('Mon–Thu 08:00–18:00 · Fri 08:00–16:00 · Sat 10:00–14:00 · Sun closed');
  });
});
