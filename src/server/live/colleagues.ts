/**
 * Collision awareness: which chat each agent socket has on screen and types in, told to the
 * other agents who may read that chat ("Maja is viewing", "Maja is typing…"). Ephemeral: held
 * in memory per socket, never written to the change feed (SYNC.md "What the live stream is for").
 * Access is checked at every send, so an agent who can't read a chat hears nothing about it.
 *
 * Each event reads the chats and agents it concerns in one `storage.read`, then updates the
 * state and sends; events run one at a time in arrival order (one queue), so the state an event
 * decides on is the state it changes.
 */
import type { AgentServerFrame } from '../../shared/protocol/agent-ws';
import type { AsyncStore, AsyncTables } from '../storage/async-store';
import type { Agent } from '../storage/tables/agents';
import type { TicketDbRow } from '../storage/tables/tickets';
import { canReadTicket } from '../tickets/access';
import { createSerialQueue } from '../util/serial-queue';
import type { AgentConnection, Hub } from './hub';

type Activity = Extract<AgentServerFrame, { type: 'colleague' }>['state'];
export type ColleagueTables = Pick<AsyncTables, 'tickets' | 'agents'>;

interface SocketActivity {
  viewing: string | null;
  typing: string | null;
}

/** What one event may need, read at once: its chats, and the agents of every open socket. */
interface View {
  ticket(id: string): TicketDbRow | null;
  agent(id: string): Agent | null;
}

export function createColleagues({ storage, hub }: { storage: AsyncStore<ColleagueTables>; hub: Pick<Hub, 'agentConnections'> }) {
  const bySocket = new Map<AgentConnection, SocketActivity>();
  const serial = createSerialQueue();
  const gone = new WeakSet<AgentConnection>();

  async function load(ticketIds: readonly (string | null)[], from: AgentConnection): Promise<View> {
    const agentIds = new Set([from.agentId, ...[...hub.agentConnections()].map((c) => c.agentId), ...[...bySocket.keys()].map((c) => c.agentId)]);
    const { tickets, agents } = await storage.read(async (tx) => {
      const tickets = new Map<string, TicketDbRow | null>();
      for (const id of ticketIds) if (id !== null && !tickets.has(id)) tickets.set(id, await tx.tickets.get(id));
      const agents = new Map<string, Agent | null>();
      // Nothing to tell about chats that do not exist: no agents to read.
      if ([...tickets.values()].some((t) => t !== null)) for (const id of agentIds) agents.set(id, await tx.agents.get(id));
      return { tickets, agents };
    });
    return { ticket: (id) => tickets.get(id) ?? null, agent: (id) => agents.get(id) ?? null };
  }

  const activityOf = (conn: AgentConnection): SocketActivity => {
    let a = bySocket.get(conn);
    if (!a) bySocket.set(conn, (a = { viewing: null, typing: null }));
    return a;
  };

  const frameOf = (agent: Agent, ticketId: string, state: Activity): string =>
    JSON.stringify({ type: 'colleague', ticketId, agentId: agent.id, name: agent.name, state } satisfies AgentServerFrame);

  /** Sends the agent's state in the chat to every other agent's sockets that may read the chat. */
  function tell(view: View, from: AgentConnection, ticketId: string, state: Activity): void {
    const t = view.ticket(ticketId);
    const me = view.agent(from.agentId);
    if (!t || !me) return;
    const data = frameOf(me, ticketId, state);
    for (const other of hub.agentConnections()) {
      if (other.agentId === from.agentId) continue;
      const agent = view.agent(other.agentId);
      if (agent !== null && canReadTicket(agent, t)) other.socket.send(data);
    }
  }

  /** Whether another socket of the same agent still has the chat on screen. */
  const agentStillIn = (conn: AgentConnection, ticketId: string): boolean =>
    [...bySocket].some(([c, a]) => c !== conn && c.agentId === conn.agentId && a.viewing === ticketId);

  function leave(view: View, conn: AgentConnection, a: SocketActivity): void {
    const prev = a.viewing;
    a.viewing = null;
    a.typing = null;
    if (prev && !agentStillIn(conn, prev)) tell(view, conn, prev, 'left');
  }

  function view(v: View, conn: AgentConnection, ticketId: string | null): void {
    const a = activityOf(conn);
    if (a.viewing === ticketId) return;
    leave(v, conn, a);
    if (!ticketId) return;
    const t = v.ticket(ticketId);
    const me = v.agent(conn.agentId);
    // Viewing what one may not read is not something to tell anyone.
    if (!t || !me || !canReadTicket(me, t)) return;
    a.viewing = ticketId;
    tell(v, conn, ticketId, 'viewing');
    // And the newcomer learns who is already there (once per agent).
    const told = new Set<string>();
    for (const [other, oa] of bySocket) {
      if (other.agentId === conn.agentId || oa.viewing !== ticketId || told.has(other.agentId)) continue;
      const agent = v.agent(other.agentId);
      if (!agent) continue;
      told.add(other.agentId);
      conn.socket.send(frameOf(agent, ticketId, oa.typing === ticketId ? 'typing' : 'viewing'));
    }
  }

  /** The socket now has this chat on screen (null: none). */
  function viewing(conn: AgentConnection, ticketId: string | null): Promise<void> {
    return serial(async () => {
      if (gone.has(conn)) return;
      const v = await load([bySocket.get(conn)?.viewing ?? null, ticketId], conn);
      view(v, conn, ticketId);
    });
  }

  /** The socket's agent started or stopped typing in this chat (opening it if it had not). */
  function typing(conn: AgentConnection, ticketId: string, isTyping: boolean): Promise<void> {
    return serial(async () => {
      if (gone.has(conn)) return;
      const a = activityOf(conn);
      const v = await load([a.viewing, ticketId], conn);
      if (a.viewing !== ticketId) {
        view(v, conn, ticketId);
        if (a.viewing !== ticketId) return; // not readable
      }
      const next = isTyping ? ticketId : null;
      if (a.typing === next) return;
      a.typing = next;
      tell(v, conn, ticketId, isTyping ? 'typing' : 'viewing');
    });
  }

  /** The socket closed: its chat hears "left" unless another socket of the agent still shows it. */
  function disconnected(conn: AgentConnection): Promise<void> {
    // Events of this socket still queued behind this one find it gone and do nothing.
    gone.add(conn);
    return serial(async () => {
      const a = bySocket.get(conn);
      if (!a) return;
      bySocket.delete(conn);
      const left = a.viewing;
      if (!left || [...bySocket].some(([c, o]) => c.agentId === conn.agentId && o.viewing === left)) return;
      tell(await load([left], conn), conn, left, 'left');
    });
  }

  return { viewing, typing, disconnected };
}
export type Colleagues = ReturnType<typeof createColleagues>;
