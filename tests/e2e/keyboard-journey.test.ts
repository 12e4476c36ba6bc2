/**
 * The console's headline journey, keyboard only, on real parts: a real desk server with the demo
 * world, the real desktop services (offline cache, sync engine) in the browser host reaching the
 * server through a loopback proxy that can go down, the built renderer in headless Chromium.
 * Customers talk through the public chat API with the simulator's own lines and screenshots.
 *
 * After typing into the login form the agent uses the keyboard alone, every key through one
 * counting wrapper: accept six routed chats (Ctrl+Shift+A), move between them (Alt+J/K, Ctrl+1…6),
 * answer a payment delay with a canned reply whose amount and date come from the transaction
 * selected in the customer panel (the customer receives the server's figures), open a customer's
 * screenshot, zoom and rotate it, Esc; lose the server (presence Offline), reply (queued), get it
 * back (delivered once); find a chat by reference in the palette. Then one chat per common issue,
 * from "offered" to "resolved, next chat opened" with its macro: at most 8 keys each, printed.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category } from '../../src/shared/domain';
import { formatMoney } from '../../src/shared/money';
import { formatLocaleFor, formatTemplateDate } from '../../src/shared/templates';
import { renderAppScreenshot } from '../../src/server/demo/screenshots';
import { APP_GLITCHES, APP_VERSIONS, DEVICES, fill, SCRIPTS } from '../../src/server/demo/scripts';
import { DEMO_PASSWORD } from '../../src/server/demo/seed';
import { api, clientMsgId } from '../helpers/api';
import { nbsp, removeBuiltRenderer, startConsoleHost, type ConsoleHost } from '../helpers/console-host';
import { startProxy } from '../helpers/proxy';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentsIn, setPresence, startChat, type StartedChat } from '../helpers/world';

const SHOTS = '/tmp/shots-journey';

let srv: TestServer;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let desk: ConsoleHost;

beforeAll(async () => {
  srv = await startTestServer({ customers: 250 }); // enough eu-north customers with returns and overdue installments for two chats each
  proxy = await startProxy(srv.url);
  desk = await startConsoleHost({ serverUrl: proxy.url });
}, 120_000);

afterAll(async () => {
  await desk?.close();
  await proxy?.close();
  await srv?.close();
  await removeBuiltRenderer();
});

// ---- the demo world ----------------------------------------------------------------------------

interface Customer {
  id: string;
  name: string;
  orderNumber: string | null;
}

/** eu-north customers whose records fit a chat about `category`, the ones not yet taken first. */
function pickCustomer(taken: Set<string>, category: Category): Customer {
  const fits: Record<Category, string> = {
    // A payment still under way, and other payments beside it to choose from in the panel.
    payment_delay: `EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = c.id AND t.kind = 'payment' AND t.status IN ('pending','failed'))
      AND (SELECT count(*) FROM transactions t WHERE t.customer_id = c.id AND t.kind = 'payment') >= 2`,
    missed_payment: `EXISTS (SELECT 1 FROM installments i WHERE i.customer_id = c.id AND i.status IN ('overdue','failed'))`,
    refund_return: `EXISTS (SELECT 1 FROM returns r WHERE r.customer_id = c.id AND r.status IN ('requested','in_transit','received'))`,
    account_verification: `EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)`,
    technical_glitch: `EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)`,
    other: `1`,
  };
  const rows = srv.db.prepare(`SELECT c.id, c.name FROM customers c WHERE c.region_id = 'eu-north' AND ${fits[category]} ORDER BY c.id`).all() as { id: string; name: string }[];
  const firstNames = new Set([...taken].map((id) => (srv.db.prepare('SELECT name FROM customers WHERE id = ?').get(id) as { name: string }).name.split(' ')[0]));
  // Distinct first names too: a tab shows "Anna L.", and two of those would be ambiguous here.
  const row = rows.find((r) => !taken.has(r.id) && !firstNames.has(r.name.split(' ')[0]));
  if (!row) throw new Error(`no free eu-north customer for ${category}`);
  taken.add(row.id);
  let orderNumber: string | null = null;
  if (category === 'payment_delay')
    orderNumber = (srv.db.prepare(`SELECT o.order_number AS n FROM transactions t JOIN orders o ON o.id = t.order_id WHERE t.customer_id = ? AND t.kind = 'payment' AND t.status IN ('pending','failed') ORDER BY t.created_at DESC`).get(row.id) as { n: string }).n;
  if (category === 'refund_return')
    orderNumber = (srv.db.prepare(`SELECT o.order_number AS n FROM returns r JOIN orders o ON o.id = r.order_id WHERE r.customer_id = ? AND r.status IN ('requested','in_transit','received') ORDER BY r.created_at DESC`).get(row.id) as { n: string }).n;
  if (category === 'missed_payment')
    orderNumber = (srv.db.prepare(`SELECT o.order_number AS n FROM installments i JOIN orders o ON o.id = i.order_id WHERE i.customer_id = ? AND i.status IN ('overdue','failed') ORDER BY i.due_date`).get(row.id) as { n: string }).n;
  return { ...row, orderNumber };
}

/** A chat started like the simulator starts one: its description and opening lines for the category. */
async function openChat(customer: Customer, category: Category): Promise<StartedChat> {
  const script = SCRIPTS[category];
  const ctx = { order: customer.orderNumber, code: APP_GLITCHES[0]!.errorCode, version: APP_VERSIONS[0]!, device: DEVICES[0]! };
  const description = fill(script.descriptions[0]!, ctx);
  const started = await startChat(srv.url, customer.id, { category, description, ...(customer.orderNumber ? { orderNumber: customer.orderNumber } : {}) });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  for (const line of script.openers[0]!) await say(started.body, fill(line, ctx));
  return started.body;
}

async function say(chat: StartedChat, body: string, attachmentIds: string[] = []) {
  const res = await api(srv.url, 'POST', '/api/chat/messages', { token: chat.token, body: { clientMsgId: clientMsgId(), body, ...(attachmentIds.length ? { attachmentIds } : {}) } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** What the customer's chat page holds: the agents' messages, in order. */
async function agentLines(chat: StartedChat): Promise<string[]> {
  const state = await api<{ messages: { authorKind: string; body: string }[] }>(srv.url, 'GET', '/api/chat/state', { token: chat.token });
  return state.body.messages.filter((m) => m.authorKind === 'agent').map((m) => m.body);
}

const ticketStatus = (chat: StartedChat) => (srv.db.prepare('SELECT status FROM tickets WHERE id = ?').get(chat.chat.ticketId) as { status: string }).status;

const shortName = (name: string) => `${name.split(' ')[0]} ${name.split(' ').at(-1)![0]}.`;

// ---- the keyboard ------------------------------------------------------------------------------

/** Every key the agent presses goes through here, counted under the part of the journey it served. */
function keyboard(page: Page) {
  const log: { part: string; key: string }[] = [];
  let part = 'start';
  return {
    log,
    set part(p: string) {
      part = p;
    },
    get part() {
      return part;
    },
    async press(key: string) {
      log.push({ part, key });
      await page.keyboard.press(key);
    },
    /** Typing is one press per character. */
    async type(text: string) {
      for (const ch of text) log.push({ part, key: ch });
      await page.keyboard.type(text);
    },
    keysOf: (p: string) => log.filter((k) => k.part === p).map((k) => k.key),
  };
}

describe('the keyboard journey on a real desk server', () => {
  it('signs in, works six chats, a canned reply from the panel, a screenshot, offline and back, a reference, five issues in ≤ 8 keys each', async () => {
    const started = Date.now();
    const agent = agentsIn(srv.db, 'eu-north')[0]!;
    const login = await srv.loginAgent(agent.email);
    await setPresence(srv.url, login.token, 'available', 8);

    const { page, problems } = await desk.open();
    page.setDefaultTimeout(15_000);
    const keys = keyboard(page);
    const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

    // ---- sign in: the login form offers the desktop's server; the agent types the rest ----
    keys.part = 'sign in';
    const serverField = page.getByLabel('Server URL');
    await expect.poll(() => serverField.inputValue()).toBe(proxy.url);
    await page.getByLabel('Email').focus();
    await keys.type(agent.email);
    await keys.press('Tab');
    await keys.type(DEMO_PASSWORD);
    await keys.press('Enter');
    const list = page.getByRole('listbox', { name: /chats/ });
    await list.waitFor();

    // ---- six customers start chats; the agent accepts each as it is offered ----
    const taken = new Set<string>();
    const firstSix: { category: Category; customer: Customer; chat?: StartedChat }[] = (
      ['payment_delay', 'technical_glitch', 'refund_return', 'missed_payment', 'account_verification', 'other'] as const
    ).map((category) => ({ category, customer: pickCustomer(taken, category) }));
    for (const c of firstSix) c.chat = await openChat(c.customer, c.category);
    const offer = page.getByRole('region', { name: 'Chat offered to you' });
    const strip = page.getByRole('tablist', { name: 'Open chats' });
    const tabs = strip.getByRole('tab');
    const heading = (name: string) => page.getByRole('heading', { name, level: 2 });
    keys.part = 'accept six';
    const order: string[] = [];
    for (let n = 0; n < 6; n++) {
      await offer.waitFor();
      const text = (await offer.textContent()) ?? '';
      const c = firstSix.find((x) => text.includes(x.customer.name) && !order.includes(x.customer.name));
      expect(c, text).toBeDefined();
      await keys.press('Control+Shift+A');
      order.push(c!.customer.name);
      await expect.poll(() => tabs.count()).toBe(order.length);
      await heading(c!.customer.name).waitFor();
    }
    await offer.waitFor({ state: 'detached' });
    await expect.poll(() => srv.db.prepare(`SELECT count(*) AS n FROM tickets WHERE assignee_id = ? AND status = 'open' AND accepted_at IS NOT NULL`).get(agent.id)).toEqual({ n: 6 });
    await shot('six-tabs');

    // ---- move between them: Ctrl+1…6, Alt+J / Alt+K ----
    keys.part = 'switch';
    const selected = async () => ((await strip.getByRole('tab', { selected: true }).textContent()) ?? '').replace(/,.*$/, '');
    for (let i = 1; i <= 6; i++) {
      await keys.press(`Control+Digit${i}`);
      await expect.poll(selected).toBe(shortName(order[i - 1]!));
      await heading(order[i - 1]!).waitFor();
    }
    await keys.press('Alt+KeyJ');
    await expect.poll(selected).toBe(shortName(order[0]!));
    await keys.press('Alt+KeyK');
    await expect.poll(selected).toBe(shortName(order[5]!));
    const tabOf = (c: { customer: Customer }) => order.indexOf(c.customer.name) + 1;

    // ---- a canned reply whose figures come from the transaction selected in the panel ----
    keys.part = 'canned reply';
    const delay = firstSix[0]!;
    await keys.press(`Control+Digit${tabOf(delay)}`);
    await heading(delay.customer.name).waitFor();
    const panel = page.getByRole('complementary', { name: 'Customer context' });
    const txList = panel.getByRole('listbox', { name: 'Transactions' });
    await txList.waitFor();
    // F6 goes pane by pane to the panel, Tab to the transactions.
    for (let i = 0; i < 4 && !(await panel.evaluate((el) => el.contains(document.activeElement))); i++) await keys.press('F6');
    for (let i = 0; i < 40 && !(await txList.evaluate((el) => el === document.activeElement)); i++) await keys.press('Tab');
    await expect(txList.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // The customer's payments as the server holds them. Unselected, a reply would quote the
    // latest payment under way on the order they named; the agent picks another one instead.
    const locale = srv.db.prepare('SELECT locale, time_zone AS tz FROM customers WHERE id = ?').get(delay.customer.id) as { locale: string; tz: string };
    type Tx = { id: string; amountMinor: number; currency: string; createdAt: string; reference: string; status: string; orderNumber: string | null };
    const payments = srv.db
      .prepare(`SELECT t.id, t.amount_minor AS amountMinor, t.currency, t.created_at AS createdAt, t.reference, t.status, o.order_number AS orderNumber
                FROM transactions t LEFT JOIN orders o ON o.id = t.order_id WHERE t.customer_id = ? AND t.kind = 'payment' ORDER BY t.created_at DESC`)
      .all(delay.customer.id) as Tx[];
    // The customer is Swedish but writes English: triage reads it, and the canned replies follow the
    // language they write in (English words, money and dates as an English reply to them shows them).
    const fmt = formatLocaleFor(locale.locale, 'en');
    const quoted = (t: Tx) => `${nbsp(formatMoney(t.amountMinor, t.currency, fmt))} from ${nbsp(formatTemplateDate(t.createdAt, fmt, locale.tz)!)}`;
    const unselected = payments.find((t) => t.orderNumber === delay.customer.orderNumber && (t.status === 'pending' || t.status === 'failed'))!;
    const tx = payments.find((t) => quoted(t) !== quoted(unselected))!;
    expect(tx, JSON.stringify(payments)).toBeDefined();
    const activeOption = async () => (await txList.getAttribute('aria-activedescendant')) ?? '';
    for (let i = 0; i < 30 && !(await page.locator(`[id="${await activeOption()}"]`).textContent())?.includes(tx.reference); i++) await keys.press('ArrowDown');
    await keys.press('Enter');
    await txList.getByRole('option', { name: new RegExp(tx.reference), selected: true }).waitFor();
    await shot('panel-transaction-selected');
    // Back to the reply, `/`, the category's "payment is processing" reply (in English: see below), Enter.
    await keys.press('F6');
    const composer = page.getByLabel('Reply to the customer');
    for (let i = 0; i < 4 && !(await composer.evaluate((el) => el === document.activeElement)); i++) await keys.press('F6');
    await keys.type('/processing');
    const picker = page.getByRole('listbox', { name: /^Canned replies/ });
    await expect.poll(() => picker.getByRole('option').first().textContent()).toContain('Payment is processing');
    await keys.press('Enter');
    await picker.waitFor({ state: 'detached' });
    await expect.poll(async () => nbsp(await composer.inputValue())).toContain(`your payment of ${quoted(tx)}`);
    await shot('canned-reply');
    await keys.press('Enter');
    // What the customer receives: the selected payment's amount and date, not the default's.
    await expect.poll(async () => (await agentLines(delay.chat!)).map(nbsp), { timeout: 10_000 }).toEqual([expect.stringContaining(`your payment of ${quoted(tx)}`)]);
    expect((await agentLines(delay.chat!)).map(nbsp)[0]).not.toContain(quoted(unselected));

    // ---- a screenshot from the customer: open it, zoom, rotate, Esc ----
    keys.part = 'screenshot';
    const glitch = firstSix[1]!;
    const png = await renderAppScreenshot({ seed: 7, errorCode: APP_GLITCHES[0]!.errorCode, title: APP_GLITCHES[0]!.title, message: APP_GLITCHES[0]!.message, appVersion: '7.14.2' });
    const upload = await api<{ attachment: { id: string } }>(srv.url, 'PUT', '/api/chat/attachments', { token: glitch.chat!.token, raw: png, contentType: 'image/png', headers: { 'x-filename': 'IMG_3107.png' } });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    await say(glitch.chat!, 'Here is what the app shows me.', [upload.body.attachment.id]);
    await keys.press(`Control+Digit${tabOf(glitch)}`);
    await heading(glitch.customer.name).waitFor();
    const log = page.getByRole('log');
    const thumb = log.getByRole('button', { name: /IMG_3107\.png/ });
    await thumb.waitFor();
    for (let i = 0; i < 4 && !(await log.evaluate((el) => el.contains(document.activeElement))); i++) await keys.press('F6');
    for (let i = 0; i < 30 && !(await thumb.evaluate((el) => el === document.activeElement)); i++) await keys.press('Tab');
    await expect(thumb.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await keys.press('Enter');
    const viewer = page.getByRole('dialog', { name: 'Image viewer' });
    const picture = viewer.getByRole('img', { name: 'IMG_3107.png' });
    await picture.waitFor();
    const stage = viewer.getByRole('group', { name: /^Picture/ });
    const zoomLevel = viewer.getByTestId('zoom-level');
    await expect.poll(() => zoomLevel.textContent()).toMatch(/^\d+ %$/);
    const fitted = parseInt((await zoomLevel.textContent())!, 10);
    const transformOf = () => stage.evaluate((el) => [...el.querySelectorAll('*')].map((n) => getComputedStyle(n).transform).filter((t) => t !== 'none').join(' | '));
    const before = await transformOf();
    await keys.press('+');
    await expect.poll(async () => parseInt((await zoomLevel.textContent()) ?? '0', 10)).toBeGreaterThan(fitted);
    await keys.press('r');
    await expect.poll(() => stage.getAttribute('data-rotation')).toBe('90');
    await expect.poll(transformOf).not.toBe(before);
    await expect.poll(async () => {
      const b = await picture.boundingBox();
      return b ? b.width > b.height : false; // a portrait phone screenshot, turned
    }).toBe(true);
    await shot('viewer-zoomed-rotated');
    await keys.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    await expect(thumb.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    // ---- offline: the desktop loses the server, a reply waits in the outbox, then goes once ----
    keys.part = 'offline';
    const refund = firstSix[2]!;
    await keys.press(`Control+Digit${tabOf(refund)}`);
    await heading(refund.customer.name).waitFor();
    proxy.down();
    // The presence shows Offline while the desk can't hear the agent, whatever they chose.
    const presence = page.locator('.top-bar .presence');
    await expect.poll(async () => ((await presence.textContent()) ?? '').replace('Presence: ', ''), { timeout: 20_000 }).toBe('Offline');
    await expect(presence.locator('select').count()).resolves.toBe(0);
    for (let i = 0; i < 4 && !(await composer.evaluate((el) => el === document.activeElement)); i++) await keys.press('F6');
    const queued = 'Thanks, I am checking your return with the store now.';
    await keys.type(queued);
    await keys.press('Enter');
    await log.getByText(queued).waitFor();
    await log.getByText('Queued').waitFor();
    await shot('offline-queued');
    expect(await agentLines(refund.chat!)).toEqual([]);
    proxy.up();
    await expect.poll(() => log.getByText('Queued').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => presence.getByRole('combobox').inputValue().catch(() => 'disconnected'), { timeout: 20_000 }).toBe('available');
    await expect.poll(() => agentLines(refund.chat!), { timeout: 10_000 }).toEqual([queued]);
    await expect(log.getByText(queued).count()).resolves.toBe(1); // and once on the agent's side
    await shot('back-online');

    // ---- a chat by its reference in the palette ----
    keys.part = 'reference';
    const other = firstSix[5]!;
    await keys.press('Control+Digit1');
    await keys.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await keys.type(other.chat!.chat.reference);
    await palette.getByRole('option', { name: new RegExp(`Open case ${other.chat!.chat.reference}`) }).waitFor();
    await keys.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await heading(other.customer.name).waitFor();
    await expect.poll(selected).toBe(shortName(other.customer.name));

    // ---- one chat per common issue: offered → resolved, next chat opened ----
    const issues: { category: Category; label: string }[] = [
      { category: 'payment_delay', label: 'payment delay' },
      { category: 'account_verification', label: 'account verification' },
      { category: 'refund_return', label: 'refund / return' },
      { category: 'missed_payment', label: 'missed payment' },
      { category: 'technical_glitch', label: 'technical glitch' },
    ];
    for (const issue of issues) {
      const customer = pickCustomer(taken, issue.category);
      const chat = await openChat(customer, issue.category);
      await offer.getByText(customer.name).waitFor();
      keys.part = issue.label; // counting starts with the offer on screen
      await keys.press('Control+Shift+A');
      await heading(customer.name).waitFor();
      await keys.press('Control+Shift+Digit1');
      const inputs = page.getByRole('dialog', { name: /^Macro: / });
      // The macro either asks its inputs first or puts its reply in the composer. (Waiting for the
      // composer's focus raced: it can hold the focus from the accept before the dialog opens.)
      try {
        await expect.poll(async () => (await inputs.isVisible()) || (await composer.inputValue()) !== '', { timeout: 10_000 }).toBe(true);
      } catch (err) {
        await shot(`macro-stuck-${issue.category}`);
        const bar = await page.locator('.macro-bar').allTextContents();
        throw new Error(`${issue.label}: Ctrl+Shift+1 gave neither the macro's dialog nor its reply; macro bar: ${JSON.stringify(bar)}; ${(err as Error).message}`);
      }
      if (await inputs.isVisible()) {
        await keys.press('Enter');
        await inputs.waitFor({ state: 'detached' });
      }
      await expect.poll(() => composer.inputValue(), { timeout: 10_000 }).not.toBe('');
      const reply = await composer.inputValue();
      expect(reply, issue.label).not.toMatch(/⟦/); // every value filled from the server's data
      await keys.press('Enter');
      await expect.poll(() => ticketStatus(chat), { timeout: 10_000 }).toBe('resolved');
      await expect.poll(async () => (await agentLines(chat)).map(nbsp)).toEqual([nbsp(reply)]);
      await expect.poll(async () => (await strip.getByRole('tab', { selected: true }).textContent()) ?? '').not.toContain(shortName(customer.name));
      await page.getByRole('tabpanel').getByRole('heading', { level: 2 }).waitFor();
      // Its tab closed, as resolving by hand closes it; the bar in the next chat names this one.
      await expect.poll(() => tabs.count()).toBe(6);
      expect((await tabs.allTextContents()).some((t) => t.startsWith(shortName(customer.name)))).toBe(false);
      await expect.poll(async () => nbsp((await page.locator('.macro-bar').textContent()) ?? '')).toContain(`Done in ${customer.name}’s chat`);
    }

    await shot('after-five-issues');
    const table = issues.map(({ label }) => `  ${label}: ${keys.keysOf(label).length} (${keys.keysOf(label).join(', ')})`);
    const parts = [...new Set(keys.log.map((k) => k.part))].map((p) => `  ${p}: ${keys.keysOf(p).length}`);
    console.log(`keyboard journey: key presses from "chat offered" to "resolved, next chat opened":\n${table.join('\n')}\nall key presses by part:\n${parts.join('\n')}\njourney took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const { label } of issues) expect(keys.keysOf(label).length, label).toBeLessThanOrEqual(8);
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);
});
