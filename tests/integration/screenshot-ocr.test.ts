/**
 * Screenshots through the real upload API (issue "Assist that never leaves the desk", "Reading
 * screenshots"): a card number in a customer's screenshot is blurred before the image is stored
 * or served, the agent's pull carries the text read (card masked) and how many cards were
 * hidden, and customer messages keep reaching the agent while a large screenshot is being read.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsCardNumber } from '../../src/shared/card-mask';
import type { AttachmentRow } from '../../src/shared/domain';
import type { Change, PullResponse } from '../../src/shared/protocol/sync';
import { checkAndCleanImage } from '../../src/server/attachments/image';
import { findCards } from '../../src/server/assist/ocr/card-finder';
import { createOcrScanner } from '../../src/server/assist/ocr/scanner';
import { api, clientMsgId } from '../helpers/api';
import { FONTS, paymentErrorSpec, renderScreenshot, type TextLine } from '../helpers/screenshots';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, startChat } from '../helpers/world';
import { agentSocket, customerSocket } from '../helpers/ws';

let srv: TestServer;
let agent: LoginResult;
let customerOffset = 0;
/** Reads what the agent is served, apart from the server's own scanner. */
const reader = createOcrScanner();

beforeAll(async () => {
  srv = await startTestServer({ customers: 60, historicTickets: 10 });
  agent = await srv.loginAgent((await agentsIn(srv, 'eu-north'))[0]!.email);
});
afterAll(async () => {
  await reader.close();
  await srv?.close();
});

async function newChat(): Promise<{ ticketId: string; token: string }> {
  const started = await startChat(srv.url, await customerIn(srv, 'eu-north', customerOffset++));
  expect(started.status).toBe(201);
  return { ticketId: started.body.chat.ticketId, token: started.body.token };
}

const upload = (token: string, png: Buffer, name = 'screenshot.png') =>
  api<{ attachment: { id: string } }>(srv.url, 'PUT', '/api/chat/attachments', { token, raw: png, contentType: 'image/png', headers: { 'x-filename': name } });

async function pullAll(token: string): Promise<Change[]> {
  const changes: Change[] = [];
  let cursor = '';
  for (let page = 0; page < 1000; page++) {
    const r = await api<PullResponse>(srv.url, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=500`, { token });
    expect(r.status).toBe(200);
    changes.push(...r.body.changes);
    cursor = r.body.cursor;
    if (!r.body.hasMore) break;
  }
  return changes;
}

describe('a screenshot with a card number', () => {
  it('is stored and served blurred; the agent pulls its text with the error code and "1 card hidden"', async () => {
    const chat = await newChat();
    const png = await renderScreenshot(paymentErrorSpec({ font: 'DejaVu Sans', size: 22, theme: 'light', cardText: '4111 1111 1111 1111', errorCode: 'E-4012' }));
    const up = await upload(chat.token, png);
    expect(up.status).toBe(201);
    const id = up.body.attachment.id;
    const sent = await api(srv.url, 'POST', '/api/chat/messages', { token: chat.token, body: { clientMsgId: clientMsgId(), body: 'the app says this', attachmentIds: [id] } });
    expect(sent.status).toBe(200);

    const row = (await pullAll(agent.token)).flatMap((c) => (c.entity === 'attachment' && c.op === 'upsert' && c.id === id ? [c.row as AttachmentRow] : [])).at(-1);
    expect(row).toBeDefined();
    expect(row!.cardsHidden).toBe(1);
    expect(row!.ocrText).toContain('E-4012');
    expect(row!.ocrText).toContain('•••• 1111');
    expect(containsCardNumber(row!.ocrText)).toBe(false);
    expect(await srv.sqlOne('SELECT cards_hidden, ocr_text FROM attachments WHERE id = ?', id)).toEqual({ cards_hidden: 1, ocr_text: row!.ocrText });

    // What the agent is served: the stored (blurred) bytes; read again, no card.
    const served = await fetch(`${srv.url}/api/attachments/${id}`, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    const again = await reader.scan(bytes);
    expect(findCards(again.lines)).toEqual([]);
    expect(containsCardNumber(again.text)).toBe(false);
    expect(again.text).toContain('E-4012');

    // The unredacted image never reached the file store.
    const unredacted = await checkAndCleanImage(png);
    expect(existsSync(path.join(srv.dataDir, 'attachments', unredacted.sha256.slice(0, 2), unredacted.sha256))).toBe(false);
    expect(unredacted.sha256).not.toBe(row!.sha256);
  });

  it('without a card is stored as sent, its text searchable, nothing hidden', async () => {
    const chat = await newChat();
    const png = await renderScreenshot(paymentErrorSpec({ font: 'Liberation Sans', size: 20, theme: 'dark', cardText: null, errorCode: 'E-7731' }));
    const up = await upload(chat.token, png);
    expect(up.status).toBe(201);
    const stored = await srv.sqlOne<{ cards_hidden: number; ocr_text: string; sha256: string }>('SELECT cards_hidden, ocr_text, sha256 FROM attachments WHERE id = ?', up.body.attachment.id);
    expect(stored!.cards_hidden).toBe(0);
    expect(stored!.ocr_text).toContain('E-7731');
    expect(stored!.sha256).toBe((await checkAndCleanImage(png)).sha256);
  });
});

describe('while a large screenshot is being read', () => {
  it("a customer's message still reaches the agent before the upload is answered", async () => {
    // A tall screenshot full of text: seconds of OCR.
    const lines: TextLine[] = Array.from({ length: 50 }, (_, i) => ({ text: `Row ${i} payment TX-${1000 + i} status declined code E-${4000 + i} retry later please`, x: 24, y: 70 + i * 30, size: 18, font: FONTS[i % FONTS.length]! }));
    const big = await renderScreenshot({ width: 1400, height: 1600, theme: 'light', lines });
    const uploader = await newChat();
    const talker = await newChat();
    const live = await agentSocket(srv.url, agent.token);
    const socket = await customerSocket(srv.url, talker.token);
    const ocr = srv.server.services.ocr;
    try {
      let answered = false;
      const uploading = upload(uploader.token, big).then((r) => {
        answered = true;
        return r;
      });
      // Wait until the scanner has the image.
      const deadline = Date.now() + 20_000;
      while (ocr.pending() === 0 && !answered && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(ocr.pending()).toBeGreaterThan(0);

      const cid = clientMsgId();
      socket.send({ type: 'message', clientMsgId: cid, body: 'are you still there?' });
      const frame = await live.next<{ changes: Change[] }>(
        (f) => f.type === 'changes' && (f.changes as Change[]).some((c) => c.entity === 'message' && c.op === 'upsert' && c.row.ticketId === talker.ticketId && c.row.body === 'are you still there?'),
        15_000,
      );
      expect(frame).toBeDefined();
      // Delivered while the screenshot was still being read.
      expect(answered).toBe(false);
      expect(ocr.pending()).toBeGreaterThan(0);

      const done = await uploading;
      expect(done.status).toBe(201);
    } finally {
      socket.close();
      live.close();
    }
  }, 90_000);
});
