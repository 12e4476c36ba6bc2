/** The board's headline numbers (UX.md: KPI tiles), summed over every queue and region. */
import type { Board } from '../../../shared/protocol/supervisor';
import { useNow } from '../../lib/use-now';
import { formatWait } from '../../lib/time';

/** Seconds the board's longest wait has grown since it was computed (frames come only while things change). */
export function sinceComputed(board: Board, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - Date.parse(board.computedAt)) / 1000));
}

export function BoardTiles({ board }: { board: Board }) {
  const now = useNow();
  const waiting = board.queues.reduce((n, q) => n + q.waiting, 0);
  const longest = board.queues.filter((q) => q.waiting > 0).reduce((m, q) => Math.max(m, q.longestWaitSec), 0);
  // Agents serve several regions: the roster counts each once.
  const available = board.agents.filter((a) => a.presence === 'available' && a.load < a.capacity).length;
  const busy = board.agents.filter((a) => a.presence === 'available' && a.load >= a.capacity).length;
  const away = board.agents.filter((a) => a.presence === 'away').length;
  const load = board.agents.reduce((n, a) => n + a.load, 0);
  const capacity = board.agents.filter((a) => a.presence !== 'offline').reduce((n, a) => n + a.capacity, 0);
  return (
    <ul className="board__tiles" aria-label="Floor now">
      <Tile label="Waiting now" value={String(waiting)} />
      <Tile label="Longest wait" value={waiting ? formatWait(longest + sinceComputed(board, now)) : '–'} />
      <Tile label="Breached" value={String(board.breachedTotal)} tone={board.breachedTotal ? 'danger' : undefined} />
      <Tile label="At risk" value={String(board.atRiskTotal)} tone={board.atRiskTotal ? 'warning' : undefined} />
      {board.angryTotal !== undefined && <Tile label="Angry customers" value={String(board.angryTotal)} tone={board.angryTotal ? 'danger' : undefined} detail="live cases" />}
      <Tile label="Agents available / busy / away" value={`${available} / ${busy} / ${away}`} />
      <Tile label="Load" value={`${load} / ${capacity}`} detail="chats against capacity" />
    </ul>
  );
}

function Tile({ label, value, detail, tone }: { label: string; value: string; detail?: string; tone?: 'danger' | 'warning' }) {
  return (
    <li className={`board__tile${tone ? ` board__tile--${tone}` : ''}`}>
      <span className="board__tile-label">{label}</span>
      <span className="board__tile-value">{value}</span>
      {detail && <span className="board__tile-detail">{detail}</span>}
    </li>
  );
}
