/**
 * The alerts: breached chats first (oldest due first), then the ones predicted to breach, each
 * with what a supervisor does about it: open it silently, whisper to its agent, reassign it, take it over.
 */
import type { Board, BoardAlert } from '../../../shared/protocol/supervisor';
import { formatWait } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { CHANNEL_WORDS, regionName } from './labels';
import type { DialogRequest } from './SupervisorDialogs';

export function alertReason(a: BoardAlert, nowMs: number): string {
  const due = Math.round((Date.parse(a.replyDueAt) - nowMs) / 1000);
  switch (a.reason) {
    case 'overdue':
      return `Reply overdue by ${formatWait(-due)}`;
    case 'due_soon':
      return due > 0 ? `Reply due in ${formatWait(due)}` : `Reply overdue by ${formatWait(-due)}`;
    case 'queue_wait':
      return 'The queue’s expected wait outlasts the reply target';
  }
}

export function AlertList({ board, offline, onAction }: { board: Board; offline: boolean; onAction(r: DialogRequest): void }) {
  const now = useNow();
  if (board.alerts.length === 0) return <p className="board__empty">No breaches and none predicted. Every chat is within its reply target.</p>;
  const names = new Map(board.agents.map((a) => [a.agentId, a.name]));
  const needs = offline ? 'Needs a connection' : undefined;
  return (
    <ul className="alert-list">
      {board.alerts.map((a) => {
        const assignee = a.assigneeId ? (names.get(a.assigneeId) ?? 'an agent who is offline') : null;
        const label = `${a.reference}, ${a.state === 'breached' ? 'breached' : 'at risk'}`;
        return (
          <li key={a.ticketId} className={`alert-list__row alert-list__row--${a.state}`} aria-label={label}>
            <span className="alert-list__state">{a.state === 'breached' ? <Chip tone="solid-danger">Breached</Chip> : <Chip tone="warning">At risk</Chip>}</span>
            <span className="alert-list__main">
              <span className="alert-list__ref">{a.reference}</span>
              <span className="alert-list__meta">
                {regionName(a.regionId)} · {CHANNEL_WORDS[a.channel]} · {assignee ?? 'Waiting in the queue'}
              </span>
              <span className="alert-list__reason" title={alertReason(a, now)}>
                {alertReason(a, now)}
              </span>
            </span>
            <span className="alert-list__actions" role="group" aria-label={`Actions for ${a.reference}`}>
              <Button dense variant="ghost" icon="eye" title="Open read-only: no viewing marker, nothing marked read" onClick={() => onAction({ kind: 'open', alert: a })} disabled={offline}>
                Open
              </Button>
              <Button dense variant="ghost" title={needs ?? (a.assigneeId ? 'A note only the agent sees' : 'Nobody is on this chat yet')} disabled={offline || !a.assigneeId} onClick={() => onAction({ kind: 'whisper', alert: a })}>
                Whisper
              </Button>
              <Button dense variant="ghost" title={needs} disabled={offline} onClick={() => onAction({ kind: 'reassign', alert: a })}>
                Reassign
              </Button>
              <Button dense variant="ghost" title={needs} disabled={offline} onClick={() => onAction({ kind: 'takeOver', alert: a })}>
                Take over
              </Button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
