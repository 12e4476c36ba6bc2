/**
 * The desktop's sync engine and offline cache against a real desk server process-in-test and a
 * real cache file: optimistic sends, offline queues delivered once and in order, must-resync
 * keeping the outbox, a lost ack, rejections kept with their text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../helpers/api';
import { signIn, startDesktop, type TestDesktop } from '../helpers/desktop';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** A desk server keeping its data; `after` restarts on the data of a closed one (its directory, and its database on PostgreSQL). */
async function world(opts: { port?: number; after?: TestServer } = {}) {
  const { port, after } = opts;
  const srv = await startTestServer({ keepData: true, port, dataDir: after?.dataDir, databaseUrl: after?.databaseUrl ?? undefined });
  cleanups.push(() => srv.close());
  return srv;
}

/** Opens `n` chats routed to the agent (the only one available in eu-north). */
async function chatsFor(srv: TestServer, email: string, n: number): Promise<{ ticketIds: string[]; tokens: string[] }> {
  const login = await srv.loginAgent(email);
  await setPresence(srv.url, login.token, 'available', 8);
  const ticketIds: string[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = await startChat(srv.url, await customerIn(srv, 'eu-north', i));
    ticketIds.push(c.body.chat.ticketId);
    tokens.push(c.body.token);
  }
  return { ticketIds, tokens };
}

const agentBodies = async (srv: TestServer, ticketId: string) =>
  (await srv.sql(`SELECT body FROM messages WHERE ticket_id = ? AND author_kind = 'agent' ORDER BY created_at, id`, ticketId) as { body: string }[]).map((r) => r.body);

async function desktopFor(srv: TestServer, email: string): Promise<TestDesktop> {
  const d = await startDesktop();
  cleanups.push(() => d.close());
  await signIn(d, srv.url, email);
  return d;
}

describe('desktop sync', () => {
  it('signs in, syncs the agent’s tickets, and sends a reply optimistically, then as sent', async () => {
    const srv = await world();
    const email = (await agentsIn(srv, 'eu-north'))[0]!.email;
    const { ticketIds } = await chatsFor(srv, email, 2);
    const d = await desktopFor(srv, email);
    const mine = await d.call('tickets:list', { view: 'mine', limit: 50 });
    expect(mine.map((t) => t.id).sort()).toEqual([...ticketIds].sort());
    const sent = await d.call('messages:send', { ticketId: ticketIds[0]!, body: 'Hello from the desktop', kind: 'reply', attachmentIds: [] });
    expect(sent.delivery).toBe('pending');
    await d.waitFor(async () => (await d.call('messages:page', { ticketId: ticketIds[0]!, before: null, limit: 50 })).messages.some((m) => m.body === 'Hello from the desktop' && m.delivery === 'sent'), 'the ack');
    expect(await agentBodies(srv, ticketIds[0]!)).toEqual(['Hello from the desktop']);
    const page = await d.call('messages:page', { ticketId: ticketIds[0]!, before: null, limit: 50 });
    expect(page.messages.filter((m) => m.body === 'Hello from the desktop')).toHaveLength(1);
    expect((await d.status()).outbox).toBe(0);
  });

  it('queues 50 replies across 5 tickets while the server is down and delivers each once, in order, when it is back', async () => {
    const first = await world();
    const email = (await agentsIn(first, 'eu-north'))[0]!.email;
    const { ticketIds } = await chatsFor(first, email, 5);
    const d = await desktopFor(first, email);
    const port = Number(new URL(first.url).port);
    await first.server.close();
    await d.waitFor(async () => (await d.status()).connection !== 'online', 'the desktop to notice');

    for (let i = 0; i < 50; i++) {
      const t = ticketIds[i % 5]!;
      const m = await d.call('messages:send', { ticketId: t, body: `offline ${String(i).padStart(2, '0')}`, kind: 'reply', attachmentIds: [] });
      expect(m.delivery).toBe('pending');
    }
    expect((await d.status()).outbox).toBe(50);
    const pending = await d.call('messages:page', { ticketId: ticketIds[0]!, before: null, limit: 100 });
    expect(pending.messages.filter((m) => m.delivery === 'pending').map((m) => m.body)).toEqual(['offline 00', 'offline 05', 'offline 10', 'offline 15', 'offline 20', 'offline 25', 'offline 30', 'offline 35', 'offline 40', 'offline 45']);

    const again = await world({ port, after: first });
    await d.waitFor(async () => (await d.status()).outbox === 0, 'the outbox to drain', 30_000);
    for (let k = 0; k < 5; k++) {
      const expected = Array.from({ length: 10 }, (_, j) => `offline ${String(k + j * 5).padStart(2, '0')}`);
      expect(await agentBodies(again, ticketIds[k]!)).toEqual(expected);
    }
    await d.waitFor(async () => {
      const p = await d.call('messages:page', { ticketId: ticketIds[0]!, before: null, limit: 100 });
      return p.messages.filter((m) => m.body.startsWith('offline')).every((m) => m.delivery === 'sent');
    }, 'every row to show sent');
  });

  it('keeps the outbox through a must-resync (a new server epoch) and re-pushes it', async () => {
    const first = await world();
    const email = (await agentsIn(first, 'eu-north'))[0]!.email;
    const { ticketIds } = await chatsFor(first, email, 1);
    const d = await desktopFor(first, email);
    const port = Number(new URL(first.url).port);
    await first.server.close();
    await d.waitFor(async () => (await d.status()).connection !== 'online', 'offline');
    await d.call('messages:send', { ticketId: ticketIds[0]!, body: 'kept across a resync', kind: 'reply', attachmentIds: [] });
    // The server comes back with a new epoch (restored from a backup, say).
    const newEpoch = `UPDATE meta SET value = 'a-new-epoch' WHERE key = 'epoch'`;
    if (first.engine === 'postgres') await first.sql(newEpoch); // the tests' own connection outlives the server
    else {
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(`${first.dataDir}/desk.sqlite`);
      db.prepare(newEpoch).run();
      db.close();
    }
    const again = await world({ port, after: first });
    await d.waitFor(async () => (await d.status()).outbox === 0, 'the outbox to drain', 30_000);
    expect(await agentBodies(again, ticketIds[0]!)).toEqual(['kept across a resync']);
    // The rebuilt cache fills again from the pull that follows the push.
    await d.waitFor(async () => (await d.call('tickets:list', { view: 'mine', limit: 50 })).some((t) => t.id === ticketIds[0]), 'the cache to be rebuilt');
    expect(d.desktop.runtime()!.cache.state.get().epoch).toBe('a-new-epoch');
  });

  it('resends after a lost ack and gets the original ack: one copy on the server', async () => {
    const srv = await world();
    const email = (await agentsIn(srv, 'eu-north'))[0]!.email;
    const { ticketIds } = await chatsFor(srv, email, 1);
    let dropped = 0;
    // The first push reaches the server, but its answer is lost on the way back.
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/api/sync/push') && dropped === 0) {
        dropped++;
        await res.text();
        throw new TypeError('fetch failed: connection reset');
      }
      return res;
    };
    const d = await startDesktop({ fetchImpl: lossy });
    cleanups.push(() => d.close());
    await signIn(d, srv.url, email);
    await d.call('messages:send', { ticketId: ticketIds[0]!, body: 'ack lost once', kind: 'reply', attachmentIds: [] });
    await d.waitFor(async () => (await d.status()).outbox === 0, 'the retry', 20_000);
    expect(dropped).toBe(1);
    expect(await agentBodies(srv, ticketIds[0]!)).toEqual(['ack lost once']);
  });

  it('shows a reply refused after a reassignment as rejected with its reason, text kept, nothing sent', async () => {
    const srv = await world();
    const [a, b] = await agentsIn(srv, 'eu-north');
    const { ticketIds } = await chatsFor(srv, a!.email, 1);
    const d = await desktopFor(srv, a!.email);
    const port = Number(new URL(srv.url).port);
    void port;
    // While the desktop is "away", a supervisor moves the chat to another agent.
    await d.desktop.runtime()!.engine.stop();
    const sup = await srv.loginAgent('supervisor@demo.agentdesk.test');
    const bLogin = await srv.loginAgent(b!.email);
    await setPresence(srv.url, bLogin.token, 'available'); // a chat is transferred only to an Available colleague
    const moved = await api<{ acks: { status: string }[] }>(srv.url, 'POST', '/api/sync/push', {
      token: sup.token,
      body: { clientId: 'supervisor-console-1', protocol: 1, mutations: [{ kind: 'ticket.transfer', clientMsgId: 'move-0000001', ticketId: ticketIds[0], toAgentId: bLogin.agent.id }] },
    });
    expect(moved.body.acks[0]!.status).toBe('applied');
    await d.call('messages:send', { ticketId: ticketIds[0]!, body: 'written while away', kind: 'reply', attachmentIds: [] });
    d.desktop.runtime()!.engine.start();
    await d.waitFor(async () => (await d.status()).outbox === 0, 'the push');
    const local = d.desktop.runtime()!.cache.db.prepare(`SELECT delivery, rejection_code, body FROM messages WHERE body = 'written while away'`).get();
    expect(local).toEqual({ delivery: 'rejected', rejection_code: 'not_assigned', body: 'written while away' });
    expect(await agentBodies(srv, ticketIds[0]!)).toEqual([]);
  });
});
