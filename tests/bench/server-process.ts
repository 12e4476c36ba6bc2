/**
 * A desk server (or, with `--relay`, a bare `ws` relay) in its own process for the benchmark, so
 * the load generator does not share its event loop. Prints one JSON line with its URL.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createDeskServer } from '../../src/server/app';
import { seedDemoWorld } from '../../src/server/demo/seed';
import { createLogger } from '../../src/server/logger';

if (process.argv.includes('--relay')) {
  // The baseline: customers' frames relayed to the agent socket, nothing persisted.
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  let agent: WebSocket | null = null;
  wss.on('connection', (ws, req) => {
    if (req.url === '/agent') agent = ws;
    else
      ws.on('message', (data) => {
        const f = JSON.parse(data.toString()) as { clientMsgId: string; body: string };
        agent?.send(JSON.stringify({ type: 'changes', changes: [{ entity: 'message', row: { clientMsgId: f.clientMsgId, body: f.body } }] }));
        ws.send(JSON.stringify({ type: 'ack', clientMsgId: f.clientMsgId }));
      });
  });
  wss.on('listening', () => {
    const a = wss.address() as { port: number };
    console.log(JSON.stringify({ url: `http://127.0.0.1:${a.port}` }));
  });
} else {
  const at = process.argv.indexOf('--database-url');
  const databaseUrl = at > 0 ? process.argv[at + 1] : undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-bench-'));
  const server = await createDeskServer({
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    port: 0,
    logger: createLogger('silent'),
    // One load generator on loopback opens every chat: no per-address socket caps here.
    limits: { requestsPerMinute: 1_000_000, loginPerMinute: 1_000_000, framesPerSecond: 10_000, maxSocketsPerAddress: 0, maxPendingSocketsPerAddress: 0 },
    prepare: async (db, fresh) => void (fresh && (await seedDemoWorld(db, { customers: 300, historicTickets: 50 }))),
  });
  console.log(JSON.stringify({ url: server.url, dataDir }));
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}
