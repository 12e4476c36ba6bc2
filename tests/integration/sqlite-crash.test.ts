/**
 * Issue 10, a faster node: the SQLite desk's WAL is copied back into the database file by a thread
 * of its own (src/server/storage/checkpointer.ts), beside the event loop's commits. A burst of
 * customer messages over 40 chats runs until that thread has copied pages into the file (the
 * writer's own checkpoint would only start at 10,000 WAL pages); then the server is killed with
 * SIGKILL mid-burst. Every acknowledged message is in the desk exactly once (an ack implies a
 * commit), the file passes SQLite's integrity check, and the desk starts again on it and takes the
 * next message of a chat that was under way.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startServerNode, type ServerNode } from '../helpers/server-node';
import { startVisitorChat } from '../helpers/world';
import { customerSocket } from '../helpers/ws';

const CHATS = 40;
const WRITER_CHECKPOINT_BYTES = 10_000 * 4096;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-sqlite-crash-'));
const file = path.join(dataDir, 'desk.sqlite');
const nodes: ServerNode[] = [];

afterAll(async () => {
  for (const n of nodes) if (n.child.exitCode === null && n.child.signalCode === null) n.child.kill('SIGKILL');
  await Promise.all(nodes.map((n) => n.exited));
  rmSync(dataDir, { recursive: true, force: true });
});

async function openChat(url: string, i: number): Promise<{ token: string; ws: WebSocket }> {
  const started = await startVisitorChat(url, { name: `Burst ${i}`, regionId: 'eu-north' });
  expect(started.status).toBe(201);
  const ws = new WebSocket(url.replace('http', 'ws') + '/ws/chat');
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'auth', token: started.body.token }));
  await new Promise<void>((resolve) => ws.once('message', () => resolve()));
  return { token: started.body.token, ws };
}

describe('the SQLite desk killed during a burst while its WAL is being checkpointed', () => {
  it('keeps every acknowledged message exactly once, a sound file, and starts again', async () => {
    const first = await startServerNode(dataDir);
    nodes.push(first);
    const chats = await Promise.all(Array.from({ length: CHATS }, (_, i) => openChat(first.url, i)));
    const fileAtStart = statSync(file).size;

    // Each chat sends its next message when the last one is acknowledged, until the kill.
    const acked = new Set<string>();
    let sent = 0;
    chats.forEach(({ ws }, i) => {
      let n = 0;
      const next = () => {
        if (ws.readyState !== ws.OPEN) return;
        const id = `crash${i.toString(36)}x${(n++).toString(36)}xxxx`;
        sent++;
        ws.send(JSON.stringify({ type: 'message', clientMsgId: id, body: `Any news about my refund? (${id})` }));
      };
      ws.on('message', (d) => {
        const f = JSON.parse(d.toString()) as { type: string; clientMsgId?: string };
        if (f.type === 'ack' && f.clientMsgId) {
          acked.add(f.clientMsgId);
          next();
        }
      });
      next();
    });

    // The checkpoint thread copies pages into the file long before the writer's own threshold (the
    // WAL file never shrinks, so a WAL still under it means the writer never checkpointed).
    // The burst goes on until that has happened and a good thousand messages are acknowledged.
    await vi.waitUntil(() => statSync(file).size > fileAtStart + 1024 * 1024 && acked.size > 1000, { timeout: 60_000, interval: 20 });
    expect(statSync(`${file}-wal`).size).toBeLessThan(WRITER_CHECKPOINT_BYTES);
    await new Promise((r) => setTimeout(r, 150)); // mid-burst, and likely mid-checkpoint
    first.child.kill('SIGKILL');
    await first.exited;
    for (const { ws } of chats) ws.terminate();
    expect(acked.size).toBeGreaterThan(1000);
    expect(sent).toBeGreaterThan(acked.size); // messages were in flight when it died

    const db = new Database(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare(`SELECT client_msg_id AS id, count(*) AS n FROM messages WHERE client_msg_id LIKE 'crash%' GROUP BY client_msg_id`).all() as { id: string; n: number }[];
      expect(rows.filter((r) => r.n !== 1)).toEqual([]);
      const stored = new Set(rows.map((r) => r.id));
      expect([...acked].filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      db.close();
    }

    // The desk starts again on the same file; a chat that was under way goes on.
    const again = await startServerNode(dataDir);
    nodes.push(again);
    const customer = await customerSocket(again.url, chats[0]!.token);
    customer.send({ type: 'message', clientMsgId: 'crash-after-restart', body: 'Still there?' });
    const ack = await customer.next<{ clientMsgId: string; messageId: string }>((f) => f.type === 'ack');
    expect(ack.clientMsgId).toBe('crash-after-restart');
    customer.close();
  }, 120_000);
});
