/**
 * The complaint countdown in a case's conversation header (issue 8): "Complaint · due 14 Dec
 * (4 business days left)", or "Complaint · overdue by 2h 05m" in solid red, from the deadline the
 * desktop cache holds. Business days come from the server (the supervisors' complaint list, which
 * counts them in the region's calendar) when it holds the case; otherwise the chip counts calendar
 * days and says "days". Live: re-rendered each second by the shared clock.
 */
import { useSupervisor } from '../../app/hooks';
import { formatDate, formatTime } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { Chip } from '../../ui/Chip';
import { calendarDaysLeft, deadlineState, formatOverdue, plural } from './countdown';

/** `businessDaysLeft`: the server's count, or null when the desktop does not have it. */
export function complaintChipText(dueAt: string | null, nowMs: number, businessDaysLeft: number | null = null): { text: string; overdue: boolean } {
  const state = deadlineState(dueAt, nowMs);
  if (!dueAt || !state) return { text: 'Complaint', overdue: false };
  if (state.overdue) return { text: `Complaint · overdue by ${formatOverdue(state.overdueMs)}`, overdue: true };
  // The deadline is the end of a business day (local midnight): its date is the day before.
  const lastDay = new Date(Date.parse(dueAt) - 1).toISOString();
  const left = businessDaysLeft === null ? plural(calendarDaysLeft(dueAt, nowMs), 'day') : plural(businessDaysLeft, 'business day');
  return { text: `Complaint · due ${formatDate(lastDay)} (${left} left)`, overdue: false };
}

export function ComplaintChip({ ticketId, dueAt }: { ticketId: string; dueAt: string | null }) {
  const now = useNow();
  const known = useSupervisor((s) => s.complaints?.complaints.find((c) => c.ticketId === ticketId && c.dueAt === dueAt)?.businessDaysLeft ?? null);
  const { text, overdue } = complaintChipText(dueAt, now, known);
  const title = dueAt
    ? `Formal complaint: the final response is due by ${formatDate(dueAt)} ${formatTime(dueAt)}.${known === null ? ' Days are calendar days here; the deadline itself counts the region’s business days.' : ''}`
    : 'Formal complaint';
  // Its own line under the header's title row: the deadline is never cut off by a narrow pane.
  return (
    <div className="complaint-line">
      <Chip tone={overdue ? 'solid-danger' : 'danger'} title={title}>
        {text}
      </Chip>
    </div>
  );
}
