/**
 * Canned replies in the built renderer, in headless Chromium through the browser host, against
 * a fake main process serving the demo world's real canned replies: an agent answers a
 * Swedish payment-delay chat with `/`, a few letters, Enter, Tab to the one prompt, a value and
 * Enter. A reply with a prompt left is not sent. Screenshots of the picker and of the prompt go
 * to /tmp/shots-canned/. No console errors and no CSP violations along the way.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type LocalMessage, type SessionState, type TicketDetail, type TicketSummary } from '../../src/shared/api/contract';
import type { AgentRow, CannedReplyRow, TicketRow } from '../../src/shared/domain';
import { CANNED_REPLIES } from '../../src/server/demo/canned-content';
import { createFakeMain, ok, startFakeMainHost, type FakeMainHost, nbsp, signIn } from '../helpers/fake-main-host';
import { watchProblems } from '../helpers/page-problems';

const SHOTS = '/tmp/shots-canned';

const agent: AgentRow = { id: 'ag1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const iso = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
const replies: CannedReplyRow[] = CANNED_REPLIES.map((r, i) => ({ id: `cr${i}`, version: 1, ...r }));

const ticket: TicketRow = {
  id: 't1', reference: 'K7QP-M2XD', customerId: 'cus_1', channel: 'chat', category: 'payment_delay', status: 'open', priority: 'normal', tier: 1, regionId: 'se',
  assigneeId: agent.id, subject: 'Min betalning syns inte', orderNumber: null, createdAt: iso(600), offeredAt: iso(590), acceptedAt: iso(580), firstResponseAt: null,
  resolvedAt: null, lastMessageAt: iso(30), csat: null, isComplaint: false, complaintDueAt: null, linkedTicketId: null, waitingSince: null, replyDueAt: null, version: 1,
};
const summaries: TicketSummary[] = [
  { ...ticket, customerName: 'Anna Lind', customerVerified: true, lastMessagePreview: 'Jag betalade i fredags men det syns inte.', lastMessageAuthor: 'customer', unread: 1, pendingCount: 0 },
];
const msg = (id: string, sortKey: string, over: Partial<LocalMessage>): LocalMessage => ({
  id, ticketId: 't1', authorKind: 'customer', authorId: null, authorName: 'Anna Lind', body: '', clientMsgId: null, attachmentIds: [], createdAt: iso(60), version: 1, delivery: 'sent', rejection: null, sortKey, ...over,
});
const thread: LocalMessage[] = [
  msg('m1', '1', { body: 'Hej! Jag betalade min delbetalning till Stadium i fredags men den syns fortfarande som obetald i appen.', createdAt: iso(120) }),
  msg('m2', '2', { body: 'Kommer jag att få en förseningsavgift?', createdAt: iso(60) }),
];
const detail: TicketDetail = {
  ticket,
  context: {
    customer: { id: 'cus_1', name: 'Anna Lind', email: 'anna@example.com', phone: '+46701234567', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'se', country: 'SE', currency: 'SEK', device: null, riskFlags: [], createdAt: iso(1e7), identity: 'verified', version: 1 },
    account: { id: 'a1', customerId: 'cus_1', status: 'active', verificationStatus: 'verified', verificationAttempts: 1, verificationFailureReason: null, spendingLimitMinor: 2_000_000, currency: 'SEK', version: 1 },
    paymentMethods: [{ id: 'pm1', customerId: 'cus_1', kind: 'bank_account', brand: 'Swedbank', last4: '4411', expiry: null, isDefault: true, status: 'active', lastDeclineReason: null, version: 1 }],
    orders: [{ id: 'o1', customerId: 'cus_1', orderNumber: 'ORD-58213', merchant: 'Stadium', items: [{ name: 'Löparskor', quantity: 1, amountMinor: 189_900 }], totalMinor: 189_900, currency: 'SEK', plan: 'pay_in_4', status: 'active', placedAt: '2026-02-10T09:12:00Z', returnWindowEndsAt: '2026-03-12T22:59:00Z', version: 1 }],
    installments: [],
    // The payment the chat is about: pending, for the Stadium order, its installment not linked yet.
    transactions: [{ id: 'tx1', customerId: 'cus_1', orderId: 'o1', installmentId: null, kind: 'payment', status: 'pending', amountMinor: 47_475, currency: 'SEK', reference: 'BG-77120', rail: 'bank_transfer', failureReason: null, createdAt: '2026-02-27T15:40:00Z', settledAt: null, version: 1 }],
    returns: [],
  },
  attachments: [],
  previous: [],
};

let session: SessionState = { serverUrl: null, agent: null, signedIn: false };
const main = createFakeMain({
  'session:get': () => ok(session),
  'session:login': (i) => {
    session = { serverUrl: i.serverUrl ?? null, agent, signedIn: true };
    return ok(session);
  },
  'tickets:list': (i) => ok(i.view === 'queue' ? [] : summaries),
  'tickets:get': () => ok(detail),
  'messages:page': () => ok({ messages: thread, hasMore: false }),
  'messages:send': (i) => ok(msg('local:c0000009', '~0009', { authorKind: 'agent', authorId: agent.id, authorName: agent.name, body: i.body, clientMsgId: 'c0000009', delivery: 'pending' })),
  'canned:list': () => ok(replies),
  'settings:get': () => ok(DEFAULT_SETTINGS),
});

let harness: FakeMainHost;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await startFakeMainHost(main);
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('canned replies in the console', () => {
  it('answers a payment-delay chat with /, a few letters, Enter, Tab to the prompt, Enter', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(harness.url);
    await signIn(page, /Anna Lind/);
    await page.keyboard.press('Alt+J');
    await page.getByRole('log').getByText('Kommer jag att få en förseningsavgift?').waitFor();

    const composer = page.getByLabel('Reply to the customer');
    await composer.focus();
    await page.keyboard.type('/');
    const picker = page.getByRole('listbox', { name: 'Canned replies in Swedish' });
    await picker.waitFor();
    // The chat's category first; each row filled for this chat.
    await expect.poll(() => picker.getByRole('option').first().textContent()).toContain('/pd-');
    await expect(composer.getAttribute('aria-activedescendant')).resolves.toBe(await picker.getByRole('option').first().getAttribute('id'));
    await page.screenshot({ path: path.join(SHOTS, 'picker-open.png') });

    await page.keyboard.type('hittad');
    await expect.poll(() => picker.getByRole('option').first().textContent()).toContain('Betalningen hittad och kopplad');
    await page.screenshot({ path: path.join(SHOTS, 'picker-filtered.png') });
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    const inserted = nbsp(await composer.inputValue());
    expect(inserted).toBe(
      'Goda nyheter, Anna: din betalning på 474,75 kr är nu kopplad till din order hos Stadium (ORD-58213), och delbetalning ⟦installment number⟧ visas som betald. Ingen förseningsavgift tillkommer.',
    );
    // The prompt is selected and highlighted.
    await expect(composer.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).resolves.toBe('⟦installment number⟧');
    await expect(page.locator('.composer__mirror .prompt-mark').count()).resolves.toBe(1);
    await page.getByText('1 prompt to fill').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'reply-with-prompt.png') });

    // Enter with the prompt left: not sent, told why.
    await page.keyboard.press('End');
    await page.locator('.composer').screenshot({ path: path.join(SHOTS, 'prompt-highlight.png') });
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText(/Not sent: fill the highlighted prompt first \(installment number\)/).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'prompt-blocks-send.png') });
    expect(main.calls.some((c) => c.channel === 'messages:send')).toBe(false);

    // Tab to the prompt, type its value, Enter sends.
    await page.keyboard.press('End');
    await page.keyboard.press('Tab');
    await expect(composer.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).resolves.toBe('⟦installment number⟧');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => main.calls.find((c) => c.channel === 'messages:send')?.input).toEqual({
      ticketId: 't1',
      body: inserted.replace('⟦installment number⟧', '2').replace('474,75 kr', '474,75\u00a0kr'),
      kind: 'reply',
      attachmentIds: [],
      // Sent from the canned reply it still is: its shortcut goes with it (what assist learns from).
      cannedShortcut: 'pd-found',
    });
    await expect.poll(() => composer.inputValue()).toBe('');

    // Switching the language for this chat: German titles and words, money and dates as German (de-SE) writes them.
    await page.keyboard.type('/');
    await page.keyboard.press('Alt+ArrowRight');
    const german = page.getByRole('listbox', { name: 'Canned replies in German' });
    await german.waitFor();
    await page.keyboard.type('bearbeitet');
    await expect.poll(() => german.getByRole('option').first().textContent()).toContain('Zahlung wird bearbeitet');
    await expect.poll(async () => nbsp((await german.getByRole('option').first().textContent()) ?? '')).toContain('Ihre Zahlung über 474,75 SEK vom 27. Februar 2026'); // de-SE: German writes the code
    await page.screenshot({ path: path.join(SHOTS, 'picker-german.png') });
    await page.keyboard.press('Escape');
    await german.waitFor({ state: 'detached' });
    await expect(composer.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    expect(problems).toEqual([]);
    await page.close();
  });
});
