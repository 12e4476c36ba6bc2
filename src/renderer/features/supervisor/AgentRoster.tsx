/**
 * The agents on the floor (signed in, supervisors left out), each with presence and load against
 * capacity, and the two things a supervisor changes for them: presence and capacity. Each row
 * shows its own change pending, then done or refused with the server's reason.
 */
import { useState } from 'react';
import { PRESENCES, type Presence } from '../../../shared/domain';
import type { Board } from '../../../shared/protocol/supervisor';

type BoardAgent = Board['agents'][number];
import { useStores } from '../../app/hooks';
import { Button } from '../../ui/Button';
import { InlineAlert } from '../../ui/InlineAlert';
import { PRESENCE_WORDS, regionName } from './labels';
import { LoadMeter } from './QueueTable';

const MAX_CAPACITY = 20;

export function AgentRoster({ board, offline }: { board: Board; offline: boolean }) {
  if (board.agents.length === 0) return <p className="board__empty">No agents are signed in.</p>;
  return (
    <table className="board-table board-table--roster">
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">Regions</th>
          <th scope="col">Presence</th>
          <th scope="col">Load</th>
          <th scope="col">Capacity</th>
        </tr>
      </thead>
      <tbody>
        {board.agents.map((a) => (
          <AgentRow key={a.agentId} agent={a} offline={offline} />
        ))}
      </tbody>
    </table>
  );
}

function AgentRow({ agent, offline }: { agent: BoardAgent; offline: boolean }) {
  const { supervisor, ui } = useStores();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const change = async (patch: { presence?: Presence; capacity?: number }, said: string) => {
    setPending(true);
    setProblem(null);
    const r = await supervisor.getState().setAgent({ agentId: agent.agentId, ...patch });
    setPending(false);
    if (r.ok) ui.getState().announce(said);
    else setProblem(r.error.message);
  };
  const busy = pending || offline;
  const title = offline ? 'Needs a connection' : undefined;
  return (
    <>
      <tr aria-busy={pending || undefined}>
        <th scope="row">
          <span className="roster__name">
            <span className={`presence-dot presence-dot--${agent.presence}`} aria-hidden="true" />
            {agent.name}
            {agent.role !== 'agent' && <span className="roster__role"> · {agent.role}</span>}
          </span>
        </th>
        <td className="roster__regions">{agent.regions.map(regionName).join(', ')}</td>
        <td>
          <select
            className="roster__select"
            aria-label={`Presence of ${agent.name}`}
            value={agent.presence}
            disabled={busy}
            title={title}
            onChange={(e) => void change({ presence: e.target.value as Presence }, `${agent.name} is now ${PRESENCE_WORDS[e.target.value as Presence]}.`)}
          >
            {PRESENCES.map((p) => (
              <option key={p} value={p}>
                {PRESENCE_WORDS[p]}
              </option>
            ))}
          </select>
        </td>
        <td>
          <LoadMeter load={agent.load} capacity={agent.capacity} />
        </td>
        <td>
          <span className="roster__capacity" role="group" aria-label={`Capacity of ${agent.name}`}>
            <Button dense variant="ghost" aria-label={`Lower ${agent.name}’s capacity`} title={title} disabled={busy || agent.capacity <= 0} onClick={() => void change({ capacity: agent.capacity - 1 }, `${agent.name}’s capacity is ${agent.capacity - 1}.`)}>
              −
            </Button>
            <span className="roster__capacity-value">{agent.capacity}</span>
            <Button dense variant="ghost" aria-label={`Raise ${agent.name}’s capacity`} title={title} disabled={busy || agent.capacity >= MAX_CAPACITY} onClick={() => void change({ capacity: agent.capacity + 1 }, `${agent.name}’s capacity is ${agent.capacity + 1}.`)}>
              +
            </Button>
          </span>
        </td>
      </tr>
      {problem && (
        <tr>
          <td colSpan={5}>
            <InlineAlert actions={<Button dense variant="ghost" onClick={() => setProblem(null)}>Dismiss</Button>}>{problem}</InlineAlert>
          </td>
        </tr>
      )}
    </>
  );
}
