/**
 * The built renderer in headless Chromium through the browser host, against a fake main process:
 * sign-in errors inline, the console with a chat open, delivery states (Queued, Not delivered with
 * Retry), sending with Enter, note mode, the offline banner with Retry now, and customer text
 * rendered as text. No console errors and no CSP violations along the way.
 */
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalMessage, SessionState, TicketDetail, TicketSummary } from '../../src/shared/api/contract';
import type { AgentRow, TicketRow } from '../../src/shared/domain';
import { createFakeMain, fail, ok, startFakeMainHost, type FakeMainHost } from '../helpers/fake-main-host';
import { watchProblems } from '../helpers/page-problems';

const agent: AgentRow = { id: 'ag1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const iso = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

function ticket(id: string, over: Partial<TicketRow> = {}): TicketRow {
  return {
    id, reference: `AD-${id}`, customerId: `c-${id}`, channel: 'chat', category: 'payment_delay', status: 'open', priority: 'normal', tier: 1, regionId: 'se',
    assigneeId: agent.id, subject: 'Chat', orderNumber: null, createdAt: iso(600), offeredAt: iso(590), acceptedAt: iso(580), firstResponseAt: null, resolvedAt: null,
    lastMessageAt: iso(30), csat: null, isComplaint: false, complaintDueAt: null, linkedTicketId: null, waitingSince: null, replyDueAt: null, version: 1, ...over,
  };
}
const summaries: TicketSummary[] = [
  { ...ticket('t1'), customerName: 'Anna Kowalska', customerVerified: true, lastMessagePreview: 'Will the fee be removed?', lastMessageAuthor: 'customer', unread: 2, pendingCount: 1 },
  { ...ticket('t2', { status: 'queued', assigneeId: null, acceptedAt: null }), customerName: 'Erik Johansson', customerVerified: false, lastMessagePreview: 'Hello?', lastMessageAuthor: 'customer', unread: 1, pendingCount: 0 },
];
const msg = (id: string, sortKey: string, over: Partial<LocalMessage>): LocalMessage => ({
  id, ticketId: 't1', authorKind: 'customer', authorId: null, authorName: 'Anna Kowalska', body: '', clientMsgId: null, attachmentIds: [], createdAt: iso(60), version: 1, delivery: 'sent', rejection: null, sortKey, ...over,
});
const thread: LocalMessage[] = [
  msg('m1', '1', { body: 'Look: <img src=x onerror="window.__pwned=1"><b>bold</b>' }),
  msg('m2', '2', { authorKind: 'agent', authorId: agent.id, authorName: agent.name, body: 'Checking your plan now.', clientMsgId: 'c0000002' }),
  msg('local:c0000003', '~0001', { authorKind: 'agent', authorId: agent.id, authorName: agent.name, body: 'The fee is removed.', clientMsgId: 'c0000003', delivery: 'rejected', rejection: { code: 'not_assigned', reason: 'the chat was reassigned' } }),
  msg('local:c0000004', '~0002', { authorKind: 'agent', authorId: agent.id, authorName: agent.name, body: 'Anything else?', clientMsgId: 'c0000004', delivery: 'pending' }),
];
const detail = (id: string): TicketDetail => {
  const { customerName: _n, customerVerified: _v, lastMessagePreview: _p, lastMessageAuthor: _a, unread: _u, pendingCount: _c, ...row } = summaries.find((s) => s.id === id) ?? summaries[0]!;
  if (id === 't2')
    return {
      ticket: row,
      // An unverified visitor: a customer row of their own, no account.
      context: {
        customer: { id: 'vis_1', name: 'Erik Johansson', email: 'erik@example.com', phone: '', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'se', country: '', currency: 'SEK', device: null, riskFlags: [], createdAt: iso(100), identity: 'visitor', version: 1 },
        account: null, paymentMethods: [], orders: [], installments: [], transactions: [], returns: [],
      },
      attachments: [],
      previous: [],
    };
  return {
    ticket: row,
    context: {
      customer: { id: 'cus_1', name: 'Anna Kowalska', email: 'anna@example.com', phone: '+46701234567', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'se', country: 'SE', currency: 'SEK', device: null, riskFlags: [], createdAt: iso(1e6), identity: 'verified', version: 1 },
      account: { id: 'a1', customerId: 'cus_1', status: 'active', verificationStatus: 'verified', verificationAttempts: 1, verificationFailureReason: null, spendingLimitMinor: 1_000_000, currency: 'SEK', version: 1 },
      paymentMethods: [{ id: 'pm1', customerId: 'cus_1', kind: 'card', brand: 'Visa', last4: '4242', expiry: '08/27', isDefault: true, status: 'active', lastDeclineReason: null, version: 1 }],
      orders: [],
      installments: [],
      transactions: [{ id: 'tx1', customerId: 'cus_1', orderId: null, installmentId: null, kind: 'payment', status: 'settled', amountMinor: 47475, currency: 'SEK', reference: 'TX1', rail: 'card', failureReason: null, createdAt: iso(86400), settledAt: null, version: 1 }],
      returns: [],
    },
    attachments: [],
    previous: [],
  };
};

let session: SessionState = { serverUrl: null, agent: null, signedIn: false };
const main = createFakeMain(
  {
    'session:get': () => ok(session),
    'session:login': (i) => {
      if (i.password !== 'demo') return fail('unauthorized', 'Wrong email or password.');
      session = { serverUrl: i.serverUrl ?? null, agent, signedIn: true };
      return ok(session);
    },
    'tickets:list': (i) => ok(i.view === 'queue' ? summaries.filter((s) => s.status === 'queued') : i.view === 'mine' ? summaries.filter((s) => s.assigneeId) : summaries),
    'tickets:get': (i) => ok(detail(i.ticketId ?? 't1')),
    'messages:page': (i) => ok({ messages: i.ticketId === 't1' ? thread : [], hasMore: false }),
    'messages:send': (i) => ok(msg('local:c0000009', '~0009', { authorKind: i.kind === 'note' ? 'note' : 'agent', authorName: agent.name, body: i.body, clientMsgId: 'c0000009', delivery: 'pending' })),
    'messages:retry': () => ok(null),
    'messages:discard': () => ok(null),
    'sync:retryNow': () => ok(null),
    'actions:run': () => ok({ clientMsgId: 'c0000010' }),
  },
  { status: { outbox: 1 } },
);

let harness: FakeMainHost;

beforeAll(async () => {
  harness = await startFakeMainHost(main);
}, 120_000);

afterAll(async () => {
  await harness?.close();
});


describe('renderer console in the browser host', () => {
  it('signs in, shows a chat with its delivery states, sends, switches to note mode and shows the offline banner', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(harness.url);

    await expect.poll(() => page.getByLabel('Server URL').inputValue()).toBe('http://127.0.0.1:4780');
    await page.getByLabel('Email').fill('maja@desk.example');
    await page.getByLabel('Password').fill('nope');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('Wrong email or password.').waitFor();
    await page.getByLabel('Password').fill('demo');
    await page.keyboard.press('Enter');

    const list = page.getByRole('listbox', { name: /chats/ });
    await list.getByRole('option', { name: /Anna Kowalska/ }).waitFor();
    // Only a window of rows is in the DOM: each says where it is in the whole view.
    const rows = list.getByRole('option');
    expect(await rows.first().getAttribute('aria-posinset')).toBe('1');
    expect(await rows.last().getAttribute('aria-posinset')).toBe(String(await rows.count()));
    expect(await rows.first().getAttribute('aria-setsize')).toBe(String(await rows.count()));
    await expect.poll(() => page.getByRole('tab', { name: /Queue/ }).textContent()).toContain('1');

    await page.keyboard.press('Alt+J');
    const log = page.getByRole('log');
    await log.getByText('Not delivered: the chat was reassigned').waitFor();
    await expect.poll(() => log.getByText('Queued').count()).toBe(1);
    // Customer text is text: the markup shows literally and nothing ran.
    await log.getByText('<img src=x onerror="window.__pwned=1"><b>bold</b>', { exact: false }).waitFor();
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(log.locator('img, b').count()).resolves.toBe(0);
    await page.getByText('•••• 4242').waitFor();

    await log.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => main.calls.some((c) => c.channel === 'messages:retry' && (c.input as { clientMsgId: string }).clientMsgId === 'c0000003')).toBe(true);

    const composer = page.getByLabel('Reply to the customer');
    await composer.fill('We are on it');
    await composer.press('Enter');
    await expect.poll(() => main.calls.find((c) => c.channel === 'messages:send')?.input).toEqual({ ticketId: 't1', body: 'We are on it', kind: 'reply', attachmentIds: [] });
    await expect.poll(() => composer.inputValue()).toBe(''); // cleared once main has queued it

    await page.keyboard.press('Control+Shift+N');
    await page.getByText("Internal note – customer can't see this").waitFor();
    await page.getByRole('button', { name: 'Add note' }).waitFor();

    main.setStatus({ connection: 'offline', attempt: 3, nextRetryAt: new Date(Date.now() + 8000).toISOString(), outbox: 2 });
    const banner = page.getByRole('status').filter({ hasText: 'Offline – reconnecting' });
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toMatch(/try 3, next in \d s\) · Outbox 2/);
    await banner.getByRole('button', { name: 'Retry now' }).click();
    await expect.poll(() => main.calls.some((c) => c.channel === 'sync:retryNow')).toBe(true);
    main.setStatus({ connection: 'online', attempt: 0, nextRetryAt: null, outbox: 0 });
    await page.getByText('Back online · 2 sent').waitFor();

    // An unverified visitor is marked in the list and has no account in the panel.
    await page.getByRole('tab', { name: /Queue/ }).click();
    const visitorRow = list.getByRole('option', { name: /Erik Johansson/ });
    await expect(visitorRow.textContent()).resolves.toContain('Unverified visitor');
    await visitorRow.click();
    const panel = page.getByRole('complementary', { name: 'Customer context' });
    await panel.getByRole('heading', { name: 'Unverified visitor' }).waitFor();
    await expect(panel.textContent()).resolves.toContain('no account is linked');
    await expect(panel.getByText('•••• 4242').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(os.tmpdir(), 'agent-desk-visitor-panel.png') });

    expect(problems).toEqual([]);
    await page.close();
  });

  it('refuses to hand the API to a page with a wrong secret', async () => {
    const page = await harness.browser.newPage();
    await page.goto(harness.url);
    const code = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(`ws://${location.host}/api`);
          ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', secret: 'guess' }));
          ws.onclose = (e) => resolve(e.code);
        }),
    );
    expect(code).toBe(4003);
    await page.close();
  });
});
