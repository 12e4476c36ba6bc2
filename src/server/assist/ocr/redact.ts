/**
 * The image side of card masking: a screenshot is read (OCR), every card number found in it is
 * blurred beyond reading, and the result is re-encoded; only then does it get its hash and go to
 * the file store (attachments/uploads.ts). The text read goes with it, card numbers masked.
 *
 * The blur: each card's box, padded by a third of its height (OCR boxes hug the glyphs), is shrunk
 * to a tenth of its size and blown back up (which throws the glyph shapes away), then blurred
 * heavily; the patch is composited over the original.
 */
import sharp, { type OutputInfo } from 'sharp';
import { containsCardNumber, maskCardNumbers, maskedCard } from '../../../shared/card-mask';
import { checkedImage, encodeAs, type CheckedImage } from '../../attachments/image';
import { findCards, type CardHit } from './card-finder';
import type { OcrBox, OcrLine, OcrScanner } from './scanner';

/** Longest OCR text kept on an attachment row (characters). */
export const MAX_OCR_TEXT = 4000;

export interface RedactedScreenshot {
  /** The image to store: the input itself when no card was found, otherwise the blurred copy. */
  image: CheckedImage;
  /** The text read, card numbers masked, at most MAX_OCR_TEXT characters. */
  ocrText: string;
  cardsHidden: number;
  /** The blurred regions (padded), in image pixels. */
  regions: OcrBox[];
  ocrMs: number;
}

/** What tesseract reads best: one grey channel, lossless (sharp works in libuv's pool, off the event loop). */
async function forOcr(image: CheckedImage): Promise<Buffer> {
  return sharp(image.data).greyscale().png({ compressionLevel: 1 }).toBuffer();
}

/** The box grown by a third of its height on every side, kept inside the image. */
export function padBox(b: OcrBox, width: number, height: number): { left: number; top: number; width: number; height: number } {
  const pad = Math.max(4, Math.round((b.y1 - b.y0) / 3));
  const left = Math.max(0, Math.floor(b.x0 - pad));
  const top = Math.max(0, Math.floor(b.y0 - pad));
  const right = Math.min(width, Math.ceil(b.x1 + pad));
  const bottom = Math.min(height, Math.ceil(b.y1 + pad));
  return { left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

async function blurredPatch(raw: Buffer, info: OutputInfo, r: ReturnType<typeof padBox>): Promise<Buffer> {
  const rawInput = { raw: { width: info.width, height: info.height, channels: info.channels } };
  const small = await sharp(raw, rawInput)
    .extract(r)
    .resize(Math.max(1, Math.round(r.width / 10)), Math.max(1, Math.round(r.height / 10)), { fit: 'fill' })
    .png()
    .toBuffer();
  return sharp(small)
    .resize(r.width, r.height, { fit: 'fill', kernel: 'cubic' })
    .blur(Math.max(4, r.height / 3))
    .png()
    .toBuffer();
}

/** Blurs the regions and re-encodes in the image's own format. */
export async function blurRegions(image: CheckedImage, boxes: readonly OcrBox[]): Promise<{ image: CheckedImage; regions: OcrBox[] }> {
  const { data: raw, info } = await sharp(image.data).raw().toBuffer({ resolveWithObject: true });
  const padded = boxes.map((b) => padBox(b, info.width, info.height));
  const patches = await Promise.all(padded.map((r) => blurredPatch(raw, info, r)));
  const out = await encodeAs(
    sharp(raw, { raw: { width: info.width, height: info.height, channels: info.channels } }).composite(patches.map((input, i) => ({ input, left: padded[i]!.left, top: padded[i]!.top }))),
    image.mime,
  ).toBuffer();
  return {
    image: checkedImage(out, image.mime, info.width, info.height),
    regions: padded.map((r) => ({ x0: r.left, y0: r.top, x1: r.left + r.width, y1: r.top + r.height })),
  };
}

/** A line of the text read with each card found replaced by `•••• 1234`. */
function lineText(line: OcrLine, li: number, hits: readonly CardHit[]): string {
  const words: string[] = [];
  line.words.forEach((w, wi) => {
    const hit = hits.find((h) => h.lineIndex === li && h.wordIndexes.includes(wi));
    if (!hit) words.push(w.text);
    else if (hit.wordIndexes[0] === wi) words.push(maskedCard(hit.last4));
  });
  return words.join(' ');
}

/** The text read, line by line, each card replaced by `•••• 1234`, then masked once more as text. */
export function maskedOcrText(lines: readonly OcrLine[], hits: readonly CardHit[]): string {
  const masked = maskCardNumbers(lines.map((line, li) => lineText(line, li, hits)).join('\n'));
  return masked.length > MAX_OCR_TEXT ? masked.slice(0, MAX_OCR_TEXT - 1) + '…' : masked;
}

/**
 * Reads the screenshot and blurs every card number in it. A line whose text the text masking
 * (src/shared/card-mask.ts) finds a card in that the card finder did not place is blurred whole:
 * the image never shows what the text hides. Throws what the scanner throws.
 */
export async function redactCards(image: CheckedImage, scanner: OcrScanner): Promise<RedactedScreenshot> {
  const read = await scanner.scan(await forOcr(image));
  const hits = findCards(read.lines);
  const boxes = hits.map((h) => h.bbox);
  read.lines.forEach((line, li) => {
    if (containsCardNumber(lineText(line, li, hits))) boxes.push(line.bbox);
  });
  const ocrText = maskedOcrText(read.lines, hits);
  if (boxes.length === 0) return { image, ocrText, cardsHidden: 0, regions: [], ocrMs: read.ms };
  const blurred = await blurRegions(image, boxes);
  return { image: blurred.image, ocrText, cardsHidden: boxes.length, regions: blurred.regions, ocrMs: read.ms };
}
