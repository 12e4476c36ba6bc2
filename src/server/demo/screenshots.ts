/**
 * Generated phone screenshots of the BNPL app showing an error, for demo `technical_glitch`
 * chats: an SVG drawn here, rendered to PNG by sharp (librsvg). Same inputs, same bytes.
 * Every piece of text is escaped for XML and stripped of characters XML cannot hold, so a
 * title like `<script>` or `Tom & Jerry` is drawn as text, never parsed as markup.
 */
import sharp from 'sharp';
import { Rng } from './rng';

export const SCREENSHOT_WIDTH = 390;
export const SCREENSHOT_HEIGHT = 844;

export interface ScreenshotOptions {
  seed: number;
  errorCode: string;
  title: string;
  message: string;
  appVersion: string;
}

const FONT = "DejaVu Sans, Liberation Sans, Helvetica, Arial, sans-serif";

/** Characters XML 1.0 cannot carry at all (C0 controls except tab/newline/CR, U+FFFE/U+FFFF, lone surrogates). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe to put inside an XML element or a quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Greedy word wrap by character count (the font is proportional; this is close enough). */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const lines: string[] = [];
  const paragraphs = text.replace(XML_INVALID, '').replace(/\r\n?/g, '\n').split('\n');
  outer: for (const paragraph of paragraphs) {
    const words = paragraph.split(/[ \t]+/).filter(Boolean);
    let line = '';
    for (let word of words) {
      while (word.length > maxChars) {
        // A word longer than a line (a URL, an error id) is broken hard.
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(word.slice(0, maxChars));
        word = word.slice(maxChars);
        if (lines.length > maxLines) break outer;
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
      if (lines.length > maxLines) break outer;
    }
    if (line) lines.push(line);
    if (lines.length > maxLines) break;
  }
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    const last = kept[maxLines - 1] ?? '';
    kept[maxLines - 1] = `${last.length >= maxChars ? last.slice(0, maxChars - 1) : last}…`;
    return kept;
  }
  return lines;
}

interface Theme {
  dark: boolean;
  background: string;
  surface: string;
  text: string;
  muted: string;
  divider: string;
  accent: string;
  danger: string;
}

const ACCENTS = ['#ff8fb1', '#5b5bd6', '#0f9d76', '#1f6feb', '#e8590c'] as const;
const TABS = ['Shop', 'Purchases', 'Payments', 'Profile'] as const;
/** The screen the error shows on, and the tab it lives under. */
const SCREENS: readonly (readonly [string, number])[] = [
  ['Checkout', 0],
  ['Purchases', 1],
  ['Payments', 2],
  ['Pay now', 2],
  ['Profile', 3],
];

function themeFor(rng: Rng): Theme {
  const dark = rng.chance(0.3);
  const accent = rng.pick(ACCENTS);
  return dark
    ? { dark, background: '#111318', surface: '#1c1f26', text: '#f2f3f5', muted: '#9aa0ab', divider: '#2b2f38', accent, danger: '#ff6b6b' }
    : { dark, background: '#f5f6f8', surface: '#ffffff', text: '#17181c', muted: '#6b7280', divider: '#e4e6eb', accent, danger: '#d93025' };
}

function textLines(lines: string[], x: number, y: number, lineHeight: number, attrs: string): string {
  return lines.map((line, i) => `<text x="${x}" y="${y + i * lineHeight}" ${attrs}>${escapeXml(line)}</text>`).join('\n');
}

/** The SVG source of the screenshot (exported for tests and for anyone who wants a vector). */
export function appScreenshotSvg(opts: ScreenshotOptions): string {
  const rng = new Rng(opts.seed >>> 0);
  const t = themeFor(rng);
  const W = SCREENSHOT_WIDTH;
  const H = SCREENSHOT_HEIGHT;
  const hour = rng.intBetween(7, 22);
  const minute = rng.int(60);
  const clock = `${hour}:${String(minute).padStart(2, '0')}`;
  const battery = rng.intBetween(12, 100);
  const [screen, activeTab] = rng.pick(SCREENS);
  const signalBars = rng.intBetween(1, 4);

  const cardX = 20;
  const cardW = W - 2 * cardX;
  const textX = cardX + 24;
  const titleLines = wrapText(opts.title, 24, 3);
  const messageLines = wrapText(opts.message, 36, 7);
  const codeLine = wrapText(`Error code: ${opts.errorCode}`, 40, 1);
  const cardY = 150;
  const iconY = cardY + 56;
  const titleY = iconY + 70;
  const messageY = titleY + titleLines.length * 28 + 12;
  const codeY = messageY + messageLines.length * 22 + 16;
  const buttonsY = codeY + 34;
  const cardH = buttonsY + 2 * 56 + 8 - cardY;
  const batteryColour = battery <= 20 ? t.danger : t.text;

  const tabW = W / TABS.length;
  const tabs = TABS.map((label, i) => {
    const cx = tabW * i + tabW / 2;
    const colour = i === activeTab ? t.accent : t.muted;
    return `<circle cx="${cx}" cy="${H - 74}" r="9" fill="none" stroke="${colour}" stroke-width="2"/>
<text x="${cx}" y="${H - 48}" font-size="11" text-anchor="middle" fill="${colour}">${escapeXml(label)}</text>`;
  }).join('\n');

  const bars = [0, 1, 2, 3]
    .map((i) => `<rect x="${W - 104 + i * 6}" y="${22 - i * 3}" width="4" height="${5 + i * 3}" rx="1" fill="${i < signalBars ? t.text : t.divider}"/>`)
    .join('');

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}">
<rect width="${W}" height="${H}" fill="${t.background}"/>
<text x="28" y="32" font-size="15" font-weight="bold" fill="${t.text}">${clock}</text>
${bars}
<rect x="${W - 70}" y="18" width="26" height="13" rx="3" fill="none" stroke="${t.text}" stroke-width="1.5"/>
<rect x="${W - 68}" y="20" width="${Math.max(2, Math.round((22 * battery) / 100))}" height="9" rx="1.5" fill="${batteryColour}"/>
<rect x="${W - 43}" y="22" width="2" height="5" rx="1" fill="${t.text}"/>
<text x="${W - 36}" y="30" font-size="11" fill="${t.text}">${battery}%</text>
<text x="24" y="86" font-size="22" fill="${t.text}">‹</text>
<text x="${W / 2}" y="86" font-size="17" font-weight="bold" text-anchor="middle" fill="${t.text}">${escapeXml(screen)}</text>
<rect x="0" y="108" width="${W}" height="1" fill="${t.divider}"/>
<rect x="${cardX}" y="${cardY}" width="${cardW}" height="${cardH}" rx="18" fill="${t.surface}" stroke="${t.divider}"/>
<circle cx="${textX + 22}" cy="${iconY}" r="22" fill="${t.danger}" fill-opacity="0.14"/>
<text x="${textX + 22}" y="${iconY + 9}" font-size="26" font-weight="bold" text-anchor="middle" fill="${t.danger}">!</text>
${textLines(titleLines, textX, titleY, 28, `font-size="21" font-weight="bold" fill="${t.text}"`)}
${textLines(messageLines, textX, messageY, 22, `font-size="15" fill="${t.muted}"`)}
${textLines(codeLine, textX, codeY, 18, `font-size="12" font-family="DejaVu Sans Mono, Liberation Mono, monospace" fill="${t.muted}"`)}
<rect x="${textX}" y="${buttonsY}" width="${cardW - 48}" height="46" rx="23" fill="${t.accent}"/>
<text x="${W / 2}" y="${buttonsY + 29}" font-size="15" font-weight="bold" text-anchor="middle" fill="#ffffff">Try again</text>
<rect x="${textX}" y="${buttonsY + 56}" width="${cardW - 48}" height="46" rx="23" fill="none" stroke="${t.divider}" stroke-width="1.5"/>
<text x="${W / 2}" y="${buttonsY + 85}" font-size="15" text-anchor="middle" fill="${t.text}">Contact support</text>
<text x="${W / 2}" y="${H - 128}" font-size="11" text-anchor="middle" fill="${t.muted}">${escapeXml(wrapText(`App version ${opts.appVersion}`, 48, 1)[0] ?? '')}</text>
<rect x="0" y="${H - 100}" width="${W}" height="100" fill="${t.surface}"/>
<rect x="0" y="${H - 100}" width="${W}" height="1" fill="${t.divider}"/>
${tabs}
<rect x="${W / 2 - 67}" y="${H - 14}" width="134" height="5" rx="2.5" fill="${t.text}"/>
</svg>`;
}

/** A PNG phone screenshot (390 x 844) of the app's error screen. Deterministic for the same inputs. */
export async function renderAppScreenshot(opts: ScreenshotOptions): Promise<Buffer> {
  const svg = appScreenshotSvg(opts);
  return sharp(Buffer.from(svg, 'utf8'), { density: 72 })
    .resize(SCREENSHOT_WIDTH, SCREENSHOT_HEIGHT, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .png({ compressionLevel: 9 })
    .toBuffer();
}
