import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../shared/protocol/customer';
import { DeskError } from '../errors';
import { checkAndCleanImage, ImageRejectedError, type ImageRejectedCode } from './image';

const solid = (width: number, height: number, background = '#3366cc') =>
  sharp({ create: { width, height, channels: 3, background } });

/** A PNG chunk with a correct CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData) >>> 0);
  return Buffer.concat([len, typeAndData, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A tiny, otherwise valid PNG whose header claims `width` x `height` RGB pixels. */
function pixelFloodPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(4096))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Inserts extra chunks right after IHDR (signature 8 bytes + IHDR 25 bytes). */
function withPngChunks(png: Buffer, chunks: Buffer[]): Buffer {
  return Buffer.concat([png.subarray(0, 33), ...chunks, png.subarray(33)]);
}

async function rejection(p: Promise<unknown>): Promise<ImageRejectedError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ImageRejectedError);
    return err as ImageRejectedError;
  }
  throw new Error('expected the image to be refused');
}

async function expectRejected(p: Promise<unknown>, code: ImageRejectedCode): Promise<ImageRejectedError> {
  const err = await rejection(p);
  expect(err.code).toBe(code);
  expect(err.message).toMatch(/;/); // what happened; what to do
  return err;
}

describe('checkAndCleanImage: accepted images', () => {
  it('accepts a PNG and returns its size, type and the sha256 of the cleaned bytes', async () => {
    const png = await solid(64, 48).png().toBuffer();
    const out = await checkAndCleanImage(png);
    expect(out).toMatchObject({ mime: 'image/png', width: 64, height: 48, bytes: out.data.length });
    expect(out.sha256).toBe(createHash('sha256').update(out.data).digest('hex'));
    const meta = await sharp(out.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 64, 48]);
  });

  it('accepts a JPEG', async () => {
    const jpg = await solid(120, 90).jpeg().toBuffer();
    const out = await checkAndCleanImage(jpg);
    expect(out).toMatchObject({ mime: 'image/jpeg', width: 120, height: 90 });
    expect((await sharp(out.data).metadata()).format).toBe('jpeg');
  });

  it('accepts a WebP', async () => {
    const webp = await solid(33, 77).webp().toBuffer();
    const out = await checkAndCleanImage(webp);
    expect(out).toMatchObject({ mime: 'image/webp', width: 33, height: 77 });
    expect((await sharp(out.data).metadata()).format).toBe('webp');
  });

  it('keeps only the first frame of an animated WebP', async () => {
    const red = await sharp({ create: { width: 16, height: 16, channels: 4, background: '#ff0000' } }).png().toBuffer();
    const green = await sharp({ create: { width: 16, height: 16, channels: 4, background: '#00ff00' } }).png().toBuffer();
    const animated = await sharp([red, green], { join: { animated: true } }).webp({ loop: 0, delay: [100, 100] }).toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(2);

    const out = await checkAndCleanImage(animated);
    expect(out).toMatchObject({ mime: 'image/webp', width: 16, height: 16 });
    const meta = await sharp(out.data).metadata();
    expect(meta.pages ?? 1).toBe(1);
    const { data } = await sharp(out.data).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200); // red, the first frame
    expect(data[1]).toBeLessThan(50);
  });
});

describe('checkAndCleanImage: metadata is stripped', () => {
  it('removes EXIF (GPS included), applies the orientation, and drops the ICC profile of a JPEG', async () => {
    const jpg = await solid(40, 20)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({
        IFD0: { Make: 'PhoneCo', Model: 'Phone 12', ImageDescription: 'kitchen', Copyright: 'Jane Doe' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 19/1 4512/100', GPSLongitudeRef: 'E', GPSLongitude: '18/1 4/1 1200/100' },
      })
      .withIccProfile('p3')
      .toBuffer();
    const before = await sharp(jpg).metadata();
    expect(before.exif).toBeDefined();
    expect(before.exif!.includes(Buffer.from('PhoneCo'))).toBe(true);
    expect(before.hasProfile).toBe(true);
    expect(before.orientation).toBe(6);
    const gpsIfdTag = [Buffer.from([0x88, 0x25]), Buffer.from([0x25, 0x88])]; // GPSInfo pointer, either byte order
    expect(gpsIfdTag.some((tag) => before.exif!.includes(tag))).toBe(true);

    const out = await checkAndCleanImage(jpg);
    const after = await sharp(out.data).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.hasProfile).toBe(false);
    expect(out.data.includes(Buffer.from('PhoneCo'))).toBe(false);
    expect(out.data.includes(Buffer.from('Jane Doe'))).toBe(false);
    // Orientation 6 (rotate 90° clockwise) turns 40x20 into 20x40.
    expect([out.width, out.height]).toEqual([20, 40]);
    expect([after.width, after.height]).toEqual([20, 40]);
  });

  it('removes EXIF and text chunks from a PNG', async () => {
    const png = await solid(10, 10).png().toBuffer();
    const exif = (await sharp(await solid(2, 2).jpeg().withExif({ IFD0: { Make: 'PhoneCo' } }).toBuffer()).metadata()).exif!;
    const tiffExif = exif.subarray(exif.indexOf(Buffer.from('MM')) >= 0 ? exif.indexOf(Buffer.from('MM')) : exif.indexOf(Buffer.from('II')));
    const dirty = withPngChunks(png, [
      pngChunk('tEXt', Buffer.from('Comment\0taken at 59.3293 N 18.0686 E', 'latin1')),
      pngChunk('eXIf', tiffExif),
    ]);
    const before = await sharp(dirty).metadata();
    expect(before.comments?.length).toBe(1);
    expect(before.exif).toBeDefined();

    const out = await checkAndCleanImage(dirty);
    const after = await sharp(out.data).metadata();
    expect(after.comments).toBeUndefined();
    expect(after.exif).toBeUndefined();
    expect(out.data.includes(Buffer.from('59.3293'))).toBe(false);
    expect(out.data.includes(Buffer.from('PhoneCo'))).toBe(false);
  });
});

describe('checkAndCleanImage: refusals', () => {
  it('refuses a text file, whatever it is called', async () => {
    // The check never sees a name: "notes.png" with text inside is just text.
    const err = await expectRejected(checkAndCleanImage(Buffer.from('this is not an image, just notes.png\n')), 'unsupported_media_type');
    expect(err.message).toMatch(/PNG, JPEG or WebP/);
  });

  it('refuses a GIF and says so', async () => {
    const gif = await solid(8, 8).gif().toBuffer();
    const err = await expectRejected(checkAndCleanImage(gif), 'unsupported_media_type');
    expect(err.message).toMatch(/^GIF files are not accepted/);
  });

  it('refuses an SVG and a PDF', async () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect((await expectRejected(checkAndCleanImage(svg), 'unsupported_media_type')).message).toMatch(/^SVG/);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n');
    expect((await expectRejected(checkAndCleanImage(pdf), 'unsupported_media_type')).message).toMatch(/^PDF/);
  });

  it('refuses an empty body', async () => {
    await expectRejected(checkAndCleanImage(Buffer.alloc(0)), 'bad_request');
  });

  it('refuses an oversized buffer before looking at it', async () => {
    await expectRejected(checkAndCleanImage(Buffer.alloc(MAX_UPLOAD_BYTES + 1)), 'payload_too_large');
    const png = await solid(64, 64).png().toBuffer();
    await expectRejected(checkAndCleanImage(png, { maxBytes: png.length - 1 }), 'payload_too_large');
    await expect(checkAndCleanImage(png, { maxBytes: png.length })).resolves.toMatchObject({ width: 64 });
  });

  it('refuses a pixel-flood PNG from its header, quickly', async () => {
    const flood = pixelFloodPng(100_000, 100_000);
    expect(flood.length).toBeLessThan(200);
    const started = performance.now();
    const err = await expectRejected(checkAndCleanImage(flood), 'payload_too_large');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(err.message).toMatch(/megapixels/);
    // Just over the default 40 MP limit too, not only absurd sizes.
    await expectRejected(checkAndCleanImage(pixelFloodPng(8000, 5001)), 'payload_too_large');
  });

  it('refuses a real image over a custom pixel limit', async () => {
    const png = await solid(200, 100).png().toBuffer();
    await expectRejected(checkAndCleanImage(png, { maxPixels: 19_999 }), 'payload_too_large');
    await expect(checkAndCleanImage(png, { maxPixels: 20_000 })).resolves.toMatchObject({ width: 200, height: 100 });
  });

  it('refuses a truncated PNG and a truncated JPEG', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .png()
      .toBuffer();
    await expectRejected(checkAndCleanImage(png.subarray(0, Math.floor(png.length / 2))), 'bad_request');
    await expectRejected(checkAndCleanImage(png.subarray(0, 40)), 'bad_request');
    const jpg = await solid(300, 200).jpeg().toBuffer();
    await expectRejected(checkAndCleanImage(jpg.subarray(0, jpg.length - 100)), 'bad_request');
  });

  it('refuses PNG magic followed by garbage', async () => {
    const fake = Buffer.concat([PNG_SIGNATURE, Buffer.from('not really a png at all, sorry')]);
    await expectRejected(checkAndCleanImage(fake), 'bad_request');
  });

  it('is a DeskError, so the HTTP layer maps it to 413 / 415 / 400', async () => {
    const err = await rejection(checkAndCleanImage(pixelFloodPng(100_000, 100_000)));
    expect(err).toBeInstanceOf(DeskError);
    expect(err.status).toBe(413);
    expect((await rejection(checkAndCleanImage(Buffer.from('GIF89a....')))).status).toBe(415);
    expect((await rejection(checkAndCleanImage(Buffer.concat([PNG_SIGNATURE, Buffer.alloc(20)])))).status).toBe(400);
  });

  it('refuses nonsense limits', async () => {
    const png = await solid(4, 4).png().toBuffer();
    await expect(checkAndCleanImage(png, { maxPixels: 0 })).rejects.toThrow(TypeError);
    await expect(checkAndCleanImage(png, { maxBytes: Number.NaN })).rejects.toThrow(TypeError);
  });
});
