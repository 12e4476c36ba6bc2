/**
 * The context panel in headless Chromium through the browser host, against a fake main process
 * (the set-up of renderer-console.test.ts): open a chat, select a transaction, Ctrl+Shift+I puts
 * its summary into the composer; extend a due date through the confirm dialog and see it done;
 * a refusal shows the server's reason; axe-core finds nothing serious or critical in the panel
 * or the dialog; the panel never scrolls sideways at 1440 and 1280 px; below 1200 px it folds
 * into a strip and opens as a drawer. Screenshots go to /tmp/shots-panels/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ActionInput, type CustomerContext, type SessionState, type TicketDetail, type TicketSummary } from '../../src/shared/api/contract';
import type { AgentRow, InstallmentRow, OrderRow, TicketRow, TransactionRow } from '../../src/shared/domain';
import { runAxe } from '../helpers/axe';
import { createFakeMain, ok, startFakeMainHost, type FakeMainHost } from '../helpers/fake-main-host';
import { watchProblems } from '../helpers/page-problems';

const SHOTS = '/tmp/shots-panels';

const agent: AgentRow = { id: 'ag1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['eu-north'], capacity: 8, presence: 'available', presenceReason: null };
const DAY = 86_400_000;
const iso = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
const day = (daysFromNow: number) => new Date(Date.now() + daysFromNow * DAY).toISOString().slice(0, 10);

function ticket(id: string, over: Partial<TicketRow> = {}): TicketRow {
  return {
    id, reference: `AD-${id.toUpperCase()}`, customerId: 'cus_1', channel: 'chat', category: 'payment_delay', status: 'open', priority: 'normal', tier: 1, regionId: 'eu-north',
    assigneeId: agent.id, subject: 'My payment is not showing', orderNumber: 'ORD-5821304', createdAt: iso(600), offeredAt: iso(590), acceptedAt: iso(580), firstResponseAt: iso(500), resolvedAt: null,
    lastMessageAt: iso(30), csat: null, isComplaint: false, complaintDueAt: null, linkedTicketId: null, waitingSince: iso(40), replyDueAt: new Date(Date.now() + 200_000).toISOString(), version: 1, ...over,
  };
}
const summaries: TicketSummary[] = [
  { ...ticket('t1'), customerName: 'Anna Lind', customerVerified: true, lastMessagePreview: 'I paid on Monday but it still says unpaid', lastMessageAuthor: 'customer', unread: 1, pendingCount: 0 },
];

const inst = (id: string, orderId: string, number: number, due: string, amountMinor: number, status: InstallmentRow['status'], lateFeeMinor = 0): InstallmentRow => ({
  id, orderId, customerId: 'cus_1', number, dueDate: due, amountMinor, currency: 'SEK', status, paidAt: status === 'paid' ? `${due}T08:00:00.000Z` : null, lateFeeMinor, version: 1,
});
const order = (id: string, orderNumber: string, merchant: string, totalMinor: number, placedDaysAgo: number, over: Partial<OrderRow> = {}): OrderRow => ({
  id, customerId: 'cus_1', orderNumber, merchant, items: [{ name: 'Trail running shoes', quantity: 1, amountMinor: totalMinor }], totalMinor, currency: 'SEK', plan: 'pay_in_4', status: 'active',
  placedAt: iso(placedDaysAgo * 86_400), returnWindowEndsAt: new Date(Date.now() + 10 * DAY).toISOString(), version: 1, ...over,
});

function context(): CustomerContext {
  const transactions: TransactionRow[] = [
    { id: 'tx1', customerId: 'cus_1', orderId: 'o1', installmentId: 'i2', kind: 'payment', status: 'pending', amountMinor: 47_475, currency: 'SEK', reference: 'PAY-9F3K2Q', rail: 'direct_debit', failureReason: null, createdAt: iso(2 * 86_400), settledAt: null, version: 1 },
    { id: 'tx2', customerId: 'cus_1', orderId: 'o2', installmentId: 'i6', kind: 'payment', status: 'failed', amountMinor: 32_475, currency: 'SEK', reference: 'PAY-7H1M0D', rail: 'card', failureReason: 'Insufficient funds', createdAt: iso(9 * 86_400), settledAt: null, version: 1 },
  ];
  for (let n = 0; n < 22; n++)
    transactions.push({
      id: `txo${n}`, customerId: 'cus_1', orderId: 'o3', installmentId: null, kind: n % 3 === 0 ? 'purchase' : 'payment', status: 'settled', amountMinor: 9_900 + n * 1_250, currency: 'SEK',
      reference: `PAY-${(100_000 + n * 7_919).toString(36).toUpperCase()}`, rail: 'card', failureReason: null, createdAt: iso((20 + n * 6) * 86_400), settledAt: iso((20 + n * 6) * 86_400 - 3_600), version: 1,
    });
  return {
    customer: {
      id: 'cus_1', name: 'Anna Lind', email: 'anna.lind@example.com', phone: '+46701234567', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'eu-north', country: 'SE', currency: 'SEK',
      device: { appVersion: '7.14.2', os: 'iOS 18.3', browser: 'App (iOS)', lastSeenAt: iso(3_600) }, riskFlags: ['hardship'], createdAt: iso(400 * 86_400), identity: 'verified', version: 1,
    },
    account: { id: 'a1', customerId: 'cus_1', status: 'active', verificationStatus: 'pending', verificationAttempts: 2, verificationFailureReason: 'Bank login timed out before consent was given', spendingLimitMinor: 1_500_000, currency: 'SEK', version: 1 },
    paymentMethods: [
      { id: 'pm1', customerId: 'cus_1', kind: 'card', brand: 'Visa', last4: '4242', expiry: '08/27', isDefault: true, status: 'active', lastDeclineReason: null, version: 1 },
      { id: 'pm2', customerId: 'cus_1', kind: 'bank_account', brand: 'Swedbank', last4: '9013', expiry: null, isDefault: false, status: 'failed_verification', lastDeclineReason: 'Name on the bank account does not match the ID', version: 1 },
    ],
    orders: [
      order('o2', 'ORD-7700123', 'Clas Ohlson', 129_900, 40),
      order('o1', 'ORD-5821304', 'Stadium', 189_900, 35),
      order('o3', 'ORD-1000456', 'Åhléns', 39_600, 200, { status: 'completed' }),
    ],
    installments: [
      inst('i1', 'o1', 1, day(-35), 47_475, 'paid'),
      inst('i2', 'o1', 2, day(-5), 47_475, 'scheduled'),
      inst('i3', 'o1', 3, day(25), 47_475, 'scheduled'),
      inst('i4', 'o1', 4, day(55), 47_475, 'scheduled'),
      inst('i5', 'o2', 1, day(-40), 32_475, 'paid'),
      inst('i6', 'o2', 2, day(-10), 32_475, 'overdue', 3_500),
      inst('i7', 'o2', 3, day(20), 32_475, 'scheduled'),
      inst('i8', 'o2', 4, day(50), 32_475, 'scheduled'),
      inst('i9', 'o3', 1, day(-200), 39_600, 'paid'),
    ],
    transactions,
    returns: [{ id: 'r1', orderId: 'o1', customerId: 'cus_1', status: 'in_transit', reason: 'Wrong size', refundAmountMinor: 94_950, currency: 'SEK', refundDate: null, createdAt: iso(3 * 86_400), version: 1 }],
  };
}

let session: SessionState = { serverUrl: null, agent: null, signedIn: false };
const ctx = context();
let clientIds = 0;
/** How the fake server answers actions: applied, or refused with a reason. */
let answer: { status: 'applied' } | { status: 'rejected'; code: 'invalid'; reason: string } = { status: 'applied' };
let theme: 'light' | 'dark' = 'light';
/** Colleagues as main lists them for a transfer (the desktop cache's agents, sorted, with reasons). */
const colleagues = [
  { id: 'ag2', name: 'Elias Berg', role: 'agent', tier: 1, presence: 'available', presenceReason: null, openChats: 3, capacity: 8, available: true, reason: null },
  { id: 'ag3', name: 'Nora Ekström', role: 'supervisor', tier: 3, presence: 'available', presenceReason: null, openChats: 1, capacity: 6, available: true, reason: null },
  { id: 'ag4', name: 'Jonas Weber', role: 'agent', tier: 1, presence: 'available', presenceReason: null, openChats: 7, capacity: 7, available: false, reason: 'Jonas is at capacity (7/7 chats).' },
  { id: 'ag5', name: 'Anna Holm', role: 'senior', tier: 2, presence: 'away', presenceReason: 'Training', openChats: 2, capacity: 7, available: false, reason: 'Anna is away (Training).' },
  { id: 'ag6', name: 'Lars Nyberg', role: 'agent', tier: 1, presence: 'offline', presenceReason: null, openChats: 0, capacity: 8, available: false, reason: 'Lars is offline.' },
];
const detail = (): TicketDetail => {
  const { customerName: _n, customerVerified: _v, lastMessagePreview: _p, lastMessageAuthor: _a, unread: _u, pendingCount: _c, ...row } = summaries[0]!;
  return { ticket: row, context: ctx, attachments: [], previous: [ticket('old1', { reference: 'AD-PREV1', subject: 'Card declined at checkout', status: 'closed' })] };
};
const main = Object.assign(
  createFakeMain({
    'session:get': () => ok(session),
    'session:login': (i) => {
      session = { serverUrl: i.serverUrl ?? null, agent, signedIn: true };
      return ok(session);
    },
    'tickets:list': () => ok(summaries),
    'tickets:get': () => ok(detail()),
    'messages:page': () => ok({ messages: [], hasMore: false }),
    'canned:list': () => ok([]),
    'settings:get': () => ok({ ...DEFAULT_SETTINGS, theme }),
    'agents:forTransfer': () => ok(colleagues),
    'actions:run': (input) => {
      const action = input as ActionInput;
      const clientMsgId = `c${String(++clientIds).padStart(8, '0')}`;
      const settled = answer;
      answer = { status: 'applied' };
      // The server answers a moment later, as the sync engine's push would.
      setTimeout(() => {
        if (settled.status === 'applied' && action.kind === 'account.extendDueDate') {
          const row = ctx.installments.find((x) => x.id === action.installmentId);
          if (row) row.dueDate = action.newDueDate;
          main.emit('tickets:changed', { ticketIds: [action.ticketId] });
        }
        main.emit('actions:settled', { clientMsgId, ticketId: action.ticketId, status: settled.status, code: settled.status === 'rejected' ? settled.code : null, reason: settled.status === 'rejected' ? settled.reason : null });
      }, 150);
      return ok({ clientMsgId });
    },
  }),
  {
    refuseNext(reason: string) {
      answer = { status: 'rejected', code: 'invalid', reason };
    },
    setTheme(t: 'light' | 'dark') {
      theme = t;
    },
  },
);

let harness: FakeMainHost;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await startFakeMainHost(main);
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

async function signInAndOpen(page: Page) {
  page.setDefaultTimeout(8_000);
  await page.goto(harness.url);
  const row = page.getByRole('listbox', { name: /chats/ }).getByRole('option', { name: /Anna Lind/ });
  const email = page.getByLabel('Email');
  await email.or(row).first().waitFor();
  if (await email.isVisible()) {
    await email.fill('maja@desk.example');
    await page.getByLabel('Password').fill('demo');
    await page.keyboard.press('Enter');
  }
  await row.click();
  await page.getByRole('complementary', { name: 'Customer context' }).getByRole('tree').waitFor();
}

/** axe-core's default rules on one element (every violation, of any impact). */
const axe = (page: Page, selector: string) => runAxe(page, { within: selector });

async function openAll(panel: ReturnType<Page['getByRole']>) {
  const closed = panel.locator('.panel-section__toggle[aria-expanded="false"]');
  while ((await closed.count()) > 0) await closed.first().click();
}

/** Elements inside the panel that stick out of it on the right (what would scroll sideways). */
async function overflowing(page: Page) {
  return page.evaluate(() => {
    const panel = document.querySelector('aside.context-panel')!;
    const edge = panel.getBoundingClientRect().right + 0.5;
    const out: string[] = [];
    for (const el of panel.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > edge) out.push(`${el.tagName.toLowerCase()}.${String((el as HTMLElement).className)} ${Math.round(r.right - edge)}px`);
    }
    return { out, scrolls: panel.scrollWidth > panel.clientWidth };
  });
}

describe('customer panel in the browser host', () => {
  it('selects a transaction and writes it into the reply, extends a due date through the confirm step, passes axe, never scrolls sideways', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await signInAndOpen(page);
    const panel = page.getByRole('complementary', { name: 'Customer context' });

    // The order named in the pre-chat form is first and marked.
    const firstOrder = panel.getByRole('treeitem').first();
    await expect(firstOrder.textContent()).resolves.toContain('ORD-5821304');
    await expect(firstOrder.textContent()).resolves.toContain('Pre-chat form');
    await page.screenshot({ path: path.join(SHOTS, 'panel-1440x900.png') });

    // Write-back: select the pending direct debit, Ctrl+Shift+I, the composer holds its summary.
    const composer = page.getByLabel('Reply to the customer');
    await composer.fill('Hej Anna! ');
    await panel.getByRole('listbox', { name: 'Transactions' }).getByRole('option', { name: /PAY-9F3K2Q/ }).click();
    await page.keyboard.press('Control+Shift+I');
    await expect.poll(() => composer.inputValue()).toMatch(/^Hej Anna! Betalning på 474,75\skr den \d+ \S+ \(delbetalning 2 av 4 för order ORD-5821304\), via autogiro, referens PAY-9F3K2Q: behandlas$/);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Reply to the customer');

    // Extend the due date of installment 2: confirm dialog, Enter, done.
    await panel.getByRole('button', { name: 'Extend due date…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Extend a due date' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/Move installment 2 of 4 of order ORD-5821304 \(Stadium, Pay in 4\), 474,75\skr, from .+ to .+: 7 days later\./);
    expect(await axe(page, '.panel-dialog')).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'dialog-extend-1440x900.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => main.calls.filter((c) => c.channel === 'actions:run').map((c) => c.input)).toEqual([
      { kind: 'account.extendDueDate', ticketId: 't1', installmentId: 'i2', newDueDate: day(2) },
    ]);
    const results = panel.getByRole('list', { name: 'Action results' });
    await results.getByText('Done').waitFor();

    // A refusal shows the server's reason.
    main.refuseNext('Payments can be paused only while the return is open.');
    await panel.getByRole('button', { name: /^Returns & refunds/ }).click();
    await panel.getByRole('button', { name: 'Pause payments… (ORD-5821304)' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Enter');
    await panel.getByRole('list', { name: 'Pause' }).getByText('Refused: Payments can be paused only while the return is open.').waitFor();

    // Accessibility of the whole panel, every section open.
    await openAll(panel);
    const violations = await axe(page, 'aside.context-panel');
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(violations).toEqual([]); // none of any impact, as it stands
    expect(await overflowing(page)).toEqual({ out: [], scrolls: false });
    await panel.getByRole('tree').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SHOTS, 'panel-open-1440x900.png') });
    await panel.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.screenshot({ path: path.join(SHOTS, 'panel-open-bottom-1440x900.png') });

    expect(problems).toEqual([]);
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const)
    it(`transfers to a colleague by keyboard (${theme} theme): filter, arrows, a refusal shown in the dialog, then done; passes axe`, async () => {
      main.setTheme(theme);
      const page = await harness.browser.newPage({ viewport: { width: 1440, height: 900 } });
      const problems = watchProblems(page);
      await signInAndOpen(page);
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme ?? document.documentElement.className)).toContain(theme);
      const panel = page.getByRole('complementary', { name: 'Customer context' });
      const before = main.calls.filter((c) => c.channel === 'actions:run').length;

      await panel.getByRole('button', { name: 'Transfer', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Transfer the chat' });
      const list = dialog.getByRole('listbox', { name: 'Transfer to' });
      await list.getByRole('option', { name: /Elias Berg/ }).waitFor();
      await expect(list.getByRole('option').allTextContents()).resolves.toEqual([
        'Team queuenext available agent',
        'Elias BergAvailable,3/83 of 8 chats',
        'Nora EkströmSupervisorAvailable,1/61 of 6 chats',
        'Jonas WeberAvailable,7/77 of 7 chatsJonas is at capacity (7/7 chats).',
        'Anna HolmSeniorAway,2/72 of 7 chatsAnna is away (Training).',
        'Lars NybergOffline,0/80 of 8 chatsLars is offline.',
      ]);
      expect(await axe(page, '.panel-dialog')).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `dialog-transfer-${theme}.png`) });

      // Arrow onto a full colleague: the reason shows and Enter does nothing.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await dialog.getByRole('button', { name: /^Transfer to Jonas/ }).waitFor();
      await expect(dialog.getByRole('button', { name: /^Transfer to Jonas/ }).isDisabled()).resolves.toBe(true);
      await page.screenshot({ path: path.join(SHOTS, `dialog-transfer-disabled-${theme}.png`) });

      // Type to filter, Enter: the server refuses (Elias just went away), the dialog says so.
      main.refuseNext('Elias is away.');
      await page.keyboard.type('eli');
      await expect(list.getByRole('option').count()).resolves.toBe(2);
      await page.keyboard.press('Enter');
      await dialog.getByRole('alert').getByText('Not transferred: Elias is away.').waitFor();
      expect(await axe(page, '.panel-dialog')).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `dialog-transfer-refused-${theme}.png`) });

      // Nora instead, with a note: applied, the dialog closes.
      await page.getByRole('combobox', { name: 'Transfer to' }).fill('nora');
      await dialog.getByLabel(/^Note for the next agent/).fill('Asked for a supervisor about the fee');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await expect
        .poll(() => main.calls.filter((c) => c.channel === 'actions:run').slice(before).map((c) => c.input))
        .toEqual([
          { kind: 'ticket.transfer', ticketId: 't1', toAgentId: 'ag2' },
          { kind: 'ticket.transfer', ticketId: 't1', toAgentId: 'ag3', note: 'Asked for a supervisor about the fee' },
        ]);
      expect(problems).toEqual([]);
      main.setTheme('light');
      await page.close();
    });

  it('fits 1280×720 (320 px panel, nothing sideways) and folds into a strip with a drawer below 1200 px', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watchProblems(page);
    await signInAndOpen(page);
    const panel = page.getByRole('complementary', { name: 'Customer context' });
    await expect(panel.evaluate((el) => Math.round(el.getBoundingClientRect().width))).resolves.toBe(320);
    await openAll(panel);
    expect(await overflowing(page)).toEqual({ out: [], scrolls: false });
    await panel.evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, 'panel-1280x720.png') });

    await page.setViewportSize({ width: 1100, height: 720 });
    await expect.poll(() => panel.count()).toBe(0);
    const show = page.getByRole('button', { name: 'Show the customer panel' });
    await page.screenshot({ path: path.join(SHOTS, 'folded-1100x720.png') });
    await page.keyboard.press('Control+Shift+O');
    await panel.waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Customer context');
    await page.screenshot({ path: path.join(SHOTS, 'drawer-1100x720.png') });
    await page.keyboard.press('Control+Shift+O');
    await show.waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
