/**
 * A formal complaint's countdown (issue 8), as the supervisors' list and the conversation header
 * show it. The list has the region's business calendar worked out by the server (the open spans
 * up to the deadline), so its business time ticks only while the region is open. The header has
 * the deadline from the desktop cache, and the server's count of business days when the
 * supervisors' list holds the case; without it, it counts calendar days and says so.
 */
import type { OpenSpan } from '../../../shared/protocol/supervisor';

const MINUTE = 60_000;


/** The open time left from `nowMs` within the spans (each [start, end)). */
export function openMsLeft(spans: readonly OpenSpan[], nowMs: number): number {
  let left = 0;
  for (const s of spans) left += Math.max(0, Date.parse(s.end) - Math.max(Date.parse(s.start), nowMs));
  return left;
}

/** Business time: "41h 05m", "7m" under an hour, "0m" when none is left. */
export function formatBusinessTime(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m`;
}

/** How long past a deadline: "3d 4h", "5h 20m", "12m". */
export function formatOverdue(ms: number): string {
  const m = Math.max(0, Math.floor(ms / MINUTE));
  if (m >= 24 * 60) return `${Math.floor(m / (24 * 60))}d ${Math.floor((m % (24 * 60)) / 60)}h`;
  if (m >= 60) return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
  return `${m}m`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const localDate = (ms: number) => {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
};

/**
 * Calendar days after today up to the deadline's last day, in this computer's time zone. The
 * desktop has no region calendar (its weekends, holidays and exceptions), so without the server's
 * count of business days this is what the header can say truthfully.
 */
export function calendarDaysLeft(dueIso: string, nowMs: number): number {
  const due = Date.parse(dueIso);
  if (!(due > nowMs)) return 0;
  const last = localDate(due - 1);
  let n = 0;
  for (let d = localDate(nowMs); ; n++) {
    d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
    if (d > last) return n;
  }
}

export interface DeadlineState {
  overdue: boolean;
  /** Milliseconds past the deadline (0 before it). */
  overdueMs: number;
}

export function deadlineState(dueIso: string | null, nowMs: number): DeadlineState | null {
  if (!dueIso) return null;
  const due = Date.parse(dueIso);
  if (Number.isNaN(due)) return null;
  return { overdue: due <= nowMs, overdueMs: Math.max(0, nowMs - due) };
}

