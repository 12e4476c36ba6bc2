/**
 * The formal-complaint list supervisors work (issue 8): open complaints (not closed), soonest due
 * first, each with the business time left in its region's calendar, how many business days that
 * is, and the open spans up to the deadline so a desktop's countdown can tick without asking again.
 * `buildComplaintList` is pure; `readComplaints` reads one consistent view.
 */
import { COMPLAINT_LIMIT, type ComplaintItem, type ComplaintList, type OpenSpan } from '../../shared/protocol/supervisor';
import type { BusinessCalendar } from '../calendar/calendar';
import { regionCalendar } from '../calendar/region-calendar';
import { addDays, localMoment } from '../calendar/zoned';
import type { Deps } from '../deps';
import type { Region } from '../storage/tables/regions';
import type { ComplaintDbRow } from '../storage/tables/tickets';

/** At most this many open spans per row (60 business days of a few intervals each fit). */
const SPAN_LIMIT = 240;

/** Business days strictly after `now`'s local date up to the deadline's last day (the local date just before it). */
export function businessDaysLeft(calendar: BusinessCalendar, now: Date, dueAt: Date): number {
  if (dueAt.getTime() <= now.getTime()) return 0;
  const today = localMoment(now.getTime(), calendar.timeZone).date;
  const lastDay = localMoment(dueAt.getTime() - 1, calendar.timeZone).date;
  let n = 0;
  for (let d = addDays(today, 1); d <= lastDay; d = addDays(d, 1)) if (calendar.day(d).businessDay) n++;
  return n;
}

/** The calendar's open spans clipped to [from, to), in order. */
export function openSpansBetween(calendar: BusinessCalendar, from: Date, to: Date): OpenSpan[] {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return [];
  // From the day before: an interval opened yesterday may run past midnight into today.
  const first = addDays(localMoment(a, calendar.timeZone).date, -1);
  const last = localMoment(b, calendar.timeZone).date;
  const out: OpenSpan[] = [];
  for (const s of calendar.spans(first, last)) {
    const start = Math.max(s.start, a);
    const end = Math.min(s.end, b);
    if (end > start) out.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    if (out.length === SPAN_LIMIT) break;
  }
  return out;
}

export interface ComplaintListInput {
  now: Date;
  rows: readonly ComplaintDbRow[];
  regions: readonly Region[];
}

export function buildComplaintList({ now, rows, regions }: ComplaintListInput): ComplaintList {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const complaints = rows.map((r): ComplaintItem => {
    const region = byId.get(r.region_id);
    const calendar = region ? regionCalendar(region) : null;
    const due = r.complaint_due_at ? new Date(r.complaint_due_at) : null;
    const overdue = due !== null && due.getTime() <= now.getTime();
    return {
      ticketId: r.id,
      reference: r.reference,
      status: r.status,
      regionId: r.region_id,
      regionName: region?.name ?? r.region_id,
      customerName: r.customer_name,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      openedAt: r.complaint_opened_at,
      dueAt: r.complaint_due_at,
      businessMsLeft: calendar && due ? calendar.businessMs(now, due) : 0,
      businessDaysLeft: calendar && due ? businessDaysLeft(calendar, now, due) : 0,
      overdue,
      openSpans: calendar && due ? openSpansBetween(calendar, now, due) : [],
    };
  });
  return { computedAt: now.toISOString(), complaints };
}

export async function readComplaints(deps: Pick<Deps, 'storage' | 'clock'>): Promise<ComplaintList> {
  const now = deps.clock.now();
  const { rows, regions } = await deps.storage.read(async (tx) => ({ rows: await tx.tickets.openComplaints(COMPLAINT_LIMIT), regions: await tx.regions.all() }));
  return buildComplaintList({ now, rows, regions });
}
