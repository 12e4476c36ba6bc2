import { createHash } from 'node:crypto';
import pino from 'pino';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { containsCardNumber } from '../../shared/card-mask';
import { OcrUnavailableError, type OcrScanner } from '../assist/ocr/scanner';
import type { Deps } from '../deps';
import { DeskError } from '../errors';
import type { FileStore } from './file-store';
import { checkAndCleanImage } from './image';
import { createUploads, SCAN_FAILED_MESSAGE, safeFilename } from './uploads';

describe('safeFilename', () => {
  it.each([
    ['card 4111 1111 1111 1111.png', 'image/png', 'card 1111.png'],
    ['4111.1111.1111.1111.png', 'image/png', '1111.png'],
    ['card_4111_1111_1111_1111.jpeg', 'image/jpeg', 'card_ 1111.jpg'],
    ['４１１１ １１１１ １１１１ １１１１.png', 'image/png', '1111.png'],
    ['4111\u200B1111\u200B1111\u200B1111.png', 'image/png', '1111.png'],
    // Commas are no separator for the detector, but the sanitiser drops them: masked after too.
    ['4111,1111,1111,1111.png', 'image/png', '1111.png'],
  ])('masks the card number in %j', (name, mime, stored) => {
    const safe = safeFilename(name, mime);
    expect(safe).toBe(stored);
    expect(containsCardNumber(safe)).toBe(false);
  });

  it.each([
    ['Screenshot 2026-11-28 at 14.30.12.png', 'image/png', 'Screenshot 2026-11-28 at 143012.png'],
    ['order ORD-1234567.webp', 'image/webp', 'order ORD-1234567.webp'],
    ['../../etc/passwd', 'image/png', 'screenshot.png'],
    ['my  receipt.png', 'image/png', 'my receipt.png'],
    ['', 'image/png', 'screenshot.png'],
  ])('keeps other names recognisable: %j', (name, mime, stored) => {
    expect(safeFilename(name, mime)).toBe(stored);
  });
});

describe('prepare', () => {
  const log = pino({ level: 'silent' });
  const deps = { log } as unknown as Deps;
  const png = () => sharp({ create: { width: 400, height: 120, channels: 3, background: '#ffffff' } }).composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120"><text x="20" y="70" font-family="DejaVu Sans Mono" font-size="24">4111 1111 1111 1111</text></svg>'), left: 0, top: 0 }]).png().toBuffer();
  /** A scanner that "reads" the card where it is drawn, or fails as told. */
  const scanner = (fail?: OcrUnavailableError): OcrScanner => ({
    scan: async () => {
      if (fail) throw fail;
      const words = ['4111', '1111', '1111', '1111'].map((text, i) => ({ text, confidence: 90, bbox: { x0: 20 + i * 72, y0: 52, x1: 78 + i * 72, y1: 72 } }));
      return { text: '4111 1111 1111 1111', lines: [{ words, bbox: { x0: 20, y0: 52, x1: 310, y1: 72 } }], ms: 1 };
    },
    pending: () => 0,
    close: async () => undefined,
  });
  const recordingStore = () => {
    const puts: { sha256: string; data: Buffer }[] = [];
    return { puts, store: { put: (sha256: string, data: Buffer) => void puts.push({ sha256, data }), get: () => Buffer.alloc(0) } as FileStore };
  };

  it('stores only the blurred image, under its own hash, with the masked text and the count', async () => {
    const input = await png();
    const cleaned = await checkAndCleanImage(input);
    const { puts, store } = recordingStore();
    const prepared = await createUploads(deps, store, scanner()).prepare(input, 'card.png');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.sha256).toBe(prepared.image.sha256);
    expect(puts[0]!.sha256).toBe(createHash('sha256').update(puts[0]!.data).digest('hex'));
    expect(puts[0]!.sha256).not.toBe(cleaned.sha256);
    expect(prepared).toMatchObject({ cardsHidden: 1, ocrText: '•••• 1111' });
    // The card's pixels changed; the stored image is the same size.
    const [before, after] = await Promise.all([cleaned.data, puts[0]!.data].map((d) => sharp(d).extract({ left: 20, top: 52, width: 290, height: 20 }).greyscale().raw().toBuffer()));
    let diff = 0;
    for (let i = 0; i < before!.length; i++) diff += Math.abs(before![i]! - after![i]!);
    expect(diff / before!.length).toBeGreaterThan(20);
    expect(await sharp(puts[0]!.data).metadata()).toMatchObject({ width: 400, height: 120, format: 'png' });
  });

  it.each([new OcrUnavailableError('timeout', 'slow'), new OcrUnavailableError('busy', 'full'), new OcrUnavailableError('failed', 'crashed')])('fails closed when the scanner fails (%s): a 503 the customer can act on, nothing stored', async (err) => {
    const { puts, store } = recordingStore();
    const refused = createUploads(deps, store, scanner(err)).prepare(await png(), 'card.png');
    await expect(refused).rejects.toBeInstanceOf(DeskError);
    await expect(refused).rejects.toMatchObject({ status: 503, code: 'unavailable', message: SCAN_FAILED_MESSAGE });
    expect(puts).toEqual([]);
  });
});
