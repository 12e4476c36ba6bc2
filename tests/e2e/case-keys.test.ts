/**
 * The case's keys in the built console, in headless Chromium through the browser host (served
 * on http://127.0.0.1) against a fake main: `.` copies the open chat's reference with the real
 * Clipboard API (read back from the clipboard), Ctrl+Shift+H lists the customer's earlier cases
 * and Enter opens one, `a` opens the panel's Transfer dialog; the `?` overlay lists the panel's,
 * the case's and the viewer's keys; settings list them for remapping. axe-core finds nothing
 * serious; no console errors or CSP violations. Screenshots (1440×900) go to /tmp/shots-keys/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type EarlierCase, type LocalMessage, type SessionState, type Settings, type TicketDetail, type TicketSummary } from '../../src/shared/api/contract';
import type { AgentRow, TicketRow } from '../../src/shared/domain';
import { seriousViolations as axe } from '../helpers/axe';
import { createFakeMain, ok, startFakeMainHost, type FakeMainHost } from '../helpers/fake-main-host';
import { watchProblems } from '../helpers/page-problems';

const SHOTS = '/tmp/shots-keys';

const agent: AgentRow = { id: 'ag1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const iso = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

function ticket(id: string, reference: string, over: Partial<TicketRow> = {}): TicketRow {
  return {
    id, reference, customerId: 'c-anna', channel: 'chat', category: 'payment_delay', status: 'open', priority: 'normal', tier: 1, regionId: 'se',
    assigneeId: agent.id, subject: 'Chat', orderNumber: null, createdAt: iso(900), offeredAt: iso(890), acceptedAt: iso(880), firstResponseAt: null, resolvedAt: null,
    lastMessageAt: iso(40), csat: null, isComplaint: false, complaintDueAt: null, linkedTicketId: null, waitingSince: null, replyDueAt: null, version: 1, ...over,
  };
}
const summaries: TicketSummary[] = [
  { ...ticket('t1', 'JXQR-8V5K'), customerName: 'Anna Kowalska', customerVerified: true, lastMessagePreview: 'Will the late fee be removed?', lastMessageAuthor: 'customer', unread: 0, pendingCount: 0 },
  { ...ticket('t2', 'KPQR-7M29', { customerId: 'c-erik', category: 'refund_return', lastMessageAt: iso(200) }), customerName: 'Erik Johansson', customerVerified: true, lastMessagePreview: 'The refund has not arrived', lastMessageAuthor: 'customer', unread: 0, pendingCount: 0 },
];
const earlier: EarlierCase[] = [
  { ticketId: 'e3', reference: 'HMWT-3Q7C', createdAt: iso(86_400 * 21), category: 'missed_payment', status: 'resolved', firstQuestion: 'I was charged a late fee although I paid on the due date. Can you remove it?' },
  { ticketId: 'e2', reference: 'BNPL-4R8D', createdAt: iso(86_400 * 75), category: 'refund_return', status: 'closed', firstQuestion: 'I returned the jacket two weeks ago, when will the installments stop?' },
  { ticketId: 'e1', reference: 'VKZD-9F2A', createdAt: iso(86_400 * 400), category: 'account_verification', status: 'closed', firstQuestion: null },
];
const msg = (id: string, ticketId: string, sortKey: string, over: Partial<LocalMessage>): LocalMessage => ({
  id, ticketId, authorKind: 'customer', authorId: null, authorName: 'Customer', body: '', clientMsgId: null, attachmentIds: [], createdAt: iso(120), version: 1, delivery: 'sent', rejection: null, sortKey, ...over,
});
const detail = (id: string): TicketDetail => {
  const s = summaries.find((x) => x.id === id);
  const e = earlier.find((x) => x.ticketId === id);
  const base = s ?? { ...ticket(id, e?.reference ?? 'ZZZZ-ZZZZ', { category: e?.category ?? 'other', status: e?.status ?? 'closed', createdAt: e?.createdAt ?? iso(1e6) }), customerName: 'Anna Kowalska' };
  const { customerName, ...rest } = base as TicketSummary;
  const row: TicketRow = ticket(rest.id, rest.reference, { customerId: rest.customerId, category: rest.category, status: rest.status, createdAt: rest.createdAt });
  return {
    ticket: row,
    context: {
      customer: { id: row.customerId, name: customerName, email: 'anna@example.com', phone: '+46701234567', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'se', country: 'SE', currency: 'SEK', device: null, riskFlags: [], createdAt: iso(1e7), identity: 'verified', version: 1 },
      account: { id: `a-${row.customerId}`, customerId: row.customerId, status: 'active', verificationStatus: 'verified', verificationAttempts: 1, verificationFailureReason: null, spendingLimitMinor: 1_000_000, currency: 'SEK', version: 1 },
      paymentMethods: [], orders: [], installments: [], transactions: [], returns: [],
    },
    attachments: [],
    previous: [],
  };
};

const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent, signedIn: true };
let settings: Settings = { ...DEFAULT_SETTINGS, theme: 'light' };
const main = createFakeMain({
  'session:get': () => ok(session),
  'settings:get': () => ok(settings),
  'settings:set': (input) => {
    settings = { ...settings, ...(input as Partial<Settings>) };
    return ok(settings);
  },
  'tickets:list': (i) => ok(i.view === 'queue' ? [] : summaries),
  'tickets:get': (i) => ok(detail(i.ticketId ?? 't1')),
  'tickets:summaries': () => ok([]),
  'tickets:ofCustomer': (i) => ok(i.customerId === 'c-anna' ? earlier.filter((e) => e.ticketId !== i.exceptTicketId) : []),
  'messages:page': (i) =>
    ok({
      messages: [
        msg(`${i.ticketId}-1`, i.ticketId ?? 't1', '1', { body: 'Hi, I paid the instalment on Monday but it still shows as due.' }),
        msg(`${i.ticketId}-2`, i.ticketId ?? 't1', '2', { authorKind: 'agent', authorId: agent.id, authorName: agent.name, body: 'Thanks, I am checking the payment now.' }),
      ],
      hasMore: false,
    }),
});

let harness: FakeMainHost;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await startFakeMainHost(main, { extraArgs: ['--font-render-hinting=none'] });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

describe('the case’s keys in the browser host', () => {
  it('copies the reference to the real clipboard, lists and opens earlier cases, opens Transfer by key; help and settings list the keys', async () => {
    const { url, browser } = harness;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:/); // a secure context without TLS: the Clipboard API is there
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['clipboard-read'], { origin: new URL(url).origin }); // to read it back; writing needs no grant
    const page = await context.newPage();
    const problems = watchProblems(page);
    const serious: string[] = [];
    await page.goto(url);
    const list = page.getByRole('listbox', { name: /chats/ });
    await list.getByRole('option', { name: /Anna Kowalska/ }).click();
    await page.getByRole('log').getByText('Thanks, I am checking the payment now.').waitFor();

    // Count how the copies go: the Clipboard API first, the selection fallback when it refuses.
    await page.evaluate(() => {
      const w = window as unknown as { writes: string[] };
      w.writes = [];
      const clipboard = navigator.clipboard;
      const original = clipboard.writeText.bind(clipboard);
      clipboard.writeText = (text: string) =>
        original(text).then(
          () => void w.writes.push('ok'),
          (e: Error) => {
            w.writes.push(`refused: ${e.name}`);
            throw e;
          },
        );
    });
    const writes = () => page.evaluate(() => (window as unknown as { writes: string[] }).writes);
    const clipboardText = () => page.evaluate(() => navigator.clipboard.readText());

    // `.` in command mode, where the page may not write to the clipboard (no grant): the fallback copies it.
    await page.getByRole('log').click();
    await page.keyboard.press('Period');
    await page.getByTestId('console-notice').getByText('Copied JXQR-8V5K to the clipboard.').waitFor();
    expect(await writes()).toEqual(['refused: NotAllowedError']);
    expect(await clipboardText()).toBe('JXQR-8V5K');

    // Where writing is allowed (a focused page in a browser; Electron grants clipboard-sanitized-write):
    // the header's reference button, which names its key.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    const refButton = page.getByRole('button', { name: 'Copy the reference JXQR-8V5K' });
    expect(await refButton.getAttribute('title')).toBe('Copy the reference (.)');
    await refButton.click();
    await expect.poll(clipboardText).toBe('JXQR-8V5K');
    expect((await writes()).slice(-1)).toEqual(['ok']);

    // Earlier cases, one chord away, also from the composer.
    const composer = page.getByRole('textbox', { name: 'Reply to the customer' });
    await composer.click();
    await page.keyboard.press('Control+Shift+KeyH');
    const dialog = page.getByRole('dialog', { name: 'Earlier cases of Anna Kowalska' });
    await dialog.getByRole('option', { name: /HMWT-3Q7C/ }).waitFor();
    expect(await dialog.getByRole('option').count()).toBe(3);
    serious.push(...(await axe(page, 'earlier cases')));
    await page.keyboard.press('ArrowDown');
    await shot(page, 'earlier-cases-light');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Reply to the customer');
    await page.keyboard.press('Control+Shift+KeyH');
    await dialog.getByRole('option', { name: /HMWT-3Q7C/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Anna Kowalska', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Copy the reference BNPL-4R8D' }).waitFor();

    // `a` opens the panel's Transfer dialog, as its quick action does.
    await page.getByRole('log').click();
    await page.keyboard.press('KeyA');
    const transfer = page.getByRole('dialog', { name: 'Transfer the chat' });
    await transfer.waitFor();
    expect(await transfer.getByRole('textbox').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await transfer.waitFor({ state: 'detached' });

    // The `?` overlay lists the case's, the panel's and the viewer's keys.
    await page.getByRole('log').click();
    await page.keyboard.press('Shift+Slash');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByRole('group', { name: 'Case' }).waitFor();
    await help.getByRole('group', { name: 'Image viewer' }).getByText('Rotate clockwise').waitFor();
    serious.push(...(await axe(page, 'help')));
    await help.getByRole('group', { name: 'Case' }).scrollIntoViewIfNeeded();
    await shot(page, 'help-case-panel');
    await help.getByRole('group', { name: 'Image viewer' }).scrollIntoViewIfNeeded();
    await shot(page, 'help-viewer');
    await page.keyboard.press('Escape');

    // Settings: the same rows, remappable.
    await page.keyboard.press('Control+Comma');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const caseGroup = page.getByRole('group', { name: 'Case' });
    await caseGroup.getByRole('button', { name: 'Change the keys of Earlier cases of this customer…' }).waitFor();
    await page.getByRole('button', { name: 'Change the keys of Rotate clockwise' }).click();
    await page.keyboard.press('KeyT');
    await expect.poll(() => main.calls.filter((c) => c.channel === 'settings:set').map((c) => c.input)).toEqual([{ shortcuts: { 'viewer.rotate': ['t'] } }]);
    serious.push(...(await axe(page, 'settings')));
    await caseGroup.scrollIntoViewIfNeeded();
    await shot(page, 'settings-case-panel');
    await page.getByRole('group', { name: 'Image viewer' }).scrollIntoViewIfNeeded();
    await shot(page, 'settings-viewer');

    expect(serious).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
