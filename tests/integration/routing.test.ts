import { afterEach, describe, expect, it } from 'vitest';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, demoIdentityToken, setPresence, startChat, triaged } from '../helpers/world';
import { agentSocket, customerSocket } from '../helpers/ws';
import { fixedClock } from '../../src/server/util/clock';

let srv: TestServer | null = null;
afterEach(async () => {
  await srv?.close();
  srv = null;
});

const ticket = async (s: TestServer, id: string) =>
  (await s.sqlOne('SELECT status, assignee_id, queued_at FROM tickets WHERE id = ?', id)) as { status: string; assignee_id: string | null; queued_at: string };

describe('routing', () => {
  it('queues a chat with a position and expected wait while nobody is available, then offers it when an agent becomes available', async () => {
    srv = await startTestServer();
    const [a] = await agentsIn(srv, 'eu-north');
    const c1 = await startChat(srv.url, await customerIn(srv, 'eu-north', 0));
    const c2 = await startChat(srv.url, await customerIn(srv, 'eu-north', 1));
    expect(c1.status).toBe(201);
    expect(c1.body.chat.status).toBe('queued');
    expect(c1.body.chat.queue).toMatchObject({ position: 1 });
    expect(c2.body.chat.queue?.position).toBe(2);
    expect(c2.body.chat.queue!.expectedWaitSec).toBeGreaterThan(0);
    expect(c1.body.chat.reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const cust = await customerSocket(srv.url, c1.body.token);
    const login = await srv.loginAgent(a!.email);
    const sock = await agentSocket(srv.url, login.token);
    await setPresence(srv.url, login.token, 'available');
    const offered = await sock.next<{ ticketId: string }>((f) => f.type === 'chat.offered' && f.ticketId === c1.body.chat.ticketId);
    expect(offered.ticketId).toBe(c1.body.chat.ticketId);
    expect(await ticket(srv, c1.body.chat.ticketId)).toMatchObject({ status: 'open', assignee_id: login.agent.id });
    expect(await srv.sqlOne('SELECT accepted_at FROM tickets WHERE id = ?', c1.body.chat.ticketId)).toEqual({ accepted_at: null });
    // Offered is not joined: the customer hears of the agent only when the agent accepts.
    const offeredFrame = await cust.next<{ chat: { status: string; agentName: string | null } }>((f) => f.type === 'chat' && (f.chat as { status: string }).status === 'open');
    expect(offeredFrame.chat.agentName).toBeNull();
    expect(await cust.none((f) => f.type === 'message' && /joined the chat/.test(JSON.stringify(f)), 200)).toBe(true);
    const accept = await api<{ acks: { status: string }[] }>(srv.url, 'POST', '/api/sync/push', {
      token: login.token,
      body: { clientId: 'routing-test-1', protocol: 1, mutations: [{ kind: 'ticket.accept', clientMsgId: clientMsgId(), ticketId: c1.body.chat.ticketId }] },
    });
    expect(accept.body.acks[0]?.status).toBe('applied');
    const joined = await cust.next<{ message: { body: string } }>((f) => f.type === 'message' && /joined the chat/.test(JSON.stringify(f)));
    expect(joined.message.body).toBe(`${a!.name.split(' ')[0]} joined the chat.`);
    const chatFrame = await cust.next<{ chat: { agentName: string } }>((f) => f.type === 'chat' && (f.chat as { agentName: string | null }).agentName !== null);
    expect(a!.name.startsWith(chatFrame.chat.agentName)).toBe(true);
    sock.close();
    cust.close();
  });

  it('a declined offer goes back to the queue keeping its place and is offered to someone else', async () => {
    const s = (srv = await startTestServer());
    const [a, b] = await agentsIn(s, 'eu-north');
    const la = await s.loginAgent(a!.email);
    const lb = await s.loginAgent(b!.email);
    await setPresence(s.url, la.token, 'available');
    const chat = await startChat(s.url, await customerIn(s, 'eu-north', 2));
    const id = chat.body.chat.ticketId;
    expect(await ticket(srv, id)).toMatchObject({ assignee_id: la.agent.id });
    const queuedAt = (await srv.sqlOne('SELECT queued_at FROM tickets WHERE id = ?', id) as { queued_at: string }).queued_at;
    await setPresence(srv.url, lb.token, 'available');
    const push = (token: string, mutations: unknown[]) =>
      api<{ acks: { status: string; code?: string }[] }>(s.url, 'POST', '/api/sync/push', { token, body: { clientId: `routing-decline-${token.slice(0, 6)}`, protocol: 1, mutations } });
    // Only the agent it is offered to may decline, and only before taking it.
    expect((await push(lb.token, [{ kind: 'ticket.decline', clientMsgId: clientMsgId(), ticketId: id }])).body.acks[0]).toMatchObject({ status: 'rejected', code: 'not_assigned' });
    expect((await push(la.token, [{ kind: 'ticket.decline', clientMsgId: clientMsgId(), ticketId: id, reason: 'At capacity' }])).body.acks[0]?.status).toBe('applied');
    expect(await ticket(srv, id)).toMatchObject({ status: 'open', assignee_id: lb.agent.id });
    expect((await srv.sqlOne('SELECT queued_at FROM tickets WHERE id = ?', id) as { queued_at: string }).queued_at).toBe(queuedAt);
    // B declines too: nobody else is available, so it waits; A is not offered it again.
    expect((await push(lb.token, [{ kind: 'ticket.decline', clientMsgId: clientMsgId(), ticketId: id }])).body.acks[0]?.status).toBe('applied');
    expect(await ticket(srv, id)).toMatchObject({ status: 'queued', assignee_id: null });
    const audit = await srv.sql(`SELECT actor_id FROM audit_log WHERE action = 'ticket.decline' AND outcome = 'ok' AND ticket_id = ? ORDER BY id`, id);
    expect(audit).toEqual([{ actor_id: la.agent.id }, { actor_id: lb.agent.id }]);
    // A replying after taking it from the queue: the customer hears A joined, then the reply.
    expect((await push(la.token, [{ kind: 'ticket.accept', clientMsgId: clientMsgId(), ticketId: id }])).body.acks[0]?.status).toBe('applied');
    const bodies = (await srv.sql(`SELECT body FROM messages WHERE ticket_id = ? AND author_kind = 'system' ORDER BY created_at, id`, id) as { body: string }[]).map((m) => m.body);
    expect(bodies.filter((b) => /joined the chat/.test(b))).toEqual([`${a!.name.split(' ')[0]} joined the chat.`]);
  });

  it('sends a new chat to the least-loaded available agent with spare capacity, else it waits', async () => {
    srv = await startTestServer();
    const [a, b] = await agentsIn(srv, 'eu-north');
    expect(b).toBeDefined();
    const la = await srv.loginAgent(a!.email);
    const lb = await srv.loginAgent(b!.email);
    await setPresence(srv.url, la.token, 'available', 2);
    await setPresence(srv.url, lb.token, 'available', 1);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await startChat(srv.url, await customerIn(srv, 'eu-north', i))).body.chat.ticketId);
    const owners = await Promise.all(ids.map(async (id) => (await ticket(srv!, id)).assignee_id));
    expect(owners.filter((o) => o === la.agent.id)).toHaveLength(2);
    expect(owners.filter((o) => o === lb.agent.id)).toHaveLength(1);
    // The first two chats went to different agents (least loaded first).
    expect(owners[0]).not.toBe(owners[1]);
    expect(await ticket(srv, ids[3]!)).toMatchObject({ status: 'queued', assignee_id: null });
  });

  it('routing decisions made at once offer no chat twice and put no agent over capacity', async () => {
    const s = (srv = await startTestServer());
    const [a, b] = await agentsIn(s, 'eu-north');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await startChat(s.url, await customerIn(s, 'eu-north', i))).body.chat.ticketId);
    const { storage } = s.server.services.deps;
    const { router, presence } = s.server.services;
    const agent = async (id: string) => (await storage.read((tx) => tx.agents.get(id)))!;
    const [ra, rb] = [await agent(a!.id), await agent(b!.id)];
    // Both agents come online (one free slot each) while every queued chat is routed and the
    // queue drained, all in flight together: each decision re-reads what it decides on.
    await Promise.all([
      presence.set(ra, 'available', null, 1),
      presence.set(rb, 'available', null, 1),
      ...ids.map((id) => storage.write((tx) => router.route(tx, id))),
      storage.write((tx) => router.drain(tx, 'eu-north')),
      ...ids.map((id) => storage.write((tx) => router.route(tx, id))),
    ]);
    const owners = await Promise.all(ids.map(async (id) => (await ticket(s, id)).assignee_id));
    expect(owners.filter((o) => o === a!.id)).toHaveLength(1);
    expect(owners.filter((o) => o === b!.id)).toHaveLength(1);
    expect(owners.filter((o) => o === null)).toHaveLength(3);
    const routed = await s.sql(`SELECT ticket_id FROM audit_log WHERE action = 'ticket.route'`) as { ticket_id: string }[];
    expect(routed.map((r) => r.ticket_id).sort()).toEqual(ids.filter((_, i) => owners[i] !== null).sort());
    // The oldest chats went first. On SQLite the single writer runs these transactions in arrival
    // order, so the two agents' drains come first. On PostgreSQL they run at once, and the drain's
    // SKIP LOCKED passes over an older chat another transaction holds (one that then finds no agent
    // yet): the server does not promise oldest-first among concurrent decisions there (pg-suite
    // report, an open question for routing), so this line stays a SQLite claim.
    if (s.engine === 'sqlite') expect(owners.slice(0, 2).every((o) => o !== null)).toBe(true);
  });

  it('returns an agent’s unanswered chats to the queue when it goes offline, keeping their place', async () => {
    srv = await startTestServer();
    const [a, b] = await agentsIn(srv, 'eu-north');
    const la = await srv.loginAgent(a!.email);
    await setPresence(srv.url, la.token, 'available');
    const c = await startChat(srv.url, await customerIn(srv, 'eu-north'));
    const id = c.body.chat.ticketId;
    // Triage writes its reading of the new chat a moment later, holding the ticket's row: on
    // PostgreSQL a routing drain in that moment passes over it (SKIP LOCKED; CI saw it once).
    await triaged(srv, id);
    const queuedAt = (await ticket(srv, id)).queued_at;
    expect((await ticket(srv, id)).assignee_id).toBe(la.agent.id);
    await setPresence(srv.url, la.token, 'offline');
    expect(await ticket(srv, id)).toMatchObject({ status: 'queued', assignee_id: null, queued_at: queuedAt });
    const lb = await srv.loginAgent(b!.email);
    await setPresence(srv.url, lb.token, 'available');
    expect(await ticket(srv, id)).toMatchObject({ status: 'open', assignee_id: lb.agent.id });
  });

  it('answered chats stay with an agent who goes offline', async () => {
    srv = await startTestServer();
    const [a] = await agentsIn(srv, 'eu-north');
    const la = await srv.loginAgent(a!.email);
    await setPresence(srv.url, la.token, 'available');
    const c = await startChat(srv.url, await customerIn(srv, 'eu-north'));
    const push = await api<{ acks: { status: string }[] }>(srv.url, 'POST', '/api/sync/push', {
      token: la.token,
      body: { clientId: 'client-routing-1', protocol: 1, mutations: [{ kind: 'message.reply', clientMsgId: 'reply-0001', ticketId: c.body.chat.ticketId, body: 'Hi! Looking now.' }] },
    });
    expect(push.body.acks[0]!.status).toBe('applied');
    await setPresence(srv.url, la.token, 'offline');
    expect(await ticket(srv, c.body.chat.ticketId)).toMatchObject({ status: 'open', assignee_id: la.agent.id });
  });
});

describe('the wait a new chat would have', () => {
  it('is none while an agent has a free slot, long with nobody to answer (the chat page then offers email, phone and help), null while closed', async () => {
    const desk = (srv = await startTestServer());
    type Info = { id: string; open: boolean; expectedWaitSec: number | null };
    const waitIn = async (id: string) => (await api<{ regions: Info[] }>(desk.url, 'GET', '/api/chat/config')).body.regions.find((r) => r.id === id)!.expectedWaitSec;
    await srv.sql(`UPDATE agents SET presence = 'offline'`);
    // Nobody available: a new chat waits at least one average handle time.
    expect(await waitIn('eu-north')).toBeGreaterThanOrEqual(10 * 60);
    const [a] = await agentsIn(srv, 'eu-north');
    const la = await srv.loginAgent(a!.email);
    await setPresence(srv.url, la.token, 'available');
    expect(await waitIn('eu-north')).toBe(0);
    // Every free slot taken by a waiting chat (capacity 1, one chat with the agent, one queued): a wait again.
    await srv.sql(`UPDATE agents SET capacity = 1 WHERE id = ?`, la.agent.id);
    await startChat(srv.url, await customerIn(srv, 'eu-north'));
    await startChat(srv.url, await customerIn(srv, 'eu-north', 1));
    expect(await waitIn('eu-north')).toBeGreaterThan(0);
    await srv.sql(`UPDATE regions SET chat_enabled = 0 WHERE id = 'eu-north'`);
    const closed = (await api<{ regions: Info[] }>(srv.url, 'GET', '/api/chat/config')).body.regions.find((r) => r.id === 'eu-north')!;
    expect(closed).toMatchObject({ open: false, expectedWaitSec: null });
  });
});

describe('business hours', () => {
  it('closes live chat outside the region’s hours in its own time zone and offers the email ticket', async () => {
    // Monday 2026-11-23 22:30 UTC = Tuesday 09:30 in Sydney (AEDT, UTC+11) but 22:30 in London.
    const clock = fixedClock(new Date('2026-11-23T22:30:00Z'));
    srv = await startTestServer({ clock });
    const hours = JSON.stringify({ mon: [['08:00', '18:00']], tue: [['08:00', '18:00']], wed: [['08:00', '18:00']], thu: [['08:00', '18:00']], fri: [['08:00', '18:00']], sat: [], sun: [] });
    await srv.sql(`UPDATE regions SET hours_json = ? WHERE id IN ('uk', 'au')`, hours);

    type Info = { id: string; open: boolean; nextOpenAt: string | null; nextOpenText: string | null; closesText: string | null; hoursText: string };
    const config = await api<{ regions: Info[] }>(srv.url, 'GET', '/api/chat/config');
    const uk = config.body.regions.find((r) => r.id === 'uk')!;
    const au = config.body.regions.find((r) => r.id === 'au')!;
    expect(uk.open).toBe(false);
    expect(uk.nextOpenAt).toBe('2026-11-24T08:00:00.000Z'); // 08:00 London (GMT) on Tuesday
    expect(au.open).toBe(true);
    // Times shown to the customer name their zone.
    expect(uk.nextOpenText).toBe('Tue 08:00 GMT');
    expect(uk.hoursText).toBe('Mon–Fri 08:00–18:00 · Sat–Sun closed (GMT)');
    expect(au.closesText).toBe('6:00 pm AEDT');

    const closed = await startChat(srv.url, await customerIn(srv, 'uk'));
    expect(closed.status).toBe(409);
    expect((closed.body as unknown as { error: { code: string } }).error.code).toBe('region_closed');
    const open = await startChat(srv.url, await customerIn(srv, 'au'));
    expect(open.status).toBe(201);

    const email = await api<{ reference: string }>(srv.url, 'POST', '/api/chat/email', {
      body: { identityToken: await demoIdentityToken(srv.url, await customerIn(srv, 'uk')), category: 'refund_return', description: 'Where is my refund?' },
    });
    expect(email.status).toBe(201);
    const row = await srv.sqlOne('SELECT channel, status FROM tickets WHERE reference = ?', email.body.reference);
    expect(row).toEqual({ channel: 'email', status: 'queued' });

    // Ten hours later London is open and Sydney (20:30 Tuesday) is closed.
    clock.advance(10 * 3600_000);
    expect((await startChat(srv.url, await customerIn(srv, 'uk', 1))).status).toBe(201);
    expect((await startChat(srv.url, await customerIn(srv, 'au', 1))).status).toBe(409);
  });
});
