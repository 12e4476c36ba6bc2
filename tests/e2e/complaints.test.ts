/**
 * Formal complaints end to end, on real parts (desk server, browser host, built renderer, headless
 * Chromium): two chats are escalated to formal complaints, one of them overdue; a supervisor opens
 * the board, finds both in "Formal complaints" (overdue first, in red, with the word), moves
 * through them with the arrow keys, opens one read-only with Enter, takes the other over, and
 * works it in the chats, where the header shows its countdown chip. axe-core finds nothing serious
 * or critical. Screenshots go to /tmp/shots-complaints/ (COMPLAINT_SHOTS).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, clientMsgId } from '../helpers/api';
import { seriousViolations } from '../helpers/axe';
import { consoleSuite, signIn } from '../helpers/console-host';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

const SHOTS = process.env.COMPLAINT_SHOTS ?? '/tmp/shots-complaints';

const suite = consoleSuite(SHOTS);

const shot = suite.shot;
const referenceOf = (ticketId: string) => (suite.srv.db.prepare('SELECT reference FROM tickets WHERE id = ?').get(ticketId) as { reference: string }).reference;

describe('formal complaints in the browser host against the real desk server', () => {
  it('shows a supervisor’s whisper to the agent as "Whisper from <supervisor>", apart from notes', async () => {
    const supervisor = agentsIn(suite.srv.db, 'eu-north', 'supervisor')[0]!;
    const [maja, ...others] = agentsIn(suite.srv.db, 'eu-north');
    const majaLogin = await suite.srv.loginAgent(maja!.email);
    for (const o of others) await setPresence(suite.srv.url, (await suite.srv.loginAgent(o.email)).token, 'away');
    await setPresence(suite.srv.url, majaLogin.token, 'available', 8);
    const chat = (await startChat(suite.srv.url, customerIn(suite.srv.db, 'eu-north', 2), { description: 'Can I pause my payments while I wait for a refund?' })).body;
    expect((suite.srv.db.prepare('SELECT assignee_id FROM tickets WHERE id = ?').get(chat.chat.ticketId) as { assignee_id: string }).assignee_id).toBe(maja!.id);
    const supLogin = await suite.srv.loginAgent(supervisor.email);
    const sent = await api(suite.srv.url, 'POST', `/api/supervisor/tickets/${chat.chat.ticketId}/whisper`, { token: supLogin.token, body: { body: 'She qualifies for a payment pause; offer it.' } });
    expect(sent.status).toBe(200);

    const { page, problems } = await suite.desk.open({ width: 1400, height: 900 });
    await signIn(page, suite.srv.url, maja!.email);
    const customer = (suite.srv.db.prepare('SELECT c.name FROM customers c JOIN tickets t ON t.customer_id = c.id WHERE t.id = ?').get(chat.chat.ticketId) as { name: string }).name;
    await page.getByRole('option', { name: new RegExp(customer) }).first().click();
    const whisper = page.getByRole('article', { name: `Whisper from ${supervisor.name}` });
    await whisper.waitFor({ timeout: 15_000 });
    expect(await whisper.textContent()).toContain('She qualifies for a payment pause; offer it.');
    expect(await whisper.getAttribute('class')).toContain('msg--whisper');
    expect(await seriousViolations(page, 'whisper light')).toEqual([]);
    await shot(page, 'whisper-thread');
    await whisper.screenshot({ path: path.join(SHOTS, 'whisper.png') });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await page.waitForTimeout(300);
    expect(await seriousViolations(page, 'whisper dark')).toEqual([]);
    await whisper.screenshot({ path: path.join(SHOTS, 'whisper-dark.png') });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    await page.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('lists complaints for a supervisor, keyboard first; taking one over shows its countdown in the header', async () => {
    const supervisor = agentsIn(suite.srv.db, 'eu-north', 'supervisor')[0]!;
    const [maja, ...others] = agentsIn(suite.srv.db, 'eu-north');
    const majaLogin = await suite.srv.loginAgent(maja!.email);
    for (const o of others) await setPresence(suite.srv.url, (await suite.srv.loginAgent(o.email)).token, 'away');
    await setPresence(suite.srv.url, majaLogin.token, 'available', 8);

    // Two Nordic customers' chats go to Maja, who escalates both to formal complaints.
    const escalate = async (offset: number, description: string) => {
      const chat = (await startChat(suite.srv.url, customerIn(suite.srv.db, 'eu-north', offset), { description })).body;
      const res = await api<{ acks: { status: string }[] }>(suite.srv.url, 'POST', '/api/sync/push', {
        token: majaLogin.token,
        body: { clientId: 'client-maja-e2e', protocol: 1, mutations: [{ clientMsgId: clientMsgId(), kind: 'ticket.escalate', ticketId: chat.chat.ticketId, to: 'complaint', reason: 'Formal complaint about a late fee' }] },
      });
      expect(res.body.acks[0]?.status).toBe('applied');
      return chat.chat.ticketId as string;
    };
    const overdueId = await escalate(0, 'You charged me a late fee although I paid on time.');
    const freshId = await escalate(1, 'Your collections letter was wrong and I want a formal answer.');
    // The first one's deadline passed two hours ago.
    suite.srv.db.prepare('UPDATE tickets SET complaint_due_at = ? WHERE id = ?').run(new Date(Date.now() - 2 * 3_600_000).toISOString(), overdueId);
    const [overdueRef, freshRef] = [referenceOf(overdueId), referenceOf(freshId)];

    const { page, problems } = await suite.desk.open({ width: 1400, height: 900 });
    await signIn(page, suite.srv.url, supervisor.email);
    await page.getByRole('button', { name: 'Supervisor board' }).waitFor();
    await page.keyboard.press('Control+Shift+G');
    await page.getByRole('heading', { name: 'Floor', level: 1 }).waitFor();

    const section = page.getByRole('region', { name: /Formal complaints/ });
    const overdueRow = section.getByRole('listitem', { name: new RegExp(`^${overdueRef}`) });
    const freshRow = section.getByRole('listitem', { name: new RegExp(`^${freshRef}`) });
    await freshRow.waitFor();
    // Overdue first (soonest due), in red with the word; the fresh one counts business days and time.
    const refs = await section.getByRole('listitem').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')!.split(',')[0]));
    expect(refs.indexOf(overdueRef)).toBeLessThan(refs.indexOf(freshRef));
    expect(await overdueRow.textContent()).toMatch(/Overdue by 2h 0\dm/);
    expect(await overdueRow.getAttribute('class')).toContain('complaint-list__row--overdue');
    const daysLeft = /(\d+) business days? left/.exec((await freshRow.textContent()) ?? '')?.[1];
    expect(daysLeft).toMatch(/^\d+$/);
    expect(await freshRow.textContent()).toMatch(/\d+h \d\dm business time|\d+m business time/);
    await section.scrollIntoViewIfNeeded();
    expect(await seriousViolations(page, 'complaints light')).toEqual([]);
    await shot(page, 'complaints-board');
    await section.screenshot({ path: path.join(SHOTS, 'complaints-list.png') });

    // Keyboard: the overdue row is the list's tab stop; ↓ reaches the fresh one; ↑ and Enter open the overdue one read-only.
    await overdueRow.focus();
    await page.keyboard.press('ArrowDown');
    expect(await freshRow.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const thread = page.getByRole('dialog', { name: `${overdueRef}, read-only` });
    // In the thread (the handover summary above it quotes the customer too).
    await thread.locator('.sv-thread__list').getByText('You charged me a late fee although I paid on time.').waitFor();
    await page.keyboard.press('Escape');
    await thread.waitFor({ state: 'detached' });

    // Take the fresh one over: it opens in the chats with its countdown chip.
    await freshRow.getByRole('button', { name: 'Take over' }).click();
    const confirm = page.getByRole('dialog', { name: `Take over ${freshRef}` });
    await confirm.getByRole('button', { name: 'Take over' }).click();
    await confirm.waitFor({ state: 'detached' });
    // The same count of business days as the list (the region's calendar, from the server).
    const chip = page.locator('.conv-header').getByText(new RegExp(`^Complaint · due .+ \\(${daysLeft} business days? left\\)$`));
    await chip.waitFor({ timeout: 15_000 });
    expect((suite.srv.db.prepare('SELECT assignee_id FROM tickets WHERE id = ?').get(freshId) as { assignee_id: string }).assignee_id).toBe(supervisor.id);
    expect(await seriousViolations(page, 'complaint header')).toEqual([]);
    await shot(page, 'complaint-header');
    await page.locator('.conv-header').screenshot({ path: path.join(SHOTS, 'complaint-header-chip.png') });
    expect(problems).toEqual([]);
  }, 150_000);
});
