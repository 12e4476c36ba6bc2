/**
 * Closing the server does not wait on a keep-alive connection whose request was in flight when
 * closing began: its response ends the connection. (Found on PostgreSQL, where a desktop's pull
 * was often still running at close and the socket then idled for the 72 s keep-alive timeout.)
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';

let srv: TestServer | null = null;
afterEach(async () => {
  await srv?.close();
  srv = null;
});

/** Writes to a raw socket and collects what comes back until the server ends the connection. */
function rawClient(url: string) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, ended, received: () => received };
}

describe('closing the server', () => {
  it('answers a request in flight at close with Connection: close and finishes without waiting for the keep-alive timeout', async () => {
    srv = await startTestServer({ demo: false });
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'not-a-password' });
    const client = rawClient(srv.url);
    await new Promise<void>((resolve) => client.socket.once('connect', () => resolve()));
    // Headers and half the body: the request is in flight (the server waits for the rest).
    client.socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: keep-alive\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
    client.socket.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const closed = srv.server.close();
    await new Promise((r) => setTimeout(r, 100));
    client.socket.write(body.slice(10));
    await closed;
    expect(Date.now() - started).toBeLessThan(5_000);
    await client.ended;
    expect(client.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(client.received().toLowerCase()).toContain('connection: close');
  });
});
