/**
 * The formal complaints supervisors work (issue 8): open complaints soonest due first, each with a
 * live countdown in its region's business time (overdue in red, with the word, not colour alone),
 * and what a supervisor does about one: open it silently, take it over. Keyboard: the list is one
 * tab stop; ↑/↓ (and Home/End) move between rows, Enter opens the row read-only, Tab reaches its buttons.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ComplaintItem } from '../../../shared/protocol/supervisor';
import { formatTime } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { formatBusinessTime, formatOverdue, openMsLeft, plural } from '../complaints/countdown';
import type { DialogRequest } from './SupervisorDialogs';

/** Cases a supervisor can still take over (an ended one must be reopened first). */
const LIVE = new Set(['queued', 'open', 'pending']);

export interface ComplaintCountdown {
  overdue: boolean;
  /** "Overdue by 2d 3h" or "4 business days left". */
  headline: string;
  /** "41h 05m business time" (ticking while the region is open); null once overdue or undated. */
  detail: string | null;
}

/** The row's countdown at `nowMs`: business time from the server's open spans, the days counted by the server. */
export function complaintCountdown(c: ComplaintItem, nowMs: number): ComplaintCountdown {
  if (!c.dueAt) return { overdue: false, headline: 'No deadline recorded', detail: null };
  const due = Date.parse(c.dueAt);
  if (c.overdue || due <= nowMs) return { overdue: true, headline: `Overdue by ${formatOverdue(nowMs - due)}`, detail: null };
  const left = openMsLeft(c.openSpans, nowMs);
  return { overdue: false, headline: `${plural(c.businessDaysLeft, 'business day')} left`, detail: `${formatBusinessTime(left)} business time` };
}

export function ComplaintList({ complaints, offline, onAction }: { complaints: readonly ComplaintItem[]; offline: boolean; onAction(r: DialogRequest): void }) {
  const now = useNow();
  const [active, setActive] = useState(0);
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  if (complaints.length === 0) return <p className="board__empty">No open formal complaints.</p>;
  const current = Math.min(active, complaints.length - 1);

  const focusRow = (i: number) => {
    const next = Math.max(0, Math.min(complaints.length - 1, i));
    setActive(next);
    rows.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>, i: number, c: ComplaintItem) => {
    if (e.target !== e.currentTarget) return; // keys on the row's buttons are theirs
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: complaints.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      focusRow(to);
    } else if (e.key === 'Enter' && !offline) {
      e.preventDefault();
      onAction({ kind: 'open', alert: c });
    }
  };

  return (
    <ul className="complaint-list" aria-label="Open formal complaints, soonest due first">
      {complaints.map((c, i) => {
        const cd = complaintCountdown(c, now);
        const canTake = LIVE.has(c.status);
        const due = c.dueAt ? `due ${formatTime(c.dueAt)}` : 'no deadline';
        return (
          <li
            key={c.ticketId}
            ref={(el) => {
              rows.current[i] = el;
            }}
            tabIndex={i === current ? 0 : -1}
            onFocus={() => setActive(i)}
            onKeyDown={(e) => onKeyDown(e, i, c)}
            className={`complaint-list__row${cd.overdue ? ' complaint-list__row--overdue' : ''}`}
            aria-label={`${c.reference}, ${c.customerName}, ${cd.headline}, ${due}`}
          >
            <span className="complaint-list__main">
              <span className="complaint-list__line">
                <span className="complaint-list__ref">{c.reference}</span>
                <span className="complaint-list__customer">{c.customerName}</span>
              </span>
              <span className="complaint-list__meta">
                {c.regionName} · {c.assigneeName ?? 'Waiting in the queue'} · opened {c.openedAt ? formatTime(c.openedAt) : 'before this was recorded'}
              </span>
            </span>
            <span className="complaint-list__clock">
              {cd.overdue ? <Chip tone="solid-danger">{cd.headline}</Chip> : <span className="complaint-list__left">{cd.headline}</span>}
              <span className="complaint-list__due">
                {cd.detail ? `${cd.detail} · ` : ''}
                {c.dueAt ? <time dateTime={c.dueAt}>{due}</time> : due}
              </span>
            </span>
            <span className="complaint-list__actions" role="group" aria-label={`Actions for ${c.reference}`}>
              <Button dense variant="ghost" icon="eye" tabIndex={i === current ? 0 : -1} title="Open read-only: no viewing marker, nothing marked read" disabled={offline} onClick={() => onAction({ kind: 'open', alert: c })}>
                Open
              </Button>
              <Button
                dense
                variant="ghost"
                tabIndex={i === current ? 0 : -1}
                title={offline ? 'Needs a connection' : canTake ? 'Work this complaint yourself' : 'This case has ended; reopen it first'}
                disabled={offline || !canTake}
                onClick={() => onAction({ kind: 'takeOver', alert: c })}
              >
                Take over
              </Button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
