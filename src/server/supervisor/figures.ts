/**
 * The four figures of DOMAIN.md over a window, per queue (region + channel), per agent and in
 * total, each against its target. Pure: the rows come from `tickets.figureRows` (both engines),
 * the definitions are docs/figures.md, and figures.test.ts checks them against hand-computed
 * fixtures.
 */
import { CHANNELS, type Channel } from '../../shared/domain';
import { TARGETS, type FigureRange, type Figures, type FiguresResponse } from '../../shared/protocol/supervisor';
import type { FigureTicketRow } from '../storage/tables/tickets';
import { windowStart } from './windows';

export interface FigureRegion {
  id: string;
  timeZone: string;
  firstResponseTargetSec: number;
}
export interface FigureAgent {
  id: string;
  name: string;
}

/** A new case from the same customer in the same category within this long of a resolution undoes first-contact resolution. */
export const FOLLOW_UP_MS = 7 * 86_400_000;

/** What one group (a queue, an agent, the total) has counted so far. */
interface Tally {
  rated: number;
  satisfied: number;
  responses: number[]; // ms from creation to the first agent reply
  withinResponse: number;
  responseTargets: number[]; // ms, the target of each counted response
  resolved: number;
  firstContact: number;
  handles: number[]; // ms from acceptance to resolution (chats)
}
const tally = (): Tally => ({ rated: 0, satisfied: 0, responses: [], withinResponse: 0, responseTargets: [], resolved: 0, firstContact: 0, handles: [] });

const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));
const pct = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);
const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const sec = (msValue: number | null): number | null => (msValue === null ? null : Math.round(msValue / 1000));
function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The first-response target of a case, in ms: the region's for chat, one business day for email; none for phone. */
function responseTargetMs(channel: Channel, region: FigureRegion): number | null {
  if (channel === 'chat') return region.firstResponseTargetSec * 1000;
  if (channel === 'email') return TARGETS.emailFirstResponseSec * 1000;
  return null;
}

export function toFigures(t: Tally): Figures {
  const avgResponse = mean(t.responses);
  const responseTarget = mean(t.responseTargets);
  const medianHandle = median(t.handles);
  const withinHandle = t.handles.filter((h) => h <= TARGETS.handleMaxSec * 1000).length;
  return {
    csat: { rated: t.rated, satisfied: t.satisfied, pct: pct(t.satisfied, t.rated), targetPct: TARGETS.csatPct, met: t.rated ? t.satisfied * 100 > TARGETS.csatPct * t.rated : null },
    firstResponse: {
      answered: t.responses.length,
      avgSec: sec(avgResponse),
      withinTarget: t.withinResponse,
      withinTargetPct: pct(t.withinResponse, t.responses.length),
      targetSec: sec(responseTarget),
      met: avgResponse === null || responseTarget === null ? null : avgResponse <= responseTarget,
    },
    fcr: { resolved: t.resolved, firstContact: t.firstContact, pct: pct(t.firstContact, t.resolved), targetPct: TARGETS.fcrPct, met: t.resolved ? t.firstContact * 100 > TARGETS.fcrPct * t.resolved : null },
    handle: {
      handled: t.handles.length,
      avgSec: sec(mean(t.handles)),
      medianSec: sec(medianHandle),
      withinTarget: withinHandle,
      withinTargetPct: pct(withinHandle, t.handles.length),
      targetMinSec: TARGETS.handleMinSec,
      targetMaxSec: TARGETS.handleMaxSec,
      met: medianHandle === null ? null : medianHandle <= TARGETS.handleMaxSec * 1000,
    },
  };
}

/** Whether a resolved case is followed, within 7 days, by a new case of the same customer in the same category. */
function followUpIndex(rows: readonly FigureTicketRow[]): (t: FigureTicketRow, resolvedMs: number) => boolean {
  const created = new Map<string, { id: string; at: number }[]>();
  for (const r of rows) {
    const key = `${r.customer_id}\u0000${r.category}`;
    let list = created.get(key);
    if (!list) created.set(key, (list = []));
    list.push({ id: r.id, at: Date.parse(r.created_at) });
  }
  return (t, resolvedMs) =>
    (created.get(`${t.customer_id}\u0000${t.category}`) ?? []).some((c) => c.id !== t.id && c.at > resolvedMs && c.at <= resolvedMs + FOLLOW_UP_MS);
}

export interface FiguresInput {
  range: FigureRange;
  now: Date;
  regions: readonly FigureRegion[];
  agents: readonly FigureAgent[];
  /** `tickets.figureRows(since)` with `since` at or before the earliest window start (`fetchSince`). */
  rows: readonly FigureTicketRow[];
}

/** The earliest window start over the regions: what to pass to `tickets.figureRows`. */
export function fetchSince(range: FigureRange, regions: readonly FigureRegion[], now: Date): string {
  const starts = regions.map((r) => windowStart(range, r.timeZone, now.getTime()));
  return new Date(starts.length ? Math.min(...starts) : now.getTime()).toISOString();
}

export function computeFigures({ range, now, regions, agents, rows }: FiguresInput): FiguresResponse {
  const nowMs = now.getTime();
  const regionById = new Map(regions.map((r) => [r.id, r]));
  const since = new Map(regions.map((r) => [r.id, windowStart(range, r.timeZone, nowMs)]));
  const queues = new Map<string, Tally>();
  for (const r of regions) for (const c of CHANNELS) queues.set(`${r.id}|${c}`, tally());
  const byAgent = new Map<string, Tally>();
  const total = tally();
  const followedUp = followUpIndex(rows);
  // Times are ISO 8601 UTC (toISOString) on both engines: compared as strings, parsed only for durations.
  const sinceIso = new Map([...since].map(([id, ms]) => [id, new Date(ms).toISOString()]));
  const nowIso = now.toISOString();
  const inWindow = (at: string | null, start: string) => at !== null && at >= start && at <= nowIso;

  for (const t of rows) {
    const region = regionById.get(t.region_id);
    const start = sinceIso.get(t.region_id);
    if (!region || start === undefined) continue;
    const groups = [queues.get(`${t.region_id}|${t.channel}`)!, total];
    if (t.assignee_id) {
      let a = byAgent.get(t.assignee_id);
      if (!a) byAgent.set(t.assignee_id, (a = tally()));
      groups.push(a);
    }
    const done = t.status === 'resolved' || t.status === 'closed';
    const resolvedIn = done && inWindow(t.resolved_at, start);
    // CSAT: ratings of cases resolved in the window; 4 and 5 are satisfied.
    if (resolvedIn && t.csat !== null)
      for (const g of groups) {
        g.rated++;
        if (t.csat >= 4) g.satisfied++;
      }
    // First response: cases first answered in the window, from creation to the first agent reply.
    const target = responseTargetMs(t.channel, region);
    if (target !== null && inWindow(t.first_response_at, start)) {
      const wait = Math.max(0, ms(t.first_response_at)! - Date.parse(t.created_at));
      for (const g of groups) {
        g.responses.push(wait);
        g.responseTargets.push(target);
        if (wait <= target) g.withinResponse++;
      }
    }
    if (resolvedIn) {
      const resolvedMs = Date.parse(t.resolved_at!);
      // First-contact resolution: never reopened, and no new case of the same customer and category within 7 days.
      const first = t.reopen_count === 0 && !followedUp(t, resolvedMs);
      for (const g of groups) {
        g.resolved++;
        if (first) g.firstContact++;
      }
      // Handle time: chats, from acceptance to resolution.
      const acceptedMs = ms(t.accepted_at);
      if (t.channel === 'chat' && acceptedMs !== null) for (const g of groups) g.handles.push(Math.max(0, resolvedMs - acceptedMs));
    }
  }

  const names = new Map(agents.map((a) => [a.id, a.name]));
  return {
    range,
    computedAt: now.toISOString(),
    windows: regions.map((r) => ({ regionId: r.id, timeZone: r.timeZone, since: new Date(since.get(r.id)!).toISOString() })),
    queues: [...queues].map(([key, t]) => {
      const [regionId, channel] = key.split('|') as [string, Channel];
      return { regionId, channel, figures: toFigures(t) };
    }),
    // In the order of `agents` (agents.all(): by name, byte order), then any assignee not among them.
    agents: [...agents.map((a) => a.id).filter((id) => byAgent.has(id)), ...[...byAgent.keys()].filter((id) => !names.has(id)).sort()].map((agentId) => ({
      agentId,
      name: names.get(agentId) ?? agentId,
      figures: toFigures(byAgent.get(agentId)!),
    })),
    total: toFigures(total),
  };
}
