/**
 * Macros in the built renderer, in headless Chromium through the browser host, against a fake
 * main process serving the demo world's real macros and canned replies. Five chats are offered,
 * one per common issue, each customer in their own language. The agent takes each with its
 * macro: accept, Ctrl+Shift+1, (Enter on the inputs), a look at the reply, Enter. For the
 * payment delay the "Expected by" date goes one day later with ↑. Each time the fake main sees
 * the reply, then the macro's note, then "resolved", and the next chat that needs a reply opens
 * by itself. The key presses per issue are counted and printed. Screenshots of the inputs
 * dialogs, the undo bar, the result and the palette go to /tmp/shots-macros/. No console errors
 * and no CSP violations along the way.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type LocalMessage, type SessionState, type TicketDetail, type TicketSummary } from '../../src/shared/api/contract';
import { MacroRow, type AgentRow, type CannedReplyRow, type Macro, type TicketRow } from '../../src/shared/domain';
import { addDays, macroFromRow, todayIn } from '../../src/shared/macros';
import { formatTemplateDate } from '../../src/shared/templates';
import { CANNED_REPLIES, MACROS } from '../../src/server/demo/canned-content';
import { createFakeMain, ok, startFakeMainHost, type FakeMainHost, nbsp, signIn } from '../helpers/fake-main-host';
import { watchProblems } from '../helpers/page-problems';

const SHOTS = '/tmp/shots-macros';

const agent: AgentRow = { id: 'ag1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const iso = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
const replies: CannedReplyRow[] = CANNED_REPLIES.map((r, i) => ({ id: `cr${i}`, version: 1, ...r }));
const macros: Macro[] = MACROS.map((m, i) =>
  macroFromRow(MacroRow.parse({ id: `mc${i}`, category: m.category, title: m.title, replyBody: m.replyBody, setStatus: m.setStatus, setPriority: m.setPriority, steps: m.steps, inputs: m.inputs, position: m.position, version: 1 })),
);

const base = (id: string, over: Partial<TicketRow>): TicketRow => ({
  id, reference: 'K7QP-M2XD', customerId: `cus_${id}`, channel: 'chat', category: 'payment_delay', status: 'open', priority: 'normal', tier: 1, regionId: 'se',
  assigneeId: agent.id, subject: '', orderNumber: null, createdAt: iso(600), offeredAt: iso(20), acceptedAt: null, firstResponseAt: null,
  resolvedAt: null, lastMessageAt: iso(30), csat: null, isComplaint: false, complaintDueAt: null, linkedTicketId: null, waitingSince: iso(40), replyDueAt: new Date(Date.now() + 200_000).toISOString(), version: 1,
  ...over,
});

const customer = (id: string, name: string) => ({
  id, name, email: `${id}@example.com`, phone: '+46701234567', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'se', country: 'SE', currency: 'SEK', device: null, riskFlags: [], createdAt: iso(1e7), identity: 'verified' as const, version: 1,
});

// One offered chat per common issue, SLA running out in this order, and one more waiting chat.
const specs: { id: string; category: TicketRow['category']; name: string; locale: string; country: string; currency: string; first: string }[] = [
  { id: 't1', category: 'payment_delay', name: 'Anna Lind', locale: 'sv-SE', country: 'SE', currency: 'SEK', first: 'Kommer jag att få en förseningsavgift?' },
  { id: 't2', category: 'account_verification', name: 'Jonas Becker', locale: 'de-DE', country: 'DE', currency: 'EUR', first: 'Meine Identitätsprüfung hängt seit gestern.' },
  { id: 't3', category: 'refund_return', name: 'Olivia Brown', locale: 'en-GB', country: 'GB', currency: 'GBP', first: 'The store has my return, where is my refund?' },
  { id: 't4', category: 'missed_payment', name: 'Sara Nilsson', locale: 'sv-SE', country: 'SE', currency: 'SEK', first: 'Jag missade min betalning, vad händer nu?' },
  { id: 't5', category: 'technical_glitch', name: 'Lena Müller', locale: 'de-DE', country: 'DE', currency: 'EUR', first: 'Die App zeigt meine Raten nicht an.' },
  { id: 't6', category: 'other', name: 'Erik Johansson', locale: 'sv-SE', country: 'SE', currency: 'SEK', first: 'Hej, kan jag ändra min e-postadress?' },
];
const tickets: Record<string, TicketRow> = Object.fromEntries(
  specs.map((x, i) => [x.id, base(x.id, { reference: `K7QP-M2X${i + 2}`, category: x.category, subject: x.first, status: 'queued', replyDueAt: new Date(Date.now() + 100_000 * (i + 1)).toISOString() })]),
);
const names: Record<string, string> = Object.fromEntries(specs.map((x) => [x.id, x.name]));
const msg = (ticketId: string, id: string, sortKey: string, over: Partial<LocalMessage>): LocalMessage => ({
  id, ticketId, authorKind: 'customer', authorId: null, authorName: names[ticketId]!, body: '', clientMsgId: null, attachmentIds: [], createdAt: iso(60), version: 1, delivery: 'sent', rejection: null, sortKey, ...over,
});
const threads: Record<string, LocalMessage[]> = Object.fromEntries(specs.map((x, i) => [x.id, [msg(x.id, `m${i}`, String(i), { body: x.first, createdAt: iso(60) })]]));
threads.t1!.unshift(msg('t1', 'm0a', '0', { body: 'Hej! Jag betalade min delbetalning till Stadium i fredags men den syns fortfarande som obetald i appen.', createdAt: iso(120) }));
const detail = (id: string): TicketDetail => {
  const x = specs.find((y) => y.id === id)!;
  const cid = `cus_${id}`;
  return {
    ticket: tickets[id]!,
    context: {
      customer: { ...customer(cid, x.name), locale: x.locale, country: x.country, currency: x.currency, timeZone: x.country === 'GB' ? 'Europe/London' : x.country === 'DE' ? 'Europe/Berlin' : 'Europe/Stockholm' },
      account: { id: `a_${id}`, customerId: cid, status: 'active', verificationStatus: id === 't2' ? 'pending' : 'verified', verificationAttempts: 1, verificationFailureReason: null, spendingLimitMinor: 500_000, currency: x.currency, version: 1 },
      paymentMethods: [],
      orders: [{ id: 'o1', customerId: cid, orderNumber: 'ORD-58213', merchant: 'Stadium', items: [{ name: 'Löparskor', quantity: 1, amountMinor: 189_900 }], totalMinor: 189_900, currency: x.currency, plan: 'pay_in_4', status: 'active', placedAt: '2026-02-10T09:12:00Z', returnWindowEndsAt: '2026-03-12T22:59:00Z', version: 1 }],
      installments: id === 't4' ? [{ id: 'i2', orderId: 'o1', customerId: cid, number: 2, dueDate: '2026-02-24', amountMinor: 47_475, currency: x.currency, status: 'overdue', paidAt: null, lateFeeMinor: 0, version: 1 }] : [],
      transactions: [{ id: 'tx1', customerId: cid, orderId: 'o1', installmentId: null, kind: 'payment', status: 'pending', amountMinor: 47_475, currency: x.currency, reference: 'BG-77120', rail: 'bank_transfer', failureReason: null, createdAt: '2026-02-27T15:40:00Z', settledAt: null, version: 1 }],
      returns: id === 't3' ? [{ id: 'r1', orderId: 'o1', customerId: cid, status: 'received', reason: 'Too small', refundAmountMinor: 4_999, currency: 'GBP', refundDate: null, createdAt: '2026-03-01T10:00:00Z', version: 1 }] : [],
    },
    attachments: [],
    previous: [],
  };
};
const summaries = (): TicketSummary[] =>
  Object.values(tickets).map((t) => ({ ...t, customerName: names[t.id]!, customerVerified: true, lastMessagePreview: threads[t.id]!.at(-1)!.body, lastMessageAuthor: 'customer', unread: 1, pendingCount: 0 }));
const touch = (ticketId: string, patch: Partial<TicketRow>) => {
  tickets[ticketId] = { ...tickets[ticketId]!, ...patch, version: tickets[ticketId]!.version + 1 };
  setTimeout(() => main.emit('tickets:changed', { ticketIds: [ticketId] }), 5);
};
let seq = 0;
let session: SessionState = { serverUrl: null, agent: null, signedIn: false };

const main = createFakeMain({
  'session:get': () => ok(session),
  'session:login': (i) => {
    session = { serverUrl: i.serverUrl ?? null, agent, signedIn: true };
    return ok(session);
  },
  'tickets:list': (i) => ok(i.view === 'queue' ? [] : summaries()),
  'tickets:get': (i) => ok(detail(i.ticketId)),
  'messages:page': (i) => ok({ messages: threads[i.ticketId] ?? [], hasMore: false }),
  'messages:send': (i) => {
    const n = ++seq;
    const m = msg(i.ticketId, `local:c${n}`, `~${n}`, { authorKind: i.kind === 'note' ? 'note' : 'agent', authorId: agent.id, authorName: agent.name, body: i.body, clientMsgId: `c${n}`, delivery: 'pending' });
    threads[i.ticketId]!.push(m);
    if (i.kind === 'reply') touch(i.ticketId, { waitingSince: null, replyDueAt: null, firstResponseAt: iso(0) });
    return ok(m);
  },
  'actions:run': (i) => {
    if (i.kind === 'ticket.accept') touch(i.ticketId, { status: 'open', acceptedAt: iso(0) });
    if (i.kind === 'ticket.setStatus') touch(i.ticketId, { status: i.status as TicketRow['status'] });
    return ok({ clientMsgId: `a${++seq}` });
  },
  'canned:list': () => ok(replies),
  'macros:list': () => ok(macros),
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

describe('macros in the console', () => {
  it('takes an offered chat of each common issue to "resolved, next chat opened" in a handful of keys', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(harness.url);
    await signIn(page, /Anna Lind/);

    // Every key the agent presses from here on is counted, per chat (a chord is one press).
    const pressed: Record<string, string[]> = {};
    let current = 't1';
    const press = async (key: string) => {
      (pressed[current] ??= []).push(key);
      await page.keyboard.press(key);
    };
    const composer = page.getByLabel('Reply to the customer');
    const bar = page.locator('.macro-bar');
    const pushed = (ticketId: string) =>
      main.calls
        .filter((c) => (c.channel === 'messages:send' || c.channel === 'actions:run') && (c.input as { ticketId: string }).ticketId === ticketId)
        .map((c) => {
          const input = c.input as { kind: string; status?: string };
          return `${c.channel} ${input.kind}${input.status ? ` ${input.status}` : ''}`;
        });
    const openChat = async (name: string, line: RegExp | string) => {
      await page.getByRole('region', { name: `Conversation with ${name}` }).waitFor();
      await page.getByRole('log').getByText(line).first().waitFor();
    };

    // ---- payment delay (Swedish): the first chat is opened from the list ----
    await press('Alt+J');
    await openChat('Anna Lind', 'Kommer jag att få en förseningsavgift?');
    await press('Control+Shift+A'); // accept
    await expect.poll(() => pushed('t1')).toEqual(['actions:run ticket.accept']);
    await press('Control+Shift+1'); // "Payment on its way: expected date, resolve"
    const dialog = page.getByRole('dialog', { name: 'Macro: Payment on its way: expected date, resolve' });
    await dialog.waitFor();
    const field = dialog.getByLabel('Expected by');
    const prefilled = addDays(todayIn('Europe/Stockholm'), 3, true);
    await expect(field.inputValue()).resolves.toBe(prefilled);
    await page.screenshot({ path: path.join(SHOTS, 'inputs-dialog.png') });
    await dialog.screenshot({ path: path.join(SHOTS, 'inputs-dialog-close.png') });
    await press('ArrowUp'); // one day later
    const expected = addDays(prefilled, 1);
    await expect(field.inputValue()).resolves.toBe(expected);
    const swedishDate = formatTemplateDate(expected, 'sv-SE', 'Europe/Stockholm')!;
    await expect.poll(async () => nbsp((await dialog.locator('output').first().textContent()) ?? '')).toMatch(new RegExp(`^In the reply: ${swedishDate} · [A-Z][a-z]+day$`));
    await press('Enter'); // run
    await dialog.waitFor({ state: 'detached' });
    // The reply is in the composer, in Swedish, for the agent to read; the bar says what follows.
    await expect.poll(async () => nbsp(await composer.inputValue())).toBe(
      `Hej Anna! Jag ser din betalning på 474,75 kr från 27 februari 2026, och den är fortfarande på väg från din bank. Den bör vara hos oss senast ${swedishDate}, och då visas delbetalningen som betald automatiskt. Du behöver inte betala igen, och ingen förseningsavgift tas ut medan betalningen är på väg.`,
    );
    await expect(composer.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(bar.textContent()).resolves.toBe('Macro “Payment on its way: expected date, resolve” did: reply in the composer · on send: note, resolve, next chatUndo');
    expect(pushed('t1')).toEqual(['actions:run ticket.accept']); // nothing else before the reply is sent
    await page.screenshot({ path: path.join(SHOTS, 'undo-bar.png') });
    await page.locator('.conversation').screenshot({ path: path.join(SHOTS, 'undo-bar-conversation.png') });
    await press('Enter'); // send
    await expect.poll(() => pushed('t1')).toEqual(['actions:run ticket.accept', 'messages:send reply', 'messages:send note', 'actions:run ticket.setStatus resolved']);
    const note = main.calls.filter((c) => c.channel === 'messages:send' && (c.input as { ticketId: string }).ticketId === 't1')[1]!.input as { body: string };
    expect(nbsp(note.body)).toBe(`Payment BG-77120 of 474,75 kr still pending at the bank; customer told to expect it by ${formatTemplateDate(expected, 'en-SE', 'Europe/Stockholm')}.`); // notes are for the team: English

    // ---- account verification (German): the next chat opened by itself ----
    current = 't2';
    await openChat('Jonas Becker', 'Meine Identitätsprüfung hängt seit gestern.');
    await expect(page.getByRole('listbox', { name: /chats/ }).getByRole('option', { selected: true }).textContent()).resolves.toContain('Jonas Becker');
    await expect.poll(() => bar.textContent()).toBe('Macro “Payment on its way: expected date, resolve” · Done in Anna Lind’s chat: reply sent · note added · resolved');
    await page.screenshot({ path: path.join(SHOTS, 'done-next-chat.png') });
    await press('Control+Shift+A');
    await press('Control+Shift+1'); // "Documents in review: resolve"
    await expect.poll(() => composer.inputValue()).toMatch(/^Vielen Dank für Ihre Geduld, Jonas\./);
    await press('Enter');
    await expect.poll(() => pushed('t2')).toEqual(['actions:run ticket.accept', 'messages:send reply', 'messages:send note', 'actions:run ticket.setStatus resolved']);

    // ---- refund / return (English): the amount comes from the return; Enter keeps it ----
    current = 't3';
    await openChat('Olivia Brown', 'The store has my return, where is my refund?');
    await press('Control+Shift+A');
    await press('Control+Shift+1'); // "Refund confirmed: amount, resolve"
    const refund = page.getByRole('dialog', { name: 'Macro: Refund confirmed: amount, resolve' });
    await refund.waitFor();
    await expect(refund.getByLabel('Refund amount').inputValue()).resolves.toBe('49.99');
    await expect.poll(() => refund.locator('output').first().textContent()).toBe('In the reply: £49.99');
    await refund.screenshot({ path: path.join(SHOTS, 'inputs-dialog-money.png') });
    await press('Enter');
    await expect.poll(() => composer.inputValue()).toMatch(/we are refunding £49\.99 for order ORD-58213\./);
    await press('Enter');
    await expect.poll(() => pushed('t3')).toEqual(['actions:run ticket.accept', 'messages:send reply', 'messages:send note', 'actions:run ticket.setStatus resolved']);

    // ---- missed payment (Swedish) ----
    current = 't4';
    await openChat('Sara Nilsson', 'Jag missade min betalning, vad händer nu?');
    await press('Control+Shift+A');
    await press('Control+Shift+1'); // "Pay-now options: resolve"
    await expect.poll(async () => nbsp(await composer.inputValue())).toMatch(/^Hej Sara! Din delbetalning på 474,75 kr med förfallodag 24 februari 2026/);
    await press('Enter');
    await expect.poll(() => pushed('t4')).toEqual(['actions:run ticket.accept', 'messages:send reply', 'messages:send note', 'actions:run ticket.setStatus resolved']);

    // ---- technical glitch (German) ----
    current = 't5';
    await openChat('Lena Müller', 'Die App zeigt meine Raten nicht an.');
    await press('Control+Shift+A');
    await press('Control+Shift+1'); // "App glitch: update the app, resolve"
    await expect.poll(() => composer.inputValue()).toMatch(/^Könnten Sie die App/);
    await press('Enter');
    await expect.poll(() => pushed('t5')).toEqual(['actions:run ticket.accept', 'messages:send reply', 'messages:send note', 'actions:run ticket.setStatus resolved']);
    await openChat('Erik Johansson', 'Hej, kan jag ändra min e-postadress?');

    const issues: Record<string, string> = { t1: 'payment delay', t2: 'account verification', t3: 'refund / return', t4: 'missed payment', t5: 'technical glitch' };
    const table = Object.entries(issues).map(([id, issue]) => `  ${issue}: ${pressed[id]!.length} (${pressed[id]!.join(', ')})`);
    console.log(`macros e2e: key presses from "chat offered" to "resolved, next chat opened":\n${table.join('\n')}`);
    for (const id of Object.keys(issues)) expect(pressed[id]!.length, issues[id]).toBeLessThanOrEqual(8);

    // The palette lists the macros, this chat's first, each with its key.
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await page.keyboard.type('macro');
    await palette.getByText('Close with reference: resolve').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'palette-macros.png') });
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });

    // The shortcut sheet lists the macro keys from the keymap (outside the composer).
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+/');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await page.keyboard.type('macro');
    await help.getByText('Run macro 1 (the chat’s category first)').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'help-macros.png') });
    await page.keyboard.press('Escape');

    expect(problems).toEqual([]);
    await page.close();
  });
});
