/**
 * The built console in headless Chromium through the browser host, against a fake main: the
 * login form offers the start URL, the command palette (Ctrl+K, a case by reference, search
 * hits marked), the `?` overlay, settings switching to the dark theme; axe-core finds no serious
 * or critical violation on the console, the palette, the overlay and settings in light and dark.
 * Screenshots (1440×900) go to /tmp/shots-palette/. No console errors or CSP violations.
 *
 * axe is evaluated through the DevTools protocol (page.evaluate): the page's CSP refuses inline
 * scripts, so page.addScriptTag would need bypassCSP, and this test also watches for CSP reports.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type LocalMessage, type SessionState, type Settings, type TicketDetail, type TicketSummary } from '../../src/shared/api/contract';
import type { AgentRow, TicketRow } from '../../src/shared/domain';
import { AXE_VERSION, seriousViolations } from '../helpers/axe';
import { createFakeMain, ok, startFakeMainHost, type FakeMainHost } from '../helpers/fake-main-host';
import { watchProblems } from '../helpers/page-problems';

const SHOTS = '/tmp/shots-palette';
const START_URL = 'http://desk.example.internal:9000';

const agent: AgentRow = { id: 'ag1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const iso = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

function ticket(id: string, reference: string, over: Partial<TicketRow> = {}): TicketRow {
  return {
    id, reference, customerId: `c-${id}`, channel: 'chat', category: 'payment_delay', status: 'open', priority: 'normal', tier: 1, regionId: 'se',
    assigneeId: agent.id, subject: 'Chat', orderNumber: null, createdAt: iso(900), offeredAt: iso(890), acceptedAt: iso(880), firstResponseAt: null, resolvedAt: null,
    lastMessageAt: iso(40), csat: null, isComplaint: false, complaintDueAt: null, linkedTicketId: null, waitingSince: null, replyDueAt: null, version: 1, ...over,
  };
}
const summaries: TicketSummary[] = [
  { ...ticket('t1', 'JXQR-8V5K'), customerName: 'Anna Kowalska', customerVerified: true, lastMessagePreview: 'Will the late fee be removed?', lastMessageAuthor: 'customer', unread: 2, pendingCount: 0 },
  { ...ticket('t2', 'KPQR-7M29', { category: 'refund_return', lastMessageAt: iso(200) }), customerName: 'Erik Johansson', customerVerified: true, lastMessagePreview: 'The refund has not arrived', lastMessageAuthor: 'customer', unread: 0, pendingCount: 0 },
  { ...ticket('t3', 'ZTWB-4H6B', { category: 'technical_glitch', status: 'pending', lastMessageAt: iso(600) }), customerName: 'Lena Müller', customerVerified: true, lastMessagePreview: 'Sent you a screenshot', lastMessageAuthor: 'agent', unread: 0, pendingCount: 0 },
];
const msg = (id: string, ticketId: string, sortKey: string, over: Partial<LocalMessage>): LocalMessage => ({
  id, ticketId, authorKind: 'customer', authorId: null, authorName: 'Customer', body: '', clientMsgId: null, attachmentIds: [], createdAt: iso(120), version: 1, delivery: 'sent', rejection: null, sortKey, ...over,
});
const detail = (id: string): TicketDetail => {
  const s = summaries.find((x) => x.id === id) ?? summaries[0]!;
  const { customerName, customerVerified: _v, lastMessagePreview: _p, lastMessageAuthor: _a, unread: _u, pendingCount: _c, ...row } = s;
  return {
    ticket: row,
    context: {
      customer: { id: `c-${id}`, name: customerName, email: `${id}@example.com`, phone: '+46701234567', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'se', country: 'SE', currency: 'SEK', device: null, riskFlags: [], createdAt: iso(1e6), identity: 'verified', version: 1 },
      account: { id: `a-${id}`, customerId: `c-${id}`, status: 'active', verificationStatus: 'verified', verificationAttempts: 1, verificationFailureReason: null, spendingLimitMinor: 1_000_000, currency: 'SEK', version: 1 },
      paymentMethods: [], orders: [], installments: [], transactions: [], returns: [],
    },
    attachments: [],
    previous: [],
  };
};

let session: SessionState = { serverUrl: START_URL, agent: null, signedIn: false };
let settings: Settings = { ...DEFAULT_SETTINGS, theme: 'light' };
const main = createFakeMain({
  'session:get': () => ok(session),
  'session:login': (i) => {
    session = { serverUrl: i.serverUrl ?? null, agent, signedIn: true };
    return ok(session);
  },
  'settings:get': () => ok(settings),
  'settings:set': (input) => {
    settings = { ...settings, ...(input as Partial<Settings>) };
    return ok(settings);
  },
  'tickets:list': (i) => ok(i.view === 'queue' ? [] : summaries),
  'tickets:get': (i) => ok(detail(i.ticketId ?? 't1')),
  'tickets:search': (i) => {
    const q = (i.query ?? '').trim();
    return ok([
      { ticketId: 't2', messageId: 'm21', reference: 'KPQR-7M29', customerName: 'Erik Johansson', snippet: `…the \u0002${q}\u0003 for order 4417 has not <b>arrived</b> yet…` },
      { ticketId: 't1', messageId: null, reference: 'JXQR-8V5K', customerName: 'Anna Kowalska', snippet: `JXQR-8V5K · Anna Kowalska · anna@example.com` },
    ]);
  },
  'tickets:byReference': (i) => ok(summaries.filter((s) => s.reference === i.reference).map((s) => ({ ticketId: s.id, reference: s.reference, customerName: s.customerName }))[0] ?? null),
  'messages:page': (i) =>
    ok({
      messages: [
        msg(`${i.ticketId}-1`, i.ticketId ?? 't1', '1', { body: 'Hi, I paid the instalment on Monday but it still shows as due.', authorName: 'Customer' }),
        msg(`${i.ticketId}-2`, i.ticketId ?? 't1', '2', { authorKind: 'agent', authorId: agent.id, authorName: agent.name, body: 'Thanks, I am checking the payment now.' }),
      ],
      hasMore: false,
    }),
  'presence:set': (i) => ok({ ...agent, presence: i.presence }),
});

let harness: FakeMainHost;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await startFakeMainHost(main, { extraArgs: ['--font-render-hinting=none'] });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const axeLog: string[] = [];
/** axe-core over the whole page; the serious and critical violations, described (every run's summary in axeLog). */
const axe = (page: Page, what: string) => seriousViolations(page, what, axeLog);

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

describe('console palette, shortcuts and settings in the browser host', () => {
  it('offers the start URL, goes to a case by reference, opens help, switches to dark; axe finds nothing serious', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page, { warnings: true });
    const serious: string[] = [];
    await page.goto(harness.url);

    // The login form offers the server the desktop was started with.
    await expect.poll(() => page.getByLabel('Server URL').inputValue()).toBe(START_URL);
    await page.getByLabel('Email').fill(agent.email);
    await page.getByLabel('Password').fill('demo');
    await page.keyboard.press('Enter');
    const list = page.getByRole('listbox', { name: /chats/ });
    await list.getByRole('option', { name: /Anna Kowalska/ }).waitFor();
    await list.getByRole('option', { name: /Anna Kowalska/ }).click();
    await page.getByRole('log').getByText('Thanks, I am checking the payment now.').waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');

    const passes = async (theme: 'light' | 'dark') => {
      serious.push(...(await axe(page, `console ${theme}`)));
      await shot(page, `console-${theme}`);

      // The palette, from the composer.
      await page.getByRole('textbox', { name: 'Reply to the customer' }).click();
      await page.keyboard.press('Control+K');
      const palette = page.getByRole('dialog', { name: 'Command palette' });
      await palette.waitFor();
      await palette.getByRole('option', { name: /Resolve/ }).waitFor();
      serious.push(...(await axe(page, `palette ${theme}`)));
      await shot(page, `palette-${theme}`);
      await page.keyboard.type('refund');
      await palette.locator('mark', { hasText: 'refund' }).first().waitFor();
      await expect(palette.locator('b').count()).resolves.toBe(0); // customer markup stays text
      serious.push(...(await axe(page, `palette search ${theme}`)));
      await shot(page, `palette-search-${theme}`);
      await page.keyboard.press('Escape');
      await palette.waitFor({ state: 'detached' });
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Reply to the customer');

      // The shortcuts overlay, from command mode.
      await page.keyboard.press('Escape'); // leave the composer
      await page.keyboard.press('Shift+Slash');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      serious.push(...(await axe(page, `help ${theme}`)));
      await shot(page, `help-${theme}`);
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'detached' });

      // Settings.
      await page.keyboard.press('Control+Comma');
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      serious.push(...(await axe(page, `settings ${theme}`)));
      await shot(page, `settings-${theme}`);
    };

    await passes('light');

    // Jump to a case by its reference (without the dash, lower case).
    await page.getByRole('button', { name: 'Chats', exact: true }).click();
    await page.keyboard.press('Control+K');
    await page.keyboard.type('kpqr7m29');
    const open = page.getByRole('dialog', { name: 'Command palette' }).getByRole('option', { name: /Open case KPQR-7M29/ });
    await open.waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Erik Johansson', level: 2 }).waitFor();

    // Dark, from Settings.
    await page.keyboard.press('Control+Comma');
    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => settings.theme).toBe('dark');
    await page.getByRole('button', { name: 'Chats', exact: true }).click();
    await page.getByRole('log').getByText('Thanks, I am checking the payment now.').waitFor();
    await passes('dark');

    // Remapping in Settings: AltGr (Ctrl+Alt on Windows) is refused, Ctrl+Shift+D is taken.
    await page.getByRole('button', { name: 'Change the keys of Resolve' }).click();
    await page.keyboard.press('Control+Alt+KeyE');
    await page.getByRole('alert').filter({ hasText: 'AltGr' }).waitFor();
    await page.getByRole('button', { name: 'Change the keys of Resolve' }).scrollIntoViewIfNeeded().catch(() => undefined);
    await shot(page, 'settings-refused-dark');
    await page.keyboard.press('Control+Shift+KeyD');
    await expect.poll(() => settings.shortcuts).toEqual({ resolve: ['Mod+Shift+d'] });
    serious.push(...(await axe(page, 'settings remapped dark')));
    await shot(page, 'settings-remapped-dark');
    // Compact density, then the chats with the remap in the tooltip and the help overlay.
    await page.getByRole('radio', { name: 'Compact' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.density)).toBe('compact');
    await page.getByRole('button', { name: 'Chats', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Resolve' }).getAttribute('title')).resolves.toBe('Resolve (Ctrl+Shift+D)');
    await page.keyboard.press('Shift+Slash');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('changed · default Ctrl+Shift+E').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('title'))).toBe('Chats'); // back on the rail button
    serious.push(...(await axe(page, 'console compact dark')));
    await shot(page, 'console-compact-dark');

    console.log(`axe-core ${AXE_VERSION}:\n  ${axeLog.join('\n  ')}`);
    expect(serious).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
