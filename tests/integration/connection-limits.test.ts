/**
 * Caps on concurrent sockets (per chat token, per agent session, per address, sockets waiting to
 * sign in per address) and the Host header check against DNS rebinding, on HTTP and WebSocket.
 */
import net from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOO_MANY_CONNECTIONS_RETRY_MS } from '../../src/main/sync/engine';
import { DEMO_PASSWORD } from '../../src/server/demo/seed';
import { REFUSAL } from '../../src/server/live/connections';
import { CLOSE_CODES } from '../../src/shared/protocol/errors';
import { startDesktop } from '../helpers/desktop';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, startChat } from '../helpers/world';
import { agentSocket, customerSocket, openSocket, type TestSocket } from '../helpers/ws';

let srv: TestServer;

beforeAll(async () => {
  srv = await startTestServer({ limits: { maxSocketsPerChat: 2, maxSocketsPerSession: 2 }, publicHosts: ['desk.example.com'] });
});
afterAll(async () => srv?.close());

const closeAll = async (sockets: TestSocket[]) => {
  for (const s of sockets) s.close();
  await Promise.all(sockets.map((s) => s.closed));
  await new Promise((r) => setTimeout(r, 50)); // the server sees the closes too
};

/** An upgrade's HTTP answer when the server refuses it before the handshake. */
function refusedUpgrade(url: string, path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + path);
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
        ws.terminate();
      });
    });
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('error', () => undefined);
  });
}

/** Sends raw bytes to the server and returns its whole answer (the server closes, or 1 s passes). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    const done = () => {
      socket.destroy();
      resolve(text);
    };
    socket.on('data', (c) => {
      text += c.toString('latin1');
      // A 101 keeps the connection open; its head is all we need.
      if (text.startsWith('HTTP/1.1 101') && text.includes('\r\n\r\n')) done();
    });
    socket.on('end', done);
    socket.on('error', done);
    setTimeout(done, 1000);
  });
}
const statusOf = (answer: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
const bodyOf = (answer: string) => answer.slice(answer.indexOf('\r\n\r\n') + 4);
const upgradeRequest = (host: string | null, path = '/ws/chat') =>
  `GET ${path} HTTP/1.1\r\n${host === null ? '' : `Host: ${host}\r\n`}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;

describe('caps on concurrent sockets', () => {
  it('refuses a chat token’s socket over the cap with 4008 and a reason the chat page shows; closing one makes room', async () => {
    const chat = await startChat(srv.url, await customerIn(srv, 'eu-north', 3));
    const a = await customerSocket(srv.url, chat.body.token);
    const b = await customerSocket(srv.url, chat.body.token);
    const extra = await openSocket(srv.url, '/ws/chat');
    extra.send({ type: 'auth', token: chat.body.token });
    expect(await extra.closed).toEqual({ code: CLOSE_CODES.tooManyConnections, reason: REFUSAL.chatToken });
    expect(Buffer.byteLength(REFUSAL.chatToken)).toBeLessThanOrEqual(123);
    expect(extra.frames.some((f) => (f as { type: string }).type === 'ready')).toBe(false);
    // Another chat is not affected, and the open ones keep working.
    const other = await startChat(srv.url, await customerIn(srv, 'eu-north', 4));
    const c = await customerSocket(srv.url, other.body.token);
    a.send({ type: 'ping' });
    await a.next((f) => f.type === 'pong');
    await closeAll([b]);
    const again = await customerSocket(srv.url, chat.body.token);
    await closeAll([a, c, again]);
  });

  it('refuses an agent session’s socket over the cap with 4008; another session of the same agent still connects', async () => {
    const email = (await agentsIn(srv, 'eu-north'))[0]!.email;
    const login = await srv.loginAgent(email);
    const a = await agentSocket(srv.url, login.token);
    const b = await agentSocket(srv.url, login.token);
    const extra = await openSocket(srv.url, '/ws/agent');
    extra.send({ type: 'auth', token: login.token, protocol: 1 });
    expect(await extra.closed).toEqual({ code: CLOSE_CODES.tooManyConnections, reason: REFUSAL.session });
    const second = await srv.loginAgent(email);
    const c = await agentSocket(srv.url, second.token);
    await closeAll([a, b, c]);
  });

  it('counts sockets per address from the upgrade on, and refuses a flood that never signs in before the handshake (429)', async () => {
    const small = await startTestServer({ limits: { maxSocketsPerAddress: 4, maxPendingSocketsPerAddress: 2 } });
    try {
      const chat = await startChat(small.url, await customerIn(small, 'eu-north', 5));
      const agentToken = (await small.loginAgent((await agentsIn(small, 'eu-north'))[0]!.email)).token;
      const silent1 = await openSocket(small.url, '/ws/chat');
      const silent2 = await openSocket(small.url, '/ws/agent');
      // Two sockets of this address wait to sign in: the third is refused before the handshake.
      const flood = await refusedUpgrade(small.url, '/ws/chat');
      expect(flood.status).toBe(429);
      expect(flood.body).toMatchObject({ error: { code: 'rate_limited', message: expect.any(String) } });
      // They sign in: room again for sockets waiting to sign in.
      for (const s of [silent1, silent2]) s.send(silent2 === s ? { type: 'auth', token: agentToken, protocol: 1 } : { type: 'auth', token: chat.body.token });
      await silent1.next((f) => f.type === 'ready');
      await silent2.next((f) => f.type === 'ready');
      const silent3 = await openSocket(small.url, '/ws/chat');
      const signedIn = await customerSocket(small.url, chat.body.token);
      // Four open, one of them never signed in: the fifth is refused with 4008 and the reason.
      const over = await openSocket(small.url, '/ws/chat');
      expect(await over.closed).toEqual({ code: CLOSE_CODES.tooManyConnections, reason: REFUSAL.address });
      expect(Buffer.byteLength(REFUSAL.address)).toBeLessThanOrEqual(123);
      // Room again once one closes; HTTP is not affected by socket caps.
      await closeAll([silent2]);
      const later = await openSocket(small.url, '/ws/chat');
      expect((await fetch(`${small.url}/health`)).status).toBe(200);
      await closeAll([silent1, silent3, signedIn, later]);
    } finally {
      await small.close();
    }
  });

  it('handles frames sent right after auth in order, once the sign-in ran', async () => {
    const chat = await startChat(srv.url, await customerIn(srv, 'eu-north', 6));
    const s = await openSocket(srv.url, '/ws/chat');
    s.send({ type: 'auth', token: chat.body.token });
    s.send({ type: 'ping' });
    await s.next((f) => f.type === 'ready');
    await s.next((f) => f.type === 'pong');
    await closeAll([s]);
  });
});

describe('the desktop refused for too many connections', () => {
  it('shows why, backs off at least 10 s instead of reconnecting at once, and connects once there is room', async () => {
    const small = await startTestServer({ limits: { maxSocketsPerAddress: 3, maxPendingSocketsPerAddress: 1 } });
    const d = await startDesktop();
    try {
      // Before the handshake (429): this address already has a socket waiting to sign in.
      const silent = await openSocket(small.url, '/ws/chat');
      await d.call('session:login', { serverUrl: small.url, email: (await agentsIn(small, 'eu-north'))[0]!.email, password: DEMO_PASSWORD });
      await d.waitFor(async () => (await d.status()).problem !== null, 'the refusal');
      let status = await d.status();
      expect(status).toMatchObject({ connection: 'offline', attempt: 1, problem: expect.stringMatching(/too many connections/i) });
      expect(Date.parse(status.nextRetryAt!) - Date.now()).toBeGreaterThan(TOO_MANY_CONNECTIONS_RETRY_MS - 1000);
      await closeAll([silent]);

      // After the handshake (4008): the address is at its cap; the agent sees the server's sentence.
      const chat = await startChat(small.url, await customerIn(small, 'eu-north', 5));
      const tabs = [await customerSocket(small.url, chat.body.token), await customerSocket(small.url, chat.body.token), await customerSocket(small.url, chat.body.token)];
      await d.call('sync:retryNow', null);
      await d.waitFor(async () => (await d.status()).problem === REFUSAL.address, 'the 4008 refusal');
      status = await d.status();
      expect(status).toMatchObject({ connection: 'offline', attempt: 2 });
      expect(Date.parse(status.nextRetryAt!) - Date.now()).toBeGreaterThan(TOO_MANY_CONNECTIONS_RETRY_MS - 1000);
      await new Promise((r) => setTimeout(r, 1000));
      expect((await d.status()).attempt).toBe(2); // no hot reconnect loop

      await closeAll([tabs[0]!]);
      await d.call('sync:retryNow', null);
      await d.waitFor(async () => (await d.status()).connection === 'online', 'the reconnect');
      expect((await d.status()).problem).toBeNull();
      await closeAll(tabs.slice(1));
    } finally {
      await d.close();
      await small.close();
    }
  });
});

describe('the Host header (DNS rebinding)', () => {
  const port = () => new URL(srv.url).port;
  const hostile = () => [
    'evil.example',
    `evil.example:${port()}`,
    `127.0.0.1.evil.example:${port()}`,
    `localhost.evil:${port()}`,
    `desk.example.com.evil.example:${port()}`,
    '',
    `user@127.0.0.1:${port()}`,
    `127.0.0.1:${port()}@evil.example`,
    `[::1]evil:${port()}`,
  ];
  const allowed = () => [`127.0.0.1:${port()}`, `localhost:${port()}`, `[::1]:${port()}`, `desk.example.com:${port()}`, 'desk.example.com'];

  it('refuses HTTP requests with a foreign or malformed Host with 421 and the JSON error body', async () => {
    for (const host of hostile()) {
      const answer = await raw(srv.server.port, `GET /health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(statusOf(answer), host).toBe(421);
      expect(JSON.parse(bodyOf(answer)), host).toMatchObject({ error: { code: 'forbidden', message: expect.any(String) } });
    }
    // The chat page and the API alike.
    const page = await raw(srv.server.port, `GET /chat/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
    expect(statusOf(page)).toBe(421);
    expect(page).not.toContain('<html');
  });

  it('refuses WebSocket upgrades with a foreign or malformed Host before the handshake', async () => {
    for (const host of hostile()) {
      const answer = await raw(srv.server.port, upgradeRequest(host));
      expect(statusOf(answer), host).toBe(421);
      expect(answer).not.toContain('Sec-WebSocket-Accept');
    }
    expect(statusOf(await raw(srv.server.port, upgradeRequest('evil.example', '/ws/agent')))).toBe(421);
  });

  it('serves its own names: IP literals, localhost and the configured public host', async () => {
    for (const host of allowed()) {
      const answer = await raw(srv.server.port, `GET /health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(statusOf(answer), host).toBe(200);
      expect(statusOf(await raw(srv.server.port, upgradeRequest(host))), host).toBe(101);
    }
  });

  it('lets an HTTP/1.0 request without a Host header through (browsers always send one)', async () => {
    expect(statusOf(await raw(srv.server.port, 'GET /health HTTP/1.0\r\n\r\n'))).toBe(200);
  });
});
