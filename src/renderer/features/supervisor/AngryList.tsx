/**
 * Angry customers on the floor (issue 9): the live cases whose customer reads as angry, angriest
 * first, as the board gives them, with where they wait and who has them; Open reads the chat
 * silently, as an alert's Open does. Marked by an icon and the word, not by colour alone.
 */
import type { Board } from '../../../shared/protocol/supervisor';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { STATUS_LABELS } from '../conversation/permissions';
import { CHANNEL_WORDS, regionName } from './labels';
import type { DialogRequest } from './SupervisorDialogs';

export function AngryList({ board, offline, onAction }: { board: Board; offline: boolean; onAction(r: DialogRequest): void }) {
  const angry = board.angry ?? [];
  if (angry.length === 0) return <p className="board__empty">No angry customers right now.</p>;
  const names = new Map(board.agents.map((a) => [a.agentId, a.name]));
  const more = (board.angryTotal ?? angry.length) - angry.length;
  return (
    <>
      <ul className="angry-list">
        {angry.map((a) => {
          const assignee = a.assigneeId ? (names.get(a.assigneeId) ?? 'an agent who is offline') : 'Waiting in the queue';
          return (
            <li key={a.ticketId} className="angry-list__row" aria-label={`${a.reference}, angry customer`}>
              <Icon name="angry" size={16} className="angry-list__icon" />
              <span className="angry-list__main">
                <span className="angry-list__ref">{a.reference}</span>
                <span className="angry-list__meta">
                  {regionName(a.regionId)} · {CHANNEL_WORDS[a.channel]} · {STATUS_LABELS[a.status]} · {assignee}
                </span>
              </span>
              <Button
                dense
                variant="ghost"
                icon="eye"
                title={offline ? 'Needs a connection' : 'Open read-only: no viewing marker, nothing marked read'}
                disabled={offline}
                onClick={() => onAction({ kind: 'open', alert: { ticketId: a.ticketId, reference: a.reference } })}
              >
                Open
              </Button>
            </li>
          );
        })}
      </ul>
      {more > 0 && <p className="board__empty">And {more} more.</p>}
    </>
  );
}
