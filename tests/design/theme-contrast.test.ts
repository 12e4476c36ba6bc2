/**
 * The colour tokens of src/renderer/styles.css, light and dark, against the contrast table of
 * UX.md §3: text ≥ 4.5:1, non-text marks (borders, rings, dots) ≥ 3:1, WCAG 2 relative luminance.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const css = readFileSync(fileURLToPath(new URL('../../src/renderer/styles.css', import.meta.url)), 'utf8');

function block(selector: string): Record<string, string> {
  const at = css.indexOf(`${selector} {`);
  if (at < 0) throw new Error(`no ${selector} block`);
  const body = css.slice(at, css.indexOf('}', at));
  const vars: Record<string, string> = {};
  for (const m of body.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\b/g)) vars[m[1]!] = m[2]!.toLowerCase();
  return vars;
}

const light = block(':root');
const dark = { ...light, ...block(":root[data-theme='dark']") };

const channel = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => channel(parseInt(hex.slice(i, i + 2), 16) / 255));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const TEXT = 4.5;
const MARK = 3;
/** [foreground, background, minimum]; '#fff' is literal white. */
const PAIRS: [string, string, number][] = [
  ['text-primary', 'bg-panel', TEXT],
  ['text-primary', 'bg-selected', TEXT],
  ['text-primary', 'bg-overlay', TEXT],
  ['text-secondary', 'bg-panel', TEXT],
  ['text-secondary', 'bg-app', TEXT],
  ['text-secondary', 'bg-selected', TEXT],
  ['text-secondary', 'bg-overlay', TEXT],
  ['accent-text', 'bg-panel', TEXT],
  ['accent-text', 'bg-overlay', TEXT],
  ['accent-text', 'accent-subtle', TEXT],
  ['#fff', 'accent-solid', TEXT],
  ['#fff', 'accent-solid-hover', TEXT],
  ['#fff', 'danger-solid', TEXT],
  ['#fff', 'msg-note-rule', TEXT],
  ['#fff', 'note-solid-hover', TEXT],
  ['success-text', 'bg-panel', TEXT],
  ['warning-text', 'bg-panel', TEXT],
  ['danger-text', 'bg-panel', TEXT],
  ['danger-text', 'bg-overlay', TEXT],
  ['info-text', 'bg-panel', TEXT],
  ['chip-success-fg', 'chip-success-bg', TEXT],
  ['chip-warning-fg', 'chip-warning-bg', TEXT],
  ['chip-danger-fg', 'chip-danger-bg', TEXT],
  ['chip-info-fg', 'chip-info-bg', TEXT],
  ['text-primary', 'msg-customer-bg', TEXT],
  ['text-primary', 'msg-agent-bg', TEXT],
  ['msg-meta', 'msg-customer-bg', TEXT],
  ['msg-meta', 'msg-agent-bg', TEXT],
  ['msg-note-fg', 'msg-note-bg', TEXT],
  ['msg-note-fg', 'note-input-bg', TEXT],
  ['note-placeholder', 'note-input-bg', TEXT],
  ['banner-offline-fg', 'banner-offline-bg', TEXT],
  ['banner-error-fg', 'banner-error-bg', TEXT],
  ['banner-online-fg', 'banner-online-bg', TEXT],
  ['mark-fg', 'mark-bg', TEXT],
  ['focus-ring', 'bg-panel', MARK],
  ['focus-ring', 'bg-overlay', MARK],
  ['border-control', 'bg-panel', MARK],
  ['presence-available', 'bg-panel', MARK],
  ['presence-away-ring', 'bg-panel', MARK],
  ['presence-offline', 'bg-panel', MARK],
  ['msg-note-rule', 'bg-panel', MARK],
];

describe.each([
  ['light', light],
  ['dark', dark],
] as const)('%s theme tokens', (_name, tokens) => {
  it.each(PAIRS)('%s on %s ≥ %s:1', (fg, bg, min) => {
    const f = fg === '#fff' ? '#ffffff' : tokens[fg];
    const b = tokens[bg];
    expect(f, fg).toMatch(/^#[0-9a-f]{6}$/);
    expect(b, bg).toMatch(/^#[0-9a-f]{6}$/);
    expect(contrast(f!, b!)).toBeGreaterThanOrEqual(min);
  });
});

describe('the dark column of UX.md §3', () => {
  it('uses the table\'s values', () => {
    expect(dark).toMatchObject({
      'bg-app': '#111113',
      'bg-panel': '#18191b',
      'bg-hover': '#212225',
      'bg-selected': '#272a2d',
      'text-primary': '#edeef0',
      'text-secondary': '#b0b4ba',
      'border-subtle': '#363a3f',
      'border-control': '#696e77',
      'accent-text': '#9eb1ff',
      'accent-subtle': '#182449',
      'focus-ring': '#9eb1ff',
      'presence-available': '#30a46c',
      'presence-offline': '#777b84',
      'msg-agent-bg': '#0d2847',
      'msg-note-bg': '#302008',
      'msg-note-rule': '#8f6424',
    });
    expect(contrast(dark['text-primary']!, dark['bg-panel']!)).toBeCloseTo(15.15, 1);
    expect(contrast(dark['text-secondary']!, dark['bg-panel']!)).toBeCloseTo(8.45, 1);
  });
});
