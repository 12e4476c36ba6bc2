/**
 * Issue 8's two journeys end to end, on real parts: a real desk server with the demo world, the
 * real desktop services in the browser host (one host per person at a desk), the built renderer
 * in headless Chromium; customers talk through the public chat API.
 *
 * 1. A tier-1 agent takes a chat and escalates it to a senior by keyboard (`!`, a reason, Enter);
 *    the customer is told a senior agent will take over; the senior is offered the case with its
 *    history and the escalation pinned as the handoff note, accepts, replies, and resolves it
 *    through the wrap-up (Ctrl+Shift+E, `2`, Enter); the customer sees the reply and the
 *    resolution; the tier-1 agent no longer has the case.
 * 2. A supervisor sees a chat about to breach on the board, reassigns it from its slow agent to a
 *    free one, whispers to them; that agent replies and resolves (API), the customer rates it,
 *    and the figures for today move when the supervisor refreshes them (a range switch).
 * Each step is checked on screen and in the database. Final screenshots go to /tmp/journeys/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clientMsgId } from '../helpers/api';
import { removeBuiltRenderer, signIn, startConsoleHost, type ConsoleHost } from '../helpers/console-host';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, setPresence, startChat, type DemoAgent, type StartedChat } from '../helpers/world';

const SHOTS = process.env.JOURNEY_SHOTS ?? '/tmp/journeys';

let srv: TestServer;
const hosts: ConsoleHost[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer();
}, 120_000);

afterAll(async () => {
  for (const h of hosts) await h.close();
  await srv?.close();
  await removeBuiltRenderer();
});

// ---- the desk ----------------------------------------------------------------------------------

/** A console in its own browser host (its own desktop), signed in with the login form. */
async function deskFor(who: DemoAgent, viewport = { width: 1400, height: 900 }) {
  const host = await startConsoleHost();
  hosts.push(host);
  const { page, problems } = await host.open(viewport);
  page.setDefaultTimeout(15_000);
  await signIn(page, srv.url, who.email);
  return { host, page, problems };
}

/** Only the given agents take Nordic chats: every other agent and senior of the region is away. */
async function onlyAvailable(...available: { agent: DemoAgent; capacity: number }[]) {
  const everyone = [...agentsIn(srv.db, 'eu-north'), ...agentsIn(srv.db, 'eu-north', 'senior')];
  for (const a of everyone) {
    const on = available.find((x) => x.agent.id === a.id);
    await setPresence(srv.url, (await srv.loginAgent(a.email)).token, on ? 'available' : 'away', on?.capacity);
  }
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

type Ack = { status: string; code?: string; reason?: string };
const push = (who: LoginResult, mutations: Record<string, unknown>[]) =>
  api<{ acks: Ack[] }>(srv.url, 'POST', '/api/sync/push', {
    token: who.token,
    body: { clientId: `journeys-${who.agent.id.slice(-12)}`, protocol: 1, mutations: mutations.map((m) => ({ clientMsgId: clientMsgId(), ...m })) },
  });

// ---- the customer ------------------------------------------------------------------------------

async function say(chat: StartedChat, body: string) {
  const res = await api(srv.url, 'POST', '/api/chat/messages', { token: chat.token, body: { clientMsgId: clientMsgId(), body } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

interface CustomerView {
  chat: { status: string; agentName: string | null; reference: string; csat: number | null };
  messages: { authorKind: string; authorName: string | null; body: string }[];
}
/** What the customer's chat page holds (the same state the page renders). */
const customerView = async (chat: StartedChat) => (await api<CustomerView>(srv.url, 'GET', '/api/chat/state', { token: chat.token })).body;
const linesBy = async (chat: StartedChat, kind: string) => (await customerView(chat)).messages.filter((m) => m.authorKind === kind).map((m) => m.body);

interface TicketState {
  status: string;
  tier: number;
  priority: string;
  assignee_id: string | null;
  accepted_at: string | null;
  outcome: string | null;
}
const ticket = (id: string) => srv.db.prepare('SELECT status, tier, priority, assignee_id, accepted_at, outcome FROM tickets WHERE id = ?').get(id) as TicketState;
const messagesOf = (id: string) =>
  srv.db.prepare('SELECT author_kind AS kind, author_id AS authorId, body FROM messages WHERE ticket_id = ? ORDER BY created_at, id').all(id) as { kind: string; authorId: string | null; body: string }[];

describe('the case journeys of issue 8 on a real desk server', () => {
  it('a tier-1 agent escalates a chat to a senior by keyboard; the senior takes it with its history, replies and resolves it', async () => {
    const agent = agentsIn(srv.db, 'eu-north')[0]!;
    const senior = agentsIn(srv.db, 'eu-north', 'senior')[0]!;
    expect(senior.email).toBe('senior@demo.agentdesk.test');
    await onlyAvailable({ agent, capacity: 3 }, { agent: senior, capacity: 3 });

    const tier1 = await deskFor(agent);
    const seniorDesk = await deskFor(senior);
    await tier1.page.getByRole('listbox', { name: /chats/ }).waitFor();
    await seniorDesk.page.getByRole('listbox', { name: /chats/ }).waitFor();

    // ---- a Nordic customer writes; routing offers the chat to the tier-1 agent (closest tier) ----
    const customerId = customerIn(srv.db, 'eu-north', 3);
    const customerName = (srv.db.prepare('SELECT name FROM customers WHERE id = ?').get(customerId) as { name: string }).name;
    const started = await startChat(srv.url, customerId, { description: 'I was charged twice for the same installment.' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const chat = started.body;
    const id = chat.chat.ticketId;
    const reference = chat.chat.reference;
    await say(chat, 'Both payments left my account on Monday. I want the second one back.');

    const t1 = tier1.page;
    const offer = t1.getByRole('region', { name: 'Chat offered to you' });
    await offer.getByText(customerName).first().waitFor();
    await t1.keyboard.press('Control+Shift+A');
    await t1.getByRole('heading', { name: customerName, level: 2 }).waitFor();
    await expect.poll(() => ticket(id)).toMatchObject({ status: 'open', tier: 1, assignee_id: agent.id, accepted_at: expect.any(String) });

    // The agent answers, then sees a refund of a double charge is beyond tier 1.
    const composer1 = t1.getByRole('textbox', { name: 'Reply to the customer' });
    await composer1.focus();
    await t1.keyboard.type('I can see both payments. Let me get a colleague who can refund the second one.');
    await t1.keyboard.press('Enter');
    await expect.poll(() => linesBy(chat, 'agent')).toEqual(['I can see both payments. Let me get a colleague who can refund the second one.']);

    // ---- escalate by keyboard: Esc leaves the composer, `!` opens the dialog, a reason, Enter ----
    await t1.keyboard.press('Escape');
    await t1.keyboard.press('!');
    const escalate = t1.getByRole('dialog', { name: 'Escalate the chat' });
    await escalate.waitFor();
    expect(await escalate.textContent()).toContain(`Escalate ${reference} to a senior agent`);
    expect(await escalate.getByRole('radio', { name: 'Senior agent' }).isChecked()).toBe(true);
    const reason = 'Double charge on one installment: needs a refund above tier 1.';
    await t1.keyboard.type(reason);
    await shot(t1, 'escalate-dialog');
    await t1.keyboard.press('Enter');
    await escalate.waitFor({ state: 'detached' });

    // In the database: tier 2, high priority, out of the agent's hands, the reason kept as a note.
    await expect.poll(() => ticket(id).tier, { timeout: 10_000 }).toBe(2);
    expect(ticket(id).assignee_id).not.toBe(agent.id);
    expect(ticket(id).priority).toBe('high');
    expect(messagesOf(id).filter((m) => m.kind === 'note')).toEqual([{ kind: 'note', authorId: agent.id, body: `Escalated to senior: ${reason}` }]);

    // The customer is told what happens next (and never sees the note).
    await expect.poll(() => linesBy(chat, 'system')).toContain('A senior agent will take over your case; your reference stays the same.');
    expect((await customerView(chat)).messages.map((m) => m.body).join('\n')).not.toContain(reason);

    // The tier-1 agent's console lets the chat go: not in their list, its tab closed (it left
    // their cache: a tier-2 case is beyond them), no ghost of it with a composer and Resolve.
    await t1.getByRole('heading', { name: customerName, level: 2 }).waitFor({ state: 'detached' });
    expect(await t1.getByRole('tablist', { name: 'Open chats' }).getByRole('tab').count()).toBe(0);
    expect(await t1.getByRole('listbox', { name: /chats/ }).getByText(customerName).count()).toBe(0);

    // ---- the senior is offered the case, with its history carried and the handoff note pinned ----
    const sp = seniorDesk.page;
    const seniorOffer = sp.getByRole('region', { name: 'Chat offered to you' });
    await seniorOffer.getByText(customerName).first().waitFor();
    // Offered, not declinable: a colleague already answered the customer.
    expect(await seniorOffer.getByRole('button', { name: /Decline/ }).count()).toBe(0);
    await shot(sp, 'senior-offered');
    expect(ticket(id)).toMatchObject({ status: 'open', tier: 2, assignee_id: senior.id, accepted_at: null });
    await sp.keyboard.press('Control+Shift+A');
    await sp.getByRole('heading', { name: customerName, level: 2 }).waitFor();
    await expect.poll(() => ticket(id).accepted_at).not.toBeNull();
    const handoff = sp.getByRole('complementary', { name: 'Handoff note' });
    await handoff.waitFor();
    expect(await handoff.textContent()).toContain(`Escalated to senior: ${reason}`);
    const thread = sp.getByRole('log');
    for (const line of [
      'Both payments left my account on Monday. I want the second one back.',
      'I can see both payments. Let me get a colleague who can refund the second one.',
      `Escalated to senior: ${reason}`,
      'A senior agent will take over your case; your reference stays the same.',
    ])
      await thread.getByText(line).first().waitFor();
    await shot(sp, 'senior-handoff');

    // ---- the senior replies: the note stays pinned only until then ----
    const reply = 'Hi, I am a senior agent. I have refunded the second payment; it is back in 3–5 banking days.';
    await sp.getByRole('textbox', { name: 'Reply to the customer' }).focus();
    await sp.keyboard.type(reply);
    await sp.keyboard.press('Enter');
    await expect.poll(() => linesBy(chat, 'agent'), { timeout: 10_000 }).toEqual([
      'I can see both payments. Let me get a colleague who can refund the second one.',
      reply,
    ]);
    expect((await customerView(chat)).messages.at(-1)).toMatchObject({ authorKind: 'agent', authorName: senior.name.split(' ')[0], body: reply });
    await handoff.waitFor({ state: 'detached' });

    // ---- and resolves through the wrap-up: Ctrl+Shift+E, `2` (workaround given), Enter ----
    await sp.keyboard.press('Control+Shift+E');
    const wrapUp = sp.getByRole('dialog', { name: `Resolve ${reference}` });
    await wrapUp.waitFor();
    await sp.keyboard.press('2');
    expect(await wrapUp.getByRole('radio', { name: /Workaround given/ }).isChecked()).toBe(true);
    await sp.keyboard.press('Enter');
    await wrapUp.waitFor({ state: 'detached' });
    await sp.getByText(/^Resolved/).first().waitFor();
    await shot(sp, 'journey-1-senior-resolved'); // the thread with "Resolved · Undo" before the tab closes
    await expect.poll(() => ticket(id), { timeout: 15_000 }).toMatchObject({ status: 'resolved', assignee_id: senior.id, outcome: 'workaround' });

    // The customer sees the resolution; the tier-1 agent does not have the case.
    const seen = await customerView(chat);
    expect(seen.chat.status).toBe('resolved');
    expect(seen.messages.at(-1)).toMatchObject({ authorKind: 'system', body: expect.stringMatching(new RegExp(`^${senior.name.split(' ')[0]} marked this chat as resolved\\.`)) });
    expect(ticket(id).assignee_id).not.toBe(agent.id);
    expect(await t1.getByRole('tablist', { name: 'Open chats' }).getByRole('tab').count()).toBe(0);
    expect(await t1.getByRole('listbox', { name: /chats/ }).getByText(customerName).count()).toBe(0);
    await shot(t1, 'journey-1-tier1-after');

    expect(tier1.problems).toEqual([]);
    expect(seniorDesk.problems).toEqual([]);
    for (const h of hosts.splice(0)) await h.close();
  }, 180_000);

  it('a supervisor sees a chat about to breach, reassigns it to a free agent, whispers; the agent resolves, the customer rates, and today\'s figures move', async () => {
    const supervisor = agentsIn(srv.db, 'eu-north', 'supervisor')[0]!;
    const [, slow, free] = agentsIn(srv.db, 'eu-north');
    // Only the slow agent takes chats when the customer writes; the free one comes on the floor after.
    await onlyAvailable({ agent: slow!, capacity: 1 });
    const customerId = customerIn(srv.db, 'eu-north', 5);
    const started = await startChat(srv.url, customerId, { description: 'My card was declined but the order went through?' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const chat = started.body;
    const id = chat.chat.ticketId;
    const reference = chat.chat.reference;
    await expect.poll(() => ticket(id)).toMatchObject({ status: 'open', assignee_id: slow!.id, accepted_at: null });
    const freeLogin = await srv.loginAgent(free!.email);
    await setPresence(srv.url, freeLogin.token, 'available', 3);
    // The slow agent has not answered; the reply falls due in 90 s (inside the 2-minute horizon).
    srv.db.prepare('UPDATE tickets SET reply_due_at = ? WHERE id = ?').run(new Date(Date.now() + 90_000).toISOString(), id);

    const { page, problems } = await deskFor(supervisor);
    await page.getByRole('button', { name: 'Supervisor board' }).waitFor();
    await page.keyboard.press('Control+Shift+G');
    await page.getByRole('heading', { name: 'Floor', level: 1 }).waitFor();

    // ---- today's figures before: the counts each figure rests on ----
    const figures = page.getByRole('region', { name: 'Figures' });
    const tiles = figures.getByRole('list', { name: 'All queues, today' });
    await tiles.waitFor();
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const li of await tiles.getByRole('listitem').all()) {
        const text = (await li.textContent()) ?? '';
        const label = (await li.locator('.board__tile-label').textContent()) ?? '';
        out[label] = Number(/(\d+) counted/.exec(text)?.[1] ?? NaN);
      }
      return out;
    };
    const before = await counts();
    expect(Object.keys(before)).toEqual(['CSAT', 'First response within target', 'First-contact resolution', 'Handle time (median)']);
    for (const n of Object.values(before)) expect(Number.isInteger(n)).toBe(true);
    const agentRow = async () => {
      const rows = figures.getByRole('row', { name: new RegExp(`^${free!.name}`) });
      return (await rows.count()) ? ((await rows.first().textContent()) ?? '') : null;
    };
    // The per-agent breakdown as a table: the free agent's row (if they handled anything today).
    const perAgentAsTable = async () => {
      const toggle = figures.getByRole('button', { name: 'Show as table' }).nth(1);
      if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
      await figures.getByRole('columnheader', { name: 'Agent' }).waitFor();
    };
    await perAgentAsTable();
    const agentBefore = await agentRow();

    // ---- the breach coming: the chat is at risk, with its slow agent ----
    const alert = page.getByRole('listitem', { name: `${reference}, at risk` });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(slow!.name);
    expect(await alert.textContent()).toMatch(/Reply due in [01]:\d\d/);
    await page.locator('main.board').evaluate((el) => (el.scrollTop = 0));
    await shot(page, 'journey-2-at-risk');

    // ---- reassign to the free agent (no force needed: available, with room) ----
    await alert.getByRole('button', { name: 'Reassign' }).click();
    const dialog = page.getByRole('dialog', { name: `Reassign ${reference}` });
    await dialog.getByText(free!.name).click();
    await dialog.getByRole('button', { name: 'Reassign', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => ticket(id).assignee_id).toBe(free!.id);
    await expect.poll(async () => (await alert.textContent()) ?? '').toContain(free!.name);
    const audited = srv.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE ticket_id = ? AND action LIKE 'supervisor.%' AND actor_id = ?`).get(id, supervisor.id) as { n: number };
    expect(audited.n).toBeGreaterThanOrEqual(1);

    // ---- whisper to them (Ctrl+Enter sends) ----
    const whisperText = 'The order is fine: the decline was the first card attempt. Tell her no double charge.';
    await alert.getByRole('button', { name: 'Whisper' }).click();
    const whisper = page.getByRole('dialog', { name: `Whisper to ${free!.name}` });
    await whisper.getByRole('textbox').fill(whisperText);
    await page.keyboard.press('Control+Enter');
    await whisper.waitFor({ state: 'detached' });
    expect(await page.getByTestId('console-notice').textContent()).toContain(`Whisper sent to ${free!.name}`);
    expect(srv.db.prepare('SELECT body FROM messages WHERE ticket_id = ? AND whisper = 1').all(id)).toEqual([{ body: whisperText }]);
    // The customer never sees it.
    expect((await customerView(chat)).messages.map((m) => m.body)).not.toContain(whisperText);

    // ---- the agent takes it, answers and resolves (their desk through the API); the customer rates 5 ----
    const acks = await push(freeLogin, [
      { kind: 'ticket.accept', ticketId: id },
      { kind: 'message.reply', ticketId: id, body: 'No double charge: the first attempt was declined, the second went through. Your order is fine.' },
      { kind: 'ticket.resolve', ticketId: id, outcome: 'solved', category: 'payment_delay', tags: [] },
    ]);
    expect(acks.body.acks.map((a) => a.status), JSON.stringify(acks.body)).toEqual(['applied', 'applied', 'applied']);
    const rated = await api(srv.url, 'POST', '/api/chat/csat', { token: chat.token, body: { rating: 5 } });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(srv.db.prepare('SELECT status, assignee_id, csat FROM tickets WHERE id = ?').get(id)).toEqual({ status: 'resolved', assignee_id: free!.id, csat: 5 });

    // ---- the figures move: the supervisor refreshes them by switching the range and back ----
    const refreshed = async () => {
      await page.getByRole('radio', { name: '7 days' }).click();
      await page.getByRole('radio', { name: 'Today' }).click();
      await tiles.waitFor();
      return counts();
    };
    // The desk keeps figures for a few seconds (one computation for many supervisors): poll.
    await expect.poll(refreshed, { timeout: 20_000, interval: 1000 }).toEqual({
      CSAT: before.CSAT! + 1,
      'First response within target': before['First response within target']! + 1,
      'First-contact resolution': before['First-contact resolution']! + 1,
      'Handle time (median)': before['Handle time (median)']! + 1,
    });
    await perAgentAsTable(); // a range switch draws the breakdowns anew, as charts
    const agentAfter = await agentRow();
    console.log(`per agent, ${free!.name}: before ${agentBefore} · after ${agentAfter}; totals before ${JSON.stringify(before)}`);
    expect(agentAfter).not.toBeNull();
    expect(agentAfter).not.toBe(agentBefore);
    // The rated chat counts for the agent it is assigned to now: their CSAT has a value.
    const csatCell = figures.getByRole('row', { name: new RegExp(`^${free!.name}`) }).getByRole('cell').first();
    expect(await csatCell.textContent()).toMatch(/^\d+\.\d %$/);
    // The alert is gone: the chat is resolved.
    await alert.waitFor({ state: 'detached' });
    await figures.scrollIntoViewIfNeeded();
    await shot(page, 'journey-2-figures-moved');
    await page.locator('main.board').evaluate((el) => (el.scrollTop = 0));
    await shot(page, 'journey-2-board');
    expect(problems).toEqual([]);
  }, 180_000);
});
