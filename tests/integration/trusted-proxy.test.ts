/**
 * Behind a reverse proxy every connection comes from the proxy. With --trust-proxy the desk
 * counts login attempts, chat starts and sockets waiting to sign in per client, the address the
 * proxy puts in X-Forwarded-For; without it that header is ignored, so a client cannot dodge a
 * limit by naming another address. (nginx itself in front of two nodes: tests/helpers/nginx.ts.)
 */
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

async function server(trustProxy?: string[]) {
  const s = await startTestServer({ trustProxy, limits: { loginPerMinute: 3, maxPendingSocketsPerAddress: 1, maxSocketsPerAddress: 10 } });
  servers.push(s);
  return s;
}

const login = (url: string, from: string) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email: 'nobody@demo.agentdesk.test', password: 'wrong-password-123' }),
  }).then((r) => r.status);

/** Opens a socket that never signs in; resolves 'open' or the refusal's HTTP status. */
function pendingSocket(url: string, from: string): Promise<{ ws: WebSocket | null; outcome: 'open' | number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws/chat`, { headers: { 'x-forwarded-for': from } });
    ws.on('open', () => resolve({ ws, outcome: 'open' }));
    ws.on('unexpected-response', (_req, res) => {
      resolve({ ws: null, outcome: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on('error', () => undefined);
  });
}

describe('a desk behind a trusted reverse proxy', () => {
  it('limits logins per client address from X-Forwarded-For, not per proxy', async () => {
    const desk = await server(['loopback']);
    for (let i = 0; i < 3; i++) expect(await login(desk.url, '203.0.113.10')).toBe(401);
    expect(await login(desk.url, '203.0.113.10')).toBe(429);
    // Another agent behind the same proxy is not locked out by the first one's attempts.
    expect(await login(desk.url, '203.0.113.11')).toBe(401);
  });

  it('caps sockets waiting to sign in per client address', async () => {
    const desk = await server(['127.0.0.1']);
    const first = await pendingSocket(desk.url, '198.51.100.7');
    expect(first.outcome).toBe('open');
    expect((await pendingSocket(desk.url, '198.51.100.7')).outcome).toBe(429);
    const other = await pendingSocket(desk.url, '198.51.100.8');
    expect(other.outcome).toBe('open');
    first.ws?.close();
    other.ws?.close();
  });
});

describe('a desk that trusts no proxy (the default)', () => {
  it('ignores X-Forwarded-For: naming another address does not dodge a limit', async () => {
    const desk = await server();
    for (let i = 0; i < 3; i++) expect(await login(desk.url, `203.0.113.${20 + i}`)).toBe(401);
    expect(await login(desk.url, '203.0.113.99')).toBe(429);
    const first = await pendingSocket(desk.url, '198.51.100.1');
    expect(first.outcome).toBe('open');
    expect((await pendingSocket(desk.url, '198.51.100.2')).outcome).toBe(429);
    first.ws?.close();
  });
});
