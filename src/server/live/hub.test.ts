import { describe, expect, it } from 'vitest';
import { createHub, type HubBus, type HubSignal, type LiveSocket } from './hub';

/** Nodes joined by an in-memory bus that, like PostgreSQL's, delivers to every node but the sender. */
function nodes(n: number) {
  const subscribers: { node: number; deliver: (s: HubSignal) => void }[] = [];
  return Array.from({ length: n }, (_, node) => {
    const hub = createHub();
    const bus: HubBus = {
      publish: (signal) => {
        const copy = JSON.parse(JSON.stringify(signal)) as HubSignal; // it travels as JSON
        for (const s of subscribers) if (s.node !== node) s.deliver(copy);
      },
      subscribe: (deliver) => {
        const entry = { node, deliver };
        subscribers.push(entry);
        return () => void subscribers.splice(subscribers.indexOf(entry), 1);
      },
    };
    hub.attachBus(bus);
    return hub;
  });
}

const socket = () => {
  const got: unknown[] = [];
  const s: LiveSocket = { send: (d) => void got.push(JSON.parse(d)), close: () => {} };
  return { s, got };
};

describe('hub across nodes', () => {
  it('sends hints (typing, offers, presence) to sockets on every node, once each', () => {
    const [a, b] = nodes(2);
    const customerOnA = socket();
    const agentOnB = socket();
    const agentOnA = socket();
    a!.addCustomer('t1', customerOnA.s);
    b!.addAgent({ socket: agentOnB.s, agentId: 'ag1', sessionId: 's1', lastSent: null });
    a!.addAgent({ socket: agentOnA.s, agentId: 'ag2', sessionId: 's2', lastSent: null });

    b!.signalCustomer('t1', { type: 'typing', typing: true, agentName: 'Nora' });
    a!.toAgent('ag1', { type: 'typing', ticketId: 't1', typing: true });
    a!.toAllAgents({ type: 'presence', agentId: 'ag3', presence: 'away' });

    expect(customerOnA.got).toEqual([{ type: 'typing', typing: true, agentName: 'Nora' }]);
    expect(agentOnB.got).toEqual([
      { type: 'typing', ticketId: 't1', typing: true },
      { type: 'presence', agentId: 'ag3', presence: 'away' },
    ]);
    expect(agentOnA.got).toEqual([{ type: 'presence', agentId: 'ag3', presence: 'away' }]);
  });

  it('keeps committed data (toCustomer) on this node: other nodes deliver it from the feed', () => {
    const [a, b] = nodes(2);
    const onA = socket();
    const onB = socket();
    a!.addCustomer('t1', onA.s);
    b!.addCustomer('t1', onB.s);
    b!.toCustomer('t1', { type: 'chat', chat: { ticketId: 't1' } as never });
    expect(onB.got).toHaveLength(1);
    expect(onA.got).toEqual([]);
  });

  it('does not send a filtered broadcast to other nodes (a filter cannot travel)', () => {
    const [a, b] = nodes(2);
    const onB = socket();
    b!.addAgent({ socket: onB.s, agentId: 'ag1', sessionId: 's1', lastSent: null });
    a!.toAllAgents({ type: 'presence', agentId: 'x', presence: 'away' }, () => true);
    expect(onB.got).toEqual([]);
  });
});
