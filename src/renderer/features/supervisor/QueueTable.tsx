/** Queues per region and channel, and the agents of each region against their capacity. */
import type { Board } from '../../../shared/protocol/supervisor';
import { formatWait } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { Chip } from '../../ui/Chip';
import { sinceComputed } from './BoardTiles';
import { CHANNEL_WORDS, regionName } from './labels';

export function QueueTable({ board }: { board: Board }) {
  const now = useNow();
  const grown = sinceComputed(board, now);
  if (board.queues.length === 0) return <p className="board__empty">No queues yet: nothing has come in.</p>;
  // Older desk servers send no angry counts: no column then.
  const angry = board.queues.some((q) => q.angry !== undefined);
  return (
    <table className="board-table">
      <thead>
        <tr>
          <th scope="col">Queue</th>
          <th scope="col" className="num">Waiting</th>
          <th scope="col" className="num">Longest</th>
          <th scope="col" className="num">Expected</th>
          {angry && (
            <th scope="col" className="num">
              Angry
            </th>
          )}
          <th scope="col">SLA</th>
        </tr>
      </thead>
      <tbody>
        {board.queues.map((q) => {
          const breached = q.breached > 0;
          return (
            <tr key={`${q.regionId}/${q.channel}`} className={breached ? 'is-breached' : q.atRisk > 0 ? 'is-at-risk' : q.waiting === 0 ? 'is-idle' : undefined}>
              <th scope="row">
                {regionName(q.regionId)} · {CHANNEL_WORDS[q.channel]}
              </th>
              <td className="num">{q.waiting}</td>
              <td className="num">{q.waiting ? formatWait(q.longestWaitSec + grown) : '–'}</td>
              <td className="num">{q.expectedWaitSec === null ? '–' : formatWait(q.expectedWaitSec)}</td>
              {angry && <td className={`num${q.angry ? ' board-table__angry' : ''}`}>{q.angry ?? 0}</td>}
              <td>
                <span className="board-table__chips">
                  {breached && <Chip tone="solid-danger">{q.breached} breached</Chip>}
                  {q.atRisk > 0 && <Chip tone="warning">{q.atRisk} at risk</Chip>}
                  {!breached && q.atRisk === 0 && <span className="board__ok">On target ({formatWait(q.firstResponseTargetSec)})</span>}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function RegionAgentsTable({ board }: { board: Board }) {
  if (board.regions.length === 0) return <p className="board__empty">No agents are signed in.</p>;
  return (
    <table className="board-table">
      <thead>
        <tr>
          <th scope="col">Region</th>
          <th scope="col" className="num">Available</th>
          <th scope="col" className="num">Busy</th>
          <th scope="col" className="num">Away</th>
          <th scope="col">Load</th>
        </tr>
      </thead>
      <tbody>
        {board.regions.map((r) => (
          <tr key={r.regionId}>
            <th scope="row">{regionName(r.regionId)}</th>
            <td className="num">{r.available}</td>
            <td className="num">{r.busy}</td>
            <td className="num">{r.away}</td>
            <td>
              <LoadMeter load={r.load} capacity={r.capacity} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "5/8" with a bar; the text carries the numbers, the bar only shows them. */
export function LoadMeter({ load, capacity }: { load: number; capacity: number }) {
  const full = capacity > 0 && load >= capacity;
  return (
    <span className="load-meter">
      <meter className={`load-meter__bar${full ? ' is-full' : ''}`} min={0} max={Math.max(capacity, 1)} value={Math.min(load, Math.max(capacity, 1))} aria-hidden="true" />
      <span className="load-meter__text">
        {load}/{capacity}
      </span>
    </span>
  );
}
