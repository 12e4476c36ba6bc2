/**
 * Multi-chat end to end, on real parts: the real desk server (routing offers chats to the agent),
 * the real desktop services through the browser host, the built renderer in headless Chromium.
 * Seven customers start chats; the agent accepts six with Ctrl+Shift+A (each opens a tab, in
 * order) and declines one with Ctrl+Shift+X; moves between them with Alt+J / Alt+K and
 * Ctrl+1…6; a customer typing and a new customer message mark their tabs; a supervisor viewing
 * the chat shows in the header; the customer hears "… joined the chat" only on accept; resolving
 * shows "Resolved · Undo", then the tab closes. axe-core finds nothing serious or critical in
 * light and dark; screenshots at 1440×900 go to /tmp/shots-tabs/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, clientMsgId } from '../helpers/api';
import { seriousViolations } from '../helpers/axe';
import { consoleSuite, signIn } from '../helpers/console-host';
import { agentsIn, customerIn, setPresence, startChat, type StartedChat } from '../helpers/world';
import { agentSocket, customerSocket } from '../helpers/ws';

const SHOTS = '/tmp/shots-tabs';

const suite = consoleSuite(SHOTS);

const axeLog: string[] = [];
const axe = (page: Page, what: string) => seriousViolations(page, what, axeLog);
const shot = suite.shot;

describe('chat tabs in the browser host against the real desk server', () => {
  it('accepts six routed chats into tabs, declines one, moves with Alt+J/K and Ctrl+1…6; axe finds nothing serious', async () => {
    const agent = agentsIn(suite.srv.db, 'eu-north')[0]!;
    const supervisor = agentsIn(suite.srv.db, 'eu-north', 'supervisor')[0]!;
    const login = await suite.srv.loginAgent(agent.email);
    await setPresence(suite.srv.url, login.token, 'available', 8);

    const { page, problems } = await suite.desk.open();
    await signIn(page, suite.srv.url, agent.email);
    await page.getByRole('listbox', { name: /chats/ }).waitFor();

    // Seven customers ask their first question; routing offers each chat to the agent.
    const questions = [
      'My payment from Monday is not showing.',
      'Can I move my due date by a week?',
      'I returned the shoes, where is my refund?',
      'Why was my card declined at checkout?',
      'The app says my account is locked.',
      'I was charged a late fee I did not expect.',
      'How do I change my payment method?',
    ];
    const chats: StartedChat[] = [];
    const names: string[] = [];
    for (const [i, description] of questions.entries()) {
      const customerId = customerIn(suite.srv.db, 'eu-north', i);
      names.push((suite.srv.db.prepare('SELECT name FROM customers WHERE id = ?').get(customerId) as { name: string }).name);
      chats.push((await startChat(suite.srv.url, customerId, { description })).body);
    }
    const offer = page.getByRole('region', { name: 'Chat offered to you' });
    await offer.waitFor();
    await expect.poll(async () => (await offer.textContent()) ?? '').toContain('+6 more offered');
    await shot(page, 'offer-light');

    // Accept six with Ctrl+Shift+A, decline the fourth with Ctrl+Shift+X: each accept opens a tab on the right.
    const strip = page.getByRole('tablist', { name: 'Open chats' });
    const tabs = strip.getByRole('tab');
    const accepted: number[] = [];
    let declined = -1;
    for (let n = 0; n < 7; n++) {
      const text = (await offer.textContent()) ?? '';
      const at = names.findIndex((name) => text.includes(name));
      expect(at, text).toBeGreaterThanOrEqual(0);
      // The offer shows the customer's first question, not "… joined the chat."
      expect(text).toContain(questions[at]!);
      if (n === 3) {
        declined = at;
        await page.keyboard.press('Control+Shift+X');
      } else {
        accepted.push(at);
        await page.keyboard.press('Control+Shift+A');
        await expect.poll(() => tabs.count()).toBe(accepted.length);
        await page.getByRole('heading', { name: names[at], level: 2 }).waitFor();
      }
      if (n < 6) await expect.poll(async () => (await offer.textContent()) ?? '').not.toContain(names[at]!);
    }
    await offer.waitFor({ state: 'detached' });
    const shortName = (name: string) => `${name.split(' ')[0]} ${name.split(' ').at(-1)![0]}.`;
    expect((await tabs.allTextContents()).map((t) => t.replace(/,.*$/, ''))).toEqual(accepted.map((i) => shortName(names[i]!)));
    await expect.poll(() => suite.srv.db.prepare(`SELECT count(*) AS n FROM tickets WHERE assignee_id = ? AND status = 'open' AND accepted_at IS NOT NULL`).get(agent.id)).toEqual({ n: 6 });

    // Ctrl+1…6 go to a position; Alt+J / Alt+K go round.
    const selected = async () => ((await strip.getByRole('tab', { selected: true }).textContent()) ?? '').replace(/,.*$/, '');
    for (let i = 1; i <= 6; i++) {
      await page.keyboard.press(`Control+Digit${i}`);
      await expect.poll(selected).toBe(shortName(names[accepted[i - 1]!]!));
      await page.getByRole('heading', { name: names[accepted[i - 1]!], level: 2 }).waitFor();
    }
    await page.keyboard.press('Alt+KeyJ');
    await expect.poll(selected).toBe(shortName(names[accepted[0]!]!));
    await page.keyboard.press('Alt+KeyK');
    await expect.poll(selected).toBe(shortName(names[accepted[5]!]!));
    await page.keyboard.press('Alt+KeyK');
    await expect.poll(selected).toBe(shortName(names[accepted[4]!]!));
    await page.getByRole('log').getByText(questions[accepted[4]!]!).waitFor();

    // The customer hears an agent joined only when the agent accepted: not the declined chat.
    const joined = async (c: StartedChat) =>
      (await api<{ messages: { authorKind: string; body: string }[] }>(suite.srv.url, 'GET', '/api/chat/state', { token: c.token })).body.messages.some((m) => /joined the chat/.test(m.body));
    expect(await joined(chats[accepted[0]!]!)).toBe(true);
    expect(await joined(chats[declined]!)).toBe(false);

    // Background tabs: a customer typing shows "…"; a new customer message marks the tab until read.
    const second = chats[accepted[1]!]!;
    const third = chats[accepted[2]!]!;
    const typer = await customerSocket(suite.srv.url, second.token);
    typer.send({ type: 'typing', typing: true });
    await strip.getByRole('tab', { name: new RegExp(`^${shortName(names[accepted[1]!]!)}\\s?, customer typing$`) }).waitFor();
    await api(suite.srv.url, 'POST', '/api/chat/messages', { token: third.token, body: { clientMsgId: clientMsgId(), body: 'Hello? Any news?' } });
    await strip.getByRole('tab', { name: new RegExp(`^${shortName(names[accepted[2]!]!)}\\s?, 1 unread$`) }).waitFor();

    // A supervisor opens the chat on screen: the header says so.
    const sup = await suite.srv.loginAgent(supervisor.email);
    const supSocket = await agentSocket(suite.srv.url, sup.token);
    supSocket.send({ type: 'viewing', ticketId: chats[accepted[4]!]!.chat.ticketId });
    await page.getByText(`${supervisor.name.split(' ')[0]} is viewing`).waitFor();

    const serious: string[] = [];
    serious.push(...(await axe(page, 'console with tabs light')));
    await shot(page, 'tabs-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // Buttons fade their colours (100 ms): axe reads the colours once nothing is mid-transition.
    await page.waitForFunction(() => document.getAnimations().length === 0);
    serious.push(...(await axe(page, 'console with tabs dark')));
    await shot(page, 'tabs-dark');

    // Reading the marked tab clears it.
    await page.keyboard.press('Control+Digit3');
    await strip.getByRole('tab', { name: shortName(names[accepted[2]!]!), exact: true, selected: true }).waitFor();

    // The case's dialogs, each from the palette or its key, each closed by Esc (issue 8).
    const fromPalette = async (command: string, dialog: RegExp, name: string) => {
      await page.keyboard.press('Control+K');
      await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
      await page.keyboard.type(command);
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: dialog }).waitFor();
      serious.push(...(await axe(page, `${name} dark`)));
      await shot(page, `${name}-dark`);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: dialog }).waitFor({ state: 'detached' });
    };
    await fromPalette('Edit tags', /^Tags of /, 'tags');
    await fromPalette('Merge into another case', /^Merge .* into another case$/, 'merge');
    await fromPalette('Log a phone call', /^Log a call on /, 'call-log');
    await fromPalette('New case from a call', /^New case from a call$/, 'from-call');

    // Resolve: the wrap-up (Enter takes "Solved" and the category), "Resolved · Undo", then the tab
    // closes and the next chat that needs a reply opens.
    await page.keyboard.press('Control+Shift+E');
    await page.getByRole('dialog', { name: /^Resolve / }).waitFor();
    serious.push(...(await axe(page, 'wrap-up dark')));
    await shot(page, 'wrap-up-dark');
    await page.keyboard.press('Enter');
    await page.getByText(/^Resolved · /).waitFor();
    await shot(page, 'resolve-undo-dark');
    await expect.poll(() => tabs.count(), { timeout: 6_000 }).toBe(5);
    await page.emulateMedia({ colorScheme: 'light' });

    // A customer calls (issue 8, phone): found by the email they give, a case opened from the call,
    // and it opens in a sixth tab once sync brings it.
    const caller = suite.srv.db.prepare(`SELECT id, name, email FROM customers WHERE region_id = 'eu-north' AND identity = 'verified' ORDER BY id DESC LIMIT 1`).get() as { id: string; name: string; email: string };
    await page.keyboard.press('Control+K');
    await page.keyboard.type('New case from a call');
    await page.keyboard.press('Enter');
    const fromCall = page.getByRole('dialog', { name: 'New case from a call' });
    await page.keyboard.type('nobody@example.test');
    await page.keyboard.press('Enter');
    await fromCall.getByText('No verified customer of your regions has the email nobody@example.test', { exact: false }).waitFor();
    await shot(page, 'from-call-none-light');
    await fromCall.getByLabel('Caller’s email').fill('');
    await page.keyboard.type(caller.email.toUpperCase());
    await page.keyboard.press('Enter');
    await fromCall.getByRole('option', { name: new RegExp(caller.name), selected: true }).waitFor();
    serious.push(...(await axe(page, 'from-call found light')));
    await shot(page, 'from-call-found-light');
    await page.keyboard.press('Enter');
    await page.keyboard.press('o');
    await fromCall.getByLabel('Length (m:ss)').fill('3:30');
    await fromCall.getByLabel('How it ended').selectOption('follow_up');
    await fromCall.getByLabel(/^Notes/).fill('Asked to move the due date; will confirm by email.');
    await fromCall.getByLabel('Category').selectOption('payment_delay');
    await fromCall.getByLabel(/^Subject/).fill('Due date moved by phone');
    serious.push(...(await axe(page, 'from-call case light')));
    await shot(page, 'from-call-case-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.waitForFunction(() => document.getAnimations().length === 0);
    serious.push(...(await axe(page, 'from-call case dark')));
    await shot(page, 'from-call-case-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.keyboard.press('Enter');
    await fromCall.waitFor({ state: 'detached' });
    await strip.getByRole('tab', { name: shortName(caller.name), exact: true, selected: true }).waitFor();
    await page.getByRole('log').getByText('Case opened from a phone call · Payment delay').waitFor();
    const phoneCase = suite.srv.db.prepare(`SELECT channel, status, subject, assignee_id FROM tickets WHERE customer_id = ? AND channel = 'phone'`).get(caller.id);
    expect(phoneCase).toEqual({ channel: 'phone', status: 'open', subject: 'Due date moved by phone', assignee_id: agent.id });
    await shot(page, 'from-call-opened-light');

    typer.close();
    supSocket.close();
    console.log(axeLog.join('\n'));
    expect(serious).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
