/**
 * End to end through the browser host, on real parts: the real desk server, the real desktop
 * services with their cache file, the built renderer in headless Chromium. Sign in, see the
 * demo tickets, reply, lose the server, reply twice more (queued), get the server back, see them
 * sent — and the customer sees each reply exactly once.
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/api';
import { removeBuiltRenderer, signIn, startConsoleHost, type ConsoleHost } from '../helpers/console-host';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

let srv: TestServer;
let desk: ConsoleHost;

beforeAll(async () => {
  srv = await startTestServer({ keepData: true });
  desk = await startConsoleHost();
}, 120_000);

afterAll(async () => {
  await desk?.close();
  await srv?.close();
  if (srv?.dataDir) rmSync(srv.dataDir, { recursive: true, force: true });
  await removeBuiltRenderer();
});

describe('the desktop through the browser host', () => {
  it('queues replies while the desk server is down and sends each once when it is back', async () => {
    const agent = agentsIn(srv.db, 'eu-north')[0]!;
    const login = await srv.loginAgent(agent.email);
    await setPresence(srv.url, login.token, 'available');
    const customerId = customerIn(srv.db, 'eu-north');
    const customerName = (srv.db.prepare('SELECT name FROM customers WHERE id = ?').get(customerId) as { name: string }).name;
    const chat = await startChat(srv.url, customerId, { description: 'My payment from Monday is not showing.' });

    const { page, problems } = await desk.open();

    await signIn(page, srv.url, agent.email);

    const list = page.getByRole('listbox', { name: /chats/ });
    await list.getByRole('option', { name: new RegExp(customerName) }).click();
    const log = page.getByRole('log');
    await log.getByText('My payment from Monday is not showing.').waitFor();

    const composer = page.getByLabel('Reply to the customer');
    await composer.fill('Hi! Let me check that payment for you.');
    await composer.press('Enter');
    await log.getByText('Hi! Let me check that payment for you.').waitFor();
    await expect.poll(() => srv.server.store.messages.forTicket(chat.body.chat.ticketId).filter((m) => m.author_kind === 'agent').length, { timeout: 10_000 }).toBe(1);

    // The desk server goes away.
    const port = Number(new URL(srv.url).port);
    await srv.server.close();
    await page.getByText(/Offline – reconnecting/).waitFor({ timeout: 15_000 });
    for (const text of ['It was received on Tuesday.', 'It should show within the hour.']) {
      await composer.fill(text);
      await composer.press('Enter');
      await log.getByText(text).waitFor();
    }
    await expect.poll(async () => await log.getByText('Queued').count(), { timeout: 5_000 }).toBe(2);
    await page.screenshot({ path: path.join(os.tmpdir(), 'agent-desk-e2e-offline.png') });

    // It comes back on the same port with the same data.
    srv = await startTestServer({ keepData: true, port, dataDir: srv.dataDir });
    await page.getByText(/Back online/).waitFor({ timeout: 20_000 });
    await expect.poll(async () => await log.getByText('Queued').count(), { timeout: 10_000 }).toBe(0);

    // What the customer sees: each reply once, in order.
    const state = await api<{ messages: { authorKind: string; body: string }[] }>(srv.url, 'GET', '/api/chat/state', { token: chat.body.token });
    expect(state.body.messages.filter((m) => m.authorKind === 'agent').map((m) => m.body)).toEqual([
      'Hi! Let me check that payment for you.',
      'It was received on Tuesday.',
      'It should show within the hour.',
    ]);
    await page.screenshot({ path: path.join(os.tmpdir(), 'agent-desk-e2e-back-online.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
