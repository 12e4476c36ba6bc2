/**
 * The supervisor console end to end, on real parts: the real desk server, the real desktop
 * services through the browser host, the built renderer in headless Chromium. A supervisor signs
 * in with the login form, opens the board with Ctrl+Shift+G, sees the Nordics chat queue waiting
 * with a breached chat in the alerts, reassigns that chat to an agent who is away (refused, then
 * "Assign anyway"), whispers to that agent, reads the chat silently with the whisper in it, and
 * the board moves (the queue's waiting count drops). axe-core finds nothing serious or critical
 * on the board, light and dark; screenshots at 1400×900 and 1024×800 go to /tmp/shots-supervisor/.
 */
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { consoleSuite, signIn } from '../helpers/console-host';
import { agentsIn, customerIn, setPresence, startChat } from '../helpers/world';

const SHOTS = process.env.SUPERVISOR_SHOTS ?? '/tmp/shots-supervisor';

const suite = consoleSuite(SHOTS);

const shot = suite.shot;
const referenceOf = (ticketId: string) => (suite.srv.db.prepare('SELECT reference FROM tickets WHERE id = ?').get(ticketId) as { reference: string }).reference;

describe('the supervisor console in the browser host against the real desk server', () => {
  it('shows the waiting chat and its breach, reassigns it, whispers, and the board moves; axe finds nothing serious', async () => {
    const supervisor = agentsIn(suite.srv.db, 'eu-north', 'supervisor')[0]!;
    const [elias, other] = agentsIn(suite.srv.db, 'eu-north');
    const ukAgent = agentsIn(suite.srv.db, 'uk')[0]!;
    // Elias is on the floor but away (no chat is routed to him); the UK has one agent available.
    await setPresence(suite.srv.url, (await suite.srv.loginAgent(elias!.email)).token, 'away');
    await setPresence(suite.srv.url, (await suite.srv.loginAgent(ukAgent.email)).token, 'available', 3);
    await setPresence(suite.srv.url, (await suite.srv.loginAgent(other!.email)).token, 'away');

    // Two Nordic customers wait in the queue; the first one's reply was due ten minutes ago.
    const late = (await startChat(suite.srv.url, customerIn(suite.srv.db, 'eu-north', 0), { description: 'My payment from Monday is not showing.' })).body;
    await startChat(suite.srv.url, customerIn(suite.srv.db, 'eu-north', 1), { description: 'Can I move my due date by a week?' });
    await startChat(suite.srv.url, customerIn(suite.srv.db, 'uk', 0), { description: 'Where is my refund?' });
    suite.srv.db.prepare('UPDATE tickets SET reply_due_at = ?, waiting_since = ? WHERE id = ?').run(new Date(Date.now() - 600_000).toISOString(), new Date(Date.now() - 900_000).toISOString(), late.chat.ticketId);
    const reference = referenceOf(late.chat.ticketId);

    const { page, problems } = await suite.desk.open({ width: 1400, height: 900 });
    await signIn(page, suite.srv.url, supervisor.email);
    await page.getByRole('button', { name: 'Supervisor board' }).waitFor();
    await page.keyboard.press('Control+Shift+G');
    await page.getByRole('heading', { name: 'Floor', level: 1 }).waitFor();

    const queues = page.getByRole('region', { name: 'Queues' });
    const nordics = queues.getByRole('row', { name: /Nordics · Chat/ });
    await expect.poll(async () => (await nordics.getByRole('cell').first().textContent()) ?? '').toBe('2');
    expect(await nordics.textContent()).toContain('1 breached');
    const alert = page.getByRole('listitem', { name: `${reference}, breached` });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Waiting in the queue');
    expect(await alert.textContent()).toMatch(/Reply overdue by 1\d:\d\d/);
    // The figures of the seeded history, against their targets, as charts.
    const figures = page.getByRole('region', { name: 'Figures' });
    await figures.getByText('CSAT', { exact: true }).first().waitFor();
    await page.getByRole('radio', { name: '30 days' }).click();
    await expect.poll(async () => (await figures.textContent()) ?? '').toMatch(/\d+ counted/);
    await expect.poll(() => page.locator('.figure-chart canvas').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page, 'board light')).toEqual([]);
    await page.locator('main.board').evaluate((el) => (el.scrollTop = 0));
    await shot(page, 'supervisor-board');
    await page.setViewportSize({ width: 1024, height: 800 });
    await shot(page, 'supervisor-board-narrow');
    await page.setViewportSize({ width: 1400, height: 900 });
    await figures.scrollIntoViewIfNeeded();
    await shot(page, 'supervisor-figures');

    // A chart's bars are one focus away: arrows read them.
    await page.locator('.figure-chart__plot').first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('.figure-chart__readout').first().textContent()).toMatch(/^.+: (\d+\.\d %|–)/);
    await page.getByRole('heading', { name: 'Floor', level: 1 }).focus();

    // Reassign to Elias, who is away: refused with the reason, then forced.
    await alert.getByRole('button', { name: 'Reassign' }).click();
    const dialog = page.getByRole('dialog', { name: `Reassign ${reference}` });
    await dialog.getByText(elias!.name).click();
    await dialog.getByRole('button', { name: 'Reassign', exact: true }).click();
    await expect.poll(async () => (await dialog.getByRole('alert').textContent()) ?? '').toMatch(/Force it/);
    await shot(page, 'reassign-refused');
    await dialog.getByRole('button', { name: 'Assign anyway' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The board moves: one waiting, and the alert names Elias.
    await expect.poll(async () => (await nordics.getByRole('cell').first().textContent()) ?? '', { timeout: 15_000 }).toBe('1');
    await expect.poll(async () => (await alert.textContent()) ?? '').toContain(elias!.name);
    expect((suite.srv.db.prepare('SELECT assignee_id FROM tickets WHERE id = ?').get(late.chat.ticketId) as { assignee_id: string }).assignee_id).toBe(elias!.id);

    // Whisper to Elias (Ctrl+Enter sends), then read the chat silently: the whisper is in it.
    await alert.getByRole('button', { name: 'Whisper' }).click();
    const whisper = page.getByRole('dialog', { name: `Whisper to ${elias!.name}` });
    await whisper.getByRole('textbox').fill('She qualifies for a payment pause; offer it.');
    await page.keyboard.press('Control+Enter');
    await whisper.waitFor({ state: 'detached' });
    expect(await page.getByTestId('console-notice').textContent()).toContain(`Whisper sent to ${elias!.name}`);
    const stored = suite.srv.db.prepare('SELECT body, whisper FROM messages WHERE ticket_id = ? AND whisper = 1').all(late.chat.ticketId) as { body: string }[];
    expect(stored.map((m) => m.body)).toEqual(['She qualifies for a payment pause; offer it.']);

    await alert.getByRole('button', { name: 'Open' }).click();
    const thread = page.getByRole('dialog', { name: `${reference}, read-only` });
    await thread.getByText('She qualifies for a payment pause; offer it.').waitFor();
    expect(await thread.textContent()).toContain('My payment from Monday is not showing.');
    expect(await seriousViolations(page, 'silent thread')).toEqual([]);
    await page.keyboard.press('Escape');
    await thread.waitFor({ state: 'detached' });

    // Dark theme: still nothing serious.
    await page.mouse.move(1, 1); // off the button the mouse last clicked: its hover colour is not the resting one
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await page.waitForTimeout(300); // the 100 ms colour transitions settle
    expect(await seriousViolations(page, 'board dark')).toEqual([]);
    await shot(page, 'supervisor-board-dark');
    expect(problems).toEqual([]);
  }, 120_000);
});
