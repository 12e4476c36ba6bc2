/**
 * What assist learns from, end to end: a reply pushed with the canned reply it came from
 * (`cannedShortcut`) is stored on the message and pulled back with it; a hand-written one has
 * none; a shortcut that is not a short slug is refused. A new chat keeps the category the customer
 * picked (`initial_category`) when the agent corrects the case's category.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../src/shared/protocol/sync';
import { PullResponse as PullResponseSchema } from '../../src/shared/protocol/sync';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

let srv: TestServer;
let agent: LoginResult;
let ticketId: string;

async function pullAll(token: string) {
  const changes: Change[] = [];
  let cursor = '';
  for (let page = 0; page < 1000; page++) {
    const r = await api<PullResponse>(srv.url, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=500`, { token });
    expect(r.status).toBe(200);
    const res = PullResponseSchema.parse(r.body);
    changes.push(...res.changes);
    cursor = res.cursor;
    if (!res.hasMore) break;
  }
  return changes;
}

const push = (mutations: unknown[]) =>
  api<{ acks: Record<string, unknown>[] }>(srv.url, 'POST', '/api/sync/push', { token: agent.token, body: { clientId: 'client-canned-usage', protocol: 1, mutations } });

beforeAll(async () => {
  srv = await startTestServer({ customers: 60, historicTickets: 20 });
  agent = await srv.loginAgent((await agentsIn(srv, 'eu-north'))[0]!.email);
  await setPresence(srv.url, agent.token, 'available');
  ticketId = (await startChat(srv.url, await customerIn(srv, 'eu-north'), { category: 'payment_delay', description: 'I sent the parcel back, where is my money?' })).body.chat.ticketId;
});
afterAll(async () => srv?.close());

describe('canned usage', () => {
  it('stores the shortcut a reply came from and pulls it back; a hand-written reply has none', async () => {
    const canned = clientMsgId();
    const typed = clientMsgId();
    const res = await push([
      { kind: 'message.reply', clientMsgId: canned, ticketId, body: 'Once the store confirms the return, we process the refund within 1–2 business days.', cannedShortcut: 'rr-timeline' },
      { kind: 'message.reply', clientMsgId: typed, ticketId, body: 'Let me check that for you.' },
    ]);
    expect(res.body.acks.map((a) => a.status)).toEqual(['applied', 'applied']);
    const stored = await srv.sql(`SELECT client_msg_id, canned_shortcut FROM messages WHERE ticket_id = ? AND author_kind = 'agent' ORDER BY created_at, id`, ticketId);
    expect(stored).toEqual([
      { client_msg_id: canned, canned_shortcut: 'rr-timeline' },
      { client_msg_id: typed, canned_shortcut: null },
    ]);
    const pulled = (await pullAll(agent.token)).flatMap((c) => (c.entity === 'message' && c.op === 'upsert' && c.row.ticketId === ticketId && c.row.authorKind === 'agent' ? [c.row] : []));
    expect(pulled.find((m) => m.clientMsgId === canned)?.cannedShortcut).toBe('rr-timeline');
    const handWritten = pulled.find((m) => m.clientMsgId === typed);
    expect(handWritten).toBeDefined();
    expect(handWritten && 'cannedShortcut' in handWritten).toBe(false);
  });

  it.each(['Not a slug', 'x'.repeat(65), '../etc', ''])('refuses the shortcut %j and stores nothing', async (cannedShortcut) => {
    const id = clientMsgId();
    const res = await push([{ kind: 'message.reply', clientMsgId: id, ticketId, body: 'A reply with a bad shortcut.', cannedShortcut }]);
    expect(res.status === 400 || res.body.acks?.[0]?.status === 'rejected').toBe(true);
    expect(await srv.sql(`SELECT id FROM messages WHERE client_msg_id = ?`, id)).toEqual([]);
  });

  it('keeps the category the customer picked when the agent corrects it, in storage and on the wire', async () => {
    expect(await srv.sqlOne(`SELECT category, initial_category FROM tickets WHERE id = ?`, ticketId)).toEqual({ category: 'payment_delay', initial_category: 'payment_delay' });
    const res = await push([{ kind: 'ticket.setCategory', clientMsgId: clientMsgId(), ticketId, category: 'refund_return' }]);
    expect(res.body.acks[0]).toMatchObject({ status: 'applied' });
    expect(await srv.sqlOne(`SELECT category, initial_category FROM tickets WHERE id = ?`, ticketId)).toEqual({ category: 'refund_return', initial_category: 'payment_delay' });
    const rows = (await pullAll(agent.token)).flatMap((c) => (c.entity === 'ticket' && c.op === 'upsert' && c.id === ticketId ? [c.row] : []));
    expect(rows.at(-1)).toMatchObject({ category: 'refund_return', initialCategory: 'payment_delay' });
  });
});
