/**
 * The case lifecycle (issue 8): the wrap-up on resolve, the "one more thing" window (a message
 * inside it reopens the case with the same agent, or queues it when that agent cannot take it),
 * and the closer that ends the case once the window has passed. Time moves on a fake clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketRow } from '../../src/shared/domain';
import { DEFAULT_ONE_MORE_THING_MS } from '../../src/server/tickets/lifecycle';
import { fixedClock } from '../../src/server/util/clock';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

let srv: TestServer;
let agent: LoginResult;
let other: LoginResult;
const clock = fixedClock(new Date('2026-11-24T10:00:00Z'));
let nth = 10;

type Ack = { status: string; code?: string; reason?: string };
const push = (who: LoginResult, mutations: Record<string, unknown>[]) =>
  api<{ acks: Ack[] }>(srv.url, 'POST', '/api/sync/push', {
    token: who.token,
    body: { clientId: `lifecycle-${who.agent.id.slice(-12)}`, protocol: 1, mutations: mutations.map((m) => ({ clientMsgId: clientMsgId(), ...m })) },
  });
const say = (token: string, body: string) => api(srv.url, 'POST', '/api/chat/messages', { token, body: { clientMsgId: clientMsgId(), body } });
const ticket = async (id: string) =>
  (await srv.sqlOne('SELECT status, assignee_id, outcome, tags_json, category, closes_at, resolved_at FROM tickets WHERE id = ?', id)) as {
    status: string;
    assignee_id: string | null;
    outcome: string | null;
    tags_json: string;
    category: string;
    closes_at: string | null;
    resolved_at: string | null;
  };
const lastSystem = async (id: string) =>
  ((await srv.sqlOne(`SELECT body FROM messages WHERE ticket_id = ? AND author_kind = 'system' ORDER BY created_at DESC, id DESC LIMIT 1`, id)) as { body: string }).body;

/** A chat of a fresh eu-north customer, accepted and answered by `agent`. */
async function answeredChat(): Promise<{ id: string; token: string }> {
  const started = await startChat(srv.url, await customerIn(srv, 'eu-north', nth++));
  expect(started.status).toBe(201);
  const id = started.body.chat.ticketId;
  const acks = await push(agent, [{ kind: 'ticket.accept', ticketId: id }, { kind: 'message.reply', ticketId: id, body: 'Hi! Sorted, the payment is through.' }]);
  expect(acks.body.acks.map((a) => a.status)).toEqual(['applied', 'applied']);
  return { id, token: started.body.token };
}
const resolve = (id: string, extra: Record<string, unknown> = {}) =>
  push(agent, [{ kind: 'ticket.resolve', ticketId: id, outcome: 'solved', category: 'payment_delay', tags: ['  Bank  Transfer ', 'bank transfer', 'SEPA'], ...extra }]);

beforeAll(async () => {
  srv = await startTestServer({ clock, seedNow: new Date('2026-11-24T10:00:00Z') });
  const [a, b] = await agentsIn(srv, 'eu-north');
  agent = await srv.loginAgent(a!.email);
  other = await srv.loginAgent(b!.email);
  await setPresence(srv.url, agent.token, 'available', 8);
});
afterAll(async () => srv?.close());

describe('wrap-up on resolve', () => {
  it('stores outcome, category and normalised tags, audits them, and feeds them to desktops', async () => {
    const chat = await answeredChat();
    expect((await resolve(chat.id, { category: 'refund_return' })).body.acks[0]).toMatchObject({ status: 'applied' });
    const now = clock.now().toISOString();
    expect(await ticket(chat.id)).toMatchObject({
      status: 'resolved',
      outcome: 'solved',
      category: 'refund_return',
      tags_json: JSON.stringify(['bank transfer', 'sepa']),
      resolved_at: now,
      closes_at: new Date(Date.parse(now) + DEFAULT_ONE_MORE_THING_MS).toISOString(),
    });
    expect(await lastSystem(chat.id)).toMatch(/marked this chat as resolved\. If there is one more thing, just write here within 10 minutes\./);
    const audit = (await srv.sqlOne(`SELECT outcome, details_json FROM audit_log WHERE action = 'ticket.resolve' AND ticket_id = ?`, chat.id)) as { outcome: string; details_json: string };
    expect(audit.outcome).toBe('ok');
    expect(JSON.parse(audit.details_json)).toMatchObject({ outcome: 'solved', category: 'refund_return', tags: ['bank transfer', 'sepa'] });

    const pulled = await api<{ changes: { entity: string; id: string; row?: TicketRow }[] }>(srv.url, 'GET', '/api/sync/pull?cursor=&limit=1000', { token: agent.token });
    expect(pulled.body.changes.find((c) => c.entity === 'ticket' && c.id === chat.id)?.row).toMatchObject({ outcome: 'solved', tags: ['bank transfer', 'sepa'], status: 'resolved' });

    // Tags are editable afterwards, by the same rules.
    expect((await push(agent, [{ kind: 'ticket.setTags', ticketId: chat.id, tags: ['Ångström', 'refund'] }])).body.acks[0]).toMatchObject({ status: 'applied' });
    expect((await ticket(chat.id)).tags_json).toBe(JSON.stringify(['ångström', 'refund']));
  });

  it('refuses bad wrap-ups before anything is written, and a colleague who is not assigned', async () => {
    const chat = await answeredChat();
    const tooMany = await resolve(chat.id, { tags: Array.from({ length: 11 }, (_, i) => `tag ${i}`) });
    expect(tooMany.status).toBe(400);
    const tooLong = await resolve(chat.id, { tags: ['x'.repeat(31)] });
    expect(tooLong.status).toBe(400);
    const badOutcome = await resolve(chat.id, { outcome: 'fixed' });
    expect(badOutcome.status).toBe(400);
    expect((await push(other, [{ kind: 'ticket.resolve', ticketId: chat.id, outcome: 'solved', category: 'other', tags: [] }])).body.acks[0]).toMatchObject({
      status: 'rejected',
      code: 'not_assigned',
    });
    expect((await ticket(chat.id)).status).toBe('open');
  });
});

describe('one more thing', () => {
  it('reopens the case with the same agent when the customer writes inside the window', async () => {
    const chat = await answeredChat();
    await resolve(chat.id);
    clock.advance(DEFAULT_ONE_MORE_THING_MS - 60_000);
    expect((await say(chat.token, 'Oh, one more thing: the receipt?')).status).toBe(200);
    expect(await ticket(chat.id)).toMatchObject({ status: 'open', assignee_id: agent.agent.id, closes_at: null });
    // The closer leaves a reopened case alone, even after the old window has passed.
    clock.advance(120_000);
    await srv.server.services.closer.closeDue();
    expect((await ticket(chat.id)).status).toBe('open');
  });

  it('queues the case when its agent went offline meanwhile', async () => {
    const chat = await answeredChat();
    await resolve(chat.id);
    await setPresence(srv.url, agent.token, 'offline');
    try {
      expect((await say(chat.token, 'Sorry, one more question')).status).toBe(200);
      expect(await ticket(chat.id)).toMatchObject({ status: 'queued', assignee_id: null, closes_at: null });
      expect(await lastSystem(chat.id)).toBe('You are being connected to the next available agent.');
    } finally {
      await setPresence(srv.url, agent.token, 'available', 8);
    }
  });

  it('closes the case once the window has passed, tells the customer, and then asks for CSAT', async () => {
    const chat = await answeredChat();
    await resolve(chat.id);
    const state = await api<{ chat: { status: string; closesAt: string | null } }>(srv.url, 'GET', '/api/chat/state', { token: chat.token });
    expect(state.body.chat).toMatchObject({ status: 'resolved', closesAt: (await ticket(chat.id)).closes_at });

    clock.advance(DEFAULT_ONE_MORE_THING_MS - 1);
    expect(await srv.server.services.closer.closeDue()).toBe(0);
    expect((await ticket(chat.id)).status).toBe('resolved');
    clock.advance(1);
    expect(await srv.server.services.closer.closeDue()).toBeGreaterThanOrEqual(1);
    expect(await ticket(chat.id)).toMatchObject({ status: 'closed', closes_at: null });
    expect(await lastSystem(chat.id)).toBe('This chat is now closed. Thank you for contacting us.');
    expect(await srv.sql(`SELECT actor_kind FROM audit_log WHERE action = 'ticket.close' AND ticket_id = ?`, chat.id)).toEqual([{ actor_kind: 'system' }]);

    // Idempotent: a second pass (another node) closes nothing and writes nothing.
    const messages = (await srv.sql('SELECT id FROM messages WHERE ticket_id = ?', chat.id)).length;
    expect(await srv.server.services.closer.closeOne(chat.id)).toBe(false);
    expect((await srv.sql('SELECT id FROM messages WHERE ticket_id = ?', chat.id)).length).toBe(messages);

    // A closed chat takes no more messages; the customer rates it.
    expect((await say(chat.token, 'hello?')).status).toBe(409);
    const rated = await api<{ chat: { csat: number } }>(srv.url, 'POST', '/api/chat/csat', { token: chat.token, body: { rating: 5 } });
    expect(rated.body.chat.csat).toBe(5);
  });

  it('closes the chat at once when the customer leaves it inside the window', async () => {
    const chat = await answeredChat();
    await resolve(chat.id);
    const ended = await api<{ chat: { status: string } }>(srv.url, 'POST', '/api/chat/end', { token: chat.token });
    expect(ended.body.chat.status).toBe('closed');
    expect(await ticket(chat.id)).toMatchObject({ status: 'closed', closes_at: null });
  });
});
