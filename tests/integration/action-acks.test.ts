/**
 * Ticket and account actions tell the console how the server answered them: `actions:settled`
 * carries each ack by the clientMsgId `actions:run` returned, applied or refused with its reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventChannel } from '../../src/shared/api/channels';
import type { ActionSettled } from '../../src/shared/api/contract';
import { signIn, startDesktop } from '../helpers/desktop';
import { startTestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe('action acks', () => {
  it('reports an applied action, and a refused one with the server’s code and reason', async () => {
    const srv = await startTestServer();
    cleanups.push(() => srv.close());
    const [a] = await agentsIn(srv, 'eu-north');
    const login = await srv.loginAgent(a!.email);
    await setPresence(srv.url, login.token, 'available', 8);
    const chat = await startChat(srv.url, await customerIn(srv, 'eu-north', 0));
    const ticketId: string = chat.body.chat.ticketId;

    const d = await startDesktop();
    cleanups.push(() => d.close());
    const settled: ActionSettled[] = [];
    d.desktop.onEvent((channel: EventChannel, payload) => {
      if (channel === 'actions:settled') settled.push(payload as ActionSettled);
    });
    await signIn(d, srv.url, a!.email);

    const escalated = await d.call('actions:run', { kind: 'ticket.escalate', ticketId, to: 'senior', reason: 'Needs a longer extension' });
    await d.waitFor(() => settled.some((s) => s.clientMsgId === escalated.clientMsgId), 'the escalation ack');
    expect(settled.find((s) => s.clientMsgId === escalated.clientMsgId)).toEqual({ clientMsgId: escalated.clientMsgId, ticketId, status: 'applied', code: null, reason: null });

    // The case left this agent with the escalation: changing it now is refused, and the console hears why.
    const priority = await d.call('actions:run', { kind: 'ticket.setPriority', ticketId, priority: 'high' });
    await d.waitFor(() => settled.some((s) => s.clientMsgId === priority.clientMsgId), 'the refusal');
    expect(settled.find((s) => s.clientMsgId === priority.clientMsgId)).toEqual({
      clientMsgId: priority.clientMsgId,
      ticketId,
      status: 'rejected',
      code: 'not_assigned',
      reason: 'This chat is assigned to someone else now.',
    });
  });
});
