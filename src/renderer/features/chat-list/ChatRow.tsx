/** One chat in the list: SLA edge, avatar, name + wait timer, preview + unread, chips. */
import { memo } from 'react';
import type { TicketSummary } from '../../../shared/api/contract';
import { CATEGORY_LABELS } from '../../../shared/domain';
import { Chip, CountBadge } from '../../ui/Chip';
import { Icon } from '../../ui/Icon';
import { customerWait, formatTime, formatWait, slaState } from '../../lib/time';
import { initials } from '../../lib/text';
import { isForeign, languageName } from '../assist/words';

/** Row heights per density (UX.md §2): three lines, or two in Compact (no chip line). */
export const ROW_HEIGHTS = { comfortable: 64, compact: 52 } as const;
export const ROW_HEIGHT = ROW_HEIGHTS.comfortable;

const PREFIX: Record<NonNullable<TicketSummary['lastMessageAuthor']>, string> = { agent: 'You: ', note: 'Note: ', system: '', customer: '' };

export const ChatRow = memo(function ChatRow({
  ticket,
  now,
  selected,
  active,
  typing,
  id,
  onSelect,
  position,
  setSize,
}: {
  ticket: TicketSummary;
  now: number;
  selected: boolean;
  active: boolean;
  typing: boolean;
  id: string;
  onSelect(ticketId: string): void;
  /** Where the row is in the whole view (1-based) and how long the view is: only a window of rows is in the DOM. */
  position?: number;
  setSize?: number;
}) {
  const wait = customerWait(ticket, now);
  const sla = slaState(ticket, now);
  // A finished chat keeps its last customer line, but it no longer waits on anyone.
  const done = ticket.status === 'resolved' || ticket.status === 'closed';
  const unread = ticket.unread > 0 && !done;
  const angry = ticket.mood === 'angry' && !done;
  const foreign = isForeign(ticket.language);
  const classes = ['chat-row', `chat-row--sla-${sla}`, angry ? 'chat-row--angry' : '', selected ? 'is-selected' : '', active ? 'is-active' : '', unread ? 'is-unread' : ''].filter(Boolean).join(' ');
  return (
    <div id={id} role="option" aria-selected={selected} aria-posinset={position} aria-setsize={setSize} className={classes} onClick={() => onSelect(ticket.id)}>
      <span className="chat-row__avatar" aria-hidden="true">
        {initials(ticket.customerName)}
        {/* The strip (narrow windows) shows only avatars: the mark rides on it there. */}
        {angry && <Icon name="angry" size={14} className="chat-row__avatar-mood" />}
      </span>
      <span className="chat-row__main">
        <span className="chat-row__line">
          {angry && <Icon name="angry" size={14} label="Angry customer" className="chat-row__mood" />}
          <span className="chat-row__name">{ticket.customerName}</span>
          <SlaTimer sla={sla} wait={wait} lastAt={ticket.lastMessageAt ?? ticket.createdAt} now={now} />
        </span>
        <span className="chat-row__line">
          {typing ? (
            <span className="chat-row__preview chat-row__preview--typing">typing…</span>
          ) : (
            <span className="chat-row__preview">
              {ticket.lastMessageAuthor && PREFIX[ticket.lastMessageAuthor] && <span className="chat-row__prefix">{PREFIX[ticket.lastMessageAuthor]}</span>}
              {ticket.lastMessagePreview ?? ticket.subject}
            </span>
          )}
          {!done && <CountBadge count={ticket.unread} label="unread" />}
        </span>
        <span className="chat-row__line chat-row__chips">
          {!ticket.customerVerified && (
            <Chip tone="warning" title="No identity token: no account is linked">
              Unverified visitor
            </Chip>
          )}
          {ticket.status === 'queued' && <Chip tone="info">New</Chip>}
          {ticket.status === 'pending' && <Chip>On customer</Chip>}
          {done && <Chip tone="success">{ticket.status === 'closed' ? 'Closed' : 'Resolved'}</Chip>}
          {angry && <Chip tone="danger" title="The customer’s own words read as angry">Angry</Chip>}
          <Chip>{CATEGORY_LABELS[ticket.category]}</Chip>
          {foreign && (
            <Chip title={`Writes in ${languageName(ticket.language!)}`}>
              <span className="visually-hidden">Writes in {languageName(ticket.language!)}</span>
              <span aria-hidden="true">{ticket.language!.toUpperCase()}</span>
            </Chip>
          )}
          {ticket.pendingCount > 0 && (
            <Chip tone="warning" title="Waiting in the outbox">
              <Icon name="clock" size={11} />
              {ticket.pendingCount} queued
            </Chip>
          )}
        </span>
      </span>
    </div>
  );
});

function SlaTimer({ sla, wait, lastAt, now }: { sla: ReturnType<typeof slaState>; wait: number | null; lastAt: string; now: number }) {
  switch (sla) {
    case 'none':
      return <span className="chat-row__time">{formatTime(lastAt, new Date(now))}</span>;
    case 'ok':
      return (
        <span className="chat-row__time tabular" title="Customer waiting">
          {formatWait(wait ?? 0)}
        </span>
      );
    case 'at_risk':
      return (
        <Chip tone="warning" title="Reply target at risk">
          <Icon name="clock" size={11} />
          <span className="tabular">{formatWait(wait ?? 0)}</span>
        </Chip>
      );
    case 'breached':
      return (
        <Chip tone="solid-danger" title="Reply target breached">
          Breached <span className="tabular">{formatWait(wait ?? 0)}</span>
        </Chip>
      );
  }
}
