/**
 * Card numbers typed by customers never reach storage, pulls or live events in full: in every
 * form a keyboard produces, split across messages (HTTP, the chat socket, one group commit), in
 * the pre-chat description and in upload file names. Numbers that are not cards pass unchanged.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../src/shared/protocol/sync';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, startChat } from '../helpers/world';
import { agentSocket, customerSocket, type TestSocket } from '../helpers/ws';

const CARDS = ['4111111111111111', '5500000000000004', '378282246310005', '6011000990139424', '4242424242424242', '5555555555554444'];

/** Every digit in any Unicode form, as ASCII; everything else dropped (separators, invisibles). */
function digitsOf(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC')) {
    if (!/\p{Nd}/u.test(ch)) continue;
    let zero = ch.codePointAt(0)!;
    while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
    out += String((ch.codePointAt(0)! - zero) % 10);
  }
  return out;
}

const holdsCard = (text: string): boolean => CARDS.some((c) => digitsOf(text).includes(c));

let srv: TestServer;
let agent: LoginResult;
let customerOffset = 0;

interface Chat {
  ticketId: string;
  token: string;
}

async function newChat(extra: Record<string, unknown> = {}): Promise<Chat> {
  const started = await startChat(srv.url, await customerIn(srv, 'eu-north', customerOffset++), extra);
  expect(started.status).toBe(201);
  return { ticketId: started.body.chat.ticketId, token: started.body.token };
}

async function sendHttp(chat: Chat, body: string): Promise<{ id: string; body: string }> {
  const res = await api<{ message: { id: string; body: string } }>(srv.url, 'POST', '/api/chat/messages', {
    token: chat.token,
    body: { clientMsgId: clientMsgId(), body },
  });
  expect(res.status).toBe(200);
  return res.body.message;
}

async function sendWs(socket: TestSocket, body: string): Promise<{ id: string; body: string }> {
  const id = clientMsgId();
  socket.send({ type: 'message', clientMsgId: id, body });
  const ack = await socket.next<{ message: { id: string; body: string } }>((f) => f.type === 'ack' && f.clientMsgId === id);
  return ack.message;
}

interface StoredMessage {
  id: string;
  author_kind: string;
  body: string;
  version: number;
}

const storedMessages = async (ticketId: string): Promise<StoredMessage[]> =>
  await srv.sql('SELECT id, author_kind, body, version FROM messages WHERE ticket_id = ? ORDER BY created_at, id', ticketId) as StoredMessage[];

/** No message holds a card, and neither do the customer's messages read as one text. */
async function expectNoCardStored(ticketId: string): Promise<StoredMessage[]> {
  const rows = await storedMessages(ticketId);
  for (const r of rows) expect(holdsCard(r.body), r.body).toBe(false);
  const customerText = rows.filter((r) => r.author_kind === 'customer').map((r) => r.body).join('\n');
  expect(holdsCard(customerText), customerText).toBe(false);
  const subject = (await srv.sqlOne('SELECT subject FROM tickets WHERE id = ?', ticketId) as { subject: string }).subject;
  expect(holdsCard(subject), subject).toBe(false);
  return rows;
}

async function pullAll(token: string): Promise<Change[]> {
  const changes: Change[] = [];
  let cursor = '';
  for (let page = 0; page < 1000; page++) {
    const r = await api<PullResponse>(srv.url, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=500`, { token });
    expect(r.status).toBe(200);
    changes.push(...r.body.changes);
    cursor = r.body.cursor;
    if (!r.body.hasMore) break;
  }
  return changes;
}

const touched = new Set<string>();

beforeAll(async () => {
  srv = await startTestServer({ customers: 120, historicTickets: 40 });
  agent = await srv.loginAgent((await agentsIn(srv, 'eu-north'))[0]!.email);
});
afterAll(async () => srv?.close());

// Each form a keyboard or a person produces; the stored body keeps the text around the card.
const FORMS: [string, string][] = [
  ['full-width ４１１１ １１１１ １１１１ １１１１ please', 'full-width •••• 1111 please'],
  ['４１１１１１１１１１１１１１１１', '•••• 1111'],
  ['zero-width 5500\u200B0000\u200B0000\u200B0004', 'zero-width •••• 0004'],
  [`joiners ${[...'4242424242424242'].join('\u2060')}`, 'joiners •••• 4242'],
  ['many separators 6011 -- 0009 .. 9013 // 9424', 'many separators •••• 9424'],
  ['Arabic-Indic ٥٥٥٥ ٥٥٥٥ ٥٥٥٥ ٤٤٤٤', 'Arabic-Indic •••• 4444'],
  ['Devanagari ३७८२ ८२२४६३ १०००५', 'Devanagari •••• 0005'],
  ['no-break spaces 4111\u00A01111\u202F1111\u20091111', 'no-break spaces •••• 1111'],
  ['bold 𝟒𝟐𝟒𝟐 𝟒𝟐𝟒𝟐 𝟒𝟐𝟒𝟐 𝟒𝟐𝟒𝟐', 'bold •••• 4242'],
  ['soft hyphens 5555\u00AD5555\u00AD5555\u00AD4444 ok', 'soft hyphens •••• 4444 ok'],
];

// Numbers that are not cards, as a customer writes them.
const NOT_CARDS = [
  'My order is ORD-1234567, placed 2026-11-28.',
  'Call me on +46 70 123 45 67 or +1 (415) 555-0132',
  '+49 1512 3456 787',
  'IBAN SE45 5000 0000 0583 9825 7466',
  'Refund to DE89 3704 0044 0532 0130 00 please',
  'please pay to SE77 5542 4072 1866 9243 6621 today',
  'Tracking 1Z999AA10123456784 and 9400 1234 5678 9012 3456 00',
  'Paid 1 234,50 kr on 28.11.2026, and $1,234.56 on 11/28/2026',
  'Reference HX7K-2M9P, transaction TX7KQ2M9PZ4A',
  'from 2026-11-28 - 2026-12-11',
  'PO4500012345679',
  'amount 12 345 678 901 237 kr',
];

describe('card numbers in chat messages', () => {
  it('are masked in every form over HTTP; the text around them stays as written', async () => {
    const chat = await newChat();
    touched.add(chat.ticketId);
    for (const [typed, stored] of FORMS) {
      const sent = await sendHttp(chat, typed);
      expect(sent.body).toBe(stored);
      await sendHttp(chat, 'thanks'); // keeps the forms apart: each is masked on its own
    }
    const rows = await expectNoCardStored(chat.ticketId);
    for (const [, stored] of FORMS) expect(rows.map((r) => r.body)).toContain(stored);
  });

  it('are masked in every form over the chat socket', async () => {
    const chat = await newChat();
    touched.add(chat.ticketId);
    const socket = await customerSocket(srv.url, chat.token);
    try {
      for (const [typed, stored] of FORMS) {
        expect((await sendWs(socket, typed)).body).toBe(stored);
        await sendWs(socket, 'ok');
      }
    } finally {
      socket.close();
    }
    await expectNoCardStored(chat.ticketId);
  });

  it('leave numbers that are not cards exactly as written', async () => {
    const chat = await newChat();
    touched.add(chat.ticketId);
    for (const text of NOT_CARDS) expect((await sendHttp(chat, text)).body).toBe(text);
    const bodies = (await storedMessages(chat.ticketId)).map((r) => r.body);
    for (const text of NOT_CARDS) expect(bodies).toContain(text);
  });

  it('are masked in the pre-chat description, and in the subject made from it', async () => {
    const chat = await newChat({ description: '４１１１ １１１１ １１１１ １１１１ was charged twice' });
    touched.add(chat.ticketId);
    const rows = await expectNoCardStored(chat.ticketId);
    expect(rows.filter((r) => r.author_kind === 'customer').map((r) => r.body)).toEqual(['•••• 1111 was charged twice']);
  });
});

describe('card numbers split across messages', () => {
  it('are masked in both messages when split over two (HTTP), the earlier one as a new version', async () => {
    const chat = await newChat();
    touched.add(chat.ticketId);
    const first = await sendHttp(chat, 'my card is 4111 1111');
    const second = await sendHttp(chat, '1111 1111 is it ok?');
    expect(second.body).toBe('•••• 1111 is it ok?');
    const rows = await expectNoCardStored(chat.ticketId);
    expect(rows.find((r) => r.id === first.id)).toMatchObject({ body: 'my card is ••••', version: 2 });
    const audit = await srv.sqlOne(`SELECT count(*) AS n FROM audit_log WHERE action = 'message.card_masked_across' AND ticket_id = ?`, chat.ticketId);
    expect(audit).toEqual({ n: 1 });
  });

  it('are masked when split over four messages on the chat socket, and desktops get the rewrites live', async () => {
    const chat = await newChat();
    touched.add(chat.ticketId);
    const live = await agentSocket(srv.url, agent.token);
    const socket = await customerSocket(srv.url, chat.token);
    try {
      const sent = [];
      for (const part of ['５５００', '0000\u200B', '0000', '0004']) sent.push(await sendWs(socket, part));
      expect(sent[3]!.body).toBe('•••• 0004');
      const rows = await expectNoCardStored(chat.ticketId);
      for (const s of sent.slice(0, 3)) expect(rows.find((r) => r.id === s.id)).toMatchObject({ body: '••••', version: 2 });
      // Each earlier part arrives again as version 2, masked.
      const rewritten = new Set<string>();
      while (rewritten.size < 3) {
        const frame = await live.next<{ changes: Change[] }>((f) => f.type === 'changes');
        for (const c of frame.changes)
          if (c.entity === 'message' && c.op === 'upsert' && c.row.version === 2 && sent.some((s) => s.id === c.id)) {
            expect(c.row.body).toBe('••••');
            rewritten.add(c.id);
          }
      }
    } finally {
      socket.close();
      live.close();
    }
  });

  it('are masked when both halves are committed in one group commit', async () => {
    const chat = await newChat();
    touched.add(chat.ticketId);
    const results = await srv.server.services.chats.sendMany([
      { ticketId: chat.ticketId, authorName: 'Customer', req: { clientMsgId: clientMsgId(), body: '5555 5555' } },
      { ticketId: chat.ticketId, authorName: 'Customer', req: { clientMsgId: clientMsgId(), body: '5555 4444' } },
    ]);
    expect(results.map((r) => r.ok && r.value.body)).toEqual(['5555 5555', '•••• 4444']);
    const rows = await expectNoCardStored(chat.ticketId);
    expect(rows.filter((r) => r.author_kind === 'customer').map((r) => r.body)).toEqual(['My payment has not shown up yet.', '••••', '•••• 4444']);
  });

  it('are masked when two socket frames arrive back to back', async () => {
    const chat = await newChat();
    touched.add(chat.ticketId);
    const socket = await customerSocket(srv.url, chat.token);
    try {
      const a = clientMsgId();
      const b = clientMsgId();
      socket.send({ type: 'message', clientMsgId: a, body: '6011 0009' });
      socket.send({ type: 'message', clientMsgId: b, body: '9013 9424' });
      await socket.next((f) => f.type === 'ack' && f.clientMsgId === a);
      const ack = await socket.next<{ message: { body: string } }>((f) => f.type === 'ack' && f.clientMsgId === b);
      expect(ack.message.body).toBe('•••• 9424');
    } finally {
      socket.close();
    }
    await expectNoCardStored(chat.ticketId);
  });

  it('join the pre-chat description to the next message', async () => {
    const chat = await newChat({ description: 'I paid with 4242 4242' });
    touched.add(chat.ticketId);
    expect((await sendHttp(chat, '4242 4242')).body).toBe('•••• 4242');
    const rows = await expectNoCardStored(chat.ticketId);
    expect(rows.filter((r) => r.author_kind === 'customer').map((r) => r.body)).toEqual(['I paid with ••••', '•••• 4242']);
  });

  it('do not join a message that is not a continuation', async () => {
    const chat = await newChat();
    touched.add(chat.ticketId);
    await sendHttp(chat, 'order ORD-1234567');
    expect((await sendHttp(chat, '4111 1111')).body).toBe('4111 1111');
    expect((await storedMessages(chat.ticketId)).map((r) => r.body)).toContain('order ORD-1234567');
  });
});

describe('card numbers in upload file names', () => {
  it('are masked before the name is stored or sent', async () => {
    const chat = await newChat();
    touched.add(chat.ticketId);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const names = ['card 4111 1111 1111 1111.png', '5500\u00A00000\u00A00000\u00A00004.png', '4242,4242,4242,4242.png', 'receipt ORD-1234567.png'];
    const stored: string[] = [];
    for (const name of names) {
      const up = await api<{ attachment: { filename: string } }>(srv.url, 'PUT', '/api/chat/attachments', {
        token: chat.token,
        raw: png,
        contentType: 'image/png',
        headers: { 'x-filename': name },
      });
      expect(up.status).toBe(201);
      stored.push(up.body.attachment.filename);
    }
    expect(stored).toEqual(['card 1111.png', '0004.png', '4242.png', 'receipt ORD-1234567.png']);
    const rows = await srv.sql('SELECT filename FROM attachments WHERE ticket_id = ?', chat.ticketId) as { filename: string }[];
    for (const r of rows) expect(holdsCard(r.filename), r.filename).toBe(false);
  });
});

describe("an agent's pull", () => {
  it('holds no card number in any message of these chats, and the masked rewrites', async () => {
    const changes = await pullAll(agent.token);
    const tickets = new Set(changes.filter((c) => c.entity === 'ticket' && c.op === 'upsert').map((c) => c.id));
    for (const id of touched) expect(tickets.has(id), `ticket ${id} visible to the agent`).toBe(true);
    const messages = changes.flatMap((c) => (c.entity === 'message' && c.op === 'upsert' && touched.has(c.row.ticketId) ? [c.row] : []));
    expect(messages.length).toBeGreaterThan(40);
    for (const m of messages) expect(holdsCard(m.body), m.body).toBe(false);
    for (const ticketId of touched) {
      const text = messages.filter((m) => m.ticketId === ticketId && m.authorKind === 'customer').map((m) => m.body).join('\n');
      expect(holdsCard(text), text).toBe(false);
    }
    expect(messages.filter((m) => m.version === 2).length).toBeGreaterThanOrEqual(6);
    const attachments = changes.flatMap((c) => (c.entity === 'attachment' && c.op === 'upsert' && touched.has(c.row.ticketId) ? [c.row] : []));
    expect(attachments.length).toBe(4);
    for (const a of attachments) expect(holdsCard(a.filename), a.filename).toBe(false);
  });
});

describe('card numbers in the other fields a customer writes', () => {
  const fullWidth = '４１１１ １１１１ １１１１ １１１１';
  const zeroWidth = '5500\u200b0000\u200b0000\u200b0004';

  it('are masked in the order number field of the pre-chat form', async () => {
    for (const orderNumber of ['4111111111111111', '4111-1111-1111-1111']) {
      const chat = await newChat({ orderNumber });
      const row = await srv.sqlOne('SELECT order_number FROM tickets WHERE id = ?', chat.ticketId) as { order_number: string };
      expect(holdsCard(row.order_number), row.order_number).toBe(false);
      expect(row.order_number).toContain('1111');
      await expectNoCardStored(chat.ticketId); // "Chat started · order …" included
    }
    // Other digit forms are not order-number characters: refused with a clear error, nothing stored.
    const refused = await startChat(srv.url, await customerIn(srv, 'eu-north', customerOffset++), { orderNumber: fullWidth });
    expect(refused.status).toBe(400);
  });

  it('are masked in a visitor’s name, the CSAT comment and an email ticket', async () => {
    const visitor = await api<{ token: string; chat: { ticketId: string } }>(srv.url, 'POST', '/api/chat/start', {
      body: { name: `Ava ${fullWidth}`, email: 'ava@example.com', regionId: 'eu-north', category: 'other', description: 'Hello' },
    });
    expect(visitor.status).toBe(201);
    const customer = await srv.sqlOne('SELECT c.name FROM customers c JOIN tickets t ON t.customer_id = c.id WHERE t.id = ?', visitor.body.chat.ticketId) as { name: string };
    expect(holdsCard(customer.name), customer.name).toBe(false);
    expect(customer.name.startsWith('Ava ')).toBe(true);
    const authorNames = await srv.sql('SELECT author_name FROM messages WHERE ticket_id = ?', visitor.body.chat.ticketId) as { author_name: string }[];
    for (const a of authorNames) expect(holdsCard(a.author_name)).toBe(false);

    await api(srv.url, 'POST', '/api/chat/end', { token: visitor.body.token });
    const rated = await api(srv.url, 'POST', '/api/chat/csat', { token: visitor.body.token, body: { rating: 2, comment: `You asked for my card ${zeroWidth} and never answered` } });
    expect(rated.status).toBe(200);
    const csat = await srv.sqlOne('SELECT csat_comment FROM tickets WHERE id = ?', visitor.body.chat.ticketId) as { csat_comment: string };
    expect(holdsCard(csat.csat_comment), csat.csat_comment).toBe(false);
    expect(csat.csat_comment).toMatch(/^You asked for my card .*0004 and never answered$/);

    const email = await api<{ reference: string }>(srv.url, 'POST', '/api/chat/email', {
      body: { name: `Bo ${zeroWidth}`, email: 'bo@example.com', regionId: 'eu-north', category: 'payment_delay', description: `Charged twice on ${fullWidth}`, orderNumber: '5500-0000-0000-0004' },
    });
    expect(email.status).toBe(201);
    const t = await srv.sqlOne('SELECT id, subject, order_number, customer_id FROM tickets WHERE reference = ?', email.body.reference) as { id: string; subject: string; order_number: string; customer_id: string };
    expect(holdsCard(t.subject) || holdsCard(t.order_number)).toBe(false);
    expect(holdsCard((await srv.sqlOne('SELECT name FROM customers WHERE id = ?', t.customer_id) as { name: string }).name)).toBe(false);
    await expectNoCardStored(t.id);
  });
});
