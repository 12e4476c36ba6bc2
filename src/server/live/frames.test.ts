import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { sendJson, sendText } from './frames';

/** A real ws server with `n` clients; counts the system writes of each server-side socket. */
async function connected(n: number) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const port = (wss.address() as { port: number }).port;
  const servers: { ws: WebSocket; writes: () => number }[] = [];
  wss.on('connection', (ws) => {
    const raw = (ws as unknown as { _socket: Socket & { _write: Socket['_write']; _writev: NonNullable<Socket['_writev']> } })._socket;
    let writes = 0;
    const write = raw._write.bind(raw);
    const writev = raw._writev.bind(raw);
    raw._write = (...args) => (writes++, write(...args));
    raw._writev = (...args) => (writes++, writev(...args));
    servers.push({ ws, writes: () => writes });
  });
  const clients: { ws: WebSocket; received: string[] }[] = [];
  for (let i = 0; i < n; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: string[] = [];
    ws.on('message', (d, isBinary) => received.push(isBinary ? `binary:${d.toString()}` : d.toString()));
    await new Promise((r) => ws.once('open', r));
    clients.push({ ws, received });
  }
  while (servers.length < n) await new Promise((r) => setImmediate(r));
  const close = async () => {
    for (const c of clients) c.ws.terminate();
    await new Promise((r) => wss.close(r));
  };
  return { servers, clients, close };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

describe('sendText / sendJson', () => {
  it('sends the frames of one tick to a socket in one write, in order, as text', async () => {
    const c = await connected(1);
    close = c.close;
    const [server] = c.servers;
    const before = server!.writes();
    sendText(server!.ws, '{"n":1}');
    sendJson(server!.ws, { n: 2 });
    // Later in the same tick (a microtask: a commit's hooks, then the acks after `await`).
    await Promise.resolve();
    sendText(server!.ws, '{"n":3}');
    await until(() => c.clients[0]!.received.length === 3);
    expect(c.clients[0]!.received).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(server!.writes() - before).toBe(1);
  });

  it('flushes each tick: frames of a later tick leave in a write of their own', async () => {
    const c = await connected(1);
    close = c.close;
    const [server] = c.servers;
    const before = server!.writes();
    sendText(server!.ws, '{"n":1}');
    await new Promise((r) => setImmediate(r));
    sendText(server!.ws, '{"n":2}');
    await until(() => c.clients[0]!.received.length === 2);
    expect(c.clients[0]!.received).toEqual(['{"n":1}', '{"n":2}']);
    expect(server!.writes() - before).toBe(2);
  });

  it('fans one text out to many sockets, each receiving exactly it, with frames for others between', async () => {
    const c = await connected(3);
    close = c.close;
    const text = JSON.stringify({ type: 'message', body: 'Hej, är betalningen klar? 💳' });
    for (const s of c.servers) sendText(s.ws, text);
    sendText(c.servers[1]!.ws, '{"only":1}');
    sendText(c.servers[2]!.ws, text);
    await until(() => c.clients.every((cl, i) => cl.received.length === (i === 0 ? 1 : 2)));
    expect(c.clients.map((cl) => cl.received)).toEqual([[text], [text, '{"only":1}'], [text, text]]);
  });

  it('sends nothing to a socket that is not open', async () => {
    const c = await connected(1);
    close = c.close;
    const [server] = c.servers;
    server!.ws.close(1000, 'bye');
    expect(() => sendText(server!.ws, '{"late":true}')).not.toThrow();
    await new Promise((r) => c.clients[0]!.ws.once('close', r));
    expect(c.clients[0]!.received).toEqual([]);
  });
});
