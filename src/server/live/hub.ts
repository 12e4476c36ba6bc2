/**
 * Who is connected right now: customer sockets per ticket, agent sockets per agent and session.
 * Services send through the hub; the gateways register and remove sockets.
 *
 * Several nodes (docs/deploy.md "Many nodes"): a socket lives on one node, so what a service
 * sends may be for a socket on another. Two paths, by what the frame says:
 * - **Committed data** (a customer's `message` and `chat` frames) reaches other nodes through
 *   the change feed: each node delivers the rows other nodes committed to its own customer
 *   sockets (live/remote-delivery.ts). Nothing is lost if the committing node dies right after
 *   its commit. `toCustomer` is therefore this node's sockets only.
 * - **Hints** (typing, offers, presence: never stored) go to this node's sockets and, when a bus
 *   is attached (PostgreSQL's `desk_signal` NOTIFY), to every other node's: `signalCustomer`,
 *   `toAgent`, `toAllAgents`. A hint lost with a dying node is harmless: desktops learn the
 *   truth from the feed.
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

/** A hint for the sockets of other nodes (see above). */
export type HubSignal =
  | { to: 'customer'; ticketId: string; frame: CustomerServerFrame }
  | { to: 'agent'; agentId: string; frame: AgentServerFrame }
  | { to: 'agents'; frame: AgentServerFrame };

/** Carries hub signals to the other nodes (never back to the sender). */
export interface HubBus {
  publish(signal: HubSignal): void;
  subscribe(deliver: (signal: HubSignal) => void): () => void;
}

export function createHub() {
  const customers = new Map<string, Set<LiveSocket>>();
  const agents = new Map<string, Set<AgentConnection>>();

  let bus: HubBus | null = null;
  const sendAll = (sockets: Iterable<LiveSocket>, frame: unknown) => {
    const data = JSON.stringify(frame);
    for (const s of sockets) s.send(data);
  };
  const localToCustomer = (ticketId: string, frame: CustomerServerFrame, skip?: LiveSocket) => {
    const set = customers.get(ticketId);
    if (!set) return;
    const data = JSON.stringify(frame);
    for (const s of set) if (s !== skip) s.send(data);
  };
  const localToAgent = (agentId: string, frame: AgentServerFrame) => {
    const set = agents.get(agentId);
    if (set) sendAll([...set].map((c) => c.socket), frame);
  };
  const localToAllAgents = (frame: AgentServerFrame, filter?: (agentId: string) => boolean) => {
    for (const [id, set] of agents) if (!filter || filter(id)) sendAll([...set].map((c) => c.socket), frame);
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
    /**
     * Sends committed data to the ticket's customer sockets on THIS node, except `skip` (the
     * sender, already acked); other nodes deliver it from the feed.
     */
    toCustomer(ticketId: string, frame: CustomerServerFrame, skip?: LiveSocket): void {
      localToCustomer(ticketId, frame, skip);
    },
    /** A hint (typing) for the ticket's customer sockets on every node. */
    signalCustomer(ticketId: string, frame: CustomerServerFrame): void {
      localToCustomer(ticketId, frame);
      bus?.publish({ to: 'customer', ticketId, frame });
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
    /** A hint for the agent's sockets on every node. */
    toAgent(agentId: string, frame: AgentServerFrame): void {
      localToAgent(agentId, frame);
      bus?.publish({ to: 'agent', agentId, frame });
    },
    /** A hint for every agent socket on every node (this node's only when filtered: a filter cannot travel). */
    toAllAgents(frame: AgentServerFrame, filter?: (agentId: string) => boolean): void {
      localToAllAgents(frame, filter);
      if (!filter) bus?.publish({ to: 'agents', frame });
    },
    /** Joins the other nodes: their hints reach this node's sockets, and this node's reach theirs. */
    attachBus(b: HubBus): () => void {
      bus = b;
      const stop = b.subscribe((signal) => {
        if (signal.to === 'customer') localToCustomer(signal.ticketId, signal.frame);
        else if (signal.to === 'agent') localToAgent(signal.agentId, signal.frame);
        else localToAllAgents(signal.frame);
      });
      return () => {
        stop();
        if (bus === b) bus = null;
      };
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
