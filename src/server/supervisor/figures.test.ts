/**
 * The four figures against a small set of cases whose figures are computed by hand below
 * (docs/figures.md). Two regions: `se` (Europe/Stockholm, UTC+1 in early March, target 300 s)
 * and `au` (Australia/Sydney, UTC+11 in early March, target 600 s). Now: 2026-03-10 12:00 UTC,
 * i.e. 13:00 in Stockholm and 23:00 in Sydney.
 *   se today starts 2026-03-09T23:00Z, 7d at 2026-03-03T23:00Z, 30d at 2026-02-08T23:00Z
 *   au today starts 2026-03-09T13:00Z
 */
import { describe, expect, it } from 'vitest';
import type { Figures } from '../../shared/protocol/supervisor';
import type { FigureTicketRow } from '../storage/tables/tickets';
import { computeFigures, fetchSince, type FigureRegion } from './figures';
import { windowStart } from './windows';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const REGIONS: FigureRegion[] = [
  { id: 'se', timeZone: 'Europe/Stockholm', firstResponseTargetSec: 300 },
  { id: 'au', timeZone: 'Australia/Sydney', firstResponseTargetSec: 600 },
];
const AGENTS = [
  { id: 'a1', name: 'Ada' },
  { id: 'a2', name: 'Bo' },
];

const row = (id: string, over: Partial<FigureTicketRow>): FigureTicketRow => ({
  id,
  customer_id: `c-${id}`,
  category: 'payment_delay',
  channel: 'chat',
  region_id: 'se',
  assignee_id: 'a1',
  status: 'resolved',
  created_at: '2026-03-10T10:00:00.000Z',
  queued_at: null,
  accepted_at: null,
  first_response_at: null,
  resolved_at: null,
  csat: null,
  reopen_count: 0,
  ...over,
});

const ROWS: FigureTicketRow[] = [
  // T1 se chat, Ada: answered after 120 s, handled 600 s, CSAT 5, first contact.
  row('T1', { customer_id: 'c1', created_at: '2026-03-10T10:00:00.000Z', accepted_at: '2026-03-10T10:01:00.000Z', first_response_at: '2026-03-10T10:02:00.000Z', resolved_at: '2026-03-10T10:11:00.000Z', csat: 5 }),
  // T2 se chat, Ada: 400 s (over 300), handled 1,200 s, CSAT 3, reopened once (not first contact), closed.
  row('T2', { customer_id: 'c2', category: 'refund_return', status: 'closed', created_at: '2026-03-10T09:00:00.000Z', accepted_at: '2026-03-10T09:01:00.000Z', first_response_at: '2026-03-10T09:06:40.000Z', resolved_at: '2026-03-10T09:21:00.000Z', csat: 3, reopen_count: 1 }),
  // T3 se chat, Bo: 240 s, handled 480 s, CSAT 4; T4 (same customer, same category) follows 2 h 51 min later: not first contact.
  row('T3', { customer_id: 'c3', category: 'missed_payment', assignee_id: 'a2', created_at: '2026-03-10T08:00:00.000Z', accepted_at: '2026-03-10T08:01:00.000Z', first_response_at: '2026-03-10T08:04:00.000Z', resolved_at: '2026-03-10T08:09:00.000Z', csat: 4 }),
  // T4 se chat, Bo: still open, answered after 60 s.
  row('T4', { customer_id: 'c3', category: 'missed_payment', assignee_id: 'a2', status: 'open', created_at: '2026-03-10T11:00:00.000Z', accepted_at: '2026-03-10T11:00:30.000Z', first_response_at: '2026-03-10T11:01:00.000Z' }),
  // T5 au chat, Bo: 300 s (within au's 600), handled 900 s (exactly the limit), CSAT 5, first contact.
  row('T5', { customer_id: 'c4', category: 'technical_glitch', region_id: 'au', assignee_id: 'a2', created_at: '2026-03-09T14:00:00.000Z', accepted_at: '2026-03-09T14:01:00.000Z', first_response_at: '2026-03-09T14:05:00.000Z', resolved_at: '2026-03-09T14:16:00.000Z', csat: 5 }),
  // T6 se chat, Ada, yesterday in Stockholm (20:00Z < 23:00Z): only in 7d. 600 s, handled 1,800 s, CSAT 2, first contact.
  row('T6', { customer_id: 'c5', created_at: '2026-03-09T20:00:00.000Z', accepted_at: '2026-03-09T20:05:00.000Z', first_response_at: '2026-03-09T20:10:00.000Z', resolved_at: '2026-03-09T20:35:00.000Z', csat: 2 }),
  // T7 se email, Ada: pending, answered after 2 h (target one day).
  row('T7', { customer_id: 'c6', category: 'other', channel: 'email', status: 'pending', created_at: '2026-03-10T06:00:00.000Z', first_response_at: '2026-03-10T08:00:00.000Z' }),
  // T8 au chat, Ada: answered 12:50Z (before au's today at 13:00Z), resolved 13:30Z (in it), handled 2,700 s, unrated, first contact.
  row('T8', { customer_id: 'c7', category: 'refund_return', region_id: 'au', created_at: '2026-03-09T12:30:00.000Z', accepted_at: '2026-03-09T12:45:00.000Z', first_response_at: '2026-03-09T12:50:00.000Z', resolved_at: '2026-03-09T13:30:00.000Z' }),
  // T9 se chat, Bo, 1 March: only in 30d. CSAT 1, never accepted (no handle time), first contact.
  row('T9', { customer_id: 'c8', assignee_id: 'a2', status: 'closed', created_at: '2026-03-01T09:50:00.000Z', resolved_at: '2026-03-01T10:00:00.000Z', csat: 1 }),
];

const run = (range: 'today' | '7d' | '30d') => computeFigures({ range, now: NOW, regions: REGIONS, agents: AGENTS, rows: ROWS });
const queue = (r: ReturnType<typeof run>, regionId: string, channel: string) => r.queues.find((q) => q.regionId === regionId && q.channel === channel)!.figures;
const agent = (r: ReturnType<typeof run>, id: string) => r.agents.find((a) => a.agentId === id)!.figures;
const HANDLE_TARGETS = { targetMinSec: 600, targetMaxSec: 900 };

describe('supervisor figures against hand-computed fixtures', () => {
  it('starts each region’s window at its own local midnight, across a DST change too', () => {
    expect(run('today').windows).toEqual([
      { regionId: 'se', timeZone: 'Europe/Stockholm', since: '2026-03-09T23:00:00.000Z' },
      { regionId: 'au', timeZone: 'Australia/Sydney', since: '2026-03-09T13:00:00.000Z' },
    ]);
    expect(new Date(windowStart('7d', 'Europe/Stockholm', NOW.getTime())).toISOString()).toBe('2026-03-03T23:00:00.000Z');
    expect(new Date(windowStart('30d', 'Europe/Stockholm', NOW.getTime())).toISOString()).toBe('2026-02-08T23:00:00.000Z');
    // Stockholm moves to UTC+2 on 29 March at 01:00Z: the 30th starts at 22:00Z, the 29th at 23:00Z the day before.
    expect(new Date(windowStart('today', 'Europe/Stockholm', Date.parse('2026-03-30T12:00:00Z'))).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(windowStart('today', 'Europe/Stockholm', Date.parse('2026-03-29T12:00:00Z'))).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    // The rows to read start at the earliest window (Sydney's).
    expect(fetchSince('today', REGIONS, NOW)).toBe('2026-03-09T13:00:00.000Z');
  });

  it('today, queue se/chat: T1, T2, T3 resolved; T1–T4 answered', () => {
    expect(queue(run('today'), 'se', 'chat')).toEqual<Figures>({
      // ratings 5, 3, 4: two of three are 4–5 = 66.7 %, not above 90 %
      csat: { rated: 3, satisfied: 2, pct: 66.7, targetPct: 90, met: false },
      // 120 + 400 + 240 + 60 = 820 s / 4 = 205 s ≤ 300 s; within 300 s: T1, T3, T4 = 3 of 4
      firstResponse: { answered: 4, avgSec: 205, withinTarget: 3, withinTargetPct: 75, targetSec: 300, met: true },
      // T1 only (T2 reopened, T3 followed by T4 within 7 days): 1 of 3
      fcr: { resolved: 3, firstContact: 1, pct: 33.3, targetPct: 70, met: false },
      // 600, 1200, 480: mean 760, median 600 ≤ 900; within 900 s: 2 of 3
      handle: { handled: 3, avgSec: 760, medianSec: 600, withinTarget: 2, withinTargetPct: 66.7, ...HANDLE_TARGETS, met: true },
    });
  });

  it('today, queue au/chat: Sydney’s day already holds T5 and T8’s resolution, not T8’s first reply', () => {
    expect(queue(run('today'), 'au', 'chat')).toEqual<Figures>({
      csat: { rated: 1, satisfied: 1, pct: 100, targetPct: 90, met: true },
      firstResponse: { answered: 1, avgSec: 300, withinTarget: 1, withinTargetPct: 100, targetSec: 600, met: true },
      fcr: { resolved: 2, firstContact: 2, pct: 100, targetPct: 70, met: true },
      // 900 and 2700: median 1800 > 900
      handle: { handled: 2, avgSec: 1800, medianSec: 1800, withinTarget: 1, withinTargetPct: 50, ...HANDLE_TARGETS, met: false },
    });
  });

  it('today, queue se/email: one answer after 2 h against one day; nothing rated or resolved', () => {
    const f = queue(run('today'), 'se', 'email');
    expect(f.firstResponse).toEqual({ answered: 1, avgSec: 7200, withinTarget: 1, withinTargetPct: 100, targetSec: 86400, met: true });
    expect(f.csat).toEqual({ rated: 0, satisfied: 0, pct: null, targetPct: 90, met: null });
    expect(f.fcr.met).toBeNull();
    expect(f.handle).toEqual({ handled: 0, avgSec: null, medianSec: null, withinTarget: 0, withinTargetPct: null, ...HANDLE_TARGETS, met: null });
    expect(queue(run('today'), 'au', 'phone').firstResponse.answered).toBe(0);
  });

  it('today, total: each case in its own region’s window, the sum of the queues', () => {
    expect(run('today').total).toEqual<Figures>({
      // 5, 3, 4, 5: 3 of 4
      csat: { rated: 4, satisfied: 3, pct: 75, targetPct: 90, met: false },
      // 820 + 7200 + 300 = 8320 s / 6 = 1386.7 → 1387 s; targets (4 × 300 + 86400 + 600) / 6 = 14700 s; within: 3 + 1 + 1
      firstResponse: { answered: 6, avgSec: 1387, withinTarget: 5, withinTargetPct: 83.3, targetSec: 14700, met: true },
      // T1, T5, T8 of T1, T2, T3, T5, T8
      fcr: { resolved: 5, firstContact: 3, pct: 60, targetPct: 70, met: false },
      // 480, 600, 900, 1200, 2700: mean 5880 / 5 = 1176, median 900 ≤ 900; within: 3
      handle: { handled: 5, avgSec: 1176, medianSec: 900, withinTarget: 3, withinTargetPct: 60, ...HANDLE_TARGETS, met: true },
    });
  });

  it('today, per agent: by the case’s assignee, named, in name order', () => {
    const r = run('today');
    expect(r.agents.map((a) => [a.agentId, a.name])).toEqual([
      ['a1', 'Ada'],
      ['a2', 'Bo'],
    ]);
    // Ada: T1, T2, T7, T8 (T6 is yesterday in Stockholm)
    expect(agent(r, 'a1')).toEqual<Figures>({
      csat: { rated: 2, satisfied: 1, pct: 50, targetPct: 90, met: false },
      // 120, 400, 7200: 7720 / 3 = 2573.3 → 2573; targets (300 + 300 + 86400) / 3 = 29000; within: T1, T7
      firstResponse: { answered: 3, avgSec: 2573, withinTarget: 2, withinTargetPct: 66.7, targetSec: 29000, met: true },
      // T1, T8 of T1, T2, T8: 66.7 % is not above 70 %
      fcr: { resolved: 3, firstContact: 2, pct: 66.7, targetPct: 70, met: false },
      // 600, 1200, 2700: mean 1500, median 1200
      handle: { handled: 3, avgSec: 1500, medianSec: 1200, withinTarget: 1, withinTargetPct: 33.3, ...HANDLE_TARGETS, met: false },
    });
    // Bo: T3, T4, T5
    expect(agent(r, 'a2')).toEqual<Figures>({
      csat: { rated: 2, satisfied: 2, pct: 100, targetPct: 90, met: true },
      // 240, 60, 300: mean 200; targets (300 + 300 + 600) / 3 = 400
      firstResponse: { answered: 3, avgSec: 200, withinTarget: 3, withinTargetPct: 100, targetSec: 400, met: true },
      fcr: { resolved: 2, firstContact: 1, pct: 50, targetPct: 70, met: false },
      handle: { handled: 2, avgSec: 690, medianSec: 690, withinTarget: 2, withinTargetPct: 100, ...HANDLE_TARGETS, met: true },
    });
  });

  it('7d adds T6 to se/chat', () => {
    expect(queue(run('7d'), 'se', 'chat')).toEqual<Figures>({
      // 5, 3, 4, 2: 2 of 4
      csat: { rated: 4, satisfied: 2, pct: 50, targetPct: 90, met: false },
      // 120 + 400 + 240 + 60 + 600 = 1420 / 5 = 284 ≤ 300; within: 3 of 5
      firstResponse: { answered: 5, avgSec: 284, withinTarget: 3, withinTargetPct: 60, targetSec: 300, met: true },
      fcr: { resolved: 4, firstContact: 2, pct: 50, targetPct: 70, met: false },
      // 480, 600, 1200, 1800: mean 1020, median (600 + 1200) / 2 = 900 ≤ 900
      handle: { handled: 4, avgSec: 1020, medianSec: 900, withinTarget: 2, withinTargetPct: 50, ...HANDLE_TARGETS, met: true },
    });
  });

  it('30d adds T9 (rated 1, never accepted: no handle time)', () => {
    const f = queue(run('30d'), 'se', 'chat');
    expect(f.csat).toEqual({ rated: 5, satisfied: 2, pct: 40, targetPct: 90, met: false });
    expect(f.fcr).toEqual({ resolved: 5, firstContact: 3, pct: 60, targetPct: 70, met: false });
    expect(f.handle.handled).toBe(4);
  });

  it('a follow-up more than 7 days later, or of another category, leaves first contact standing', () => {
    const base = row('X1', { customer_id: 'cx', created_at: '2026-03-01T10:00:00.000Z', resolved_at: '2026-03-01T10:10:00.000Z' });
    const late = row('X2', { customer_id: 'cx', status: 'open', created_at: '2026-03-08T10:10:00.001Z' });
    const other = row('X3', { customer_id: 'cx', status: 'open', category: 'other', created_at: '2026-03-02T10:00:00.000Z' });
    const edge = row('X4', { customer_id: 'cx', status: 'open', created_at: '2026-03-08T10:10:00.000Z' });
    const fcr = (rows: FigureTicketRow[]) => computeFigures({ range: '30d', now: NOW, regions: REGIONS, agents: AGENTS, rows }).total.fcr.firstContact;
    expect(fcr([base, late, other])).toBe(1);
    // exactly 7 days after the resolution still counts as a follow-up
    expect(fcr([base, edge])).toBe(0);
  });
});
