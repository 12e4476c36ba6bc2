/**
 * The complaint countdown in a case's conversation header (issue 8): "Complaint · due 12 Mar
 * (4 business days left)", or "Complaint · overdue by 2h 05m" in solid red, from the deadline the
 * desktop cache holds. Live: re-rendered each second by the shared clock.
 */
import { formatDate, formatTime } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { Chip } from '../../ui/Chip';
import { deadlineState, formatOverdue, plural, weekdaysLeft } from './countdown';

export function complaintChipText(dueAt: string | null, nowMs: number): { text: string; overdue: boolean } {
  const state = deadlineState(dueAt, nowMs);
  if (!dueAt || !state) return { text: 'Complaint', overdue: false };
  if (state.overdue) return { text: `Complaint · overdue by ${formatOverdue(state.overdueMs)}`, overdue: true };
  // The deadline is the end of a business day (local midnight): its date is the day before.
  const lastDay = new Date(Date.parse(dueAt) - 1).toISOString();
  return { text: `Complaint · due ${formatDate(lastDay)} (${plural(weekdaysLeft(dueAt, nowMs), 'business day')} left)`, overdue: false };
}

export function ComplaintChip({ dueAt }: { dueAt: string | null }) {
  const now = useNow();
  const { text, overdue } = complaintChipText(dueAt, now);
  const title = dueAt ? `Formal complaint: the final response is due by ${formatDate(dueAt)} ${formatTime(dueAt)}. Business days are counted Monday to Friday here; the deadline itself skips the region's holidays.` : 'Formal complaint';
  return (
    <Chip tone={overdue ? 'solid-danger' : 'danger'} title={title}>
      {text}
    </Chip>
  );
}
