/**
 * Merging two cases of the same customer (issue 8): both histories kept, the source closed with
 * `merged_into_id`, the customer told on the target, the source's reference leading to the target,
 * refused across customers and for a case already merged; audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketRow } from '../../src/shared/domain';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

let srv: TestServer;
let agent: LoginResult;
let other: LoginResult;
let nth = 20;

type Ack = { status: string; code?: string; reason?: string };
const push = (who: LoginResult, mutations: Record<string, unknown>[]) =>
  api<{ acks: Ack[] }>(srv.url, 'POST', '/api/sync/push', {
    token: who.token,
    body: { clientId: `merge-${who.agent.id.slice(-12)}`, protocol: 1, mutations: mutations.map((m) => ({ clientMsgId: clientMsgId(), ...m })) },
  });
const row = async (id: string) =>
  (await srv.sqlOne('SELECT status, merged_into_id, assignee_id, reference, customer_id FROM tickets WHERE id = ?', id)) as {
    status: string;
    merged_into_id: string | null;
    assignee_id: string | null;
    reference: string;
    customer_id: string;
  };
const bodies = async (id: string) => (await srv.sql<{ author_kind: string; body: string }>('SELECT author_kind, body FROM messages WHERE ticket_id = ? ORDER BY created_at, id', id)).map((m) => `${m.author_kind}: ${m.body}`);

/** A customer's chat, accepted by `agent`. */
async function accepted(customerId: string, description: string) {
  const started = await startChat(srv.url, customerId, { description });
  expect(started.status).toBe(201);
  const id = started.body.chat.ticketId;
  expect((await push(agent, [{ kind: 'ticket.accept', ticketId: id }])).body.acks[0]?.status).toBe('applied');
  return { id, token: started.body.token };
}

/** Two cases of one customer, both the agent's: an earlier one resolved, a new one open. */
async function twoCases() {
  const customerId = await customerIn(srv, 'eu-north', nth++);
  const first = await accepted(customerId, 'My refund has not arrived.');
  expect((await push(agent, [{ kind: 'ticket.setStatus', ticketId: first.id, status: 'resolved' }])).body.acks[0]?.status).toBe('applied');
  const second = await accepted(customerId, 'Still no refund, writing again.');
  expect(second.id).not.toBe(first.id);
  return { customerId, first, second };
}

beforeAll(async () => {
  srv = await startTestServer({ customers: 200, historicTickets: 40 });
  const [a, b] = await agentsIn(srv, 'eu-north');
  agent = await srv.loginAgent(a!.email);
  other = await srv.loginAgent(b!.email);
  await setPresence(srv.url, agent.token, 'available', 8);
});
afterAll(async () => srv?.close());

describe('merging two cases of the same customer', () => {
  it('closes the source into the target, keeps both histories, tells the customer on the target and audits it', async () => {
    const { first, second } = await twoCases();
    const before = { first: await bodies(first.id), second: await bodies(second.id) };
    const res = await push(agent, [{ kind: 'ticket.merge', ticketId: first.id, targetId: second.id }]);
    expect(res.body.acks[0]).toMatchObject({ status: 'applied', entityId: second.id });

    const [source, target] = [await row(first.id), await row(second.id)];
    expect(source).toMatchObject({ status: 'closed', merged_into_id: second.id, assignee_id: agent.agent.id });
    expect(target.status).toBe('open');
    // Each keeps its own messages; the source gains the desk's note, the target the customer's system message.
    const after = { first: await bodies(first.id), second: await bodies(second.id) };
    expect(after.first.slice(0, before.first.length)).toEqual(before.first);
    expect(after.first.at(-1)).toBe(`note: Merged into ${target.reference}; the conversation continues there.`);
    expect(after.second.slice(0, before.second.length)).toEqual(before.second);
    expect(after.second.at(-1)).toBe(`system: Your case ${source.reference} was merged into this case, ${target.reference}. Both conversations are kept here; either reference leads to it.`);
    // The customer sees it on the target's chat.
    const seen = await api<{ messages: { body: string }[] }>(srv.url, 'GET', '/api/chat/state', { token: second.token });
    expect(seen.body.messages.at(-1)?.body).toContain(`Your case ${source.reference} was merged into this case`);

    const audit = await srv.sql(`SELECT action, ticket_id, outcome FROM audit_log WHERE action IN ('ticket.merge','ticket.merged_into') AND ticket_id IN (?, ?) ORDER BY id`, first.id, second.id);
    expect(audit).toEqual([
      { action: 'ticket.merged_into', ticket_id: second.id, outcome: 'ok' },
      { action: 'ticket.merge', ticket_id: first.id, outcome: 'ok' },
    ]);

    // Desktops learn both rows through the feed.
    const pulled = await api<{ changes: { entity: string; id: string; row?: TicketRow }[] }>(srv.url, 'GET', '/api/sync/pull?cursor=&limit=1000', { token: agent.token });
    expect(pulled.body.changes.find((c) => c.entity === 'ticket' && c.id === first.id)?.row).toMatchObject({ status: 'closed', mergedIntoId: second.id });
  });

  it('leads a customer quoting the source’s reference to the target', async () => {
    const { customerId, first, second } = await twoCases();
    await push(agent, [{ kind: 'ticket.merge', ticketId: first.id, targetId: second.id }]);
    const quoted = await startChat(srv.url, customerId, { reference: (await row(first.id)).reference, description: 'About my case' });
    expect(quoted.status).toBe(201);
    expect(quoted.body.chat.ticketId).toBe(second.id);
    expect(quoted.body.chat.reference).toBe((await row(second.id)).reference);
  });

  it('refuses across customers, into itself, twice, and for a colleague’s case; nothing changes', async () => {
    const { first, second } = await twoCases();
    const stranger = await accepted(await customerIn(srv, 'eu-north', nth++), 'Another customer entirely.');
    const acks = (
      await push(agent, [
        { kind: 'ticket.merge', ticketId: second.id, targetId: stranger.id },
        { kind: 'ticket.merge', ticketId: second.id, targetId: second.id },
        { kind: 'ticket.merge', ticketId: second.id, targetId: 'no-such-case' },
      ])
    ).body.acks;
    expect(acks).toMatchObject([
      { status: 'rejected', code: 'invalid', reason: 'Only cases of the same customer can be merged.' },
      { status: 'rejected', code: 'invalid', reason: 'A case cannot be merged into itself.' },
      { status: 'rejected', code: 'not_found' },
    ]);
    expect((await push(other, [{ kind: 'ticket.merge', ticketId: first.id, targetId: second.id }])).body.acks[0]).toMatchObject({ status: 'rejected', code: 'not_assigned' });
    expect(await row(second.id)).toMatchObject({ status: 'open', merged_into_id: null });
    expect(await row(first.id)).toMatchObject({ status: 'resolved', merged_into_id: null });

    await push(agent, [{ kind: 'ticket.merge', ticketId: first.id, targetId: second.id }]);
    // Merged already: closed, so no second merge either way.
    expect((await push(agent, [{ kind: 'ticket.merge', ticketId: first.id, targetId: second.id }])).body.acks[0]).toMatchObject({ status: 'rejected', code: 'ticket_closed' });
    expect((await push(agent, [{ kind: 'ticket.merge', ticketId: second.id, targetId: first.id }])).body.acks[0]).toMatchObject({
      status: 'rejected',
      reason: 'That case was merged into another one; merge into that one instead.',
    });
  });
});
