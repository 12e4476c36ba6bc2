/**
 * Assist end to end, on real parts (issue 9): the real desk server reads a Swedish customer's
 * refund question filed as "other" (language, category), the agent's console shows it as chips,
 * suggests Swedish canned replies ranked from the conversation (F1 inserts the first, variables
 * filled), lists similar resolved cases from the desk's history, marks the customer angry when
 * they get angry, and offers the handover summary in the transfer dialog. axe finds nothing
 * serious; screenshots go to /tmp/shots-assist/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clientMsgId } from '../helpers/api';
import { seriousViolations } from '../helpers/axe';
import { consoleSuite, signIn } from '../helpers/console-host';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';
import { customerSocket } from '../helpers/ws';

const SHOTS = '/tmp/shots-assist';

// A fixed world (the history moves with the clock otherwise): the classifier learns the same cases every run.
const suite = consoleSuite(SHOTS, { historicTickets: 600, seedNow: new Date('2026-11-20T10:00:00.000Z') });

const axeLog: string[] = [];
const axe = (page: Page, what: string) => seriousViolations(page, what, axeLog);
const shot = suite.shot;

describe('assist in the console against the real desk server', () => {
  it('reads a Swedish refund question, suggests Swedish replies, shows similar cases, an angry customer and the handover summary', async () => {
    await suite.srv.server.services.triage.retrain();
    const agent = agentsIn(suite.srv.db, 'eu-north')[0]!;
    const login = await suite.srv.loginAgent(agent.email);
    await setPresence(suite.srv.url, login.token, 'available', 6);

    const { page, problems } = await suite.desk.open();
    await signIn(page, suite.srv.url, agent.email);
    await page.getByRole('listbox', { name: /chats/ }).waitFor();

    const customerId = customerIn(suite.srv.db, 'eu-north', 2);
    const name = (suite.srv.db.prepare('SELECT name FROM customers WHERE id = ?').get(customerId) as { name: string }).name;
    const started = await startChat(suite.srv.url, customerId, {
      category: 'other',
      description: 'Jag skickade tillbaka skorna för två veckor sedan men återbetalningen har fortfarande inte kommit. När får jag tillbaka pengarna?',
    });
    expect(started.status).toBe(201);
    await page.getByRole('region', { name: 'Chat offered to you' }).waitFor();
    await page.keyboard.press('Control+Shift+A');
    await page.getByRole('heading', { name, level: 2 }).waitFor();

    // Triage: the language and the category read from the first message, beside the customer's pick.
    const triage = page.getByRole('group', { name: 'Read from the chat on arrival' });
    await triage.getByText(/Swedish/).waitFor({ timeout: 15_000 });
    await triage.getByText(/Looks like: Refund/).waitFor();

    // Suggested replies in Swedish; F1 inserts the first into the composer, its variables filled.
    const suggestions = page.getByRole('toolbar', { name: 'Suggested replies' });
    await suggestions.getByRole('button').first().waitFor({ timeout: 15_000 });
    expect(await suggestions.getByRole('button').count()).toBeGreaterThanOrEqual(1);
    expect(await suggestions.getByRole('button').count()).toBeLessThanOrEqual(3);
    const composer = page.getByRole('textbox', { name: /reply/i });
    await composer.click();
    await page.keyboard.press('F1');
    await expect.poll(async () => (await composer.inputValue()).length).toBeGreaterThan(20);
    const inserted = await composer.inputValue();
    expect(inserted).not.toMatch(/\{\{/);
    const swedish = suite.srv.db.prepare(`SELECT title FROM canned_replies WHERE language = 'sv'`).all() as { title: string }[];
    const first = ((await suggestions.getByRole('button').first().textContent()) ?? '').trim();
    expect(swedish.some((r) => first.includes(r.title))).toBe(true);

    // Similar resolved cases from the desk's history, in the side panel.
    const similar = page.getByRole('region', { name: /Similar resolved cases/ });
    await similar.waitFor({ timeout: 15_000 });
    await shot(page, 'chat-light');
    expect(await axe(page, 'assist: chat with triage, suggestions and similar cases')).toEqual([]);

    // The customer gets angry: the chat is marked, in the header and the list.
    const ws = await customerSocket(suite.srv.url, started.body.token);
    try {
      ws.send({ type: 'message', clientMsgId: clientMsgId(), body: 'This is ridiculous!! Third time I ask and nobody helps me. Terrible, awful service, I am furious.' });
      await triage.getByText('Angry').waitFor({ timeout: 20_000 });
      await page.getByRole('listbox', { name: /chats/ }).getByText('Angry').first().waitFor();
    } finally {
      ws.close();
    }

    // Transfer: the handover summary, extracted, one key into the note.
    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Transfer the chat' });
    await dialog.waitFor();
    const summary = dialog.getByRole('region', { name: 'Handover summary' });
    await summary.getByText('Extracted from the conversation').waitFor({ timeout: 10_000 });
    expect((await summary.textContent()) ?? '').toMatch(/återbetalningen|pengarna|skorna/);
    await page.keyboard.press('Control+Shift+P');
    await expect.poll(async () => dialog.getByRole('textbox', { name: /Note for the next agent/ }).inputValue()).toMatch(/återbetalningen|pengarna|skorna/);
    await shot(page, 'transfer-summary');
    expect(await axe(page, 'assist: transfer dialog with the summary')).toEqual([]);
    await page.keyboard.press('Escape');

    expect(problems).toEqual([]);
  }, 180_000);
});
