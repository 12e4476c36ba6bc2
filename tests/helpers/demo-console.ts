/**
 * A realistic console on real parts, for the README's pictures (`npm run screenshots`) and the
 * accessibility test: the built renderer, a demo desk server (the seeded demo world, seed 2026)
 * on a temp dir and a free loopback port, the browser host signed in as the demo agent
 * (agent@demo.agentdesk.test, Available), and headless Chromium at 1440×900. Five demo customers
 * of the Nordics open chats about the five common issues with the customer simulator's own
 * lines; the agent accepts each offer as it comes (so the tabs keep one order), one customer
 * sends a generated app screenshot, and the first chat gets a short exchange.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host';
import type { Category } from '../../src/shared/domain';
import { DEMO_PASSWORD } from '../../src/server/demo/seed';
import { renderAppScreenshot } from '../../src/server/demo/screenshots';
import { APP_GLITCHES, SCREENSHOT_LINES, SCRIPTS, fill, type ScriptContext } from '../../src/server/demo/scripts';
import { AGENTS } from '../../src/server/demo/world-catalog';
import { api, clientMsgId } from './api';
import { buildRenderer, CHROMIUM, CHROMIUM_ARGS, removeBuiltRenderer } from './console-host';
import { watchProblems } from './page-problems';
import { startTestServer, type TestServer } from './server';
import { setPresence, startChat } from './world';

const REGION = 'eu-north';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

export interface SceneChat {
  category: Category;
  customerId: string;
  name: string;
  /** The customer's chat token (customer API). */
  token: string;
  ticketId: string;
}

export interface DemoConsole {
  srv: TestServer;
  host: BrowserHost;
  browser: Browser;
  page: Page;
  /** Console errors, CSP reports, page errors and failed requests so far (watchProblems). */
  problems: string[];
  /** In tab order. */
  chats: SceneChat[];
  /** Selects a chat's tab and waits for its thread. */
  openChat(chat: SceneChat): Promise<void>;
  /** Sends a customer message into a chat (customer API). */
  say(chat: SceneChat, body: string, attachmentIds?: string[]): Promise<void>;
  close(): Promise<void>;
}

export interface DemoConsoleOptions {
  /** Demo world size (default: the test size, 400 customers and 300 historic tickets). */
  customers?: number;
  historicTickets?: number;
}

/** Which customer fits a category best: one whose records tell the story, else anyone with an order. */
const FITTING: Record<Category, string> = {
  payment_delay: `EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = c.id AND t.kind = 'payment' AND t.status = 'pending')`,
  refund_return: `EXISTS (SELECT 1 FROM returns r WHERE r.customer_id = c.id AND r.status IN ('requested','in_transit','received'))`,
  missed_payment: `EXISTS (SELECT 1 FROM installments i WHERE i.customer_id = c.id AND i.status IN ('overdue','failed'))`,
  account_verification: `1`,
  technical_glitch: `1`,
  other: `1`,
};

/** The order a customer's pre-chat form names for a category (the one its records are about). */
const ORDER_FOR: Partial<Record<Category, string>> = {
  payment_delay: `SELECT o.order_number FROM transactions t JOIN orders o ON o.id = t.order_id WHERE t.customer_id = ? AND t.kind = 'payment' AND t.status = 'pending' ORDER BY t.created_at DESC LIMIT 1`,
  refund_return: `SELECT o.order_number FROM returns r JOIN orders o ON o.id = r.order_id WHERE r.customer_id = ? ORDER BY r.created_at DESC LIMIT 1`,
  missed_payment: `SELECT o.order_number FROM installments i JOIN orders o ON o.id = i.order_id WHERE i.customer_id = ? AND i.status IN ('overdue','failed') LIMIT 1`,
};

const PLAN: { category: Category; script: number }[] = [
  { category: 'payment_delay', script: 3 },
  { category: 'technical_glitch', script: 0 },
  { category: 'refund_return', script: 0 },
  { category: 'missed_payment', script: 0 },
  { category: 'account_verification', script: 0 },
];

export async function openDemoConsole(opts: DemoConsoleOptions = {}): Promise<DemoConsole> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-desktop-'));
  const cleanups: (() => Promise<void> | void)[] = [() => removeBuiltRenderer(), () => rmSync(userDataDir, { recursive: true, force: true })];
  const close = async () => {
    for (const c of cleanups.reverse()) await c();
  };
  try {
    const rendererDir = await buildRenderer();
    const srv = await startTestServer({ customers: opts.customers ?? 400, historicTickets: opts.historicTickets ?? 300 });
    cleanups.push(() => srv.close());
    const email = AGENTS[0]!.email;
    // Room for every chat of the scene (the demo agent's own capacity is smaller).
    await setPresence(srv.url, (await srv.loginAgent(email)).token, 'available', 8);
    const host = await startBrowserHost({
      userDataDir,
      rendererDir,
      log: quiet,
      serverUrl: srv.url,
      autoLogin: { serverUrl: srv.url, email, password: DEMO_PASSWORD },
      availableAfterLogin: true,
    });
    cleanups.push(() => host.close());
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(host.url);
    await page.getByRole('listbox', { name: /chats/ }).waitFor();

    const say = async (chat: SceneChat, body: string, attachmentIds?: string[]) => {
      const res = await api(srv.url, 'POST', '/api/chat/messages', { token: chat.token, body: { clientMsgId: clientMsgId(), body, ...(attachmentIds ? { attachmentIds } : {}) } });
      if (res.status !== 200 && res.status !== 201) throw new Error(`customer message refused: ${res.status} ${JSON.stringify(res.body)}`);
    };
    const strip = page.getByRole('tablist', { name: 'Open chats' });
    const openChat = async (chat: SceneChat) => {
      const words = chat.name.split(' ');
      await strip.getByRole('tab', { name: new RegExp(`^${words[0]} ${words.at(-1)![0]}\\.`) }).click();
      await page.getByRole('heading', { name: chat.name, level: 2 }).waitFor();
    };

    const chats: SceneChat[] = [];
    const used = new Set<string>();
    for (const [i, { category, script }] of PLAN.entries()) {
      const customer = srv.db
        .prepare(`SELECT c.id, c.name FROM customers c WHERE c.region_id = ? AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) AND ${FITTING[category]} ORDER BY c.phone, c.email`)
        .all(REGION)
        // By seeded fields, not id: ids are UUIDv7 of the seeding time, so their order changes run to run.
      .find((c) => !used.has((c as { id: string }).id)) as { id: string; name: string } | undefined;
      if (!customer) throw new Error(`no demo customer in ${REGION} fits ${category}`);
      used.add(customer.id);
      const query = ORDER_FOR[category];
      const order = query ? ((srv.db.prepare(query).get(customer.id) as { order_number: string } | undefined)?.order_number ?? null) : null;
      const glitch = APP_GLITCHES[i % APP_GLITCHES.length]!;
      const ctx: ScriptContext = { order, code: glitch.errorCode, version: '7.14.2', device: 'iPhone 13' };
      const lines = SCRIPTS[category];
      const started = await startChat(srv.url, customer.id, { category, description: fill(lines.descriptions[script % lines.descriptions.length]!, ctx), ...(lines.needsOrder && order ? { orderNumber: order } : {}) });
      if (started.status !== 201) throw new Error(`chat start refused: ${started.status} ${JSON.stringify(started.body)}`);
      const chat: SceneChat = { category, customerId: customer.id, name: customer.name, token: started.body.token, ticketId: started.body.chat.ticketId };
      for (const line of lines.openers[script % lines.openers.length]!) await say(chat, fill(line, ctx));
      if (category === 'technical_glitch') {
        const png = await renderAppScreenshot({ seed: 2026, errorCode: glitch.errorCode, title: glitch.title, message: glitch.message, appVersion: ctx.version });
        const up = await api<{ attachment: { id: string } }>(srv.url, 'PUT', '/api/chat/attachments', { token: chat.token, raw: png, contentType: 'image/png', headers: { 'x-filename': 'Screenshot_20260312_091544.png' } });
        if (up.status !== 201) throw new Error(`upload refused: ${up.status} ${JSON.stringify(up.body)}`);
        await say(chat, SCREENSHOT_LINES[0]!, [up.body.attachment.id]);
      }
      // Each offer is accepted as it comes, so the tabs keep the plan's order.
      const offer = page.getByRole('region', { name: 'Chat offered to you' });
      await offer.getByText(customer.name).first().waitFor();
      await page.keyboard.press('Control+Shift+A');
      await strip.getByRole('tab').nth(i).waitFor();
      await page.getByRole('heading', { name: customer.name, level: 2 }).waitFor();
      chats.push(chat);
    }
    return { srv, host, browser, page, problems, chats, openChat, say, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Waits until no CSS transition or animation runs (theme switches fade colours), so pictures and axe see final colours. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().length === 0);
}

/** Switches the console's theme through the system colour scheme (the setting is "system") and waits for the colours to settle. */
export async function showTheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
  await settled(page);
}
