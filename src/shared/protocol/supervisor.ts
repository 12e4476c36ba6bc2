/**
 * The supervisor console's wire contract (issue 8; definitions in docs/figures.md): the four
 * figures per queue and per agent over a range, the live board (GET and the `board` frame of the
 * agent WebSocket), and the supervisor actions. zod schemas with their derived types, so the
 * renderer can parse what the server sends.
 */
import { z } from 'zod';
import { Channel, MessageRow, Presence, Role, TicketRow, TicketStatus } from '../domain';

export const FIGURE_RANGES = ['today', '7d', '30d'] as const;
export const FigureRange = z.enum(FIGURE_RANGES);
export type FigureRange = z.infer<typeof FigureRange>;

export const FiguresQuery = z.strictObject({ range: FigureRange.default('today') });
export type FiguresQuery = z.infer<typeof FiguresQuery>;

/** The targets of DOMAIN.md; first response's target is per region (`regions.first_response_target_sec`). */
export const TARGETS = {
  /** CSAT: share of ratings 4–5 among rated cases, above 90 %. */
  csatPct: 90,
  /** First-contact resolution: above 70 % of resolved cases. */
  fcrPct: 70,
  /** Handle time: most chats (the median) resolved within 10–15 minutes of acceptance. */
  handleMinSec: 600,
  handleMaxSec: 900,
  /** Email's first response: one business day (DOMAIN.md's 1–2 business days; tickets/reply-clock.ts). */
  emailFirstResponseSec: 86_400,
} as const;

const count = z.number().int().min(0);
/** A percentage 0–100 with one decimal; null when nothing was counted. */
const pct = z.number().min(0).max(100).nullable();
const seconds = z.number().int().min(0).nullable();
/** Whether the figure meets its target; null when nothing was counted. */
const met = z.boolean().nullable();

export const CsatFigure = z.object({ rated: count, satisfied: count, pct, targetPct: z.number(), met });
export const FirstResponseFigure = z.object({
  answered: count,
  avgSec: seconds,
  withinTarget: count,
  withinTargetPct: pct,
  /** The region's target; for an agent or a total, the mean of the counted cases' own targets. */
  targetSec: seconds,
  met,
});
export const FcrFigure = z.object({ resolved: count, firstContact: count, pct, targetPct: z.number(), met });
export const HandleFigure = z.object({
  handled: count,
  avgSec: seconds,
  medianSec: seconds,
  /** Chats resolved within `targetMaxSec` of acceptance. */
  withinTarget: count,
  withinTargetPct: pct,
  targetMinSec: z.number(),
  targetMaxSec: z.number(),
  met,
});
export const Figures = z.object({ csat: CsatFigure, firstResponse: FirstResponseFigure, fcr: FcrFigure, handle: HandleFigure });
export type Figures = z.infer<typeof Figures>;

export const FiguresResponse = z.object({
  range: FigureRange,
  computedAt: z.string(),
  /** Where each region's window starts: local midnight in its zone (today, or 6 / 29 days before). */
  windows: z.array(z.object({ regionId: z.string(), timeZone: z.string(), since: z.string() })),
  queues: z.array(z.object({ regionId: z.string(), channel: Channel, figures: Figures })),
  agents: z.array(z.object({ agentId: z.string(), name: z.string(), figures: Figures })),
  /** Every queue together: each case counted in its own region's window. */
  total: Figures,
});
export type FiguresResponse = z.infer<typeof FiguresResponse>;

export const BoardQueue = z.object({
  regionId: z.string(),
  channel: Channel,
  waiting: count,
  longestWaitSec: count,
  /** What a chat joining this queue now would wait (routing/queue-info.ts); null outside chat. */
  expectedWaitSec: seconds,
  /** Live cases of this queue whose reply is overdue (reply_due_at passed). */
  breached: count,
  /** Live cases predicted to breach (docs/figures.md, "About to breach"). */
  atRisk: count,
  firstResponseTargetSec: count,
  /** Live cases of this queue whose customer reads as angry (triage; absent from older servers). */
  angry: count.optional(),
});
export type BoardQueue = z.infer<typeof BoardQueue>;

export const BoardRegionAgents = z.object({
  regionId: z.string(),
  /** The region's name as the desk calls it (the board names every region of `queues` here). */
  name: z.string(),
  /** Available with a free slot. */
  available: count,
  /** Available at or over capacity. */
  busy: count,
  away: count,
  /** Live chats of the region's agents who are not offline, against their summed capacity. */
  load: count,
  capacity: count,
});

export const BoardAgent = z.object({
  agentId: z.string(),
  name: z.string(),
  role: Role,
  regions: z.array(z.string()),
  presence: Presence,
  load: count,
  capacity: count,
});

export const BoardAlert = z.object({
  ticketId: z.string(),
  reference: z.string(),
  regionId: z.string(),
  channel: Channel,
  status: TicketStatus,
  assigneeId: z.string().nullable(),
  waitingSince: z.string().nullable(),
  replyDueAt: z.string(),
  state: z.enum(['breached', 'at_risk']),
  /** overdue: reply_due_at passed; due_soon: it passes within the horizon; queue_wait: the queue's expected wait outlasts it. */
  reason: z.enum(['overdue', 'due_soon', 'queue_wait']),
});
export type BoardAlert = z.infer<typeof BoardAlert>;

/** A live case whose customer reads as angry (src/server/assist/triage.ts), angriest first. */
export const BoardAngry = z.object({
  ticketId: z.string(),
  reference: z.string(),
  regionId: z.string(),
  channel: Channel,
  status: TicketStatus,
  assigneeId: z.string().nullable(),
  moodScore: z.number().nullable(),
});
export type BoardAngry = z.infer<typeof BoardAngry>;

export const Board = z.object({
  computedAt: z.string(),
  /** An assigned chat whose reply falls due within this many seconds is at risk. */
  horizonSec: count,
  queues: z.array(BoardQueue),
  regions: z.array(BoardRegionAgents),
  /** Agents not offline (supervisors excluded), by name (byte order). */
  agents: z.array(BoardAgent),
  /** Breached first (oldest due first), then at risk; at most `ALERT_LIMIT`. */
  alerts: z.array(BoardAlert),
  breachedTotal: count,
  atRiskTotal: count,
  /** Live cases of angry customers, angriest first (at most ALERT_LIMIT; absent from older servers). */
  angry: z.array(BoardAngry).optional(),
  angryTotal: count.optional(),
});
export type Board = z.infer<typeof Board>;
export const ALERT_LIMIT = 100;

// ---- supervisor actions (POST bodies) ----------------------------------------------------------

export const SetAgentBody = z
  .strictObject({ presence: Presence.optional(), capacity: z.number().int().min(0).max(20).optional(), reason: z.string().trim().max(100).optional() })
  .refine((b) => b.presence !== undefined || b.capacity !== undefined, 'Give a presence, a capacity or both.');
export type SetAgentBody = z.infer<typeof SetAgentBody>;

export const ReassignBody = z.strictObject({
  toAgentId: z.string().min(1).max(64),
  /** Over the agent's capacity or presence: a supervisor may insist. */
  force: z.boolean().default(false),
  note: z.string().trim().min(1).max(2000).optional(),
});
export const WhisperBody = z.strictObject({ body: z.string().trim().min(1).max(4000) });
export const TakeOverBody = z.strictObject({ note: z.string().trim().min(1).max(2000).optional() });

/** What opening a conversation silently returns: the case and its whole thread, notes and whispers included. */
export const SilentView = z.object({ ticket: TicketRow, messages: z.array(MessageRow) });
export type SilentView = z.infer<typeof SilentView>;

// ---- formal complaints (GET /api/supervisor/complaints) ----------------------------------------

/** An open stretch of a region's business hours, [start, end) as ISO instants. */
export const OpenSpan = z.object({ start: z.string(), end: z.string() });
export type OpenSpan = z.infer<typeof OpenSpan>;

export const ComplaintItem = z.object({
  ticketId: z.string(),
  reference: z.string(),
  status: TicketStatus,
  regionId: z.string(),
  regionName: z.string(),
  customerName: z.string(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** When the case became a formal complaint; null for a complaint from before that was recorded. */
  openedAt: z.string().nullable(),
  /** The final response's deadline: the end of the region's N-th business day (calendar/deadlines.ts). */
  dueAt: z.string().nullable(),
  /** The region's open (business) time from `computedAt` to `dueAt`, milliseconds; 0 once overdue. */
  businessMsLeft: count,
  /** Whole business days after today (the region's local date) up to the deadline's last day. */
  businessDaysLeft: count,
  overdue: z.boolean(),
  /** The region's open spans within [computedAt, dueAt]: a countdown ticks only inside them. */
  openSpans: z.array(OpenSpan),
});
export type ComplaintItem = z.infer<typeof ComplaintItem>;

export const ComplaintList = z.object({
  computedAt: z.string(),
  /** Soonest due first; a complaint without a deadline last; at most COMPLAINT_LIMIT. */
  complaints: z.array(ComplaintItem),
});
export type ComplaintList = z.infer<typeof ComplaintList>;
export const COMPLAINT_LIMIT = 500;
