/**
 * The customer chat page in headless Chromium against the real desk server: the demo signer's
 * one-click picker, pre-chat form, reference number, live messages with acks, a dropped socket
 * that resends with the same clientMsgId, screenshots (a real PNG and a text file posing as
 * one), reload resume, end, CSAT, transcript; the email form when the region's live chat closes;
 * a visitor (no identity token) quoting an earlier reference, and a socket refused for too many
 * windows (4008); a customer signed in by the company's site (`#identity=<JWT>`, signed here with
 * the desk's HS256 secret), and one whose token has expired. The page must log no console
 * errors and trip no CSP violation along the way.
 *
 * Set CHAT_PAGE_SHOTS=/some/dir to keep a screenshot of each state at 1280×800 and 360×740.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/api';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/console-host';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentsIn } from '../helpers/world';
import { agentSocket } from '../helpers/ws';

const REFERENCE = /^[A-Z2-9]{4}-[A-Z2-9]{4}$/;
/** The company's HS256 secret the desk verifies identity tokens with. */
const IDENTITY_SECRET = 'e2e-chat-page-identity-secret-0123456789';
const SHOTS = process.env.CHAT_PAGE_SHOTS;

interface Identity {
  customerId: string;
  name: string;
  email: string;
  regionId: string;
  orderNumbers: string[];
}
interface Config {
  demo: boolean;
  identity: { verification: boolean; demoSigner: boolean };
  regions: { id: string; open: boolean }[];
}

let srv: TestServer;
let browser: Browser;
let identities: Identity[];
let config: Config;

beforeAll(async () => {
  [srv, browser] = await Promise.all([
    startTestServer({ demo: true, customers: 40, historicTickets: 10, simulator: false, identity: { secret: IDENTITY_SECRET } }),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
  config = (await (await fetch(`${srv.url}/api/chat/config`)).json()) as Config;
  identities = (await (await fetch(`${srv.url}/api/chat/demo-identities`)).json()) as Identity[];
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

/**
 * Collects console errors, page errors and CSP violations. Failed requests the test provokes on
 * purpose (an upload the server refuses, a closed region) are allowed by path and status.
 */
async function watch(page: Page, expected: { path: string; status: number }[] = []) {
  const problems: string[] = [];
  const allowed = [...expected];
  page.on('console', (msg: ConsoleMessage) => {
    const text = msg.text();
    if (msg.type() !== 'error' && !/Content[- ]Security[- ]Policy/i.test(text)) return;
    const failed = /Failed to load resource: the server responded with a status of (\d+)/.exec(text);
    if (failed) {
      const url = new URL(msg.location().url);
      const i = allowed.findIndex((e) => e.path === url.pathname && e.status === Number(failed[1]));
      if (i >= 0) {
        allowed.splice(i, 1);
        return;
      }
    }
    problems.push(`console ${msg.type()}: ${text} (${msg.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return {
    async assertClean() {
      const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
      expect(csp, 'CSP violations').toEqual([]);
      expect(problems, 'console errors').toEqual([]);
    },
  };
}

/** A demo customer in an open region (with order numbers when possible), not one of `taken`. */
function openIdentity(exceptRegion?: string, taken: string[] = []): Identity {
  const open = new Set(config.regions.filter((r) => r.open).map((r) => r.id));
  const inOpen = identities.filter((i) => open.has(i.regionId) && !taken.includes(i.customerId));
  const elsewhere = inOpen.filter((i) => i.regionId !== exceptRegion);
  const candidates = elsewhere.length ? elsewhere : inOpen;
  const pick = candidates.find((i) => i.orderNumbers.length > 0) ?? candidates[0];
  if (!pick) throw new Error('no demo identity in an open region');
  return pick;
}

const ticketByReference = (reference: string) =>
  srv.db.prepare('SELECT id, category, order_number, status, csat, channel, customer_id, linked_ticket_id FROM tickets WHERE reference = ?').get(reference) as
    | {
        id: string;
        category: string;
        order_number: string | null;
        status: string;
        csat: number | null;
        channel: string;
        customer_id: string;
        linked_ticket_id: string | null;
      }
    | undefined;

const customerIdentity = (id: string) => (srv.db.prepare('SELECT identity FROM customers WHERE id = ?').get(id) as { identity: string } | undefined)?.identity;

/** An identity token as the company's site signs it for its signed-in customer. */
function signIdentity(who: Identity, opts: { expiresIn?: string; iat?: number; exp?: number; secret?: string } = {}): Promise<string> {
  const jwt = new SignJWT({ name: who.name, email: who.email }).setProtectedHeader({ alg: 'HS256' }).setSubject(who.customerId).setAudience('agent-desk');
  if (opts.iat !== undefined) jwt.setIssuedAt(opts.iat);
  else jwt.setIssuedAt();
  jwt.setExpirationTime(opts.exp ?? opts.expiresIn ?? '10m');
  return jwt.sign(new TextEncoder().encode(opts.secret ?? IDENTITY_SECRET));
}

/** Makes the page see a production desk: identity tokens verified, no demo signer, no picker. */
async function asProductionDesk(page: Page) {
  await page.route('**/api/chat/config', async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as Config;
    await route.fulfill({ response: res, json: { ...body, demo: false, identity: { verification: true, demoSigner: false } } });
  });
}

/**
 * Checks the page fits a 360 px phone without sideways scrolling and, with CHAT_PAGE_SHOTS set,
 * keeps screenshots of the state at 1280×800 and 360×740. Leaves the viewport at 1280×800.
 */
async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.waitForTimeout(60);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} fits 360 px`).toBeLessThanOrEqual(360);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}-360.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(60);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}-1280.png`), fullPage: true });
}

describe('customer chat page', () => {
  it('runs a whole chat: pre-chat form, reference, messages, screenshots, reconnect, reload, end, CSAT, transcript', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    const guard = await watch(page, [{ path: '/api/chat/attachments', status: 415 }]);

    // Route /ws/chat through the test so it can drop the connection in the middle of a send.
    const sentIds: string[] = [];
    let dropNextMessage = false;
    await page.routeWebSocket(/\/ws\/chat$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((data) => {
        const frame = JSON.parse(String(data)) as { type: string; clientMsgId?: string };
        if (frame.type === 'message' && frame.clientMsgId) {
          sentIds.push(frame.clientMsgId);
          if (dropNextMessage) {
            dropNextMessage = false;
            ws.close({ code: 1001, reason: 'test drops the connection' });
            server.close();
            return;
          }
        }
        server.send(data);
      });
    });

    const me = openIdentity();
    await page.goto(`${srv.url}/chat/`);

    // 1. Pre-chat form with the demo signer's picker: one pick signs in as that customer.
    await page.waitForSelector(`#demo-identity option[value="${me.customerId}"]`, { state: 'attached' });
    expect(await page.textContent('label[for="demo-identity"]')).toBe('Demo: sign in as a seeded customer');
    expect(await page.isVisible('#demo-visitor')).toBe(true);
    await shoot(page, 'prechat-demo-picker');
    await page.selectOption('#demo-identity', me.customerId);
    await page.waitForSelector('#signed-in:not([hidden])');
    expect(await page.textContent('#signed-in-text')).toBe(`Signed in as ${me.name} (${me.email})`);
    expect(await page.isHidden('#demo-fields')).toBe(true);
    expect(await page.isHidden('#visitor-fields')).toBe(true);
    const demoToken = await page.evaluate(() => sessionStorage.getItem('supportChat.identity'));
    expect(demoToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await page.locator('#order-numbers option').count()).toBe(me.orderNumbers.length);
    await page.selectOption('#category', 'technical_glitch');
    await page.fill('#description', 'The app shows "Something went wrong" when I try to pay my next installment.');
    const orderNumber = me.orderNumbers[0] ?? 'TEST-1234';
    await page.fill('#order-number', orderNumber);
    await page.screenshot({ path: '/tmp/chat-prechat.png', fullPage: true });
    await page.click('#prechat-submit');

    // 2. The reference number is shown and is a real ticket.
    await page.waitForFunction(() => /^[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(document.getElementById('chat-reference')?.textContent ?? ''));
    const reference = (await page.textContent('#chat-reference')) ?? '';
    expect(reference).toMatch(REFERENCE);
    const ticket = ticketByReference(reference);
    expect(ticket).toMatchObject({ category: 'technical_glitch', order_number: orderNumber, customer_id: me.customerId, channel: 'chat' });
    expect(await page.textContent('#chat-identity')).toBe('Signed in');
    expect(await page.isHidden('#chat-notice')).toBe(true);
    expect(await page.textContent('#chat-status')).toMatch(/(You're next in line|You're number \d+ in line) · (about \d+ (min|h)|less than a minute)/);
    const token = await page.evaluate(() => sessionStorage.getItem('supportChat.token'));
    expect(token).toBeTruthy();
    expect(page.url()).not.toContain(token!);
    // The description is the first message of the case.
    await page.waitForSelector('#thread li.msg-me:has-text("Something went wrong")');

    // 3. A message goes out as "Sending…" and is marked sent on the server's ack.
    await page.fill('#message', 'Hello from the e2e test');
    await page.press('#message', 'Enter');
    await page.waitForSelector('#thread li.msg-me:has-text("Hello from the e2e test") .msg-state-sent');
    expect(await page.inputValue('#message')).toBe('');

    // An agent takes the chat: the page names them, shows them typing, then their reply.
    const [agent] = agentsIn(srv.db, me.regionId);
    const login = await srv.loginAgent(agent!.email);
    let n = 0;
    const push = (mutations: Record<string, unknown>[]) =>
      api<{ acks: { status: string }[] }>(srv.url, 'POST', '/api/sync/push', {
        token: login.token,
        body: { clientId: 'e2e-chat-page', protocol: 1, mutations: mutations.map((m) => ({ clientMsgId: `e2e-chat-page-${++n}`, ticketId: ticket!.id, ...m })) },
      });
    expect((await push([{ kind: 'ticket.accept' }])).body.acks).toEqual([expect.objectContaining({ status: 'applied' })]);
    const firstName = agent!.name.split(' ')[0]!;
    await page.waitForFunction((name) => document.getElementById('chat-status')?.textContent === `You're chatting with ${name}`, firstName);
    const agentWs = await agentSocket(srv.url, login.token);
    agentWs.send({ type: 'typing', ticketId: ticket!.id, typing: true });
    await page.waitForFunction((name) => document.getElementById('typing')?.textContent === `${name} is typing…`, firstName);
    expect((await push([{ kind: 'message.reply', body: 'Thanks! Could you send me a screenshot of the error?' }])).body.acks[0]?.status).toBe('applied');
    const reply = page.locator('#thread li.msg-them:has-text("Could you send me a screenshot")');
    await reply.waitFor();
    expect(await reply.locator('.msg-author').textContent()).toBe(firstName);
    await page.waitForFunction(() => document.getElementById('typing')?.textContent === '');
    // And the customer's typing reaches the agent.
    await page.type('#message', 'Sure');
    await agentWs.next((f) => f.type === 'typing' && f.ticketId === ticket!.id && f.typing === true);
    await page.fill('#message', '');

    // 4. The socket drops mid-send: the page reconnects and resends with the same clientMsgId.
    dropNextMessage = true;
    await page.fill('#message', 'Sent across a reconnect');
    await page.press('#message', 'Enter');
    await page.waitForSelector('#thread li.msg-me:has-text("Sent across a reconnect") .msg-state-sent', { timeout: 10_000 });
    const resent = sentIds.slice(-2);
    expect(resent).toHaveLength(2);
    expect(resent[0]).toBe(resent[1]);
    expect(resent[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/);

    // 5. A real PNG: uploaded, sent, and shown in the thread from a blob: URL.
    const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 220, g: 60, b: 60 } } })
      .composite([{ input: await sharp({ create: { width: 200, height: 40, channels: 3, background: '#ffffff' } }).png().toBuffer(), left: 60, top: 80 }])
      .png()
      .toBuffer();
    await page.setInputFiles('#file-input', { name: 'error-screen.png', mimeType: 'image/png', buffer: png });
    const img = page.locator('#thread li.msg-me:has-text("error-screen.png") img');
    await img.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLImageElement>('#thread li.msg-me img');
      return !!el && el.complete && el.naturalWidth > 0;
    });
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(320);
    await page.waitForSelector('#thread li.msg-me:has-text("error-screen.png") .msg-state-sent');

    // 6. A text file renamed .png is refused with a clear message, and the chat keeps working.
    await page.setInputFiles('#file-input', { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('these are my notes, not a picture\n') });
    await page.waitForSelector('#composer-error:not([hidden])');
    expect(await page.textContent('#composer-error')).toBe("That file isn't a PNG, JPEG or WebP image.");
    await page.fill('#message', 'Still here after the bad file');
    await page.press('#message', 'Enter');
    await page.waitForSelector('#thread li.msg-me:has-text("Still here after the bad file") .msg-state-sent');

    // The server holds each message once, and the one screenshot, linked to its message.
    const rows = srv.db.prepare('SELECT body, client_msg_id, attachment_ids_json FROM messages WHERE ticket_id = ? AND author_kind = ?').all(ticket!.id, 'customer') as {
      body: string;
      client_msg_id: string | null;
      attachment_ids_json: string;
    }[];
    expect(rows.filter((r) => r.body === 'Hello from the e2e test')).toHaveLength(1);
    expect(rows.filter((r) => r.body === 'Sent across a reconnect')).toEqual([expect.objectContaining({ client_msg_id: resent[0] })]);
    expect(rows.filter((r) => r.body === 'Still here after the bad file')).toHaveLength(1);
    const attachments = srv.db.prepare('SELECT id, message_id, mime, width, height FROM attachments WHERE ticket_id = ?').all(ticket!.id) as {
      id: string;
      message_id: string | null;
      mime: string;
      width: number;
      height: number;
    }[];
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ mime: 'image/png', width: 320, height: 200 });
    expect(attachments[0]!.message_id).toBeTruthy();
    const withImage = rows.find((r) => r.body === 'error-screen.png');
    expect(JSON.parse(withImage!.attachment_ids_json)).toEqual([attachments[0]!.id]);

    await page.waitForTimeout(150);
    await page.screenshot({ path: '/tmp/chat-live.png' });

    // 7. A reload resumes the same chat from sessionStorage, image included.
    await page.reload();
    await page.waitForSelector('#thread li.msg-me:has-text("Still here after the bad file")');
    expect(await page.textContent('#chat-reference')).toBe(reference);
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLImageElement>('#thread li.msg-me img');
      return !!el && el.complete && el.naturalWidth > 0;
    });
    await page.waitForFunction(() => document.getElementById('connection')?.hidden === true);

    // It fits a 360 px wide phone without sideways scrolling.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: '/tmp/chat-live-360.png' });
    await page.setViewportSize({ width: 1280, height: 800 });

    // 7b. The agent resolves: the customer may still add one more thing (the composer stays, with
    // until when), and writing reopens the chat with the same agent (online, with a free slot).
    await api(srv.url, 'PUT', '/api/agents/me/presence', { token: login.token, body: { presence: 'available' } });
    expect((await push([{ kind: 'ticket.resolve', outcome: 'solved', category: 'payment_delay', tags: ['e2e'] }])).body.acks[0]?.status).toBe('applied');
    await page.waitForFunction(() => /^Marked as resolved\. One more thing\? Write here until /.test(document.getElementById('chat-status')?.textContent ?? ''));
    expect(await page.isHidden('#ended')).toBe(true);
    expect(await page.isVisible('#composer')).toBe(true);
    await page.screenshot({ path: '/tmp/chat-one-more-thing.png' });
    await page.fill('#message', 'One more thing: will I get a receipt?');
    await page.keyboard.press('Enter');
    await expect.poll(() => ticketByReference(reference)?.status).toBe('open');
    await page.waitForFunction(() => !/resolved/.test(document.getElementById('chat-status')?.textContent ?? ''));

    // 8. End the chat, rate it, download the transcript.
    await page.click('#end-chat');
    await page.click('#end-dialog button[value="end"]');
    await page.waitForSelector('#ended:not([hidden])');
    expect(await page.isHidden('#composer')).toBe(true);
    expect(ticketByReference(reference)?.status).toBe('closed'); // the customer left: no "one more thing" window
    await page.check('#star-5', { force: true });
    await page.fill('#csat-comment', 'Quick and friendly.');
    await page.waitForTimeout(150);
    await page.screenshot({ path: '/tmp/chat-csat.png' });
    await page.click('#csat-submit');
    await page.waitForSelector('#csat-thanks:not([hidden])');
    expect(ticketByReference(reference)?.csat).toBe(5);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#transcript')]);
    const transcript = readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toBe(`chat-transcript-${reference}.txt`);
    expect(transcript).toContain(reference);
    expect(transcript).toContain('Hello from the e2e test');
    await page.screenshot({ path: '/tmp/chat-thanks.png' });

    agentWs.close();
    await guard.assertClean();
    await context.close();
  });

  it('offers the email form when live chat closes in the region, and shows the reference it returns', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const guard = await watch(page, [{ path: '/api/chat/start', status: 409 }]);
    const me = openIdentity(openIdentity().regionId);
    await page.goto(`${srv.url}/chat/`);
    await page.waitForSelector(`#demo-identity option[value="${me.customerId}"]`, { state: 'attached' });
    await page.selectOption('#demo-identity', me.customerId);
    await page.waitForSelector('#signed-in:not([hidden])');
    expect(await page.textContent('#prechat-submit')).toBe('Start chat');

    // The region closes after the page loaded its config: the server answers 409 region_closed.
    srv.db.prepare('UPDATE regions SET chat_enabled = 0 WHERE id = ?').run(me.regionId);
    try {
      await page.selectOption('#category', 'refund_return');
      await page.fill('#description', 'Where is my refund?');
      await page.click('#prechat-submit');
      await page.waitForSelector('#closed-box:not([hidden])');
      expect(await page.textContent('#closed-title')).toBe('Live chat has just closed');
      expect(await page.textContent('#prechat-title')).toBe('Email us');
      expect(await page.textContent('#prechat-submit')).toBe('Send by email');
      expect(await page.inputValue('#description')).toBe('Where is my refund?');
      await page.screenshot({ path: '/tmp/chat-email-form.png', fullPage: true });
      await shoot(page, 'prechat-email-signed-in');

      await page.click('#prechat-submit');
      await page.waitForSelector('#view-email-sent:not([hidden])');
      const reference = (await page.textContent('#email-reference')) ?? '';
      expect(reference).toMatch(REFERENCE);
      expect(await page.textContent('#view-email-sent')).toContain('1–2 business days');
      expect(ticketByReference(reference)).toMatchObject({ channel: 'email', category: 'refund_return', customer_id: me.customerId });
      await guard.assertClean();
    } finally {
      srv.db.prepare('UPDATE regions SET chat_enabled = 1 WHERE id = ?').run(me.regionId);
      await context.close();
    }
  });
  it('offers email, phone and the help articles before a long wait, and sends the question by email when the customer prefers', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const guard = await watch(page, []);
    const me = openIdentity(openIdentity().regionId);
    // Nobody available in the region: a new chat would wait at least an average handle time.
    const presences = srv.db.prepare('SELECT id, presence FROM agents').all() as { id: string; presence: string }[];
    srv.db.prepare(`UPDATE agents SET presence = 'offline'`).run();
    try {
      await page.goto(`${srv.url}/chat/`);
      await page.waitForSelector(`#demo-identity option[value="${me.customerId}"]`, { state: 'attached' });
      await page.selectOption('#demo-identity', me.customerId);
      await page.waitForSelector('#busy-box:not([hidden])');
      expect(await page.textContent('#busy-text')).toMatch(/wait (about \d+ min|more than an hour) right now/);
      expect(await page.isHidden('#closed-box')).toBe(true);
      expect(await page.textContent('#prechat-submit')).toBe('Start chat');
      expect(await page.getAttribute('#busy-box a[href="faq.html"]', 'href')).toBe('faq.html');
      await shoot(page, 'prechat-long-wait');

      await page.click('#busy-email');
      expect(await page.textContent('#prechat-title')).toBe('Email us');
      expect(await page.textContent('#prechat-submit')).toBe('Send by email');
      expect(await page.textContent('#busy-email')).toBe('Chat instead');
      await page.click('#busy-email');
      expect(await page.textContent('#prechat-submit')).toBe('Start chat');
      await page.click('#busy-email');

      await page.selectOption('#category', 'payment_delay');
      await page.fill('#description', 'My payment is not showing.');
      await page.click('#prechat-submit');
      await page.waitForSelector('#view-email-sent:not([hidden])');
      const reference = (await page.textContent('#email-reference')) ?? '';
      expect(reference).toMatch(REFERENCE);
      expect(ticketByReference(reference)).toMatchObject({ channel: 'email', category: 'payment_delay', customer_id: me.customerId });
      await guard.assertClean();
    } finally {
      const restore = srv.db.prepare('UPDATE agents SET presence = ? WHERE id = ?');
      for (const p of presences) restore.run(p.presence, p.id);
      await context.close();
    }
  });

  it('warns before a wait that outlasts today’s opening hours, even when it is short', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const me = openIdentity(openIdentity().regionId);
    // The region closes in 5 minutes and a chat would wait 7: under the long-wait mark, past closing.
    await page.route('**/api/chat/config', async (route) => {
      const res = await route.fetch();
      const config = (await res.json()) as { regions: { id: string; closesAt: string | null; closesText: string | null; expectedWaitSec: number | null }[] };
      for (const r of config.regions)
        if (r.id === me.regionId) Object.assign(r, { closesAt: new Date(Date.now() + 5 * 60_000).toISOString(), closesText: '18:00 CET', expectedWaitSec: 7 * 60 });
      await route.fulfill({ response: res, json: config });
    });
    try {
      await page.goto(`${srv.url}/chat/`);
      await page.waitForSelector(`#demo-identity option[value="${me.customerId}"]`, { state: 'attached' });
      await page.selectOption('#demo-identity', me.customerId);
      await page.waitForSelector('#busy-box:not([hidden])');
      expect(await page.textContent('#busy-text')).toContain('wait about 7 min right now, and live chat closes at 18:00 CET');
      expect(await page.textContent('#prechat-submit')).toBe('Start chat');
    } finally {
      await context.close();
    }
  });

  it('lets a visitor chat without an identity token: the visitor note, a case linked to a quoted reference, and a socket refused for too many windows', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const guard = await watch(page);

    // The first socket is refused with 4008; later ones go through to the desk.
    const TOO_MANY = 'Too many chat windows are open. Close one, then try again.';
    let sockets = 0;
    await page.routeWebSocket(/\/ws\/chat$/, (ws) => {
      sockets++;
      if (sockets === 1) ws.close({ code: 4008, reason: TOO_MANY });
      else ws.connectToServer();
    });

    const region = config.regions.find((r) => r.open);
    if (!region) throw new Error('no open region');
    const earlier = srv.db.prepare(`SELECT id, reference FROM tickets WHERE status IN ('resolved', 'closed') ORDER BY created_at LIMIT 1`).get() as {
      id: string;
      reference: string;
    };

    await page.goto(`${srv.url}/chat/`);
    await page.waitForSelector('#demo-fields:not([hidden])');
    await page.click('#demo-visitor');
    await page.waitForSelector('#visitor-fields:not([hidden])');
    expect(await page.textContent('#visitor-note')).toContain("You're chatting as a visitor, so the agent can't see your account until you sign in");
    expect(await page.isVisible('#visitor-demo')).toBe(true);
    expect(await page.isHidden('#signed-in')).toBe(true);
    expect(await page.isVisible('#region')).toBe(true);
    await page.fill('#name', 'Robin Visitor');
    await page.selectOption('#region', region.id);
    // Name and email are optional for a live chat (the email is asked for only by the email form).
    expect(await page.textContent('label[for="name"]')).toContain('(optional)');
    expect(await page.isVisible('#email-optional')).toBe(true);
    await page.selectOption('#category', 'payment_delay');
    await page.fill('#description', 'I paid yesterday but the app still shows it as due.');
    await page.check('#has-reference');
    await page.fill('#reference', earlier.reference.toLowerCase().replace('-', ''));
    await shoot(page, 'prechat-visitor');
    await page.click('#prechat-submit');

    await page.waitForFunction(() => /^[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(document.getElementById('chat-reference')?.textContent ?? ''));
    const reference = (await page.textContent('#chat-reference')) ?? '';
    expect(reference).not.toBe(earlier.reference);
    const ticket = ticketByReference(reference);
    expect(ticket).toMatchObject({ channel: 'chat', category: 'payment_delay', linked_ticket_id: earlier.id });
    expect(customerIdentity(ticket!.customer_id)).toBe('visitor');
    expect(identities.some((i) => i.customerId === ticket!.customer_id)).toBe(false);
    expect(await page.textContent('#chat-identity')).toBe('Visitor');
    expect(await page.textContent('#chat-notice')).toBe(
      `We started a new case linked to ${earlier.reference}. For your privacy, earlier messages of that case appear only when you're signed in.`,
    );
    // 4008: the banner says why and offers "Try again"; the page does not retry at once by itself.
    await page.waitForSelector('#connection:not([hidden])');
    expect(await page.textContent('#connection-text')).toContain(TOO_MANY);
    expect(await page.textContent('#connection-text')).toMatch(/Next try in \d+ s\./);
    expect(await page.isVisible('#connection-retry')).toBe(true);
    // Without a socket the chat so far still comes over HTTP; nothing of the earlier case is in it.
    await page.waitForSelector('#thread li.msg-me:has-text("I paid yesterday")');
    await shoot(page, 'chat-visitor-too-many');
    await page.waitForTimeout(2500);
    expect(sockets).toBe(1);
    await page.click('#connection-retry');
    await page.waitForFunction(() => document.getElementById('connection')?.hidden === true);
    expect(sockets).toBe(2);
    expect(await page.locator('#thread li.msg-me:has-text("I paid yesterday")').count()).toBe(1);
    const earlierBodies = (srv.db.prepare(`SELECT body FROM messages WHERE ticket_id = ? AND author_kind IN ('customer', 'agent')`).all(earlier.id) as { body: string }[]).map((m) => m.body);
    expect(earlierBodies.length).toBeGreaterThan(0);
    const shown = await page.textContent('#thread');
    for (const body of earlierBodies) expect(shown).not.toContain(body);

    // The chat works as any other.
    await page.fill('#message', 'Hello as a visitor');
    await page.press('#message', 'Enter');
    await page.waitForSelector('#thread li.msg-me:has-text("Hello as a visitor") .msg-state-sent');
    // A card number typed in full-width digits is shown as it was stored: masked.
    await page.fill('#message', 'My card is ４１１１ １１１１ １１１１ １１１１ ok');
    await page.press('#message', 'Enter');
    await page.waitForSelector('#thread li.msg-me:has-text("•••• 1111 ok") .msg-state-sent');
    // And one split over two messages is masked in both once the second arrives.
    await page.fill('#message', '5500 0000');
    await page.press('#message', 'Enter');
    await page.waitForSelector('#thread li.msg-me:has-text("5500 0000") .msg-state-sent');
    await page.fill('#message', '0000 0004');
    await page.press('#message', 'Enter');
    await page.waitForSelector('#thread li.msg-me:has-text("•••• 0004") .msg-state-sent');
    await expect.poll(() => page.textContent('#thread')).not.toContain('5500 0000');
    await shoot(page, 'chat-visitor');

    await guard.assertClean();
    await context.close();
  });

  it('signs in the customer the company site names in #identity=, and takes them out of the URL', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const guard = await watch(page);
    await asProductionDesk(page);
    const me = openIdentity(undefined, [openIdentity().customerId, openIdentity(openIdentity().regionId).customerId]);
    const token = await signIdentity(me);

    await page.goto(`${srv.url}/chat/#identity=${token}`);
    await page.waitForSelector('#signed-in:not([hidden])');
    expect(page.url()).toBe(`${srv.url}/chat/`);
    expect(await page.evaluate(() => location.hash)).toBe('');
    expect(await page.evaluate(() => sessionStorage.getItem('supportChat.identity'))).toBe(token);
    expect(await page.textContent('#signed-in-text')).toBe(`Signed in as ${me.name} (${me.email})`);
    // A verified customer is not asked for a name or an email; no demo picker on a production desk.
    expect(await page.isHidden('#visitor-fields')).toBe(true);
    expect(await page.isHidden('#name')).toBe(true);
    expect(await page.isHidden('#demo-fields')).toBe(true);
    expect(await page.isHidden('#switch-identity')).toBe(true);
    expect(await page.isHidden('#signed-in-demo')).toBe(true);
    // The token names no region: the page asks where they are.
    expect(await page.isVisible('#region')).toBe(true);
    await page.selectOption('#region', me.regionId);
    await page.selectOption('#category', 'refund_return');
    await page.fill('#description', 'My refund for the returned shoes has not arrived.');
    await shoot(page, 'prechat-signed-in');
    await page.click('#prechat-submit');

    await page.waitForFunction(() => /^[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(document.getElementById('chat-reference')?.textContent ?? ''));
    const reference = (await page.textContent('#chat-reference')) ?? '';
    expect(ticketByReference(reference)).toMatchObject({ customer_id: me.customerId, channel: 'chat', category: 'refund_return' });
    expect(customerIdentity(me.customerId)).toBe('verified');
    expect(await page.textContent('#chat-identity')).toBe('Signed in');
    expect(await page.isHidden('#chat-notice')).toBe(true);
    expect(page.url()).not.toContain(token);
    await page.waitForSelector('#thread li.msg-me:has-text("My refund")');
    await page.waitForFunction(() => document.getElementById('connection')?.hidden === true);
    await shoot(page, 'chat-signed-in');

    await guard.assertClean();
    await context.close();
  });

  it('says so when the identity token has expired, forgets it, and offers to go on as a visitor', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const guard = await watch(page, [{ path: '/api/chat/start', status: 401 }]);
    await asProductionDesk(page);
    const me = openIdentity();
    const now = Math.floor(Date.now() / 1000);
    const expired = await signIdentity(me, { iat: now - 20 * 60, exp: now - 10 * 60 });

    await page.goto(`${srv.url}/chat/#identity=${expired}`);
    await page.waitForSelector('#signed-in:not([hidden])');
    expect(page.url()).toBe(`${srv.url}/chat/`);
    await page.selectOption('#region', me.regionId);
    await page.selectOption('#category', 'missed_payment');
    await page.fill('#description', 'I missed a payment, what happens now?');
    const before = srv.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number };
    await page.click('#prechat-submit');

    // The desk's words, the token gone, and a choice: nothing falls back silently.
    await page.waitForSelector('#identity-refused:not([hidden])');
    expect(await page.textContent('#refused-title')).toMatch(/expired/i);
    expect(await page.evaluate(() => sessionStorage.getItem('supportChat.identity'))).toBeNull();
    expect(await page.isHidden('#signed-in')).toBe(true);
    expect(await page.isHidden('#visitor-fields')).toBe(true);
    expect(await page.isVisible('#refused-visitor')).toBe(true);
    expect(await page.isHidden('#view-chat')).toBe(true);
    expect((srv.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n).toBe(before.n);
    await shoot(page, 'prechat-refused');
    // Starting again without choosing goes nowhere.
    await page.click('#prechat-submit');
    expect(await page.isHidden('#view-chat')).toBe(true);

    // Going on as a visitor keeps what they wrote.
    await page.click('#refused-visitor');
    await page.waitForSelector('#visitor-fields:not([hidden])');
    expect(await page.isHidden('#identity-refused')).toBe(true);
    expect(await page.inputValue('#description')).toBe('I missed a payment, what happens now?');
    await page.selectOption('#region', me.regionId);
    await page.click('#prechat-submit');
    await page.waitForFunction(() => /^[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(document.getElementById('chat-reference')?.textContent ?? ''));
    const ticket = ticketByReference((await page.textContent('#chat-reference')) ?? '');
    expect(ticket?.customer_id).not.toBe(me.customerId);
    expect(customerIdentity(ticket!.customer_id)).toBe('visitor');
    expect(await page.textContent('#chat-identity')).toBe('Visitor');

    await guard.assertClean();
    await context.close();
  });
});
