/**
 * The redacted copy. Each region is destroyed, not hidden: its pixels are replaced by coarse
 * block averages plus random noise (pixelation alone can be reversed for known fonts by
 * matching candidate texts; the noise breaks that matching and the blocks leave ≤ a few
 * samples per character), then blurred so it reads as redacted rather than as a pattern. The
 * copy is drawn in the orientation the agent sees (rotation applied) and exported as PNG; the
 * original is never touched.
 */
import { canvasPlacement, imageRectToBox, rotatedSize, type Rect, type Rotation, type Size } from './geometry';

/** Block edge in pixels for a region: at least 16 px, and no more than about 5 blocks across its short side. */
export function blockSizeFor(region: Pick<Rect, 'width' | 'height'>): number {
  return Math.max(16, Math.ceil(Math.min(region.width, region.height) / 5));
}

/** How far (±) the noise moves each block's colour, in 0–255 levels. */
export const NOISE_LEVELS = 48;

/**
 * Pixelates `rect` of an RGBA buffer in place: each block becomes its average colour moved by
 * random noise. `random` returns [0, 1) (crypto in the app, seeded in tests). Alpha is kept.
 */
export function pixelateInPlace(pixels: Uint8ClampedArray, width: number, height: number, rect: Rect, block: number, random: () => number): void {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(height, Math.ceil(rect.y + rect.height));
  for (let by = y0; by < y1; by += block) {
    for (let bx = x0; bx < x1; bx += block) {
      const ex = Math.min(x1, bx + block);
      const ey = Math.min(y1, by + block);
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let y = by; y < ey; y++) {
        for (let x = bx; x < ex; x++) {
          const i = (y * width + x) * 4;
          r += pixels[i]!;
          g += pixels[i + 1]!;
          b += pixels[i + 2]!;
          n++;
        }
      }
      const shift = Math.round((random() * 2 - 1) * NOISE_LEVELS);
      const fill = [r / n + shift, g / n + shift, b / n + shift];
      for (let y = by; y < ey; y++) {
        for (let x = bx; x < ex; x++) {
          const i = (y * width + x) * 4;
          pixels[i] = fill[0]!;
          pixels[i + 1] = fill[1]!;
          pixels[i + 2] = fill[2]!;
        }
      }
    }
  }
}

/** `card.png` → `card-redacted.png` (the server keeps the suffix; its own rules clean the rest). */
export function redactedFilename(original: string): string {
  const base = original.replace(/\.[^.]*$/, '').replace(/-redacted$/i, '') || 'screenshot';
  return `${base}-redacted.png`;
}

/** A redacted copy is named so; only one on an internal note (which only agents write) counts as one. */
export const hasRedactedName = (filename: string): boolean => /-redacted\.(png|jpe?g|webp)$/i.test(filename);

export function cryptoRandom(): number {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0]! / 2 ** 32;
}

/**
 * Draws the image turned by `rotation`, redacts `regions` (image pixels), and returns a PNG.
 * Browser only (canvas); the geometry and the pixelation are the tested parts.
 */
export async function renderRedactedPng(img: CanvasImageSource, natural: Size, rotation: Rotation, regions: readonly Rect[], random: () => number = cryptoRandom): Promise<Blob> {
  const out = rotatedSize(natural, rotation);
  const canvas = document.createElement('canvas');
  canvas.width = out.width;
  canvas.height = out.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This computer cannot draw the copy (no canvas).');
  const { dx, dy, radians } = canvasPlacement(natural, rotation);
  ctx.save();
  ctx.translate(dx, dy);
  ctx.rotate(radians);
  ctx.drawImage(img, 0, 0, natural.width, natural.height);
  ctx.restore();

  for (const region of regions) {
    const r = imageRectToBox(region, natural, rotation);
    const x = Math.max(0, Math.floor(r.x));
    const y = Math.max(0, Math.floor(r.y));
    const w = Math.min(out.width, Math.ceil(r.x + r.width)) - x;
    const h = Math.min(out.height, Math.ceil(r.y + r.height)) - y;
    if (w <= 0 || h <= 0) continue;
    const block = blockSizeFor({ width: w, height: h });
    const data = ctx.getImageData(x, y, w, h);
    pixelateInPlace(data.data, w, h, { x: 0, y: 0, width: w, height: h }, block, random);
    ctx.putImageData(data, x, y);
    // Soften the blocks inside the region only (what is outside is visible anyway).
    if ('filter' in ctx) {
      const copy = document.createElement('canvas');
      copy.width = w;
      copy.height = h;
      copy.getContext('2d')?.putImageData(data, 0, 0);
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, y, w, h);
      ctx.clip();
      ctx.filter = `blur(${Math.round(block / 2)}px)`;
      ctx.drawImage(copy, x, y);
      ctx.restore();
    }
  }
  return new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The copy could not be encoded as PNG.'))), 'image/png'));
}

export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
