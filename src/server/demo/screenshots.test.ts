import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkAndCleanImage } from '../attachments/image';
import { appScreenshotSvg, escapeXml, renderAppScreenshot, SCREENSHOT_HEIGHT, SCREENSHOT_WIDTH, wrapText } from './screenshots';

const base = {
  seed: 42,
  errorCode: 'CHK-SPIN-408',
  title: 'Something went wrong',
  message: 'We could not complete your payment right now. Please try again in a few minutes.',
  appVersion: '7.14.2 (1402)',
};

describe('renderAppScreenshot', () => {
  it('renders a PNG phone screenshot that passes the upload check', async () => {
    const png = await renderAppScreenshot(base);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', SCREENSHOT_WIDTH, SCREENSHOT_HEIGHT]);
    const checked = await checkAndCleanImage(png);
    expect(checked).toMatchObject({ mime: 'image/png', width: 390, height: 844 });
    // Not a blank page: the image has real content (text, card, buttons).
    const stats = await sharp(png).stats();
    expect(stats.channels[0]!.stdev).toBeGreaterThan(5);
  });

  it('is deterministic for the same inputs and varies with the seed', async () => {
    const a = await renderAppScreenshot(base);
    const b = await renderAppScreenshot({ ...base });
    expect(a.equals(b)).toBe(true);
    const c = await renderAppScreenshot({ ...base, seed: 43 });
    expect(a.equals(c)).toBe(false);
  });

  it('draws hostile text as text', async () => {
    const hostile = {
      ...base,
      title: '<script>alert("x")</script> & <svg onload=1>',
      message: `Tom & Jerry's "order" </text><image href="file:///etc/passwd"/> \u0000\u0007 ${'x'.repeat(300)}`,
      errorCode: ']]><!--',
      appVersion: '7.1 <b>',
    };
    const svg = appScreenshotSvg(hostile);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<image');
    expect(svg).not.toContain('<b>');
    // eslint-disable-next-line no-control-regex -- looking for control characters on purpose
    expect(svg).not.toMatch(/[\u0000-\u0008]/);
    const png = await renderAppScreenshot(hostile);
    expect((await sharp(png).metadata()).width).toBe(SCREENSHOT_WIDTH);
  });
});

describe('escapeXml and wrapText', () => {
  it('escapes the five XML specials and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>\u0001\uFFFE`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;');
    expect(escapeXml('lone \uD800 surrogate, pair 😀')).toBe('lone  surrogate, pair 😀');
  });

  it('wraps by words, breaks overlong words, and ends a cut text with an ellipsis', () => {
    expect(wrapText('one two three four', 9, 5)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('abcdefghijkl', 5, 5)).toEqual(['abcde', 'fghij', 'kl']);
    const cut = wrapText('a b c d e f g h', 3, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith('…')).toBe(true);
    expect(wrapText('first\nsecond', 20, 5)).toEqual(['first', 'second']);
  });
});
