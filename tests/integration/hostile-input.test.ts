import sharp from 'sharp';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';
import { customerSocket, openSocket } from '../helpers/ws';

let srv: TestServer;
let chatToken: string;
let ticketId: string;
let agent: LoginResult;

beforeAll(async () => {
  srv = await startTestServer();
  agent = await srv.loginAgent((await agentsIn(srv, 'eu-north'))[0]!.email);
  await setPresence(srv.url, agent.token, 'available');
  const c = await startChat(srv.url, await customerIn(srv, 'eu-north'), { category: 'technical_glitch', description: 'The app crashes at checkout' });
  chatToken = c.body.token;
  ticketId = c.body.chat.ticketId;
});
afterAll(async () => srv?.close());

async function stillServing() {
  const h = await api<{ status: string }>(srv.url, 'GET', '/health');
  expect(h.body.status).toBe('ok');
  const me = await api(srv.url, 'GET', '/api/auth/me', { token: agent.token });
  expect(me.status).toBe(200);
}

/** A PNG whose header claims 100000 x 100000 pixels: tiny on disk, 40 GB if decoded. */
function pixelFloodPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1000))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('hostile HTTP input', () => {
  it('malformed JSON gets 400 with a clear message', async () => {
    const res = await fetch(`${srv.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": "a",' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
    await stillServing();
  });

  it('unknown fields and absurd numbers get 400', async () => {
    const extra = await api(srv.url, 'POST', '/api/chat/csat', { token: chatToken, body: { rating: 5, sneaky: true } });
    expect(extra.status).toBe(400);
    const absurd = await api(srv.url, 'PUT', '/api/agents/me/presence', { token: agent.token, body: { presence: 'available', capacity: 1e12 } });
    expect(absurd.status).toBe(400);
    const nested = await api(srv.url, 'POST', '/api/sync/push', {
      token: agent.token,
      body: JSON.parse('{"clientId":"client-nested-1","protocol":1,"mutations":' + '['.repeat(500) + ']'.repeat(500) + '}'),
    });
    expect(nested.status).toBe(400);
    await stillServing();
  });

  it('an oversized JSON body gets 413', async () => {
    const res = await api(srv.url, 'POST', '/api/chat/messages', { token: chatToken, body: { clientMsgId: clientMsgId(), body: 'x'.repeat(200_000) } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'payload_too_large' } });
    await stillServing();
  });

  it('a non-image named .png is refused by content, and a pixel flood by its header', async () => {
    const text = await api(srv.url, 'PUT', '/api/chat/attachments', {
      token: chatToken,
      raw: Buffer.from('this is not a picture at all, just text pretending'),
      contentType: 'image/png',
      headers: { 'x-filename': 'screenshot.png' },
    });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ error: { code: 'unsupported_media_type' } });

    const flood = await api(srv.url, 'PUT', '/api/chat/attachments', { token: chatToken, raw: pixelFloodPng(), contentType: 'image/png' });
    expect(flood.status).toBe(413);

    const tooBig = await api(srv.url, 'PUT', '/api/chat/attachments', { token: chatToken, raw: Buffer.alloc(9 * 1024 * 1024), contentType: 'image/png' });
    expect(tooBig.status).toBe(413);

    const pdf = await api(srv.url, 'PUT', '/api/chat/attachments', { token: chatToken, raw: Buffer.from('%PDF-1.4'), contentType: 'application/pdf' });
    expect(pdf.status).toBe(415);
    expect(await srv.sqlOne('SELECT count(*) AS n FROM attachments WHERE ticket_id = ?', ticketId)).toEqual({ n: 0 });
    await stillServing();
  });

  it('a real screenshot is stored without metadata and served safely', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 40, channels: 3, background: '#3366ff' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-owner', ImageDescription: 'gps-here' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const up = await api<{ attachment: { id: string; width: number; height: number; mime: string } }>(srv.url, 'PUT', '/api/chat/attachments', {
      token: chatToken,
      raw: jpeg,
      contentType: 'image/jpeg',
      headers: { 'x-filename': '../../etc/passwd.jpg' },
    });
    expect(up.status).toBe(201);
    expect(up.body.attachment).toMatchObject({ width: 64, height: 40, mime: 'image/jpeg' });
    const res = await fetch(`${srv.url}/api/chat/attachments/${up.body.attachment.id}`, { headers: { authorization: `Bearer ${chatToken}` } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="etcpasswd.jpg"$/);
    const served = Buffer.from(await res.arrayBuffer());
    expect((await sharp(served).metadata()).exif).toBeUndefined();
    // Agents of the ticket can fetch it; another ticket's customer cannot.
    expect((await fetch(`${srv.url}/api/attachments/${up.body.attachment.id}`, { headers: { authorization: `Bearer ${agent.token}` } })).status).toBe(200);
    const stranger = await startChat(srv.url, await customerIn(srv, 'eu-north', 7));
    expect((await fetch(`${srv.url}/api/chat/attachments/${up.body.attachment.id}`, { headers: { authorization: `Bearer ${stranger.body.token}` } })).status).toBe(404);
  });
});

describe('hostile WebSocket input', () => {
  it('closes a socket that sends malformed JSON (1007), binary (1003) or an oversized frame (1009); others keep working', async () => {
    const healthy = await customerSocket(srv.url, chatToken);

    const bad = await openSocket(srv.url, '/ws/chat');
    bad.sendRaw('{"type":');
    expect((await bad.closed).code).toBe(1007);

    const bin = await openSocket(srv.url, '/ws/chat');
    bin.sendRaw(Buffer.from([1, 2, 3]), true);
    expect((await bin.closed).code).toBe(1003);

    const big = await openSocket(srv.url, '/ws/agent');
    big.sendRaw(JSON.stringify({ type: 'auth', token: 'x'.repeat(100_000), protocol: 1 }));
    expect((await big.closed).code).toBe(1009);

    const id = clientMsgId();
    healthy.send({ type: 'message', clientMsgId: id, body: 'still here' });
    await healthy.next((f) => f.type === 'ack' && f.clientMsgId === id);
    healthy.close();
    await stillServing();
  });

  it('answers an unknown frame type with an error frame and keeps the socket', async () => {
    const s = await customerSocket(srv.url, chatToken);
    s.send({ type: 'drop_tables' });
    const err = await s.next<{ code: string }>((f) => f.type === 'error');
    expect(err.code).toBe('bad_request');
    s.send({ type: 'ping' });
    await s.next((f) => f.type === 'pong');
    s.close();
  });

  it('closes a socket that floods frames (4029)', async () => {
    const s = await customerSocket(srv.url, chatToken);
    for (let i = 0; i < 500; i++) s.send({ type: 'typing', typing: i % 2 === 0 });
    expect((await s.closed).code).toBe(4029);
    await stillServing();
  });

  it('the same client message id sent twice over the socket stores one message', async () => {
    const s = await customerSocket(srv.url, chatToken);
    const id = clientMsgId();
    s.send({ type: 'message', clientMsgId: id, body: 'only once' });
    s.send({ type: 'message', clientMsgId: id, body: 'only once' });
    const a1 = await s.next<{ messageId: string }>((f) => f.type === 'ack' && f.clientMsgId === id);
    const a2 = await s.next<{ messageId: string }>((f) => f.type === 'ack' && f.clientMsgId === id);
    expect(a1.messageId).toBe(a2.messageId);
    expect(await srv.sqlOne(`SELECT count(*) AS n FROM messages WHERE ticket_id = ? AND body = 'only once'`, ticketId)).toEqual({ n: 1 });
    s.close();
  });
});

describe('rate limits', () => {
  it('answers 429 past the per-address login limit and keeps serving sessions', async () => {
    const limited = await startTestServer({ limits: { loginPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await api(limited.url, 'POST', '/api/auth/login', { body: { email: 'nobody@example.com', password: 'guess' } })).status);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      const last = await api(limited.url, 'POST', '/api/auth/login', { body: { email: 'nobody@example.com', password: 'guess' } });
      expect(last.body).toMatchObject({ error: { code: 'rate_limited' } });
      expect((await api(limited.url, 'GET', '/health')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
