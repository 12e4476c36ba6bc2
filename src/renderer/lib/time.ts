/** Times as the console shows them: clock times, wait timers, the SLA state of a chat. */
import type { TicketSummary } from '../../shared/api/contract';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

const weekdayDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const weekdayDayYear = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** Whether two instants fall on different calendar days here (false when either is unreadable). */
export function differentDays(a: string, b: string): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return !Number.isNaN(x.getTime()) && !Number.isNaN(y.getTime()) && !sameDay(x, y);
}

/** A thread's day separator: "Today", "Yesterday", "Monday 23 November", with the year when not this year. */
export function formatDay(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  if (sameDay(d, now)) return 'Today';
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 12);
  if (sameDay(d, yesterday)) return 'Yesterday';
  return (d.getFullYear() === now.getFullYear() ? weekdayDay : weekdayDayYear).format(d);
}

/** "10:42" today, "3 May, 10:42" before. */
export function formatTime(iso: string | null, now = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return sameDay(d, now) ? clock.format(d) : dayAndClock.format(d);
}

/** "14 May" this year, "14 May 2025" otherwise; accepts ISO times and `YYYY-MM-DD` days. */
export function formatDate(isoOrDay: string | null, now = new Date()): string {
  if (!isoOrDay) return '';
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(isoOrDay) ? `${isoOrDay}T12:00:00` : isoOrDay);
  if (Number.isNaN(d.getTime())) return '';
  return d.getFullYear() === now.getFullYear() ? dayMonth.format(d) : dateOnly.format(d);
}

/** A wait timer: "0:45", "12:03", "1h 05m", "3d". */
export function formatWait(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  if (s < 3600) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86_400)}d`;
}

export type SlaState = 'none' | 'ok' | 'at_risk' | 'breached';

type ReplyClock = Pick<TicketSummary, 'status' | 'waitingSince' | 'replyDueAt'>;

/**
 * How long the customer has waited on us: from their oldest unanswered message (the server's
 * reply clock; system messages and notes never reset it), or null when nothing waits.
 */
export function customerWait(t: ReplyClock, nowMs: number): number | null {
  if (t.status === 'pending' || t.status === 'resolved' || t.status === 'closed' || !t.waitingSince) return null;
  return (nowMs - Date.parse(t.waitingSince)) / 1000;
}

/** The SLA state from the region's reply target the server computed: at risk with a quarter left (UX.md §3). */
export function slaState(t: ReplyClock, nowMs: number): SlaState {
  if (customerWait(t, nowMs) === null || !t.replyDueAt) return 'none';
  const start = Date.parse(t.waitingSince!);
  const due = Date.parse(t.replyDueAt);
  if (nowMs >= due) return 'breached';
  if (due - nowMs <= (due - start) * 0.25) return 'at_risk';
  return 'ok';
}
