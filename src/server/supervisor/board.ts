/**
 * The supervisor's live board (docs/figures.md, "The live board"): per region and channel the
 * waiting count, the longest and the expected wait, breaches and the cases about to breach; per
 * region the agents available / busy / away with load against capacity. `readBoard` reads the
 * aggregates of one consistent view (four queries whatever the desk's size, plus the agents);
 * `buildBoard` is pure.
 */
import { CHANNELS } from '../../shared/domain';
import { ALERT_LIMIT, type Board, type BoardAlert, type BoardQueue } from '../../shared/protocol/supervisor';
import type { Deps } from '../deps';
import { averageHandleSec, expectedWaitSec, parallelCapacity } from '../routing/queue-info';
import type { AsyncReadTx } from '../storage/async-store';
import type { Agent } from '../storage/tables/agents';
import type { Region } from '../storage/tables/regions';
import type { AngryTicketRow, BoardQueueRow, DueTicketRow } from '../storage/tables/tickets';

/** An assigned case whose reply falls due within this long is at risk. */
export const BOARD_HORIZON_SEC = 120;
/** At most this many at-risk cases are read (counted and listed); the breached are counted exactly. */
const AT_RISK_READ_LIMIT = 5000;
/** At most this many angry customers' cases are read (counted per queue; the first ALERT_LIMIT listed). */
const ANGRY_READ_LIMIT = 1000;

export interface BoardInput {
  now: Date;
  horizonSec: number;
  regions: readonly Pick<Region, 'id' | 'name' | 'firstResponseTargetSec'>[];
  agents: readonly Agent[];
  queues: readonly BoardQueueRow[];
  loads: readonly { agent_id: string; load: number }[];
  /** Overdue cases, soonest due first (at most ALERT_LIMIT). */
  overdue: readonly DueTicketRow[];
  /** Cases falling due from now to now + the longest horizon of any region, soonest first. */
  dueSoon: readonly DueTicketRow[];
  /** The average chat handle time per region, seconds (routing/queue-info.ts). */
  handleSec: ReadonlyMap<string, number>;
  /** Live cases of angry customers, angriest first (at most ANGRY_READ_LIMIT). */
  angry?: readonly AngryTicketRow[];
}

const secondsBetween = (from: string, toMs: number) => Math.max(0, Math.round((toMs - Date.parse(from)) / 1000));

export function buildBoard(input: BoardInput): Board {
  const nowMs = input.now.getTime();
  const horizonMs = input.horizonSec * 1000;
  const load = new Map(input.loads.map((l) => [l.agent_id, l.load]));
  const working = input.agents.filter((a) => a.role !== 'supervisor');
  const rows = new Map(input.queues.map((q) => [`${q.region_id}|${q.channel}`, q]));

  // What a chat joining each region's queue now would wait: routing's own estimate.
  const chatWait = new Map<string, number>();
  for (const r of input.regions) {
    const waiting = rows.get(`${r.id}|chat`)?.waiting ?? 0;
    chatWait.set(r.id, expectedWaitSec(waiting + 1, input.handleSec.get(r.id) ?? 600, parallelCapacity(working, r.id, 1)));
  }

  // A waiting chat is at risk when its queue's expected wait outlasts its reply clock; an assigned one within the horizon.
  const atRisk: BoardAlert[] = [];
  const atRiskBy = new Map<string, number>();
  for (const t of input.dueSoon) {
    const dueMs = Date.parse(t.reply_due_at!);
    const queued = t.status === 'queued';
    const queueHorizon = queued ? (chatWait.get(t.region_id) ?? 0) * 1000 : 0;
    if (dueMs - nowMs >= Math.max(horizonMs, queueHorizon)) continue;
    atRisk.push(alert(t, 'at_risk', dueMs - nowMs < horizonMs ? 'due_soon' : 'queue_wait'));
    const key = `${t.region_id}|${t.channel}`;
    atRiskBy.set(key, (atRiskBy.get(key) ?? 0) + 1);
  }

  const angryBy = new Map<string, number>();
  for (const t of input.angry ?? []) angryBy.set(`${t.region_id}|${t.channel}`, (angryBy.get(`${t.region_id}|${t.channel}`) ?? 0) + 1);

  const queues: BoardQueue[] = [];
  for (const r of input.regions)
    for (const channel of CHANNELS) {
      const q = rows.get(`${r.id}|${channel}`);
      queues.push({
        regionId: r.id,
        channel,
        waiting: q?.waiting ?? 0,
        longestWaitSec: q?.oldest_queued_at ? secondsBetween(q.oldest_queued_at, nowMs) : 0,
        expectedWaitSec: channel === 'chat' ? chatWait.get(r.id)! : null,
        breached: q?.breached ?? 0,
        atRisk: atRiskBy.get(`${r.id}|${channel}`) ?? 0,
        firstResponseTargetSec: r.firstResponseTargetSec,
        angry: angryBy.get(`${r.id}|${channel}`) ?? 0,
      });
    }

  const regions = input.regions.map((r) => {
    const out = { regionId: r.id, name: r.name, available: 0, busy: 0, away: 0, load: 0, capacity: 0 };
    for (const a of working) {
      if (!a.regions.includes(r.id) || a.presence === 'offline') continue;
      const l = load.get(a.id) ?? 0;
      if (a.presence === 'away') out.away++;
      else if (l >= a.capacity) out.busy++;
      else out.available++;
      out.load += l;
      out.capacity += a.capacity;
    }
    return out;
  });

  const agents = working
    .filter((a) => a.presence !== 'offline')
    // In the order `agents.all()` gives (by name, byte order); a locale-aware sort of 1,000 names costs ~30 ms.
    .map((a) => ({ agentId: a.id, name: a.name, role: a.role, regions: a.regions, presence: a.presence, load: load.get(a.id) ?? 0, capacity: a.capacity }));

  const breachedTotal = input.queues.reduce((n, q) => n + q.breached, 0);
  const breached = input.overdue.map((t) => alert(t, 'breached', 'overdue'));
  return {
    computedAt: input.now.toISOString(),
    horizonSec: input.horizonSec,
    queues,
    regions,
    agents,
    alerts: [...breached, ...atRisk].slice(0, ALERT_LIMIT),
    breachedTotal,
    atRiskTotal: atRisk.length,
    angry: (input.angry ?? []).slice(0, ALERT_LIMIT).map((t) => ({
      ticketId: t.id,
      reference: t.reference,
      regionId: t.region_id,
      channel: t.channel,
      status: t.status,
      assigneeId: t.assignee_id,
      moodScore: t.mood_score,
    })),
    angryTotal: input.angry?.length ?? 0,
  };
}

function alert(t: DueTicketRow, state: BoardAlert['state'], reason: BoardAlert['reason']): BoardAlert {
  return {
    ticketId: t.id,
    reference: t.reference,
    regionId: t.region_id,
    channel: t.channel,
    status: t.status,
    assigneeId: t.assignee_id,
    waitingSince: t.waiting_since,
    replyDueAt: t.reply_due_at!,
    state,
    reason,
  };
}

/** Reads the board in one read transaction. */
export async function readBoard(deps: Pick<Deps, 'storage' | 'clock'>, tx: AsyncReadTx, horizonSec = BOARD_HORIZON_SEC): Promise<Board> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const [regions, agents, queues, loads] = [await tx.regions.all(), await tx.agents.all(), await tx.tickets.boardQueues(nowIso), await tx.tickets.liveLoads()];
  const handleSec = new Map<string, number>();
  for (const r of regions) handleSec.set(r.id, await averageHandleSec(deps.storage, tx, r.id));
  // The longest horizon any region needs: its queue's expected wait (an upper bound: every waiting chat plus one).
  const working = agents.filter((a) => a.role !== 'supervisor');
  let longestMs = horizonSec * 1000;
  for (const r of regions) {
    const waiting = queues.find((q) => q.region_id === r.id && q.channel === 'chat')?.waiting ?? 0;
    longestMs = Math.max(longestMs, expectedWaitSec(waiting + 1, handleSec.get(r.id)!, parallelCapacity(working, r.id, 1)) * 1000);
  }
  const overdue = await tx.tickets.dueBetween('', nowIso, ALERT_LIMIT);
  const dueSoon = await tx.tickets.dueBetween(nowIso, new Date(now.getTime() + longestMs).toISOString(), AT_RISK_READ_LIMIT);
  const angry = await tx.tickets.angryLive(ANGRY_READ_LIMIT);
  return buildBoard({ now, horizonSec, regions, agents, queues, loads, overdue, dueSoon, handleSec, angry });
}
