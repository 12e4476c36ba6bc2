/**
 * The real pipeline on generated screenshots (one tesseract worker for the file): a card is
 * blurred, the stored bytes show no readable card when read again, the text keeps the error code.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { containsCardNumber } from '../../../shared/card-mask';
import { paymentErrorSpec, renderScreenshot } from '../../../../tests/helpers/screenshots';
import { checkAndCleanImage } from '../../attachments/image';
import { findCards } from './card-finder';
import { MAX_OCR_TEXT, maskedOcrText, padBox, redactCards } from './redact';
import { createOcrScanner, localTesseractPaths, OcrUnavailableError } from './scanner';

const scanner = createOcrScanner();
afterAll(() => scanner.close());

/** Mean absolute difference of two same-size regions, 0-255. */
async function regionDiff(a: Buffer, b: Buffer, r: { left: number; top: number; width: number; height: number }): Promise<number> {
  const [ra, rb] = await Promise.all([a, b].map((x) => sharp(x).extract(r).greyscale().raw().toBuffer()));
  let sum = 0;
  for (let i = 0; i < ra!.length; i++) sum += Math.abs(ra![i]! - rb![i]!);
  return sum / ra!.length;
}

describe('tesseract runs from local files only', () => {
  it('takes its model, engine and worker from disk and keeps no cache', () => {
    const p = localTesseractPaths();
    for (const file of [p.langPath, p.workerPath, p.corePath]) {
      expect(file).not.toMatch(/^[a-z]+:\/\//i);
      expect(path.isAbsolute(file)).toBe(true);
      expect(existsSync(file)).toBe(true);
    }
    expect(readdirSync(p.langPath)).toContain('eng.traineddata.gz');
    expect(p.cacheMethod).toBe('none');
  });
});

describe('redactCards', () => {
  it('blurs a grouped card on a light screen, keeps the error code, and the stored bytes read again show no card', async () => {
    const png = await renderScreenshot(paymentErrorSpec({ font: 'DejaVu Sans', size: 22, theme: 'light', cardText: '4111 1111 1111 1111', errorCode: 'E-4012' }));
    const cleaned = await checkAndCleanImage(png);
    const out = await redactCards(cleaned, scanner);

    expect(out.cardsHidden).toBe(1);
    expect(out.ocrText).toContain('E-4012');
    expect(out.ocrText).toContain('•••• 1111');
    expect(out.ocrText).toContain('TX-7KQ2M9PZ4A');
    expect(containsCardNumber(out.ocrText)).toBe(false);
    expect(out.ocrText).not.toContain('4111 1111');

    // A new image with its own hash, the same size and type.
    expect(out.image.sha256).not.toBe(cleaned.sha256);
    expect([out.image.width, out.image.height, out.image.mime]).toEqual([cleaned.width, cleaned.height, 'image/png']);

    // The card's region changed a lot; the error line above it did not change at all.
    const [region] = out.regions;
    const box = { left: region!.x0, top: region!.y0, width: region!.x1 - region!.x0, height: region!.y1 - region!.y0 };
    expect(await regionDiff(cleaned.data, out.image.data, box)).toBeGreaterThan(20);
    expect(await regionDiff(cleaned.data, out.image.data, { left: 0, top: 44, width: cleaned.width, height: Math.max(1, box.top - 50) })).toBe(0);

    // Read again: no card number anywhere, the rest still readable.
    const again = await scanner.scan(out.image.data);
    expect(findCards(again.lines)).toEqual([]);
    expect(containsCardNumber(again.text)).toBe(false);
    expect(again.text).toContain('E-4012');
  });

  it('blurs an ungrouped Amex on a dark JPEG in a monospace font', async () => {
    const spec = { ...paymentErrorSpec({ font: 'Liberation Mono', size: 20, theme: 'dark', cardText: '378282246310005', errorCode: 'E-2207', cardX: 200 }), format: 'jpeg' as const };
    const cleaned = await checkAndCleanImage(await renderScreenshot(spec));
    const out = await redactCards(cleaned, scanner);
    expect(out.cardsHidden).toBe(1);
    expect(out.image.mime).toBe('image/jpeg');
    expect(out.ocrText).toContain('•••• 0005');
    const again = await scanner.scan(out.image.data);
    expect(findCards(again.lines)).toEqual([]);
    expect(containsCardNumber(again.text)).toBe(false);
  });

  it('leaves a screenshot without a card byte for byte as it was, with its text', async () => {
    const cleaned = await checkAndCleanImage(await renderScreenshot(paymentErrorSpec({ font: 'Liberation Sans', size: 20, theme: 'light', cardText: null, errorCode: 'E-4012', decoyLines: ['Reference 4111 1111 1111 1112', 'Call +46 70 123 45 67'] })));
    const out = await redactCards(cleaned, scanner);
    expect(out.cardsHidden).toBe(0);
    expect(out.image).toBe(cleaned);
    expect(out.ocrText).toContain('E-4012');
    expect(out.ocrText).toContain('4111 1111 1111 1112');
  });

  it('fails closed when the image cannot be read in time', async () => {
    const slow = createOcrScanner({ timeoutMs: 1 });
    try {
      const cleaned = await checkAndCleanImage(await renderScreenshot(paymentErrorSpec({ font: 'DejaVu Sans', size: 20, theme: 'light', cardText: '4111 1111 1111 1111', errorCode: 'E-1' })));
      await expect(redactCards(cleaned, slow)).rejects.toBeInstanceOf(OcrUnavailableError);
    } finally {
      await slow.close();
    }
  });

  it('refuses at once when its queue is full, and after close', async () => {
    const small = createOcrScanner({ maxQueue: 0, timeoutMs: 60_000 });
    const img = await renderScreenshot(paymentErrorSpec({ font: 'DejaVu Sans', size: 20, theme: 'light', cardText: null, errorCode: 'E-1' }));
    const first = small.scan(img);
    await expect(small.scan(img)).rejects.toMatchObject({ reason: 'busy' });
    await first;
    await small.close();
    await expect(small.scan(img)).rejects.toMatchObject({ reason: 'closed' });
  });
});

describe('maskedOcrText and padBox', () => {
  it('masks a card the finder did not place and caps the text', () => {
    const word = (text: string, x: number) => ({ text, confidence: 90, bbox: { x0: x, y0: 0, x1: x + 40, y1: 20 } });
    const lines = [{ words: [word('card', 0), word('4111-1111-1111-1111/CVV', 50)], bbox: { x0: 0, y0: 0, x1: 400, y1: 20 } }];
    expect(containsCardNumber(maskedOcrText(lines, []))).toBe(false);
    const long = [{ words: Array.from({ length: 2000 }, (_, i) => word('word', i)), bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } }];
    expect(maskedOcrText(long, []).length).toBe(MAX_OCR_TEXT);
  });

  it('pads a box by a third of its height and keeps it inside the image', () => {
    expect(padBox({ x0: 100, y0: 100, x1: 200, y1: 130 }, 1000, 1000)).toEqual({ left: 90, top: 90, width: 120, height: 50 });
    expect(padBox({ x0: 2, y0: 1, x1: 998, y1: 30 }, 1000, 31)).toEqual({ left: 0, top: 0, width: 1000, height: 31 });
  });
});
