/**
 * QUALITY.md reliability, the remaining faults: the desk server killed (-9) mid-push and
 * mid-pull; live frames duplicated and reordered; the network cut; the desktop's clock a year off.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { api, clientMsgId } from '../helpers/api';
import { signIn, startDesktop } from '../helpers/desktop';
import { startProxy } from '../helpers/proxy';
import { startTestServer } from '../helpers/server';
import { freePort } from '../helpers/server-node';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';
import { customerSocket } from '../helpers/ws';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

function serverProcess(dataDir: string, port: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/server-process.ts', dataDir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, child }));
    child.once('exit', (code) => reject(new Error(`server process exited ${code}`)));
  });
}
const kill9 = (child: ChildProcess) => new Promise<void>((r) => (child.once('exit', () => r()), child.kill('SIGKILL')));

describe('server killed mid-push and mid-pull', () => {
  it('loses nothing acknowledged, applies nothing twice, leaves no gap', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-srvkill-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    let srv = await serverProcess(dataDir, port);
    cleanups.push(async () => srv.child.kill('SIGKILL'));
    // Set up chats for the agent through the public API.
    const db0 = new Database(path.join(dataDir, 'desk.sqlite'), { readonly: true });
    const email = (db0.prepare(`SELECT email FROM agents WHERE role = 'agent' AND regions_json LIKE '%eu-north%' ORDER BY email LIMIT 1`).get() as { email: string }).email;
    const customers = (db0.prepare(`SELECT id FROM customers WHERE region_id = 'eu-north' ORDER BY id LIMIT 3`).all() as { id: string }[]).map((r) => r.id);
    db0.close();
    const login = await api<{ token: string }>(srv.url, 'POST', '/api/auth/login', { body: { email, password: 'demo-desk-2026' } });
    await setPresence(srv.url, login.body.token, 'available', 8);
    const ticketIds: string[] = [];
    for (const c of customers) ticketIds.push((await startChat(srv.url, c)).body.chat.ticketId);

    const d = await startDesktop();
    cleanups.push(() => d.close());
    await signIn(d, srv.url, email);

    // Mid-push: queue 60 replies and kill the server while they are being pushed.
    const bodies = Array.from({ length: 60 }, (_, i) => `mid-push ${i}`);
    for (const [i, body] of bodies.entries()) await d.call('messages:send', { ticketId: ticketIds[i % 3]!, body, kind: 'reply', attachmentIds: [] });
    await new Promise((r) => setTimeout(r, 15));
    await kill9(srv.child);
    srv = await serverProcess(dataDir, port);
    await d.waitFor(async () => (await d.status()).outbox === 0 && (await d.status()).connection === 'online', 'the outbox to drain after the restart', 30_000);

    // Mid-pull: customers write while the desktop is away, then the server dies as it pulls.
    await d.desktop.runtime()!.engine.stop();
    const tokens = [] as string[];
    for (const c of customers) {
      const r = await startChat(srv.url, c, { category: 'other', description: 'second chat' });
      tokens.push(r.body.token);
    }
    for (let i = 0; i < 30; i++) await api(srv.url, 'POST', '/api/chat/messages', { token: tokens[i % 3], body: { clientMsgId: clientMsgId(), body: `customer ${i}` } });
    d.desktop.runtime()!.engine.start();
    await new Promise((r) => setTimeout(r, 20));
    await kill9(srv.child);
    srv = await serverProcess(dataDir, port);
    await d.waitFor(async () => (await d.status()).connection === 'online', 'reconnect', 30_000);

    const server = new Database(path.join(dataDir, 'desk.sqlite'), { readonly: true });
    const cache = d.desktop.runtime()!.cache;
    try {
      for (const body of bodies) expect((server.prepare(`SELECT count(*) AS n FROM messages WHERE body = ?`).get(body) as { n: number }).n).toBe(1);
      const head = (server.prepare(`SELECT max(seq) AS s FROM change_feed`).get() as { s: number }).s;
      await d.waitFor(() => cache.state.get().cursor === String(head), 'the cursor to reach the head');
      // The cache holds every message of the agent's tickets that the server holds, once.
      const mine = (server.prepare(`SELECT id FROM tickets WHERE assignee_id = (SELECT id FROM agents WHERE email = ?)`).all(email) as { id: string }[]).map((r) => r.id);
      for (const t of mine) {
        const serverIds = (server.prepare(`SELECT id FROM messages WHERE ticket_id = ? ORDER BY id`).all(t) as { id: string }[]).map((r) => r.id);
        const cached = (cache.db.prepare(`SELECT id FROM messages WHERE ticket_id = ? AND delivery = 'sent' ORDER BY id`).all(t) as { id: string }[]).map((r) => r.id);
        expect(cached).toEqual(serverIds);
      }
      expect(cache.integrityCheck()).toBe('ok');
    } finally {
      server.close();
    }
  }, 120_000);
});

describe('live frames duplicated and reordered, the network cut, a skewed clock', () => {
  it('still ends with the cache equal to the server, each reply once, in server order', async () => {
    const srv = await startTestServer();
    cleanups.push(() => srv.close());
    const email = agentsIn(srv.db, 'eu-north')[0]!.email;
    const login = await srv.loginAgent(email);
    await setPresence(srv.url, login.token, 'available', 8);
    const chat = await startChat(srv.url, customerIn(srv.db, 'eu-north'));
    let held: string | null = null;
    const proxy = await startProxy(srv.url, {
      // Every changes frame arrives twice, and each one swaps places with the next.
      onServerFrame: (f) => {
        if (!f.includes('"type":"changes"')) return [f];
        if (held === null) {
          held = f;
          return [];
        }
        const out = [f, held, f];
        held = null;
        return out;
      },
    });
    cleanups.push(() => proxy.close());
    const yearAhead = () => new Date(Date.now() + 365 * 86_400_000);
    const d = await startDesktop({ now: yearAhead });
    cleanups.push(() => d.close());
    await signIn(d, proxy.url, email);
    const cust = await customerSocket(srv.url, chat.body.token);

    for (let i = 0; i < 20; i++) {
      cust.send({ type: 'message', clientMsgId: clientMsgId(), body: `c${i}` });
      await d.call('messages:send', { ticketId: chat.body.chat.ticketId, body: `a${i}`, kind: 'reply', attachmentIds: [] });
      if (i === 10) proxy.cut();
    }
    await d.waitFor(async () => (await d.status()).outbox === 0, 'the outbox to drain', 30_000);
    const head = () => srv.server.store.changeFeed.head();
    const cache = d.desktop.runtime()!.cache;
    // A last frame flushes the held one; then the cursor must reach the head.
    cust.send({ type: 'message', clientMsgId: clientMsgId(), body: 'last' });
    await d.waitFor(() => Number(cache.state.get().cursor) >= head(), 'the cursor to reach the head', 15_000);

    const serverRows = srv.db.prepare(`SELECT id, body, created_at FROM messages WHERE ticket_id = ? ORDER BY created_at, id`).all(chat.body.chat.ticketId) as { id: string; body: string; created_at: string }[];
    const page = await d.call('messages:page', { ticketId: chat.body.chat.ticketId, before: null, limit: 500 });
    expect(page.messages.map((m) => m.id)).toEqual(serverRows.map((r) => r.id));
    expect(page.messages.every((m) => m.delivery === 'sent')).toBe(true);
    // Replies are in the order the agent wrote them, stamped by the server's clock, not the desktop's.
    const replies = serverRows.filter((r) => /^a\d+$/.test(r.body)).map((r) => r.body);
    expect(replies).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
    expect(serverRows.every((r) => Date.parse(r.created_at) < Date.now() + 60_000)).toBe(true);
    cust.close();
  }, 60_000);
});
