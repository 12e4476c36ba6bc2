/**
 * A loopback proxy between a desktop and the desk server that can misbehave on purpose:
 * duplicate and reorder the server's live frames, cut every connection, or be down (the
 * desktop loses the server while the server stays up for customers).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

export interface ProxyOptions {
  /** Called for each server→desktop WebSocket frame; returns the frames to deliver now (in order). */
  onServerFrame?: (data: string) => string[];
}

export async function startProxy(upstream: string, opts: ProxyOptions = {}) {
  const sockets = new Set<WebSocket>();
  let down = false;
  const server = http.createServer(async (req, res) => {
    if (down) {
      res.socket?.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
      const r = await fetch(upstream + req.url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    } catch {
      res.socket?.destroy();
    }
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (down) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => {
      const up = new WebSocket(upstream.replace(/^http/, 'ws') + req.url);
      sockets.add(client);
      sockets.add(up);
      const pending: string[] = [];
      up.on('open', () => {
        for (const p of pending.splice(0)) up.send(p);
      });
      client.on('message', (d) => (up.readyState === WebSocket.OPEN ? up.send(d.toString()) : pending.push(d.toString())));
      up.on('message', (d) => {
        const frames = opts.onServerFrame ? opts.onServerFrame(d.toString()) : [d.toString()];
        for (const f of frames) if (client.readyState === WebSocket.OPEN) client.send(f);
      });
      const close = () => {
        client.terminate();
        up.terminate();
      };
      client.on('close', close);
      up.on('close', close);
      up.on('error', close);
      client.on('error', close);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Drops every live connection (the network blinked). */
    cut: () => {
      for (const s of sockets) s.terminate();
      sockets.clear();
    },
    /** Cuts every connection and refuses new ones until `up()`: the network is gone. */
    down: () => {
      down = true;
      for (const s of sockets) s.terminate();
      sockets.clear();
      server.closeAllConnections();
    },
    /** Lets connections through again. */
    up: () => {
      down = false;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.terminate();
        wss.close();
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
