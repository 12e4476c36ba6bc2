import { describe, expect, it } from 'vitest';
import { customerWait, slaState } from './time';

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
