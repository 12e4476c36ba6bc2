/** The complaint list's arithmetic against hand-counted calendars: weekends, a holiday, overdue, spans over midnight. */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar/calendar';
import type { CalendarSpec, WeeklyHours } from '../calendar/model';
import type { Region } from '../storage/tables/regions';
import type { ComplaintDbRow } from '../storage/tables/tickets';
import { buildComplaintList, businessDaysLeft, openSpansBetween } from './complaints';

const CLOSED: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const OFFICE: WeeklyHours = { ...CLOSED, mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']] };
const calendar = (over: Partial<CalendarSpec> = {}) => createCalendar({ timeZone: 'Europe/Stockholm', hours: OFFICE, holidayCountry: null, holidayHours: [], exceptions: [], ...over });
const HOUR = 3_600_000;

describe('business days left', () => {
  // Thu 2026-03-05 12:00 Stockholm (11:00Z); due at the end of Wed 2026-03-11 (23:00Z on the 11th).
  const now = new Date('2026-03-05T11:00:00Z');
  const due = new Date('2026-03-11T23:00:00Z');

  it('counts the business days after today up to the deadline’s last day, skipping the weekend', () => {
    // Fri 6, Mon 9, Tue 10, Wed 11.
    expect(businessDaysLeft(calendar(), now, due)).toBe(4);
  });

  it('skips a closed exception day too, and is 0 once overdue', () => {
    expect(businessDaysLeft(calendar({ exceptions: [{ date: '2026-03-09', intervals: [], note: 'Closed' }] }), now, due)).toBe(3);
    expect(businessDaysLeft(calendar(), new Date('2026-03-12T08:00:00Z'), due)).toBe(0);
  });

  it('gives the open spans up to the deadline, the first clipped at now; their sum is businessMs', () => {
    const cal = calendar();
    const spans = openSpansBetween(cal, now, due);
    // Thu 12:00–17:00, then Fri, Mon, Tue, Wed 08:00–17:00 (UTC+1).
    expect(spans[0]).toEqual({ start: '2026-03-05T11:00:00.000Z', end: '2026-03-05T16:00:00.000Z' });
    expect(spans).toHaveLength(5);
    const sum = spans.reduce((n, s) => n + Date.parse(s.end) - Date.parse(s.start), 0);
    expect(sum).toBe((5 + 4 * 9) * HOUR);
    expect(cal.businessMs(now, due)).toBe(sum);
  });

  it('keeps an interval that opened yesterday and runs past midnight', () => {
    const late = calendar({ hours: { ...CLOSED, thu: [['22:00', '02:00']] } });
    // Fri 2026-03-06 00:30 Stockholm: inside Thursday's interval, which runs to 02:00.
    const spans = openSpansBetween(late, new Date('2026-03-05T23:30:00Z'), new Date('2026-03-06T23:00:00Z'));
    expect(spans).toEqual([{ start: '2026-03-05T23:30:00.000Z', end: '2026-03-06T01:00:00.000Z' }]);
  });
});

describe('buildComplaintList', () => {
  const region = { id: 'se', name: 'Nordics', timeZone: 'Europe/Stockholm', hours: OFFICE, holidayCountry: null, holidayHours: [], exceptions: [] } as unknown as Region;
  const row = (id: string, due: string | null): ComplaintDbRow => ({
    id,
    reference: `REF-${id}`,
    status: 'open',
    region_id: 'se',
    customer_id: 'c1',
    customer_name: 'Cleo',
    assignee_id: null,
    assignee_name: null,
    complaint_opened_at: '2026-03-01T10:00:00.000Z',
    complaint_due_at: due,
  });

  it('flags an overdue complaint with nothing left, names the region, and leaves an undated one at zero', () => {
    const list = buildComplaintList({ now: new Date('2026-03-05T11:00:00Z'), regions: [region], rows: [row('late', '2026-03-04T23:00:00.000Z'), row('ok', '2026-03-11T23:00:00.000Z'), row('none', null)] });
    expect(list.complaints.map((c) => [c.ticketId, c.overdue, c.businessDaysLeft, c.businessMsLeft / HOUR, c.regionName])).toEqual([
      ['late', true, 0, 0, 'Nordics'],
      ['ok', false, 4, 41, 'Nordics'],
      ['none', false, 0, 0, 'Nordics'],
    ]);
    expect(list.computedAt).toBe('2026-03-05T11:00:00.000Z');
  });
});
