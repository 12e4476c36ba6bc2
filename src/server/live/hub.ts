/**
 * Who is connected right now: customer sockets per ticket, agent sockets per agent and session.
 * Services send through the hub; the gateways register and remove sockets.
 */
import type { AgentServerFrame } from '../../shared/protocol/agent-ws';
import type { CustomerServerFrame } from '../../shared/protocol/customer';

export interface LiveSocket {
  send(data: string): void;
  close(code: number, reason: string): void;
}

export interface AgentConnection {
  socket: LiveSocket;
  agentId: string;
  sessionId: string;
  /** Feed seq up to which this socket has been told everything visible; null until subscribed. */
  lastSent: number | null;
}

export function createHub() {
  const customers = new Map<string, Set<LiveSocket>>();
  const agents = new Map<string, Set<AgentConnection>>();

  const sendAll = (sockets: Iterable<LiveSocket>, frame: unknown) => {
    const data = JSON.stringify(frame);
    for (const s of sockets) s.send(data);
  };

  return {
    addCustomer(ticketId: string, s: LiveSocket): void {
      let set = customers.get(ticketId);
      if (!set) customers.set(ticketId, (set = new Set()));
      set.add(s);
    },
    removeCustomer(ticketId: string, s: LiveSocket): void {
      const set = customers.get(ticketId);
      set?.delete(s);
      if (set?.size === 0) customers.delete(ticketId);
    },
    /** Sends to every socket of the ticket's customer, except `skip` (the sender, already acked). */
    toCustomer(ticketId: string, frame: CustomerServerFrame, skip?: LiveSocket): void {
      const set = customers.get(ticketId);
      if (!set) return;
      const data = JSON.stringify(frame);
      for (const s of set) if (s !== skip) s.send(data);
    },
    customerConnected: (ticketId: string): boolean => (customers.get(ticketId)?.size ?? 0) > 0,

    addAgent(c: AgentConnection): void {
      let set = agents.get(c.agentId);
      if (!set) agents.set(c.agentId, (set = new Set()));
      set.add(c);
    },
    removeAgent(c: AgentConnection): void {
      const set = agents.get(c.agentId);
      set?.delete(c);
      if (set?.size === 0) agents.delete(c.agentId);
    },
    toAgent(agentId: string, frame: AgentServerFrame): void {
      const set = agents.get(agentId);
      if (set) sendAll([...set].map((c) => c.socket), frame);
    },
    toAllAgents(frame: AgentServerFrame, filter?: (agentId: string) => boolean): void {
      for (const [id, set] of agents) if (!filter || filter(id)) sendAll([...set].map((c) => c.socket), frame);
    },
    agentConnections(): Iterable<AgentConnection> {
      return [...agents.values()].flatMap((s) => [...s]);
    },
    closeSession(sessionId: string, code: number, reason: string): number {
      let n = 0;
      for (const set of agents.values())
        for (const c of set)
          if (c.sessionId === sessionId) {
            c.socket.close(code, reason);
            n++;
          }
      return n;
    },
    closeAll(code: number, reason: string): void {
      for (const set of customers.values()) for (const s of set) s.close(code, reason);
      for (const set of agents.values()) for (const c of set) c.socket.close(code, reason);
    },
  };
}
export type Hub = ReturnType<typeof createHub>;
