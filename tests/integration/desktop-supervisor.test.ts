/**
 * The supervisor console's desktop plumbing on a real desk server (issue 8): the board and the
 * figures through the typed API, `board` frames from the agent WebSocket as `supervisor:board`
 * events (parsed), the actions with the server's refusals as error codes the console can act on
 * (409 → conflict, 403 → forbidden), and a board pushed again after an action.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src/shared/api/contract';
import { signIn, startDesktop, type TestDesktop } from '../helpers/desktop';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, startChat } from '../helpers/world';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function desktopFor(srv: TestServer, email: string): Promise<TestDesktop> {
  const d = await startDesktop();
  cleanups.push(() => d.close());
  await signIn(d, srv.url, email);
  return d;
}
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }));

describe('desktop: the supervisor console', () => {
  it('reads the board and figures, hears board frames, and runs the actions with their refusals', async () => {
    const srv = await startTestServer();
    cleanups.push(() => srv.close());
    const [sup] = await agentsIn(srv, 'eu-north', 'supervisor');
    const [agent] = await agentsIn(srv, 'eu-north');
    const ds = await desktopFor(srv, sup!.email);
    await ds.waitFor(async () => (await ds.status()).connection === 'online', 'the supervisor online');
    const boards: EventPayload<'supervisor:board'>[] = [];
    ds.desktop.onEvent((c, p) => c === 'supervisor:board' && boards.push(p as EventPayload<'supervisor:board'>));

    const before = await ds.call('supervisor:board', null);
    const queue = (b: typeof before) => b.queues.find((q) => q.regionId === 'eu-north' && q.channel === 'chat');
    const waitingBefore = queue(before)?.waiting ?? 0;

    // Nobody in eu-north is available: the chat waits in the queue, and a frame says so.
    const chat = await startChat(srv.url, await customerIn(srv, 'eu-north', 3));
    const ticketId = chat.body.chat.ticketId;
    await ds.waitFor(() => boards.some((b) => (queue(b)?.waiting ?? 0) > waitingBefore), 'a board frame with the chat waiting');

    const figures = await ds.call('supervisor:figures', { range: '7d' });
    expect(figures.range).toBe('7d');
    expect(figures.total.csat.targetPct).toBe(90);

    // The agent is offline: reassigning is refused as a conflict the console can force.
    await ds.call('supervisor:setAgent', { agentId: agent!.id, presence: 'offline' });
    const refused = await errorOf(ds.call('supervisor:reassign', { ticketId, toAgentId: agent!.id }));
    expect(refused?.code).toBe('conflict');
    expect(refused?.message).toMatch(/Force it/);
    const framesBefore = boards.length;
    const ticket = await ds.call('supervisor:reassign', { ticketId, toAgentId: agent!.id, force: true });
    expect(ticket.assigneeId).toBe(agent!.id);
    await ds.waitFor(() => boards.length > framesBefore && (queue(boards.at(-1)!)?.waiting ?? 0) === waitingBefore, 'the board after the reassign');

    const whisper = await ds.call('supervisor:whisper', { ticketId, body: 'Offer the pause, she qualifies.' });
    expect(whisper).toMatchObject({ authorKind: 'note', whisper: true, body: 'Offer the pause, she qualifies.' });
    const seen = await ds.call('supervisor:open', { ticketId });
    expect(seen.ticket.id).toBe(ticketId);
    expect(seen.messages.some((m) => m.whisper && m.body === 'Offer the pause, she qualifies.')).toBe(true);

    const capacity = await ds.call('supervisor:setAgent', { agentId: agent!.id, capacity: 3 });
    expect(capacity.capacity).toBe(3);
    const taken = await ds.call('supervisor:takeOver', { ticketId });
    expect(taken.assigneeId).toBe(sup!.id);
    expect((await errorOf(ds.call('supervisor:takeOver', { ticketId })))?.code).toBe('conflict');
    expect((await errorOf(ds.call('supervisor:open', { ticketId: 'no-such-case' })))?.code).toBe('not_found');
  });

  it('refuses an agent with forbidden, and the agent’s desktop never gets a board', async () => {
    const srv = await startTestServer();
    cleanups.push(() => srv.close());
    const [agent] = await agentsIn(srv, 'eu-north');
    const d = await desktopFor(srv, agent!.email);
    const boards: unknown[] = [];
    d.desktop.onEvent((c, p) => c === 'supervisor:board' && boards.push(p));
    expect((await errorOf(d.call('supervisor:board', null)))?.code).toBe('forbidden');
    expect((await errorOf(d.call('supervisor:figures', { range: 'today' })))?.code).toBe('forbidden');
    await startChat(srv.url, await customerIn(srv, 'eu-north', 4));
    await new Promise((r) => setTimeout(r, 1500));
    expect(boards).toEqual([]);
  });
});
