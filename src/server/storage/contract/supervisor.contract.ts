/**
 * The supervisor's queries (tickets.figureRows, boardQueues, liveLoads, dueBetween) and what the
 * board and the figures make of them: the same rows and the same numbers from every engine, on a
 * fixture whose figures are computed by hand below. Now is FIXED_NOW, 2026-03-02T10:00Z (11:00 in
 * Stockholm and Berlin); both regions' "today" starts 2026-03-01T23:00Z; targets 300 s.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Figures } from '../../../shared/protocol/supervisor';
import { readBoard } from '../../supervisor/board';
import { computeFigures, fetchSince } from '../../supervisor/figures';
import type { TicketPatch } from '../tables/tickets';
import { FIXED_NOW, type Engine, type EngineHandle } from './engine';
import { insertTicketParents, messageRow, ticketRow, type NewTicket } from './fixtures-tickets';

const at = (hhmm: string, day = '2026-03-02') => `${day}T${hhmm}:00.000Z`;

/** Each case: its insert, then the patch that gives it its history. */
const CASES: [NewTicket, TicketPatch][] = [
  // k1 se chat, a1: answered 180 s, handled 600 s, CSAT 5, resolved; k2 follows it (same customer and category).
  [ticketRow('k1', { created_at: at('08:00'), queued_at: at('08:00') }), { assignee_id: 'a1', status: 'resolved', accepted_at: at('08:01'), first_response_at: at('08:03'), resolved_at: at('08:11'), csat: 5 }],
  [ticketRow('k2', { created_at: at('09:00'), queued_at: at('09:00') }), { assignee_id: 'a1', status: 'open', accepted_at: at('09:00'), first_response_at: at('09:01') }],
  // k3 de chat, a2: answered 600 s, handled 1,800 s, CSAT 4, reopened once, closed.
  [
    ticketRow('k3', { customer_id: 'c2', region_id: 'de', category: 'refund_return', created_at: at('07:00'), queued_at: at('07:00') }),
    { assignee_id: 'a2', status: 'closed', accepted_at: at('07:02'), first_response_at: at('07:10'), resolved_at: at('07:32'), csat: 4, reopen_count: 1, reopened_at: at('07:20') },
  ],
  // k4 se chat, waiting since 09:50, reply due 09:55: breached.
  [ticketRow('k4', { customer_id: 'c2', category: 'other', created_at: at('09:50'), queued_at: at('09:50'), waiting_since: at('09:50'), reply_due_at: at('09:55') }), {}],
  // k5 se chat, a2, reply due 10:01: within the 120 s horizon.
  [ticketRow('k5', { category: 'technical_glitch', created_at: at('09:56'), queued_at: at('09:56'), waiting_since: at('09:56'), reply_due_at: at('10:01') }), { assignee_id: 'a2', status: 'open' }],
  // k6 de email, February: outside today and 7d.
  [ticketRow('k6', { customer_id: 'c2', region_id: 'de', channel: 'email', created_at: at('08:00', '2026-02-20') }), { status: 'closed', first_response_at: at('09:00', '2026-02-20'), resolved_at: at('08:00', '2026-02-21'), csat: 1 }],
  // k7 se chat, waiting since 09:58, due 10:03: beyond the horizon, within the queue's expected wait.
  [ticketRow('k7', { category: 'missed_payment', created_at: at('09:58'), queued_at: at('09:58'), waiting_since: at('09:58'), reply_due_at: at('10:03') }), {}],
];

export function supervisorContract(engine: Engine): void {
  let h: EngineHandle;
  beforeEach(async () => {
    h = await engine.open();
    await insertTicketParents(h);
    await h.storage.write(async (tx) => {
      for (const [row, patch] of CASES) {
        await tx.tickets.insert(row);
        if (Object.keys(patch).length) await tx.tickets.update(row.id, patch);
      }
      // a1 available with 6 slots (regions se and de); a2 stays offline.
      await tx.agents.setPresence('a1', 'available', null, 6);
    });
  });
  afterEach(async () => h.close());

  it('stores a whisper flag on a message (default 0) and the reopen columns on a ticket', async () => {
    await h.storage.write(async (tx) => {
      await tx.messages.insert(messageRow('w1', 'k2', { author_kind: 'note', author_id: 'a2', whisper: 1 }));
      await tx.messages.insert(messageRow('n1', 'k2', { author_kind: 'note', author_id: 'a2' }));
    });
    const [w, n, k3] = await h.storage.read(async (tx) => [await tx.messages.get('w1'), await tx.messages.get('n1'), await tx.tickets.get('k3')]);
    expect([w?.whisper, n?.whisper]).toStrictEqual([1, 0]);
    expect([k3?.reopen_count, k3?.reopened_at]).toStrictEqual([1, at('07:20')]);
    await expect(h.storage.write((tx) => tx.messages.insert(messageRow('w2', 'k2', { whisper: 2 })))).rejects.toThrow(/CHECK|check/);
  });

  it('reads the rows of a window, by id: created, first answered or resolved since', async () => {
    const rows = await h.storage.read((tx) => tx.tickets.figureRows('2026-03-01T23:00:00.000Z'));
    expect(rows.map((r) => r.id)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k7']);
    expect(rows[2]).toStrictEqual({
      id: 'k3',
      customer_id: 'c2',
      category: 'refund_return',
      channel: 'chat',
      region_id: 'de',
      assignee_id: 'a2',
      status: 'closed',
      created_at: at('07:00'),
      queued_at: at('07:00'),
      accepted_at: at('07:02'),
      first_response_at: at('07:10'),
      resolved_at: at('07:32'),
      csat: 4,
      reopen_count: 1,
    });
    // k6 was resolved on 21 February
    expect((await h.storage.read((tx) => tx.tickets.figureRows('2026-02-21T00:00:00.000Z'))).map((r) => r.id)).toContain('k6');
  });

  it('aggregates the live cases per queue, the loads per agent, the cases falling due, as numbers', async () => {
    const now = FIXED_NOW.toISOString();
    const [queues, loads, overdue, soon] = await h.storage.read(async (tx) => [
      await tx.tickets.boardQueues(now),
      await tx.tickets.liveLoads(),
      await tx.tickets.dueBetween('', now, 10),
      await tx.tickets.dueBetween(now, at('10:05'), 10),
    ]);
    // se chat: k2, k4, k5, k7 live, k4 and k7 waiting since 09:50 and 09:58, k4 overdue
    expect(queues).toStrictEqual([{ region_id: 'se', channel: 'chat', waiting: 2, oldest_queued_at: at('09:50'), breached: 1 }]);
    expect(loads).toStrictEqual([
      { agent_id: 'a1', load: 1 },
      { agent_id: 'a2', load: 1 },
    ]);
    expect(overdue.map((t) => t.id)).toEqual(['k4']);
    expect(soon.map((t) => [t.id, t.reply_due_at])).toEqual([
      ['k5', at('10:01')],
      ['k7', at('10:03')],
    ]);
  });

  it('lists the live cases of angry customers, angriest first, never an ended case (migration 120)', async () => {
    await h.storage.write(async (tx) => {
      await tx.tickets.update('k5', { mood: 'angry', mood_score: -0.4 });
      await tx.tickets.update('k2', { mood: 'angry', mood_score: -0.9 });
      await tx.tickets.update('k7', { mood: 'unhappy', mood_score: -0.2 });
      await tx.tickets.update('k3', { mood: 'angry', mood_score: -1 }); // closed
    });
    const angry = await h.storage.read((tx) => tx.tickets.angryLive(10));
    expect(angry.map((t) => [t.id, t.mood_score])).toEqual([
      ['k2', -0.9],
      ['k5', -0.4],
    ]);
    expect(angry[0]).toStrictEqual({ id: 'k2', reference: expect.any(String), region_id: 'se', channel: 'chat', status: expect.any(String), assignee_id: expect.anything(), mood_score: -0.9 });
    const board = await h.storage.read((tx) => readBoard({ storage: h.storage, clock: { now: () => FIXED_NOW } }, tx));
    expect(board.angryTotal).toBe(2);
    expect(board.angry?.map((a) => a.ticketId)).toEqual(['k2', 'k5']);
    expect(board.queues.find((q) => q.regionId === 'se' && q.channel === 'chat')?.angry).toBe(2);
    await h.storage.write(async (tx) => {
      for (const id of ['k5', 'k2', 'k7', 'k3']) await tx.tickets.update(id, { mood: null, mood_score: null });
    });
  });

  it('gives the same board on every engine', async () => {
    const board = await h.storage.read((tx) => readBoard({ storage: h.storage, clock: { now: () => FIXED_NOW } }, tx));
    const se = board.queues.find((q) => q.regionId === 'se' && q.channel === 'chat');
    // expected wait: (2 waiting + 1) × 600 s (k1's handle time) / 6 slots of a1 = 300 s
    expect(se).toEqual({ regionId: 'se', channel: 'chat', waiting: 2, longestWaitSec: 600, expectedWaitSec: 300, breached: 1, atRisk: 2, firstResponseTargetSec: 300, angry: 0 });
    // de: 1 × 1,800 s (k3) / 6 = 300 s
    expect(board.queues.find((q) => q.regionId === 'de' && q.channel === 'chat')).toMatchObject({ waiting: 0, expectedWaitSec: 300, breached: 0, atRisk: 0 });
    expect(board.regions).toEqual([
      { regionId: 'de', name: 'Region de', available: 1, busy: 0, away: 0, load: 1, capacity: 6 },
      { regionId: 'se', name: 'Region se', available: 1, busy: 0, away: 0, load: 1, capacity: 6 },
    ]);
    expect(board.agents).toEqual([{ agentId: 'a1', name: 'Agent a1', role: 'agent', regions: ['se', 'de'], presence: 'available', load: 1, capacity: 6 }]);
    // k4 overdue; k5 due in 60 s (< 120 s); k7 due in 180 s, inside its queue's 300 s expected wait
    expect(board.alerts.map((a) => [a.ticketId, a.state, a.reason])).toEqual([
      ['k4', 'breached', 'overdue'],
      ['k5', 'at_risk', 'due_soon'],
      ['k7', 'at_risk', 'queue_wait'],
    ]);
    expect([board.breachedTotal, board.atRiskTotal]).toEqual([1, 2]);
  });

  it('gives the same figures on every engine', async () => {
    const figures = async (range: 'today' | '30d') =>
      h.storage.read(async (tx) => {
        const regions = await tx.regions.all();
        const rows = await tx.tickets.figureRows(fetchSince(range, regions, FIXED_NOW));
        const agents = (await tx.agents.all()).map((a) => ({ id: a.id, name: a.name }));
        return computeFigures({ range, now: FIXED_NOW, regions, agents, rows });
      });
    const today = await figures('today');
    expect(today.queues.find((q) => q.regionId === 'se' && q.channel === 'chat')?.figures).toEqual<Figures>({
      csat: { rated: 1, satisfied: 1, pct: 100, targetPct: 90, met: true },
      // 180 and 60 s: mean 120
      firstResponse: { answered: 2, avgSec: 120, withinTarget: 2, withinTargetPct: 100, targetSec: 300, met: true },
      // k1 was followed by k2: not first contact
      fcr: { resolved: 1, firstContact: 0, pct: 0, targetPct: 70, met: false },
      handle: { handled: 1, avgSec: 600, medianSec: 600, withinTarget: 1, withinTargetPct: 100, targetMinSec: 600, targetMaxSec: 900, met: true },
    });
    expect(today.total).toEqual<Figures>({
      csat: { rated: 2, satisfied: 2, pct: 100, targetPct: 90, met: true },
      // 180, 60, 600: mean 280 ≤ 300; within: 2 of 3
      firstResponse: { answered: 3, avgSec: 280, withinTarget: 2, withinTargetPct: 66.7, targetSec: 300, met: true },
      // k1 followed up, k3 reopened
      fcr: { resolved: 2, firstContact: 0, pct: 0, targetPct: 70, met: false },
      // 600 and 1800: median 1200
      handle: { handled: 2, avgSec: 1200, medianSec: 1200, withinTarget: 1, withinTargetPct: 50, targetMinSec: 600, targetMaxSec: 900, met: false },
    });
    expect(today.agents.map((a) => [a.agentId, a.figures.csat.rated, a.figures.firstResponse.answered])).toEqual([
      ['a1', 1, 2],
      ['a2', 1, 1],
    ]);
    // 30 days hold k6 too: de e-mail, rated 1
    const month = await figures('30d');
    expect(month.queues.find((q) => q.regionId === 'de' && q.channel === 'email')?.figures.csat).toEqual({ rated: 1, satisfied: 0, pct: 0, targetPct: 90, met: false });
  });
}
