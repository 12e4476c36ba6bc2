import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar';
import { describeHours, describeToday, formatClosing, formatOpening, zoneName } from './describe';
import type { WeeklyHours } from './model';

const WEEKDAYS: WeeklyHours = {
  mon: [['08:00', '18:00']],
  tue: [['08:00', '18:00']],
  wed: [['08:00', '18:00']],
  thu: [['08:00', '18:00']],
  fri: [['08:00', '16:00'], ['20:00', '02:00']],
  sat: [['10:00', '14:00']],
  sun: [],
};
const ALWAYS: WeeklyHours = { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '24:00']], thu: [['00:00', '24:00']], fri: [['00:00', '24:00']], sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] };
const winter = new Date('2026-11-30T07:00:00Z');
const summer = new Date('2026-07-13T06:00:00Z');

describe('opening hours in words', () => {
  it('groups equal days and names an interval across midnight as it is kept', () => {
    expect(describeHours(WEEKDAYS)).toBe('Mon–Thu 08:00–18:00 · Fri 08:00–16:00, 20:00–02:00 · Sat 10:00–14:00 · Sun closed');
    expect(describeHours(ALWAYS)).toBe('Mon–Sun all day');
  });

  it('names the zone as customers know it, summer and winter', () => {
    expect(zoneName('Europe/Stockholm', winter, 'sv-SE')).toBe('CET');
    expect(zoneName('Europe/Stockholm', summer, 'sv-SE')).toBe('CEST');
    expect(zoneName('Europe/Berlin', winter, 'de-DE')).toBe('CET'); // English, not "MEZ"
    expect(zoneName('Australia/Sydney', winter, 'en-AU')).toBe('AEDT');
    expect(zoneName('Australia/Sydney', summer, 'en-AU')).toBe('AEST');
    expect(zoneName('America/New_York', winter, 'en-US')).toBe('EST');
    expect(zoneName('Europe/London', summer, 'en-GB')).toBe('BST');
    expect(zoneName('America/Sao_Paulo', winter, 'en-GB')).toBe('GMT-3'); // no English name: the offset
  });

  it('says when chat opens or closes with the weekday, the time and the zone', () => {
    expect(formatOpening(winter, 'Europe/Stockholm', 'sv-SE')).toBe('Mon 08:00 CET');
    expect(formatOpening(summer, 'Europe/Stockholm', 'sv-SE')).toBe('Mon 08:00 CEST');
    expect(formatOpening(new Date('2026-11-30T13:00:00Z'), 'America/New_York', 'en-US')).toBe('Mon 8:00 AM EST');
    expect(formatOpening(new Date('2026-11-29T21:00:00Z'), 'Australia/Sydney', 'en-AU')).toBe('Mon 8:00 am AEDT');
    expect(formatClosing(new Date('2026-11-30T17:00:00Z'), 'Europe/Stockholm', 'sv-SE', winter)).toBe('18:00 CET');
    // A late shift closing after midnight says which day.
    expect(formatClosing(new Date('2026-11-27T15:00:00Z'), 'Australia/Sydney', 'en-AU', new Date('2026-11-27T10:30:00Z'))).toBe('Sat 2:00 am AEDT');
  });

  it('tells what is special about today: a holiday or an exception, nothing on a regular day', () => {
    const cal = createCalendar({
      timeZone: 'Australia/Sydney',
      hours: WEEKDAYS,
      holidayCountry: 'AU-NSW',
      holidayHours: [],
      exceptions: [{ date: '2026-12-24', intervals: [['08:00', '12:00']], note: 'Christmas Eve' }],
    });
    expect(describeToday(cal, '2026-12-25')).toBe('Today (Christmas Day): closed');
    expect(describeToday(cal, '2026-12-24')).toBe('Today (Christmas Eve): 08:00–12:00');
    const roundTheClock = createCalendar({ timeZone: 'Europe/Stockholm', hours: ALWAYS, holidayCountry: 'SE', holidayHours: [['00:00', '24:00']], exceptions: [] });
    expect(describeToday(roundTheClock, '2026-12-25')).toBe('Today (Christmas Day): open all day');
    expect(describeToday(cal, '2026-12-23')).toBeNull();
  });
});
