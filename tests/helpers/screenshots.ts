/**
 * Generated screenshots with known text (sharp renders SVG text with the system's fonts): the
 * OCR tests and the OCR eval (scripts/eval/ocr.ts) draw card numbers in several fonts, sizes,
 * positions and themes, and decoys without cards, and know which card each one shows.
 */
import sharp from 'sharp';

/** Fonts Debian ships (fonts-dejavu-core, fonts-liberation). */
export const FONTS = ['DejaVu Sans', 'DejaVu Sans Mono', 'Liberation Sans', 'Liberation Serif', 'Liberation Mono'] as const;
export type Font = (typeof FONTS)[number];

export interface TextLine {
  text: string;
  x: number;
  /** The baseline. */
  y: number;
  size: number;
  font: Font;
}

export interface ScreenshotSpec {
  width: number;
  height: number;
  theme: 'light' | 'dark';
  lines: TextLine[];
  format?: 'png' | 'jpeg' | 'webp';
}

const THEMES = {
  light: { bg: '#ffffff', fg: '#1c2024', bar: '#f0f0f3' },
  dark: { bg: '#111113', fg: '#edeef0', bar: '#212225' },
};

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function renderScreenshot(spec: ScreenshotSpec): Promise<Buffer> {
  const theme = THEMES[spec.theme];
  const text = spec.lines
    .map((l) => `<text x="${l.x}" y="${l.y}" font-family="${l.font}" font-size="${l.size}" fill="${theme.fg}">${escapeXml(l.text)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${spec.width}" height="${spec.height}"><rect width="100%" height="100%" fill="${theme.bg}"/><rect width="100%" height="44" fill="${theme.bar}"/>${text}</svg>`;
  const img = sharp(Buffer.from(svg));
  switch (spec.format ?? 'png') {
    case 'jpeg':
      return img.jpeg({ quality: 92 }).toBuffer();
    case 'webp':
      return img.webp({ quality: 92 }).toBuffer();
    default:
      return img.png().toBuffer();
  }
}

/** Test cards (all Luhn-valid, the networks' published test numbers). */
export const TEST_CARDS = [
  { digits: '4111111111111111', grouped: '4111 1111 1111 1111' },
  { digits: '5555555555554444', grouped: '5555 5555 5555 4444' },
  { digits: '378282246310005', grouped: '3782 822463 10005' },
  { digits: '6011111111111117', grouped: '6011 1111 1111 1117' },
  { digits: '4012888888881881', grouped: '4012 8888 8888 1881' },
  { digits: '2223003122003222', grouped: '2223 0031 2200 3222' },
] as const;

export interface GeneratedScreenshot {
  name: string;
  /** The encoded image (PNG unless `spec.format` says otherwise). */
  png: Buffer;
  spec: ScreenshotSpec;
  /** The card shown (digits), or null for a decoy. */
  card: string | null;
  /** Text that must survive into the OCR text (an error code or transaction id). */
  mustRead: string;
}

/** A payment-app error screen showing `cardText` (or none) among ordinary lines. */
export function paymentErrorSpec(o: { font: Font; size: number; theme: 'light' | 'dark'; cardText: string | null; errorCode: string; cardRow?: number; cardX?: number; width?: number; decoyLines?: string[] }): ScreenshotSpec {
  const width = o.width ?? 900;
  const gap = Math.round(o.size * 2.2);
  const rows = [`Payment failed: error ${o.errorCode}`, 'Transaction TX-7KQ2M9PZ4A  Order ORD-1234567', ...(o.decoyLines ?? ['Support +46 70 123 45 67  Due 2026-11-29'])];
  const cardRow = o.cardRow ?? 1;
  if (o.cardText) rows.splice(Math.min(cardRow, rows.length), 0, `Card ${o.cardText}  exp 12/27`);
  const top = 44 + gap;
  const lines: TextLine[] = rows.map((text, i) => ({ text, x: i === cardRow && o.cardText ? (o.cardX ?? 32) : 32, y: top + i * gap, size: o.size, font: o.font }));
  return { width, height: top + rows.length * gap + gap, theme: o.theme, lines };
}

/**
 * The eval set: every font x theme with a card in several sizes, positions and groupings, plus
 * decoys without a card (phone numbers, dates, order numbers, transaction ids, Luhn-invalid numbers).
 */
export async function generateScreenshotSet(): Promise<GeneratedScreenshot[]> {
  const out: GeneratedScreenshot[] = [];
  const sizes = [14, 20, 26];
  let n = 0;
  for (const font of FONTS) {
    for (const theme of ['light', 'dark'] as const) {
      for (let k = 0; k < 3; k++) {
        const card = TEST_CARDS[n % TEST_CARDS.length]!;
        const grouped = n % 3 !== 2;
        const spec = paymentErrorSpec({
          font,
          theme,
          size: sizes[(n + k) % sizes.length]!,
          cardText: grouped ? card.grouped : card.digits,
          errorCode: `E-${4000 + n}`,
          cardRow: n % 4,
          cardX: 32 + (n % 5) * 60,
        });
        // Some arrive as JPEG or WebP (phones send both): compression artefacts around the digits.
        const format = n % 5 === 4 ? 'jpeg' : n % 7 === 6 ? 'webp' : 'png';
        const withFormat = { ...spec, format } as ScreenshotSpec;
        out.push({ name: `card-${font.replace(/ /g, '')}-${theme}-${k}-${format}`, png: await renderScreenshot(withFormat), spec: withFormat, card: card.digits, mustRead: `E-${4000 + n}` });
        n++;
      }
    }
  }
  const decoys = [
    ['Order 100234 ships 2026-12-01', 'Call +46 70 123 45 67'],
    ['Reference 4111 1111 1111 1112', 'Tracking 4111 2222 3333 4448 5555 6'],
    ['Paid 1,299.00 SEK on 29/11/2026', 'Card ending 1111'],
  ];
  for (const [i, font] of FONTS.entries()) {
    const spec = paymentErrorSpec({ font, theme: i % 2 ? 'dark' : 'light', size: 20, cardText: null, errorCode: `E-${5000 + i}`, decoyLines: decoys[i % decoys.length] });
    out.push({ name: `decoy-${font.replace(/ /g, '')}`, png: await renderScreenshot(spec), spec, card: null, mustRead: `E-${5000 + i}` });
  }
  return out;
}
