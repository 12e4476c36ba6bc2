/**
 * Uploaded screenshots are hostile input until proven otherwise. `checkAndCleanImage`:
 * 1. refuses a body over the byte limit before looking at it;
 * 2. decides the format from the content (magic bytes, then libvips' own header parse must agree),
 *    never from a file name or a declared Content-Type: PNG, JPEG and WebP only;
 * 3. refuses a pixel flood from the header alone (a 74-byte PNG can claim 100000 x 100000), before
 *    any pixel is decoded: libvips' `limitInputPixels` plus our own width x height check;
 * 4. decodes fully (a truncated or corrupt file fails here), applies the EXIF orientation and
 *    re-encodes to the same format, which drops every piece of metadata: EXIF (GPS included),
 *    XMP, IPTC, ICC profiles (pixels are converted to sRGB), PNG text chunks;
 * 5. returns the cleaned bytes with their dimensions, size and sha256.
 * Animated WebP (and APNG): only the first frame is kept; a screenshot is a still image.
 */
import { createHash } from 'node:crypto';
import sharp, { type Metadata, type OutputInfo, type Sharp, type SharpOptions } from 'sharp';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_PIXELS } from '../../shared/protocol/customer';
import { DeskError } from '../errors';

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp';

export interface CheckedImage {
  data: Buffer;
  mime: ImageMime;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
}

export type ImageRejectedCode = 'payload_too_large' | 'unsupported_media_type' | 'bad_request';

/**
 * Why an upload was refused. It is a DeskError, so the HTTP layer answers it with the right
 * status (413 / 415 / 400) and `{ error: { code, message } }` without a special case.
 */
export class ImageRejectedError extends DeskError {
  declare readonly code: ImageRejectedCode;
  constructor(code: ImageRejectedCode, message: string) {
    super(code, message);
    this.name = 'ImageRejectedError';
  }
}

export interface ImageCheckOptions {
  /** Largest accepted upload in bytes (default MAX_UPLOAD_BYTES). */
  maxBytes?: number;
  /** Largest accepted width x height (default MAX_UPLOAD_PIXELS). */
  maxPixels?: number;
}

type Format = 'png' | 'jpeg' | 'webp';

const MIME: Record<Format, ImageMime> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

/** Longest we let libvips work on one upload; a legitimate screenshot takes milliseconds. */
const PROCESS_TIMEOUT_SEC = 20;

const ACCEPTED_HINT = 'send a PNG, JPEG or WebP screenshot instead';

function startsWith(buf: Buffer, bytes: readonly number[], offset = 0): boolean {
  if (buf.length < offset + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[offset + i] !== bytes[i]) return false;
  return true;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** The format the first bytes say, or null. Only the three accepted formats are recognised. */
export function sniffImageFormat(buf: Buffer): Format | null {
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return 'webp';
  return null;
}

/** A name for what a refused file looks like, so the message can say more than "unsupported". */
function describeOther(buf: Buffer): string | null {
  const head = buf.subarray(0, 512).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'GIF';
  if (head.startsWith('%PDF')) return 'PDF';
  if (/<svg[\s>]/i.test(head)) return 'SVG';
  if (head.slice(4, 8) === 'ftyp') return /^ftyp(?:avif|avis)/.test(head.slice(4, 12)) ? 'AVIF' : 'HEIC/HEIF';
  if (head.startsWith('BM')) return 'BMP';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'TIFF';
  return null;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer`);
  return value;
}

function isPixelLimitError(err: unknown): boolean {
  return err instanceof Error && /pixel limit/i.test(err.message);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

export async function checkAndCleanImage(input: Buffer, opts?: ImageCheckOptions): Promise<CheckedImage> {
  const maxBytes = positiveInt(opts?.maxBytes, MAX_UPLOAD_BYTES, 'maxBytes');
  const maxPixels = positiveInt(opts?.maxPixels, MAX_UPLOAD_PIXELS, 'maxPixels');

  if (!Buffer.isBuffer(input) || input.length === 0) {
    throw new ImageRejectedError('bad_request', 'The upload was empty; attach the screenshot again.');
  }
  // 1. Size, before anything reads the content.
  if (input.length > maxBytes) {
    throw new ImageRejectedError('payload_too_large', `The image is larger than ${formatBytes(maxBytes)}; crop it or send a smaller screenshot.`);
  }

  // 2. Format, from the content only.
  const sniffed = sniffImageFormat(input);
  if (!sniffed) {
    const other = describeOther(input);
    throw new ImageRejectedError(
      'unsupported_media_type',
      other ? `${other} files are not accepted; ${ACCEPTED_HINT}.` : `The file is not an image we accept; ${ACCEPTED_HINT}.`,
    );
  }

  // The options every libvips read of this input uses: the pixel limit is enforced from the
  // header, before decoding; `pages: 1` keeps only the first frame of an animation.
  const readOptions: SharpOptions = { limitInputPixels: maxPixels, failOn: 'warning', pages: 1, page: 0 };

  // 3. Header: libvips must agree on the format, and the dimensions must be within the limit.
  let meta: Metadata;
  try {
    meta = await sharp(input, readOptions).metadata();
  } catch (err) {
    if (isPixelLimitError(err)) throw tooManyPixels(maxPixels);
    throw new ImageRejectedError('bad_request', `The ${sniffed.toUpperCase()} file is damaged or incomplete; take the screenshot again and resend it.`);
  }
  if (meta.format !== sniffed) {
    throw new ImageRejectedError('unsupported_media_type', `The file is not a valid PNG, JPEG or WebP image; ${ACCEPTED_HINT}.`);
  }
  const { width, height } = meta;
  if (!width || !height || width <= 0 || height <= 0) {
    throw new ImageRejectedError('bad_request', 'The image has no size; take the screenshot again and resend it.');
  }
  if (width * height > maxPixels) throw tooManyPixels(maxPixels);

  // 4. Decode, orient, re-encode without metadata (sharp keeps none unless asked to).
  const pipeline = encodeAs(sharp(input, readOptions).autoOrient().timeout({ seconds: PROCESS_TIMEOUT_SEC }), MIME[sniffed]);
  let out: { data: Buffer; info: OutputInfo };
  try {
    out = await pipeline.toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (isPixelLimitError(err)) throw tooManyPixels(maxPixels);
    throw new ImageRejectedError('bad_request', `The ${sniffed.toUpperCase()} file is damaged or incomplete; take the screenshot again and resend it.`);
  }

  return checkedImage(out.data, MIME[sniffed], out.info.width, out.info.height);
}

/** Ends a sharp pipeline with the encoder (and settings) every stored screenshot of that type uses. */
export function encodeAs(pipeline: Sharp, mime: ImageMime): Sharp {
  switch (mime) {
    case 'image/png':
      return pipeline.png({ compressionLevel: 6 });
    case 'image/jpeg':
      return pipeline.jpeg({ quality: 90, chromaSubsampling: '4:4:4' });
    case 'image/webp':
      return pipeline.webp({ quality: 90 });
    default:
      return assertNever(mime);
  }
}

/** The checked-image record of bytes that are already clean (after redaction). */
export function checkedImage(data: Buffer, mime: ImageMime, width: number, height: number): CheckedImage {
  return { data, mime, width, height, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

function tooManyPixels(maxPixels: number): ImageRejectedError {
  const mp = Math.floor(maxPixels / 1_000_000);
  return new ImageRejectedError(
    'payload_too_large',
    `The image has more than ${mp > 0 ? `${mp} megapixels` : `${maxPixels} pixels`}; send a normal-sized screenshot instead.`,
  );
}

function assertNever(x: never): never {
  throw new Error(`unexpected format ${String(x)}`);
}
