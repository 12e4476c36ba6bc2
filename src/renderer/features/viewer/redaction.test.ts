import { describe, expect, it } from 'vitest';
import { blockSizeFor, hasRedactedName, NOISE_LEVELS, pixelateInPlace, redactedFilename } from './redaction';

/** A W × H RGBA buffer where every pixel encodes its position (no two neighbours alike). */
function gradient(width: number, height: number): Uint8ClampedArray {
  const p = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      p.set([(x * 7) % 256, (y * 11) % 256, (x * y) % 256, 255], i);
    }
  return p;
}

const seeded = (seed: number) => () => {
  seed = (seed * 1664525 + 1013904223) % 2 ** 32;
  return seed / 2 ** 32;
};

describe('pixelateInPlace', () => {
  it('changes only the region, and every block inside it is one colour', () => {
    const w = 64;
    const h = 48;
    const before = gradient(w, h);
    const after = before.slice();
    const rect = { x: 10, y: 8, width: 40, height: 20 };
    pixelateInPlace(after, w, h, rect, 16, seeded(1));
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 4;
        const inside = x >= 10 && x < 50 && y >= 8 && y < 28;
        if (!inside) expect([...after.subarray(i, i + 4)]).toEqual([...before.subarray(i, i + 4)]);
        else expect(after[i + 3]).toBe(255);
      }
    // The block from (10, 8) to (26, 24) holds a single colour.
    const first = [...after.subarray((8 * w + 10) * 4, (8 * w + 10) * 4 + 3)];
    for (let y = 8; y < 24; y++) for (let x = 10; x < 26; x++) expect([...after.subarray((y * w + x) * 4, (y * w + x) * 4 + 3)]).toEqual(first);
    // Edge blocks are cut to the region: (42, 24) is in the last, short block.
    expect(after[(24 * w + 42) * 4]).toBe(after[(27 * w + 49) * 4]);
  });

  it('is the block average moved by at most the noise', () => {
    const w = 16;
    const h = 16;
    const p = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) p.set(i % 2 ? [200, 100, 50, 255] : [100, 100, 150, 255], i * 4);
    pixelateInPlace(p, w, h, { x: 0, y: 0, width: 16, height: 16 }, 16, () => 0.5); // no shift
    expect([...p.subarray(0, 4)]).toEqual([150, 100, 100, 255]);
    const q = new Uint8ClampedArray(w * h * 4).fill(128);
    pixelateInPlace(q, w, h, { x: 0, y: 0, width: 16, height: 16 }, 16, () => 0);
    expect(q[0]).toBe(128 - NOISE_LEVELS);
  });

  it('gives different results for the same picture twice (noise), so blocks cannot be matched against renderings', () => {
    const w = 48;
    const h = 16;
    const a = gradient(w, h);
    const b = a.slice();
    pixelateInPlace(a, w, h, { x: 0, y: 0, width: w, height: h }, 16, seeded(7));
    pixelateInPlace(b, w, h, { x: 0, y: 0, width: w, height: h }, 16, seeded(8));
    expect(a).not.toEqual(b);
  });

  it('clamps a region that overhangs the buffer', () => {
    const p = gradient(8, 8);
    expect(() => pixelateInPlace(p, 8, 8, { x: -4, y: 6, width: 40, height: 40 }, 16, seeded(3))).not.toThrow();
    expect(p.length).toBe(8 * 8 * 4);
  });
});

describe('blockSizeFor', () => {
  it('is at least 16 px and about a fifth of the short side', () => {
    expect(blockSizeFor({ width: 300, height: 40 })).toBe(16);
    expect(blockSizeFor({ width: 300, height: 200 })).toBe(40);
  });
});

describe('names', () => {
  it('marks the copy with -redacted, once, as PNG', () => {
    expect(redactedFilename('IMG_2041.jpg')).toBe('IMG_2041-redacted.png');
    expect(redactedFilename('card-redacted.png')).toBe('card-redacted.png');
    expect(redactedFilename('.png')).toBe('screenshot-redacted.png');
    expect(hasRedactedName('IMG_2041-redacted.png')).toBe(true);
    expect(hasRedactedName('redacted.png')).toBe(false);
    expect(hasRedactedName('x-redacted.png.exe')).toBe(false);
  });
});
