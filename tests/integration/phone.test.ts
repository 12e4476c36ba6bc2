/**
 * Phone (issue 8): an agent logs a call on a case (desk-side only: the customer's chat never shows
 * it), finds a caller by email (authorised, audited) and opens a case from a call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

let srv: TestServer;
let agent: LoginResult;

const push = (mutations: Record<string, unknown>[]) =>
  api<{ acks: { status: string; code?: string; entityId?: string }[] }>(srv.url, 'POST', '/api/sync/push', {
    token: agent.token,
    body: { clientId: 'phone-test-client', protocol: 1, mutations: mutations.map((m) => ({ clientMsgId: clientMsgId(), ...m })) },
  });

beforeAll(async () => {
  srv = await startTestServer({ customers: 200, historicTickets: 20 });
  agent = await srv.loginAgent((await agentsIn(srv, 'eu-north'))[0]!.email);
  await setPresence(srv.url, agent.token, 'available', 8);
});
afterAll(async () => srv?.close());

describe('phone calls', () => {
  it('logs a call on a case: stored, in the history as an internal note, card-masked, never on the chat page', async () => {
    const chat = await startChat(srv.url, await customerIn(srv, 'eu-north', 30));
    const id = chat.body.chat.ticketId;
    await push([{ kind: 'ticket.accept', ticketId: id }]);
    const res = await push([{ kind: 'call.log', ticketId: id, direction: 'out', durationSec: 245, outcome: 'follow_up', notes: 'Read me 4242 4242 4242 4242 for the refund' }]);
    expect(res.body.acks[0]).toMatchObject({ status: 'applied' });
    const call = await srv.sqlOne('SELECT id, direction, duration_sec, outcome, notes, agent_id FROM calls WHERE ticket_id = ?', id);
    expect(call).toMatchObject({ id: res.body.acks[0]!.entityId, direction: 'out', duration_sec: 245, outcome: 'follow_up', agent_id: agent.agent.id });
    expect((call as { notes: string }).notes).not.toContain('4242 4242 4242 4242');
    const note = (await srv.sqlOne(`SELECT author_kind, body FROM messages WHERE ticket_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`, id)) as { author_kind: string; body: string };
    expect(note.author_kind).toBe('note');
    expect(note.body.split('\n')[0]).toBe('📞 Outbound call, 4 min 5 s · Needs a follow-up');
    const seen = await api<{ messages: { body: string }[] }>(srv.url, 'GET', '/api/chat/state', { token: chat.body.token });
    expect(seen.body.messages.some((m) => m.body.includes('call'))).toBe(false);
    // The audit keeps the call's fields, not what was said.
    const audit = (await srv.sqlOne(`SELECT details_json FROM audit_log WHERE action = 'call.log' AND ticket_id = ?`, id)) as { details_json: string };
    expect(JSON.parse(audit.details_json)).toMatchObject({ direction: 'out', durationSec: 245, notes: '[42 chars]' });
    // Refused: a day-long-plus call, an unknown outcome.
    expect((await push([{ kind: 'call.log', ticketId: id, direction: 'in', durationSec: 90_000, outcome: 'resolved', notes: '' }])).status).toBe(400);
    expect((await push([{ kind: 'call.log', ticketId: id, direction: 'in', durationSec: 10, outcome: 'maybe', notes: '' }])).status).toBe(400);
  });

  it('finds a caller by email within the agent’s regions, audited, and opens a phone case from the call', async () => {
    const c = (await srv.sqlOne(`SELECT id, email, name FROM customers WHERE region_id = 'eu-north' AND identity = 'verified' LIMIT 1 OFFSET 40`)) as { id: string; email: string; name: string };
    const found = await api<{ customers: { customerId: string; name: string }[] }>(srv.url, 'GET', `/api/customers/lookup?email=${encodeURIComponent(c.email.toUpperCase())}`, { token: agent.token });
    expect(found.status).toBe(200);
    expect(found.body.customers).toEqual([{ customerId: c.id, name: c.name, regionId: 'eu-north' }]);
    const elsewhere = (await srv.sqlOne(`SELECT id, email FROM customers WHERE region_id <> 'eu-north' AND identity = 'verified' LIMIT 1`)) as { id: string; email: string };
    const hidden = await api<{ customers: unknown[] }>(srv.url, 'GET', `/api/customers/lookup?email=${encodeURIComponent(elsewhere.email)}`, { token: agent.token });
    expect(hidden.body.customers).toEqual([]);
    expect(await srv.sql(`SELECT outcome FROM audit_log WHERE action = 'customer.lookup' AND actor_id = ? ORDER BY id`, agent.agent.id)).toEqual([{ outcome: 'ok' }, { outcome: 'ok' }]);

    const created = await api<{ ticketId: string; reference: string }>(srv.url, 'POST', '/api/cases/from-call', {
      token: agent.token,
      body: { customerId: c.id, category: 'missed_payment', subject: ' Missed the March instalment ', direction: 'in', durationSec: 61, outcome: 'resolved', notes: 'Agreed to pay on Friday' },
    });
    expect(created.status).toBe(201);
    const t = await srv.sqlOne('SELECT channel, status, assignee_id, reference, customer_id, subject FROM tickets WHERE id = ?', created.body.ticketId);
    expect(t).toEqual({ channel: 'phone', status: 'open', assignee_id: agent.agent.id, reference: created.body.reference, customer_id: c.id, subject: 'Missed the March instalment' });
    expect(await srv.sql('SELECT duration_sec, outcome FROM calls WHERE ticket_id = ?', created.body.ticketId)).toEqual([{ duration_sec: 61, outcome: 'resolved' }]);
    // It reaches the agent's desktop through the feed.
    const pulled = await api<{ changes: { entity: string; id: string }[] }>(srv.url, 'GET', '/api/sync/pull?cursor=&limit=1000', { token: agent.token });
    expect(pulled.body.changes.some((ch) => ch.entity === 'ticket' && ch.id === created.body.ticketId)).toBe(true);

    // Not for a customer outside the agent's regions; refused and audited.
    const refused = await api(srv.url, 'POST', '/api/cases/from-call', {
      token: agent.token,
      body: { customerId: elsewhere.id, category: 'other', direction: 'in', durationSec: 5, outcome: 'no_answer', notes: '' },
    });
    expect(refused.status).toBe(403);
    expect(await srv.sql(`SELECT outcome FROM audit_log WHERE action = 'case.from_call' AND actor_id = ? ORDER BY id`, agent.agent.id)).toEqual([{ outcome: 'ok' }, { outcome: 'denied' }]);
    // Without a subject the case is named by its category.
    const unnamed = await api<{ ticketId: string }>(srv.url, 'POST', '/api/cases/from-call', {
      token: agent.token,
      body: { customerId: c.id, category: 'refund_return', subject: '  ', direction: 'out', durationSec: 30, outcome: 'callback', notes: '' },
    });
    expect(await srv.sqlOne('SELECT subject FROM tickets WHERE id = ?', unnamed.body.ticketId)).toEqual({ subject: 'Phone call · Refund / return' });
  });
});
