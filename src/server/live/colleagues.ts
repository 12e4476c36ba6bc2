/**
 * Collision awareness: which chat each agent socket has on screen and types in, told to the
 * other agents who may read that chat ("Maja is viewing", "Maja is typing…"). Ephemeral: held
 * in memory per socket, never written to the change feed (SYNC.md "What the live stream is for").
 * Access is checked at every send, so an agent who can't read a chat hears nothing about it.
 */
import type { AgentServerFrame } from '../../shared/protocol/agent-ws';
import type { Store } from '../storage/store';
import type { Agent } from '../storage/tables/agents';
import { canReadTicket } from '../tickets/access';
import type { AgentConnection, Hub } from './hub';

type Activity = Extract<AgentServerFrame, { type: 'colleague' }>['state'];

interface SocketActivity {
  viewing: string | null;
  typing: string | null;
}

export function createColleagues({ store, hub }: { store: Pick<Store, 'tickets' | 'agents'>; hub: Pick<Hub, 'agentConnections'> }) {
  const bySocket = new Map<AgentConnection, SocketActivity>();

  const activityOf = (conn: AgentConnection): SocketActivity => {
    let a = bySocket.get(conn);
    if (!a) bySocket.set(conn, (a = { viewing: null, typing: null }));
    return a;
  };

  const frameOf = (agent: Agent, ticketId: string, state: Activity): string =>
    JSON.stringify({ type: 'colleague', ticketId, agentId: agent.id, name: agent.name, state } satisfies AgentServerFrame);

  /** Sends the agent's state in the chat to every other agent's sockets that may read the chat. */
  function tell(from: AgentConnection, ticketId: string, state: Activity): void {
    const t = store.tickets.get(ticketId);
    const me = store.agents.get(from.agentId);
    if (!t || !me) return;
    const data = frameOf(me, ticketId, state);
    const readers = new Map<string, boolean>();
    for (const other of hub.agentConnections()) {
      if (other.agentId === from.agentId) continue;
      let may = readers.get(other.agentId);
      if (may === undefined) {
        const agent = store.agents.get(other.agentId);
        readers.set(other.agentId, (may = agent !== null && canReadTicket(agent, t)));
      }
      if (may) other.socket.send(data);
    }
  }

  /** Whether another socket of the same agent still has the chat on screen. */
  const agentStillIn = (conn: AgentConnection, ticketId: string): boolean =>
    [...bySocket].some(([c, a]) => c !== conn && c.agentId === conn.agentId && a.viewing === ticketId);

  function leave(conn: AgentConnection, a: SocketActivity): void {
    const prev = a.viewing;
    a.viewing = null;
    a.typing = null;
    if (prev && !agentStillIn(conn, prev)) tell(conn, prev, 'left');
  }

  function viewing(conn: AgentConnection, ticketId: string | null): void {
    const a = activityOf(conn);
    if (a.viewing === ticketId) return;
    leave(conn, a);
    if (!ticketId) return;
    const t = store.tickets.get(ticketId);
    const me = store.agents.get(conn.agentId);
    // Viewing what one may not read is not something to tell anyone.
    if (!t || !me || !canReadTicket(me, t)) return;
    a.viewing = ticketId;
    tell(conn, ticketId, 'viewing');
    // And the newcomer learns who is already there (once per agent).
    const told = new Set<string>();
    for (const [other, oa] of bySocket) {
      if (other.agentId === conn.agentId || oa.viewing !== ticketId || told.has(other.agentId)) continue;
      const agent = store.agents.get(other.agentId);
      if (!agent) continue;
      told.add(other.agentId);
      conn.socket.send(frameOf(agent, ticketId, oa.typing === ticketId ? 'typing' : 'viewing'));
    }
  }

  function typing(conn: AgentConnection, ticketId: string, isTyping: boolean): void {
    const a = activityOf(conn);
    if (a.viewing !== ticketId) {
      viewing(conn, ticketId);
      if (a.viewing !== ticketId) return; // not readable
    }
    const next = isTyping ? ticketId : null;
    if (a.typing === next) return;
    a.typing = next;
    tell(conn, ticketId, isTyping ? 'typing' : 'viewing');
  }

  function disconnected(conn: AgentConnection): void {
    const a = bySocket.get(conn);
    if (!a) return;
    bySocket.delete(conn);
    if (a.viewing && ![...bySocket].some(([c, o]) => c.agentId === conn.agentId && o.viewing === a.viewing)) tell(conn, a.viewing, 'left');
  }

  return { viewing, typing, disconnected };
}
export type Colleagues = ReturnType<typeof createColleagues>;
