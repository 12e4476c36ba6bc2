import { describe, expect, it } from 'vitest';
import { customerWait, differentDays, formatDay, slaState } from './time';

const at = (min: number) => new Date(Date.UTC(2026, 10, 24, 10, min)).toISOString();
const now = Date.parse(at(10));

describe('reply clock in the chat list', () => {
  it.each([
    ['nothing waits', { status: 'open', waitingSince: null, replyDueAt: null }, null, 'none'],
    ['waiting, plenty left', { status: 'open', waitingSince: at(9), replyDueAt: at(14) }, 60, 'ok'],
    ['a quarter of the target left', { status: 'open', waitingSince: at(6), replyDueAt: at(11) }, 240, 'at_risk'],
    ['past due', { status: 'queued', waitingSince: at(2), replyDueAt: at(7) }, 480, 'breached'],
    ['on the customer', { status: 'pending', waitingSince: at(2), replyDueAt: at(7) }, null, 'none'],
    ['resolved', { status: 'resolved', waitingSince: at(2), replyDueAt: at(7) }, null, 'none'],
  ] as const)('%s', (_name, t, wait, sla) => {
    expect(customerWait(t, now)).toBe(wait);
    expect(slaState(t, now)).toBe(sla);
  });
});

describe('day separators', () => {
  const now = new Date(2026, 10, 29, 9, 30);
  const at = (y: number, mo: number, d: number, h = 12) => new Date(y, mo, d, h).toISOString();

  it('names today and yesterday, then the weekday and date, with the year only for another year', () => {
    expect(formatDay(at(2026, 10, 29, 0), now)).toBe('Today');
    expect(formatDay(at(2026, 10, 28, 23), now)).toBe('Yesterday');
    const earlier = formatDay(at(2026, 10, 23), now);
    expect(earlier).toMatch(/23/);
    expect(earlier).not.toMatch(/2026/);
    expect(formatDay(at(2025, 11, 31), now)).toMatch(/2025/);
    expect(formatDay('not a date', now)).toBe('');
  });

  it('splits at local midnight, not every 24 hours', () => {
    expect(differentDays(at(2026, 10, 28, 23), at(2026, 10, 29, 0))).toBe(true);
    expect(differentDays(at(2026, 10, 29, 0), at(2026, 10, 29, 23))).toBe(false);
    expect(differentDays('garbage', at(2026, 10, 29))).toBe(false);
  });
});
