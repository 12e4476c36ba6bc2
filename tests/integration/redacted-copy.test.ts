/**
 * A redacted copy of a screenshot travels as an image on an internal note: the agent uploads it
 * (`PUT /api/attachments`), then pushes `message.note` with its id. The note links the image and
 * feeds it to the desktops; the customer never gets it, not even by its id; the original stays.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, setPresence, startChat } from '../helpers/world';

let srv: TestServer;
let agent: LoginResult;

beforeAll(async () => {
  srv = await startTestServer({ customers: 120, historicTickets: 20 });
  agent = await srv.loginAgent((await agentsIn(srv, 'eu-north'))[0]!.email);
  await setPresence(srv.url, agent.token, 'available', 8);
});
afterAll(async () => srv?.close());

const png = (colour: string) => sharp({ create: { width: 16, height: 12, channels: 3, background: colour } }).png().toBuffer();

describe('a redacted copy on an internal note', () => {
  it('links the image to the note, feeds it to the agent and keeps it from the customer', async () => {
    const c = await srv.sqlOne(`SELECT c.id FROM customers c WHERE c.region_id = 'eu-north'
           AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = c.id AND t.status IN ('queued','open','pending')) LIMIT 1`) as { id: string };
    const started = await startChat(srv.url, c.id);
    expect(started.status).toBe(201);
    const ticketId: string = started.body.chat.ticketId;
    const chatToken: string = started.body.token;

    // The customer's original screenshot, sent in the chat.
    const original = await api<{ attachment: { id: string } }>(srv.url, 'PUT', '/api/chat/attachments', { token: chatToken, raw: await png('#ff0000'), contentType: 'image/png', headers: { 'x-filename': 'card.png' } });
    expect(original.status).toBe(201);
    const sent = await api(srv.url, 'POST', '/api/chat/messages', { token: chatToken, body: { clientMsgId: clientMsgId(), body: 'here', attachmentIds: [original.body.attachment.id] } });
    expect(sent.status).toBeLessThan(300);

    const copy = await api<{ attachment: { id: string; filename: string; messageId: string | null } }>(srv.url, 'PUT', `/api/attachments?ticketId=${ticketId}`, {
      token: agent.token,
      raw: await png('#808080'),
      contentType: 'image/png',
      headers: { 'x-filename': 'card-redacted.png' },
    });
    expect(copy.status).toBe(201);
    expect(copy.body.attachment).toMatchObject({ filename: 'card-redacted.png', messageId: null });
    const copyId = copy.body.attachment.id;

    const push = await api<{ acks: { status: string }[] }>(srv.url, 'POST', '/api/sync/push', {
      token: agent.token,
      body: {
        clientId: `client-${agent.agent.id.slice(-12)}`,
        protocol: 1,
        mutations: [{ clientMsgId: clientMsgId(), kind: 'message.note', ticketId, body: 'Redacted copy of card.png', attachmentIds: [copyId] }],
      },
    });
    expect(push.body.acks).toMatchObject([{ status: 'applied' }]);

    const note = await srv.sqlOne(`SELECT id, attachment_ids_json FROM messages WHERE ticket_id = ? AND author_kind = 'note' AND body = ?`, ticketId, 'Redacted copy of card.png') as { id: string; attachment_ids_json: string };
    expect(JSON.parse(note.attachment_ids_json)).toEqual([copyId]);
    expect(await srv.sqlOne('SELECT message_id FROM attachments WHERE id = ?', copyId)).toEqual({ message_id: note.id });

    // The agent's desktops get the linked copy through the feed.
    let cursor = '';
    const rows: { id: string; messageId: string | null }[] = [];
    for (;;) {
      const r = await api<{ changes: { entity: string; op: string; row: { id: string; messageId: string | null; ticketId: string } }[]; cursor: string; hasMore: boolean }>(
        srv.url,
        'GET',
        `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=500`,
        { token: agent.token },
      );
      expect(r.status).toBe(200);
      for (const ch of r.body.changes) if (ch.entity === 'attachment' && ch.op === 'upsert' && ch.row.ticketId === ticketId) rows.push(ch.row);
      cursor = r.body.cursor;
      if (!r.body.hasMore) break;
    }
    expect(rows.filter((r) => r.id === copyId).at(-1)?.messageId).toBe(note.id);

    // The customer sees the original, never the note's image.
    expect((await api(srv.url, 'GET', `/api/chat/attachments/${original.body.attachment.id}`, { token: chatToken })).status).toBe(200);
    expect((await api(srv.url, 'GET', `/api/chat/attachments/${copyId}`, { token: chatToken })).status).toBe(404);
    const state = await api<Record<string, unknown>>(srv.url, 'GET', '/api/chat/state', { token: chatToken });
    expect(JSON.stringify(state.body)).not.toContain(copyId);
  });
});
