/**
 * The image viewer in headless Chromium through the browser host, against a fake main process
 * (the set-up of renderer-console.test.ts) whose `attachments:get` returns real PNGs: Tab to a
 * thumbnail, Enter opens the "Image viewer" dialog, + zooms, R rotates, ] goes next, Esc closes
 * with focus back on the thumbnail; axe finds nothing serious on the open viewer; a redacted copy
 * is uploaded as a PNG whose region differs from the original (and nothing else does), and an
 * internal note links it. Screenshots land in /tmp/shots-viewer/. No console errors, no CSP
 * reports along the way.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalMessage, SessionState, TicketDetail, TicketSummary } from '../../src/shared/api/contract';
import type { AgentRow, AttachmentRow, TicketRow } from '../../src/shared/domain';
import { isSerious, runAxe, summarize } from '../helpers/axe';
import { createFakeMain, fail, ok, startFakeMainHost, type FakeMainHost } from '../helpers/fake-main-host';
import { watchProblems } from '../helpers/page-problems';

const SHOTS = '/tmp/shots-viewer';

const agent: AgentRow = { id: 'ag1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const iso = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

const ticket: TicketRow = {
  id: 't1', reference: 'AD-t1', customerId: 'cus_1', channel: 'chat', category: 'payment_delay', status: 'open', priority: 'normal', tier: 1, regionId: 'se',
  assigneeId: agent.id, subject: 'Chat', orderNumber: null, createdAt: iso(600), offeredAt: iso(590), acceptedAt: iso(580), firstResponseAt: null, resolvedAt: null,
  lastMessageAt: iso(30), csat: null, isComplaint: false, complaintDueAt: null, linkedTicketId: null, waitingSince: null, replyDueAt: null, version: 1,
};
const summaries: TicketSummary[] = [{ ...ticket, customerName: 'Anna Kowalska', customerVerified: true, lastMessagePreview: 'Here is the screenshot', lastMessageAuthor: 'customer', unread: 1, pendingCount: 0 }];

/** A phone-like screenshot: a header bar, a "card" with coloured stripes, a gradient below. */
async function screenshotPng(width: number, height: number, hue: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,92%)"/><stop offset="1" stop-color="hsl(${hue + 40},60%,70%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <rect width="100%" height="${Math.round(height * 0.08)}" fill="hsl(${hue},50%,35%)"/>
    <rect x="${Math.round(width * 0.08)}" y="${Math.round(height * 0.2)}" width="${Math.round(width * 0.84)}" height="${Math.round(height * 0.22)}" rx="16" fill="#1c2024"/>
    ${Array.from({ length: 16 }, (_, i) => `<rect x="${Math.round(width * 0.12 + i * width * 0.048)}" y="${Math.round(height * 0.3)}" width="${Math.round(width * 0.03)}" height="${Math.round(height * 0.04)}" fill="hsl(${(i * 37) % 360},80%,60%)"/>`).join('')}
    ${Array.from({ length: 8 }, (_, i) => `<rect x="${Math.round(width * 0.08)}" y="${Math.round(height * (0.5 + i * 0.05))}" width="${Math.round(width * (0.3 + ((i * 13) % 5) * 0.1))}" height="${Math.round(height * 0.02)}" rx="4" fill="#60646c"/>`).join('')}
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const files = new Map<string, Buffer>();
const rows: AttachmentRow[] = [];
function addAttachment(id: string, data: Buffer, width: number, height: number, filename: string, messageId: string | null, secondsAgo: number): AttachmentRow {
  const row: AttachmentRow = { id, ticketId: 't1', messageId, sha256: 'a'.repeat(64), mime: 'image/png', bytes: data.length, width, height, filename, createdAt: iso(secondsAgo), version: 1, ocrText: '', cardsHidden: 0 };
  files.set(id, data);
  rows.push(row);
  return row;
}

const msg = (id: string, sortKey: string, over: Partial<LocalMessage>): LocalMessage => ({
  id, ticketId: 't1', authorKind: 'customer', authorId: null, authorName: 'Anna Kowalska', body: '', clientMsgId: null, attachmentIds: [], createdAt: iso(120), version: 1, delivery: 'sent', rejection: null, sortKey, ...over,
});
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
let uploads = 0;
const main = Object.assign(
  createFakeMain({
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
      if (!data) return fail('not_found', 'This attachment is not in your cache.');
      return ok({ mime: 'image/png', dataBase64: data.toString('base64') });
    },
    'attachments:upload': async (i) => {
      const data = Buffer.from(i.dataBase64 ?? '', 'base64');
      const meta = await sharp(data).metadata();
      return ok(addAttachment(`up${++uploads}`, data, meta.width ?? 0, meta.height ?? 0, i.filename ?? 'x.png', null, 0));
    },
    'messages:send': (i) => ok(msg('local:c0000009', '~0009', { authorKind: i.kind === 'note' ? 'note' : 'agent', authorName: agent.name, body: i.body, clientMsgId: 'c0000009', delivery: 'pending', attachmentIds: (i as { attachmentIds: string[] }).attachmentIds })),
  }),
  {
    /** Each test signs in afresh. */
    signOut() {
      session = { serverUrl: null, agent: null, signedIn: false };
    },
  },
);

let harness: FakeMainHost;
let original: Buffer;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  original = await screenshotPng(390, 844, 210);
  addAttachment('img1', original, 390, 844, 'IMG_2041.png', 'm1', 300);
  addAttachment('img2', await screenshotPng(1280, 800, 30), 1280, 800, 'checkout-error.png', 'm2', 200);
  addAttachment('img3', await screenshotPng(600, 600, 120), 600, 600, 'receipt.png', 'm3', 100);
  thread.push(
    msg('m1', '1', { body: 'Here is my card screen', attachmentIds: ['img1'], createdAt: iso(300) }),
    msg('m2', '2', { body: 'And the error at checkout', attachmentIds: ['img2'], createdAt: iso(200) }),
    msg('m3', '3', { body: 'Receipt', attachmentIds: ['img3'], createdAt: iso(100) }),
  );

  harness = await startFakeMainHost(main);
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const focusedAttachment = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.attachmentId ?? null);

async function signInAndOpenChat(page: Page) {
  main.signOut();
  await page.goto(harness.url);
  await page.getByLabel('Email').fill('maja@desk.example');
  await page.getByLabel('Password').fill('demo');
  await page.keyboard.press('Enter');
  await page.getByRole('listbox', { name: /chats/ }).getByRole('option', { name: /Anna Kowalska/ }).click();
  await page.getByRole('log').getByRole('button', { name: /IMG_2041\.png/ }).waitFor();
}

describe('image viewer in the browser host', () => {
  it('opens from the keyboard, zooms, rotates, goes next, passes axe and closes back to the thumbnail', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await signInAndOpenChat(page);

    // Tab into the thread, to the first thumbnail; Enter opens the viewer.
    await page.getByRole('log').focus();
    await page.keyboard.press('Tab');
    expect(await focusedAttachment(page)).toBe('img1');
    const box = await page.getByRole('log').getByRole('button', { name: /IMG_2041\.png/ }).boundingBox();
    expect(box).toMatchObject({ width: 111, height: 240 }); // reserved from the row's 390 × 844
    await page.getByRole('log').getByRole('img', { name: 'receipt.png' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'thread-thumbnails.png') });
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: 'Image viewer' });
    await dialog.waitFor();
    await dialog.getByRole('img', { name: 'IMG_2041.png' }).waitFor();
    await expect.poll(() => dialog.getByText('1 / 3').count()).toBe(1);
    await expect(dialog.getByText(/· 390×844 · \d+ KB/).count()).resolves.toBe(1);
    const zoomLevel = dialog.getByTestId('zoom-level');
    await expect.poll(() => zoomLevel.textContent()).toMatch(/^\d+ %$/);
    const fitted = parseInt((await zoomLevel.textContent()) ?? '0', 10);
    expect(fitted).toBeGreaterThan(50);
    expect(fitted).toBeLessThanOrEqual(100);

    await page.keyboard.press('+');
    await expect.poll(async () => parseInt((await zoomLevel.textContent()) ?? '0', 10)).toBe(Math.round(fitted * 1.25));
    await page.keyboard.press('r');
    const stage = dialog.getByRole('group', { name: /^Picture/ });
    await expect.poll(() => stage.getAttribute('data-rotation')).toBe('90');
    // The picture really is turned: its on-screen box is wider than tall now.
    await expect
      .poll(async () => {
        const b = await dialog.getByRole('img', { name: 'IMG_2041.png' }).boundingBox();
        return b ? b.width > b.height : false;
      })
      .toBe(true);
    await page.waitForTimeout(250); // let the zoom animation settle for the picture
    await page.screenshot({ path: path.join(SHOTS, 'viewer-zoomed-rotated.png') });

    // axe on the open viewer: nothing serious or critical.
    const violations = await runAxe(page, { within: '[role="dialog"]' });
    console.log(summarize('axe on the viewer', violations));
    expect(violations.filter(isSerious)).toEqual([]);

    // Download: the image's own bytes from a blob: URL, under its file name.
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
    expect(download.suggestedFilename()).toBe('IMG_2041.png');
    expect(download.url()).toMatch(/^blob:http:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]{36}$/);
    const saved = readFileSync((await download.path())!);
    expect(saved.equals(original)).toBe(true);

    await page.keyboard.press(']');
    await expect.poll(() => dialog.getByText('2 / 3').count()).toBe(1);
    await dialog.getByRole('heading', { name: 'checkout-error.png' }).waitFor();
    await expect.poll(() => stage.getAttribute('data-rotation')).toBe('0');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedAttachment(page)).toBe('img1');

    // The thread with its thumbnails passes axe too.
    const threadViolations = await runAxe(page, { within: '[role="log"]' });
    console.log(summarize('axe on the thread', threadViolations));
    expect(threadViolations.filter(isSerious)).toEqual([]);

    expect(problems).toEqual([]);
    await page.close();
  });

  it('saves a redacted copy: a PNG whose region is destroyed, on an internal note, the original untouched', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await signInAndOpenChat(page);
    await page.getByRole('log').getByRole('button', { name: /IMG_2041\.png/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Image viewer' });
    const img = dialog.getByRole('img', { name: 'IMG_2041.png' });
    await img.waitFor({ timeout: 5000 });
    await page.keyboard.press('x');
    await dialog.getByRole('group', { name: 'Redaction' }).waitFor({ timeout: 5000 });

    // Drag over the "card" (image pixels 40..350 × 170..360), mapped to the screen by the img box.
    await page.waitForTimeout(200);
    const b = (await img.boundingBox())!;
    const sx = b.width / 390;
    const sy = b.height / 844;
    const region = { x0: 40, y0: 170, x1: 350, y1: 360 };
    await page.mouse.move(b.x + region.x0 * sx, b.y + region.y0 * sy);
    await page.mouse.down();
    await page.mouse.move(b.x + ((region.x0 + region.x1) / 2) * sx, b.y + ((region.y0 + region.y1) / 2) * sy, { steps: 4 });
    await page.mouse.move(b.x + region.x1 * sx, b.y + region.y1 * sy, { steps: 4 });
    await page.mouse.up();
    await dialog.getByText('1 region').waitFor({ timeout: 5000 });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(SHOTS, 'viewer-redact.png') });

    await dialog.getByRole('button', { name: 'Save redacted copy' }).click();
    await dialog.getByRole('status').filter({ hasText: 'IMG_2041-redacted.png' }).waitFor({ timeout: 10_000 });

    const upload = main.calls.find((c) => c.channel === 'attachments:upload')?.input as { ticketId: string; mime: string; filename: string; dataBase64: string };
    expect(upload).toMatchObject({ ticketId: 't1', mime: 'image/png', filename: 'IMG_2041-redacted.png' });
    const copy = Buffer.from(upload.dataBase64, 'base64');
    expect(copy.subarray(1, 4).toString('latin1')).toBe('PNG');
    writeFileSync(path.join(SHOTS, 'redacted-copy.png'), copy);
    const [a, c] = await Promise.all([sharp(original).removeAlpha().raw().toBuffer({ resolveWithObject: true }), sharp(copy).removeAlpha().raw().toBuffer({ resolveWithObject: true })]);
    expect([c.info.width, c.info.height]).toEqual([390, 844]);

    // Mean difference inside the drawn region (a margin in, as the drag snaps outwards) vs outside it.
    const diff = (x0: number, y0: number, x1: number, y1: number) => {
      let sum = 0;
      let n = 0;
      let changed = 0;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const i = (y * 390 + x) * 3;
          const d = Math.abs(a.data[i]! - c.data[i]!) + Math.abs(a.data[i + 1]! - c.data[i + 1]!) + Math.abs(a.data[i + 2]! - c.data[i + 2]!);
          sum += d;
          n++;
          if (d > 24) changed++;
        }
      return { mean: sum / n, changed: changed / n };
    };
    const inside = diff(region.x0 + 6, region.y0 + 6, region.x1 - 6, region.y1 - 6);
    const outside = diff(0, 500, 390, 844);
    console.log('redaction: inside', inside, 'outside', outside);
    expect(inside.mean).toBeGreaterThan(40);
    expect(inside.changed).toBeGreaterThan(0.5);
    expect(outside.mean).toBeLessThan(1);
    // The original file was not touched.
    expect(files.get('img1')!.equals(original)).toBe(true);

    const note = main.calls.find((c) => c.channel === 'messages:send')?.input as { ticketId: string; kind: string; body: string; attachmentIds: string[] };
    expect(note).toMatchObject({ ticketId: 't1', kind: 'note', attachmentIds: ['up1'] });
    expect(note.body).toContain('Redacted copy of IMG_2041.png');
    await page.screenshot({ path: path.join(SHOTS, 'viewer-saved.png') });

    expect(problems).toEqual([]);
    await page.close();
  });

  it('redacts a turned picture: the copy is saved as seen (turned) with the region where it was drawn', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watchProblems(page);
    await signInAndOpenChat(page);
    const before = main.calls.length;
    await page.getByRole('log').getByRole('button', { name: /IMG_2041\.png/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Image viewer' });
    const img = dialog.getByRole('img', { name: 'IMG_2041.png' });
    await img.waitFor({ timeout: 5000 });
    await page.keyboard.press('r');
    await page.keyboard.press('x');
    await dialog.getByRole('group', { name: 'Redaction' }).waitFor({ timeout: 5000 });
    await page.waitForTimeout(200);
    // Turned 90°, the picture on screen is 844 × 390 (box pixels); its bounding box is the box.
    const b = (await img.boundingBox())!;
    const s = b.width / 844;
    const region = { x0: 500, y0: 60, x1: 780, y1: 330 }; // in box pixels: over the "card"
    await page.mouse.move(b.x + region.x0 * s, b.y + region.y0 * s);
    await page.mouse.down();
    await page.mouse.move(b.x + region.x1 * s, b.y + region.y1 * s, { steps: 6 });
    await page.mouse.up();
    await dialog.getByText('1 region').waitFor({ timeout: 5000 });
    await dialog.getByRole('button', { name: 'Save redacted copy' }).click();
    await dialog.getByRole('status').filter({ hasText: 'IMG_2041-redacted.png' }).waitFor({ timeout: 10_000 });

    const upload = main.calls.slice(before).find((c) => c.channel === 'attachments:upload')?.input as { dataBase64: string };
    const copy = await sharp(Buffer.from(upload.dataBase64, 'base64')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([copy.info.width, copy.info.height]).toEqual([844, 390]);
    const turned = await sharp(original).rotate(90).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([turned.info.width, turned.info.height]).toEqual([844, 390]);
    const meanDiff = (x0: number, y0: number, x1: number, y1: number) => {
      let sum = 0;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const i = (y * 844 + x) * 3;
          sum += Math.abs(turned.data[i]! - copy.data[i]!) + Math.abs(turned.data[i + 1]! - copy.data[i + 1]!) + Math.abs(turned.data[i + 2]! - copy.data[i + 2]!);
        }
      return sum / ((x1 - x0) * (y1 - y0));
    };
    const inside = meanDiff(region.x0 + 6, region.y0 + 6, region.x1 - 6, region.y1 - 6);
    const outside = meanDiff(0, 0, 400, 390);
    console.log('turned redaction: inside', inside, 'outside', outside);
    expect(inside).toBeGreaterThan(40);
    expect(outside).toBeLessThan(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});
