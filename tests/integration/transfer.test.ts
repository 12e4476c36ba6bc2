/**
 * Transferring a chat to a named colleague, against a real desk server: the rules a support team
 * expects (not to yourself, only to someone Available with room who works the queue; supervisors
 * take any tier), each transfer audited, the chat offered on the colleague's desktop and gone from
 * the sender's, and colleagues' presence and load reaching desktops through the change feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeOutput } from '../../src/shared/api/contract';
import { api, clientMsgId } from '../helpers/api';
import { signIn, startDesktop, type TestDesktop } from '../helpers/desktop';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, setPresence, startChat } from '../helpers/world';
import { agentSocket } from '../helpers/ws';

let srv: TestServer;
/** Ava (tier 1, eu-north): every new eu-north chat is routed to her, the only one Available. */
let ava: LoginResult;
/** Elias (tier 1, eu-north): the colleague she hands chats to. */
let elias: LoginResult;
/** Lena (tier 1, eu-central only). */
let lena: LoginResult;
let supervisor: LoginResult;
const emails = { ava: '', elias: '' };
const desktops: TestDesktop[] = [];

type Ack = { status: string; code?: string; reason?: string };
async function transfer(from: LoginResult, ticketId: string, toAgentId: string, note?: string): Promise<Ack> {
  const res = await api<{ acks: Ack[] }>(srv.url, 'POST', '/api/sync/push', {
    token: from.token,
    body: { clientId: `client-${from.agent.id.slice(-12)}`, protocol: 1, mutations: [{ kind: 'ticket.transfer', clientMsgId: clientMsgId(), ticketId, toAgentId, ...(note ? { note } : {}) }] },
  });
  expect(res.status).toBe(200);
  return res.body.acks[0]!;
}

async function presence(who: LoginResult, value: 'available' | 'away' | 'offline', extra: { capacity?: number; reason?: string } = {}) {
  const res = await api(srv.url, 'PUT', '/api/agents/me/presence', { token: who.token, body: { presence: value, ...extra } });
  expect(res.status).toBe(200);
}

/** A new eu-north chat, routed to Ava (the customer has no chat under way). */
async function chatForAva(): Promise<string> {
  const c = await srv.sqlOne(`SELECT c.id FROM customers c WHERE c.region_id = 'eu-north'
         AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = c.id AND t.channel = 'chat' AND t.status IN ('queued','open','pending')) LIMIT 1`) as { id: string };
  const started = await startChat(srv.url, c.id);
  expect(started.status).toBe(201);
  const ticketId = started.body.chat.ticketId;
  expect(await assignee(ticketId)).toBe(ava.agent.id);
  return ticketId;
}

const assignee = async (ticketId: string) => (await srv.sqlOne('SELECT assignee_id FROM tickets WHERE id = ?', ticketId) as { assignee_id: string | null }).assignee_id;
const audits = async (ticketId: string) =>
  (await srv.sql(`SELECT outcome, details_json FROM audit_log WHERE action = 'ticket.transfer' AND ticket_id = ? ORDER BY id`, ticketId) as { outcome: string; details_json: string }[]).map((r) => ({
    outcome: r.outcome,
    details: JSON.parse(r.details_json) as Record<string, unknown>,
  }));

async function desktopFor(email: string): Promise<TestDesktop> {
  const d = await startDesktop();
  desktops.push(d);
  await signIn(d, srv.url, email);
  return d;
}

beforeAll(async () => {
  srv = await startTestServer({ customers: 200, historicTickets: 40 });
  const [a, e] = await agentsIn(srv, 'eu-north');
  expect([a?.name, e?.name]).toEqual(['Ava Lind', 'Elias Berg']);
  emails.ava = a!.email;
  emails.elias = e!.email;
  ava = await srv.loginAgent(a!.email);
  elias = await srv.loginAgent(e!.email);
  lena = await srv.loginAgent((await agentsIn(srv, 'eu-central')).find((x) => x.name === 'Lena Vogel')!.email);
  supervisor = await srv.loginAgent('supervisor@demo.agentdesk.test');
  await setPresence(srv.url, ava.token, 'available', 8);
});
afterAll(async () => {
  for (const d of desktops) await d.close().catch(() => undefined);
  await srv?.close();
});

describe('transfer to a colleague: the rules', () => {
  it('refuses a transfer to yourself, and audits the refusal with its reason', async () => {
    const t = await chatForAva();
    const ack = await transfer(ava, t, ava.agent.id);
    expect(ack).toMatchObject({ status: 'rejected', code: 'invalid', reason: 'You cannot transfer a chat to yourself.' });
    expect(await assignee(t)).toBe(ava.agent.id);
    expect(await audits(t)).toEqual([{ outcome: 'rejected', details: expect.objectContaining({ code: 'invalid', reason: 'You cannot transfer a chat to yourself.', toAgentId: ava.agent.id, fromAgentId: ava.agent.id }) }]);
  });

  it('refuses a colleague who is away (with their reason) or offline, and takes them once Available', async () => {
    const t = await chatForAva();
    await presence(elias, 'away', { reason: 'Lunch' });
    expect(await transfer(ava, t, elias.agent.id)).toMatchObject({ status: 'rejected', code: 'conflict', reason: 'Elias is away (Lunch).' });
    await presence(elias, 'offline');
    expect(await transfer(ava, t, elias.agent.id)).toMatchObject({ status: 'rejected', reason: 'Elias is offline.' });
    expect(await assignee(t)).toBe(ava.agent.id);
    await presence(elias, 'available', { capacity: 8 });
    expect(await transfer(ava, t, elias.agent.id)).toMatchObject({ status: 'applied' });
    expect(await assignee(t)).toBe(elias.agent.id);
    // Elias steps away again so routing keeps giving new chats to Ava.
    await presence(elias, 'away');
  });

  it('refuses a colleague at capacity, counting open and pending chats as routing does', async () => {
    const first = await chatForAva();
    const second = await chatForAva();
    const load = (await srv.sqlOne(`SELECT count(*) AS n FROM tickets WHERE assignee_id = ? AND channel = 'chat' AND status IN ('open','pending')`, elias.agent.id) as { n: number }).n;
    expect(load).toBeGreaterThan(0); // the chat he took in the test before
    await presence(elias, 'available', { capacity: load + 1 });
    expect(await transfer(ava, first, elias.agent.id)).toMatchObject({ status: 'applied' });
    // A pending chat (waiting on the customer) still counts.
    await srv.sql(`UPDATE tickets SET status = 'pending' WHERE id = ?`, first);
    const refused = await transfer(ava, second, elias.agent.id);
    expect(refused).toMatchObject({ status: 'rejected', code: 'conflict', reason: `Elias is at capacity (${load + 1}/${load + 1} chats).` });
    expect(await assignee(second)).toBe(ava.agent.id);
    await presence(elias, 'away');
  });

  it('keeps the region and tier check, and lets a supervisor take a chat of any tier', async () => {
    const t = await chatForAva();
    await presence(lena, 'available', { capacity: 8 });
    expect(await transfer(ava, t, lena.agent.id)).toMatchObject({ status: 'rejected', code: 'invalid', reason: "Lena does not work this chat's region." });
    // A tier-2 case is not for a tier-1 colleague, but a supervisor takes it.
    await srv.sql('UPDATE tickets SET tier = 2 WHERE id = ?', t);
    await presence(elias, 'available', { capacity: 20 });
    expect(await transfer(ava, t, elias.agent.id)).toMatchObject({ status: 'rejected', code: 'invalid', reason: 'Elias does not take tier 2 chats.' });
    await presence(supervisor, 'available', { capacity: 8 });
    expect(await transfer(ava, t, supervisor.agent.id)).toMatchObject({ status: 'applied' });
    expect(await assignee(t)).toBe(supervisor.agent.id);
    // The supervisor cannot hand it "back" to the one who already has it.
    expect(await transfer(supervisor, t, supervisor.agent.id)).toMatchObject({ status: 'rejected', reason: 'You cannot transfer a chat to yourself.' });
    for (const who of [lena, elias, supervisor]) await presence(who, 'away');
  });
});

describe('transfer to a colleague: what each desktop sees', () => {
  it("offers the chat on the colleague's desktop and socket, drops it from the sender's list, tells the customer and audits it", async () => {
    await presence(elias, 'available', { capacity: 20 });
    const avaDesk = await desktopFor(emails.ava);
    const eliasDesk = await desktopFor(emails.elias);
    const eliasSock = await agentSocket(srv.url, elias.token);
    await presence(elias, 'away'); // new chats go to Ava
    const t = await chatForAva();
    await avaDesk.waitFor(async () => (await avaDesk.call('tickets:list', { view: 'mine', limit: 200 })).some((x) => x.id === t), "the chat on Ava's desktop");
    await presence(elias, 'available', { capacity: 20 });

    // Ava's desktop lists Elias as able to take it, with his load.
    await avaDesk.waitFor(async () => (await avaDesk.call('agents:forTransfer', { ticketId: t })).some((c) => c.id === elias.agent.id && c.available), 'Elias Available on her desktop');

    await avaDesk.call('actions:run', { kind: 'ticket.transfer', ticketId: t, toAgentId: elias.agent.id, note: 'He asked about the March invoice' });
    const offered = await eliasSock.next<{ ticketId: string }>((f) => f.type === 'chat.offered' && f.ticketId === t);
    expect(offered.ticketId).toBe(t);
    await avaDesk.waitFor(async () => !(await avaDesk.call('tickets:list', { view: 'mine', limit: 200 })).some((x) => x.id === t), "the chat gone from Ava's list");
    await eliasDesk.waitFor(async () => (await eliasDesk.call('tickets:list', { view: 'mine', limit: 200 })).some((x) => x.id === t), "the chat on Elias's desktop");
    const detail = await eliasDesk.call('tickets:get', { ticketId: t });
    expect(detail.ticket).toMatchObject({ assigneeId: elias.agent.id, acceptedAt: null });
    expect(detail.ticket.offeredAt).not.toBeNull();

    const bodies = await srv.sql(`SELECT author_kind, body FROM messages WHERE ticket_id = ? ORDER BY created_at, id`, t) as { author_kind: string; body: string }[];
    expect(bodies).toContainEqual({ author_kind: 'system', body: 'Ava transferred the chat to Elias.' });
    expect(bodies).toContainEqual({ author_kind: 'note', body: 'He asked about the March invoice' });
    const [audit] = await audits(t);
    expect(audit).toMatchObject({ outcome: 'ok', details: { fromAgentId: ava.agent.id, toAgentId: elias.agent.id, note: expect.stringMatching(/^\[\d+ chars\]$/) } });
    eliasSock.close();
    await presence(elias, 'away');
  });

  it("brings colleagues' presence and load to a desktop's cached agents through the change feed", async () => {
    const avaDesk = desktops[0]!;
    const cached = () => avaDesk.desktop.runtime()!.cache.reference.agents().find((a) => a.id === elias.agent.id)!;
    const loadOf = async (id: string) => (await srv.sqlOne(`SELECT count(*) AS n FROM tickets WHERE assignee_id = ? AND channel = 'chat' AND status IN ('open','pending')`, id) as { n: number }).n;

    await avaDesk.waitFor(() => cached().presence === 'away', 'Elias away in the cache');
    await presence(elias, 'available', { capacity: 20 });
    await avaDesk.waitFor(() => cached().presence === 'available' && cached().capacity === 20, 'Elias available in the cache');
    expect(cached().openChats).toBe((await loadOf(elias.agent.id)));

    // His load follows a transfer to him, and his resolving it.
    const t = await (async () => {
      await presence(elias, 'away');
      const id = await chatForAva();
      await presence(elias, 'available', { capacity: 20 });
      return id;
    })();
    const before = await loadOf(elias.agent.id);
    expect(await transfer(ava, t, elias.agent.id)).toMatchObject({ status: 'applied' });
    await avaDesk.waitFor(() => cached().openChats === before + 1, "Elias's load up by one in the cache");
    const candidates: InvokeOutput<'agents:forTransfer'> = await avaDesk.call('agents:forTransfer', { ticketId: (await chatForAvaAway()).id });
    expect(candidates.find((c) => c.id === elias.agent.id)).toMatchObject({ openChats: before + 1, capacity: 20, available: true, reason: null });

    const res = await api<{ acks: Ack[] }>(srv.url, 'POST', '/api/sync/push', {
      token: elias.token,
      body: { clientId: 'client-elias-resolve', protocol: 1, mutations: [{ kind: 'ticket.setStatus', clientMsgId: clientMsgId(), ticketId: t, status: 'resolved' }] },
    });
    expect(res.body.acks[0]).toMatchObject({ status: 'applied' });
    await avaDesk.waitFor(() => cached().openChats === before, "Elias's load back down in the cache");
    await presence(elias, 'away');
  });
});

/** A chat for Ava while Elias is kept out of routing (he stays Available afterwards). */
async function chatForAvaAway(): Promise<{ id: string }> {
  await presence(elias, 'away');
  const id = await chatForAva();
  await presence(elias, 'available', { capacity: 20 });
  await desktops[0]!.waitFor(async () => (await desktops[0]!.call('tickets:list', { view: 'mine', limit: 200 })).some((x) => x.id === id), "the chat on Ava's desktop");
  // Elias's return to available committed after the chat: on PostgreSQL its feed row can reach the
  // desktop a few ms after the chat's (the follower), so wait for it too, as a user would see it.
  const eliasCached = () => desktops[0]!.desktop.runtime()!.cache.reference.agents().find((a) => a.id === elias.agent.id);
  await desktops[0]!.waitFor(() => eliasCached()?.presence === 'available', 'Elias available again on Ava\'s desktop');
  return { id };
}
