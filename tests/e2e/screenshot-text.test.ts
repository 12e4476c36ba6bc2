/**
 * What the desk read in a screenshot, in headless Chromium through the browser host against a
 * fake main process (the set-up of image-viewer.test.ts): the screenshot is a generated payment
 * error with a card number, run through the real pipeline (OCR, card blurred); the thread shows
 * "Card number hidden" and the text under the thumbnail, the viewer shows all of it under the
 * picture; the text is selectable; axe finds nothing serious; light and dark. Screenshots land in
 * /tmp/shots-ocr/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalMessage, SessionState, TicketDetail, TicketSummary } from '../../src/shared/api/contract';
import type { AgentRow, AttachmentRow, TicketRow } from '../../src/shared/domain';
import { checkAndCleanImage } from '../../src/server/attachments/image';
import { redactCards } from '../../src/server/assist/ocr/redact';
import { createOcrScanner } from '../../src/server/assist/ocr/scanner';
import { isSerious, runAxe, summarize } from '../helpers/axe';
import { createFakeMain, fail, ok, startFakeMainHost, type FakeMainHost } from '../helpers/fake-main-host';
import { watchProblems } from '../helpers/page-problems';
import { paymentErrorSpec, renderScreenshot } from '../helpers/screenshots';

const SHOTS = '/tmp/shots-ocr';

const agent: AgentRow = { id: 'ag1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const iso = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
const ticket: TicketRow = {
  id: 't1', reference: 'AD-t1', customerId: 'cus_1', channel: 'chat', category: 'technical_glitch', status: 'open', priority: 'normal', tier: 1, regionId: 'se',
  assigneeId: agent.id, subject: 'Chat', orderNumber: null, createdAt: iso(600), offeredAt: iso(590), acceptedAt: iso(580), firstResponseAt: null, resolvedAt: null,
  lastMessageAt: iso(30), csat: null, isComplaint: false, complaintDueAt: null, linkedTicketId: null, waitingSince: null, replyDueAt: null, version: 1,
};
const summaries: TicketSummary[] = [{ ...ticket, customerName: 'Anna Kowalska', customerVerified: true, lastMessagePreview: 'the app shows this', lastMessageAuthor: 'customer', unread: 1, pendingCount: 0 }];
const files = new Map<string, Buffer>();
const rows: AttachmentRow[] = [];
const thread: LocalMessage[] = [];

const detail = (): TicketDetail => ({
  ticket,
  context: {
    customer: { id: 'cus_1', name: 'Anna Kowalska', email: 'anna@example.com', phone: '+46701234567', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'se', country: 'SE', currency: 'SEK', device: null, riskFlags: [], createdAt: iso(1e6), identity: 'verified', version: 1 },
    account: null, paymentMethods: [], orders: [], installments: [], transactions: [], returns: [],
  },
  attachments: [...rows],
  previous: [],
});

let session: SessionState = { serverUrl: null, agent: null, signedIn: false };
const main = createFakeMain({
  'session:get': () => ok(session),
  'session:login': (i) => {
    session = { serverUrl: i.serverUrl ?? null, agent, signedIn: true };
    return ok(session);
  },
  'tickets:list': () => ok(summaries),
  'tickets:get': () => ok(detail()),
  'messages:page': () => ok({ messages: thread, hasMore: false }),
  'attachments:get': (i) => {
    const data = files.get(i.attachmentId ?? '');
    return data ? ok({ mime: 'image/png', dataBase64: data.toString('base64') }) : fail('not_found', 'This attachment is not in your cache.');
  },
});

let harness: FakeMainHost;
let ocrText = '';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const scanner = createOcrScanner();
  try {
    const png = await renderScreenshot(paymentErrorSpec({ font: 'DejaVu Sans', size: 22, theme: 'light', cardText: '4111 1111 1111 1111', errorCode: 'E-4012', width: 720 }));
    const out = await redactCards(await checkAndCleanImage(png), scanner);
    ocrText = out.ocrText;
    files.set('shot1', out.image.data);
    rows.push({ id: 'shot1', ticketId: 't1', messageId: 'm1', sha256: out.image.sha256, mime: 'image/png', bytes: out.image.bytes, width: out.image.width, height: out.image.height, filename: 'Screenshot_2041.png', createdAt: iso(60), version: 1, ocrText: out.ocrText, cardsHidden: out.cardsHidden });
  } finally {
    await scanner.close();
  }
  thread.push({ id: 'm1', ticketId: 't1', authorKind: 'customer', authorId: null, authorName: 'Anna Kowalska', body: 'the app shows this', clientMsgId: null, attachmentIds: ['shot1'], createdAt: iso(60), version: 1, delivery: 'sent', rejection: null, sortKey: '1' });
  harness = await startFakeMainHost(main);
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

async function openChat(page: Page, theme: 'light' | 'dark') {
  session = { serverUrl: null, agent: null, signedIn: false };
  await page.goto(harness.url);
  await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
  await page.getByLabel('Email').fill('maja@desk.example');
  await page.getByLabel('Password').fill('demo');
  await page.keyboard.press('Enter');
  await page.getByRole('listbox', { name: /chats/ }).getByRole('option', { name: /Anna Kowalska/ }).click();
  await page.getByRole('log').getByRole('img', { name: 'Screenshot_2041.png' }).waitFor();
  await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
}

describe('the text read in a screenshot', () => {
  it.each(['light', 'dark'] as const)('shows under the thumbnail and in the viewer, with "Card number hidden" (%s)', async (theme) => {
    expect(ocrText).toContain('E-4012');
    const page = await harness.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await openChat(page, theme);
    const log = page.getByRole('log');
    await expect(log.getByTestId('cards-hidden').textContent()).resolves.toBe('Card number hidden');
    const text = log.getByTestId('screenshot-text');
    await expect(text.textContent()).resolves.toContain('E-4012');
    // Selectable: a triple click selects the text as text.
    await text.click({ clickCount: 3 });
    const selected = (await page.evaluate(() => window.getSelection()?.toString() ?? '')).trim();
    expect(selected.length).toBeGreaterThan(5);
    expect(ocrText).toContain(selected);
    await page.screenshot({ path: path.join(SHOTS, `thread-${theme}.png`) });
    expect((await runAxe(page, { within: '[role="log"]' })).filter(isSerious)).toEqual([]);

    await log.getByRole('button', { name: /Screenshot_2041\.png/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Image viewer' });
    await dialog.getByRole('img', { name: 'Screenshot_2041.png' }).waitFor();
    await expect(dialog.getByTestId('cards-hidden').textContent()).resolves.toBe('Card number hidden');
    await expect(dialog.getByTestId('screenshot-text').textContent()).resolves.toBe(ocrText);
    await page.waitForTimeout(250);
    await page.screenshot({ path: path.join(SHOTS, `viewer-${theme}.png`) });
    const violations = await runAxe(page, { within: '[role="dialog"]' });
    console.log(summarize(`axe on the viewer (${theme})`, violations));
    expect(violations.filter(isSerious)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
