/**
 * The desktop side of multi-chat, on a real desk server and real cache files: unread counts only
 * what the agent has not seen (marked as the agent views the chat), the list shows the customer's
 * first question rather than "X joined the chat.", collision hints travel desktop → server →
 * another desktop as `colleagues:activity` events, and the tab strip survives a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src/shared/api/contract';
import { api, clientMsgId } from '../helpers/api';
import { signIn, startDesktop, type TestDesktop } from '../helpers/desktop';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function world(): Promise<TestServer> {
  const srv = await startTestServer();
  cleanups.push(() => srv.close());
  return srv;
}
async function desktopFor(srv: TestServer, email: string): Promise<TestDesktop> {
  const d = await startDesktop();
  cleanups.push(() => d.close());
  await signIn(d, srv.url, email);
  return d;
}
const customerSays = (srv: TestServer, token: string, body: string) => api(srv.url, 'POST', '/api/chat/messages', { token, body: { clientMsgId: clientMsgId(), body } });

describe('desktop: unread, preview, collision, tabs', () => {
  it('counts only unseen customer messages and previews the first question, not the join line', async () => {
    const srv = await world();
    const agent = (await agentsIn(srv, 'eu-north'))[0]!;
    const login = await srv.loginAgent(agent.email);
    await setPresence(srv.url, login.token, 'available');
    const chat = await startChat(srv.url, await customerIn(srv, 'eu-north', 0), { description: 'Where is my refund for order 1234?' });
    const ticketId = chat.body.chat.ticketId;
    const d = await desktopFor(srv, agent.email);
    const row = async () => (await d.call('tickets:summaries', { ticketIds: [ticketId] }))[0]!;
    await d.waitFor(async () => (await d.call('tickets:summaries', { ticketIds: [ticketId] })).length === 1, 'the chat');
    expect(await row()).toMatchObject({ lastMessagePreview: 'Where is my refund for order 1234?', lastMessageAuthor: 'customer', unread: 1, acceptedAt: null });

    // Accepting adds "… joined the chat." (a system line): the preview keeps the question.
    await d.call('actions:run', { kind: 'ticket.accept', ticketId });
    await d.waitFor(async () => (await d.call('messages:page', { ticketId, before: null, limit: 50 })).messages.some((m) => m.authorKind === 'system' && /joined the chat/.test(m.body)), 'the join line');
    expect(await row()).toMatchObject({ lastMessagePreview: 'Where is my refund for order 1234?', unread: 1 });

    // The agent views the chat: what was on screen is read.
    const page = await d.call('messages:page', { ticketId, before: null, limit: 50 });
    const events: string[][] = [];
    d.desktop.onEvent((c, p) => c === 'tickets:changed' && events.push((p as EventPayload<'tickets:changed'>).ticketIds));
    await d.call('tickets:markRead', { ticketId, upTo: page.messages.at(-1)!.sortKey });
    expect((await row()).unread).toBe(0);
    expect(events).toContainEqual([ticketId]);

    // Two more from the customer: two unread, until seen.
    await customerSays(srv, chat.body.token, 'Hello?');
    await customerSays(srv, chat.body.token, 'Are you there?');
    await d.waitFor(async () => (await row()).unread === 2, 'two unread');
    expect((await row()).lastMessagePreview).toBe('Are you there?');
  });

  it('tells a colleague’s desktop who views and types in a chat, and a desktop that may not read it nothing', async () => {
    const srv = await world();
    const [a, b] = await agentsIn(srv, 'eu-north');
    const [sup] = await agentsIn(srv, 'eu-north', 'supervisor');
    const login = await srv.loginAgent(a!.email);
    await setPresence(srv.url, login.token, 'available');
    const chat = await startChat(srv.url, await customerIn(srv, 'eu-north', 1));
    const ticketId = chat.body.chat.ticketId;
    const da = await desktopFor(srv, a!.email);
    const db = await desktopFor(srv, b!.email);
    const ds = await desktopFor(srv, sup!.email);
    const heard = (d: TestDesktop) => {
      const got: EventPayload<'colleagues:activity'>[] = [];
      d.desktop.onEvent((c, p) => c === 'colleagues:activity' && got.push(p as EventPayload<'colleagues:activity'>));
      return got;
    };
    const toA = heard(da);
    const toB = heard(db);
    const toS = heard(ds);
    await ds.call('activity:viewing', { ticketId });
    await da.waitFor(() => toA.length > 0, 'A hears the supervisor');
    expect(toA[0]).toMatchObject({ ticketId, agentId: expect.any(String), name: sup!.name, state: 'viewing' });
    await ds.call('activity:typing', { ticketId, typing: true, kind: 'note' });
    await da.waitFor(() => toA.some((e) => e.state === 'typing'), 'A hears typing');
    await da.call('activity:viewing', { ticketId });
    await ds.waitFor(() => toS.some((e) => e.name === a!.name && e.state === 'viewing'), 'the supervisor hears A');
    await db.call('activity:viewing', { ticketId });
    await new Promise((r) => setTimeout(r, 300));
    expect(toB).toEqual([]);
    expect(toA.every((e) => e.name !== b!.name) && toS.every((e) => e.name !== b!.name)).toBe(true);
  });

  it('keeps the tab strip per agent across a restart', async () => {
    const srv = await world();
    const [agent, other] = await agentsIn(srv, 'eu-north');
    let token: string | null = null;
    const secrets = { get: () => token, set: (v: string | null) => void (token = v) };
    const d = await startDesktop({ secrets });
    await signIn(d, srv.url, agent!.email);
    const state = { tabs: [{ ticketId: 't-1', mode: 'note' as const, scroll: null }], activeId: 't-1', closed: [] };
    await d.call('tabs:save', state);
    await d.close({ keepData: true });
    const again = await startDesktop({ userDataDir: d.userDataDir, secrets });
    cleanups.push(() => again.close());
    await again.waitFor(async () => (await again.call('session:get', null)).signedIn, 'the stored session');
    expect(await again.call('tabs:get', null)).toEqual(state);
    // Another agent on the same machine has a strip of their own.
    await again.call('session:logout', { keepCache: true });
    await signIn(again, srv.url, other!.email);
    expect(await again.call('tabs:get', null)).toEqual({ tabs: [], activeId: null, closed: [] });
  });
});
