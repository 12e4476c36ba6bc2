import { describe, expect, it } from 'vitest';
import { calendarDaysLeft, deadlineState, formatBusinessTime, formatOverdue, openMsLeft } from './countdown';

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('complaint countdown', () => {
  it('counts only the open time still ahead in the spans', () => {
    const spans = [
      { start: '2026-03-05T08:00:00.000Z', end: '2026-03-05T16:00:00.000Z' },
      { start: '2026-03-06T08:00:00.000Z', end: '2026-03-06T16:00:00.000Z' },
    ];
    expect(openMsLeft(spans, Date.parse('2026-03-05T07:00:00Z'))).toBe(16 * 3_600_000);
    expect(openMsLeft(spans, Date.parse('2026-03-05T12:30:00Z'))).toBe(11.5 * 3_600_000);
    // Closed overnight: the clock stands still.
    expect(openMsLeft(spans, Date.parse('2026-03-05T20:00:00Z'))).toBe(openMsLeft(spans, Date.parse('2026-03-06T07:59:00Z')));
    expect(openMsLeft(spans, Date.parse('2026-03-07T00:00:00Z'))).toBe(0);
  });

  it('formats business time and time overdue', () => {
    expect(formatBusinessTime(41 * 3_600_000 + 5 * 60_000 + 59_000)).toBe('41h 05m');
    expect(formatBusinessTime(7 * 60_000)).toBe('7m');
    expect(formatBusinessTime(-5)).toBe('0m');
    expect(formatOverdue(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
    expect(formatOverdue(5 * 3_600_000 + 20 * 60_000)).toBe('5h 20m');
    expect(formatOverdue(12 * 60_000)).toBe('12m');
  });

  it('counts calendar days after today up to the deadline’s last day', () => {
    // Thu 5 March 2026, noon; due at the end of Wed 11 March (local midnight starting the 12th): Fri 6 … Wed 11.
    expect(calendarDaysLeft(new Date(local(2026, 3, 12)).toISOString(), local(2026, 3, 5, 12))).toBe(6);
    // Due at the end of today: none left after today.
    expect(calendarDaysLeft(new Date(local(2026, 3, 6)).toISOString(), local(2026, 3, 5, 12))).toBe(0);
    expect(calendarDaysLeft(new Date(local(2026, 3, 7)).toISOString(), local(2026, 3, 5, 23, 59))).toBe(1);
    // Past: none.
    expect(calendarDaysLeft(new Date(local(2026, 3, 1)).toISOString(), local(2026, 3, 5))).toBe(0);
  });

  it('says when a deadline has passed, and by how much', () => {
    const now = Date.parse('2026-03-05T12:00:00Z');
    expect(deadlineState('2026-03-05T11:00:00.000Z', now)).toEqual({ overdue: true, overdueMs: 3_600_000 });
    expect(deadlineState('2026-03-06T11:00:00.000Z', now)).toEqual({ overdue: false, overdueMs: 0 });
    expect(deadlineState(null, now)).toBeNull();
    expect(deadlineState('not a time', now)).toBeNull();
  });
});
